package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestLambdaTimeoutNearLimit(t *testing.T) {
	tests := []struct {
		name    string
		fn      plantest.Resource
		options any
		want    []string
	}{
		{name: "at the 80% threshold fires", fn: lambda("aws_lambda_function.a", 720),
			want: []string{"notice aws_lambda_function.a: timeout 720s is 80% of the 900s Lambda maximum: longer work will be cut off"}},
		{name: "at the cap fires", fn: lambda("aws_lambda_function.a", 900),
			want: []string{"notice aws_lambda_function.a: timeout 900s is 100% of the 900s Lambda maximum: longer work will be cut off"}},
		{name: "just below the threshold is silent", fn: lambda("aws_lambda_function.a", 719), want: []string{}},
		{name: "the 3s default is silent", fn: lambda("aws_lambda_function.a", 3), want: []string{}},
		{name: "unknown timeout is silent", fn: unknownLambda("aws_lambda_function.a"), want: []string{}},
		{name: "a function the plan deletes is silent", fn: deleted(lambda("aws_lambda_function.a", 900)), want: []string{}},
		{name: "a function the plan forgets is silent", fn: forgotten(lambda("aws_lambda_function.a", 900)), want: []string{}},
		{name: "threshold option lowers the bar", fn: lambda("aws_lambda_function.a", 450),
			options: &rules.NearLimitOptions{ThresholdPercent: 50},
			want:    []string{"notice aws_lambda_function.a: timeout 450s is 50% of the 900s Lambda maximum: longer work will be cut off"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runWith(t, rules.LambdaTimeoutNearLimit, plantest.New().Add(tt.fn), tt.options)
			require.Equal(t, tt.want, summaries(got))
		})
	}
}
