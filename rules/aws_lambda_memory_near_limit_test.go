package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func sizedLambda(addr string, memory any) plantest.Resource {
	return runtimeLambda(addr, "python3.12", memory)
}

func TestLambdaMemoryNearLimit(t *testing.T) {
	tests := []struct {
		name    string
		plan    *plantest.Builder
		options any
		want    []string
	}{
		{
			name: "at the cap",
			plan: plantest.New().Add(sizedLambda("aws_lambda_function.model", 10240)),
			want: []string{"notice aws_lambda_function.model: memory_size 10240 MB is 100% of the 10240 MB Lambda maximum: a larger working set has nowhere to grow"},
		},
		{
			name: "at the 8192 MB threshold",
			plan: plantest.New().Add(sizedLambda("aws_lambda_function.model", 8192)),
			want: []string{"notice aws_lambda_function.model: memory_size 8192 MB is 80% of the 10240 MB Lambda maximum: a larger working set has nowhere to grow"},
		},
		{
			name: "below the threshold",
			plan: plantest.New().Add(sizedLambda("aws_lambda_function.model", 8191)),
			want: []string{},
		},
		{
			name:    "a lower threshold from the options",
			plan:    plantest.New().Add(sizedLambda("aws_lambda_function.model", 6144)),
			options: &rules.MemoryNearLimitOptions{ThresholdMB: 6144},
			want:    []string{"notice aws_lambda_function.model: memory_size 6144 MB is 60% of the 10240 MB Lambda maximum: a larger working set has nowhere to grow"},
		},
		{
			name: "unknown memory is silent",
			plan: plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.model", After: map[string]any{"function_name": "fn"}, Unknown: []string{"memory_size"}}),
			want: []string{},
		},
		{
			name: "sensitive memory is silent",
			plan: plantest.New().Add(func() plantest.Resource {
				r := sizedLambda("aws_lambda_function.model", 10240)
				r.Sensitive = []string{"memory_size"}
				return r
			}()),
			want: []string{},
		},
		{
			name: "count and modules: each instance on its own",
			plan: plantest.New().Module(plantest.ModuleCall{Path: "module.ml", Source: "./ml"}).
				Add(sizedLambda("module.ml.aws_lambda_function.model[0]", 9216), sizedLambda("module.ml.aws_lambda_function.model[1]", 1024)),
			want: []string{"notice module.ml.aws_lambda_function.model[0]: memory_size 9216 MB is 90% of the 10240 MB Lambda maximum: a larger working set has nowhere to grow"},
		},
		{
			name: "a function the plan deletes",
			plan: plantest.New().Add(func() plantest.Resource {
				r := sizedLambda("aws_lambda_function.model", 10240)
				r.Actions = []string{"delete"}
				return r
			}()),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(runWith(t, rules.LambdaMemoryNearLimit, tt.plan, tt.options)))
		})
	}
}
