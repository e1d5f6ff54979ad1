package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// unit is a hybrid_unit as the provider plans it. fnRefs are the references of its `function`
// argument (one expression, since function is a nested attribute); nil writes it as a constant.
func unit(addr string, function map[string]any, keepWarm map[string]any, fnRefs ...string) plantest.Resource {
	r := plantest.Resource{Address: addr, After: map[string]any{"name": addr, "function": function, "keep_warm": keepWarm},
		Unknown: []string{"id"}}
	if len(fnRefs) > 0 {
		r.Refs = map[string][]string{"function": fnRefs}
	}
	return r
}

func awsFunction(target string, memory, timeout int, runtime string) map[string]any {
	return map[string]any{"platform": "aws_lambda", "target": target, "memory_mb": memory, "timeout_seconds": timeout, "runtime": runtime}
}

func lambdaWith(addr, name string, memory, timeout int, runtime string) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{"function_name": name, "memory_size": memory, "timeout": timeout, "runtime": runtime},
		Unknown: []string{"arn"}}
}

func TestHybridUnitDrift(t *testing.T) {
	const fnArn = "arn:aws:lambda:eu-west-1:123456789012:function:thumbs"
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "memory, timeout and runtime all differ from the referenced function",
			plan: plantest.New().Add(lambdaWith("aws_lambda_function.thumbs", "thumbs", 1024, 30, "python3.11"),
				unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"), nil, "aws_lambda_function.thumbs.arn", "aws_lambda_function.thumbs")),
			want: []string{
				`error hybrid_unit.thumbs: function.memory_mb 1536 differs from aws_lambda_function.thumbs memory_size 1024 MB`,
				`error hybrid_unit.thumbs: function.runtime "python3.12" differs from aws_lambda_function.thumbs runtime "python3.11"`,
				`error hybrid_unit.thumbs: function.timeout_seconds 60 differs from aws_lambda_function.thumbs timeout 30s`,
			},
		},
		{
			name: "matching values are silent",
			plan: plantest.New().Add(lambdaWith("aws_lambda_function.thumbs", "thumbs", 1536, 60, "python3.12"),
				unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"), nil, "aws_lambda_function.thumbs.arn", "aws_lambda_function.thumbs")),
			want: []string{},
		},
		{
			name: "a literal ARN finds the function by name",
			plan: plantest.New().Add(lambdaWith("aws_lambda_function.thumbs", "thumbs", 1536, 30, "python3.12"),
				unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"), nil)),
			want: []string{`error hybrid_unit.thumbs: function.timeout_seconds 60 differs from aws_lambda_function.thumbs timeout 30s`},
		},
		{
			name: "a target in another stack is not compared",
			plan: plantest.New().Add(lambdaWith("aws_lambda_function.other", "other", 128, 3, "python3.12"),
				unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"), nil)),
			want: []string{},
		},
		{
			name: "an unknown function timeout is not compared",
			plan: plantest.New().Add(
				plantest.Resource{Address: "aws_lambda_function.thumbs", After: map[string]any{"function_name": "thumbs", "memory_size": 1536, "runtime": "python3.12"},
					Unknown: []string{"arn", "timeout"}, Refs: map[string][]string{"timeout": {"var.timeout"}}},
				unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"), nil, "aws_lambda_function.thumbs.arn", "aws_lambda_function.thumbs")),
			want: []string{},
		},
		{
			name: "through an alias",
			plan: plantest.New().Add(lambdaWith("aws_lambda_function.thumbs", "thumbs", 1536, 30, "python3.12"),
				plantest.Resource{Address: "aws_lambda_alias.live", After: map[string]any{"name": "live"}, Unknown: []string{"arn", "function_name"},
					Refs: map[string][]string{"function_name": {"aws_lambda_function.thumbs.function_name", "aws_lambda_function.thumbs"}}},
				unit("hybrid_unit.thumbs", awsFunction(fnArn+":live", 1536, 60, "python3.12"), nil, "aws_lambda_alias.live.arn", "aws_lambda_alias.live")),
			want: []string{`error hybrid_unit.thumbs: function.timeout_seconds 60 differs from aws_lambda_function.thumbs timeout 30s`},
		},
		{
			name: "a gen2 Cloud Function: memory in binary units counts as the same",
			plan: plantest.New().Add(
				plantest.Resource{Address: "google_cloudfunctions2_function.reports", After: map[string]any{
					"name": "sales-reports", "location": "europe-west1",
					"build_config":   []any{map[string]any{"runtime": "python312", "entry_point": "main"}},
					"service_config": []any{map[string]any{"available_memory": "2Gi", "timeout_seconds": 300}}}, Unknown: []string{"id", "url"}},
				unit("hybrid_unit.reports", map[string]any{"platform": "gcp_functions_gen2", "target": "projects/acme/locations/europe-west1/functions/sales-reports",
					"memory_mb": 2048, "timeout_seconds": 540, "runtime": "python312"}, nil)),
			want: []string{`error hybrid_unit.reports: function.timeout_seconds 540 differs from google_cloudfunctions2_function.reports service_config.0.timeout_seconds 300s`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.HybridUnitDrift, tt.plan)))
		})
	}
}
