package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The functions' lower bounds, run through the validators their definitions declare: the value at
// the bound passes, one below it is an error that names the bound.
func TestFunctionParameters_lowerBounds(t *testing.T) {
	cases := []struct {
		fn    function.Function
		param string
		least int64
	}{
		{NewMonthlyCostFunction(), "memory_mb", 1},
		{NewMonthlyCostFunction(), "avg_duration_ms", 1},
		{NewMonthlyCostFunction(), "requests_per_month", 0},
		{NewKeepWarmScheduleFunction(), "interval_minutes", 1},
	}
	for _, tc := range cases {
		var meta function.MetadataResponse
		tc.fn.Metadata(context.Background(), function.MetadataRequest{}, &meta)
		t.Run(meta.Name+"."+tc.param, func(t *testing.T) {
			var def function.DefinitionResponse
			tc.fn.Definition(context.Background(), function.DefinitionRequest{}, &def)
			var param function.Int64Parameter
			position := -1
			for i, p := range def.Definition.Parameters {
				if p.GetName() == tc.param {
					param, position = p.(function.Int64Parameter), i
				}
			}
			require.GreaterOrEqual(t, position, 0, "no parameter %s", tc.param)
			validate := func(v int64) *function.FuncError {
				var err *function.FuncError
				for _, val := range param.Validators {
					var resp function.Int64ParameterValidatorResponse
					val.ValidateParameterInt64(context.Background(), function.Int64ParameterValidatorRequest{
						ArgumentPosition: int64(position), Value: types.Int64Value(v)}, &resp)
					err = function.ConcatFuncErrors(err, resp.Error)
				}
				return err
			}
			assert.Nil(t, validate(tc.least), "at the bound")
			assert.Nil(t, validate(tc.least+1), "one above the bound")
			below := validate(tc.least - 1)
			require.NotNil(t, below, "one below the bound")
			assert.Contains(t, below.Error(), fmt.Sprintf("must be at least %d", tc.least))
		})
	}
}
