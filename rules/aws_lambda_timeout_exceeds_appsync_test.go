package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// appsyncLambdaSource is an AWS_LAMBDA data source whose function ARN is known after apply and
// referenced in configuration.
func appsyncLambdaSource(addr string, fnRefs ...string) plantest.Resource {
	return plantest.Resource{Address: addr,
		After:   map[string]any{"name": "orders", "type": "AWS_LAMBDA"},
		Unknown: []string{"lambda_config", "api_id"},
		Refs: map[string][]string{
			"api_id":                       {"aws_appsync_graphql_api.api.id", "aws_appsync_graphql_api.api"},
			"lambda_config.0.function_arn": fnRefs,
		}}
}

func TestLambdaTimeoutExceedsAppSync(t *testing.T) {
	fnRef := []string{"aws_lambda_function.fn.arn", "aws_lambda_function.fn"}
	gqlAPI := plantest.Resource{Address: "aws_appsync_graphql_api.api", After: map[string]any{"name": "shop", "authentication_type": "API_KEY"}}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "a resolver function allowed a minute",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 60), gqlAPI, appsyncLambdaSource("aws_appsync_datasource.orders", fnRef...)),
			want: []string{"error aws_lambda_function.fn: timeout 60s exceeds the 30s AppSync request limit of aws_appsync_datasource.orders"},
		},
		{
			name: "exactly 30s is within the limit",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 30), gqlAPI, appsyncLambdaSource("aws_appsync_datasource.orders", fnRef...)),
			want: []string{},
		},
		{
			name: "an unknown timeout is silent",
			plan: plantest.New().Add(unknownLambda("aws_lambda_function.fn"), gqlAPI, appsyncLambdaSource("aws_appsync_datasource.orders", fnRef...)),
			want: []string{},
		},
		{
			name: "a sensitive timeout is silent",
			plan: plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.fn",
				After: map[string]any{"function_name": "fn", "runtime": "python3.12", "timeout": 60}, Sensitive: []string{"timeout"}},
				gqlAPI, appsyncLambdaSource("aws_appsync_datasource.orders", fnRef...)),
			want: []string{},
		},
		{
			name: "a data source of another type is not a Lambda resolver",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 60), gqlAPI,
				plantest.Resource{Address: "aws_appsync_datasource.table", After: map[string]any{"name": "table", "type": "AMAZON_DYNAMODB"},
					Unknown: []string{"lambda_config"}, Refs: map[string][]string{"lambda_config.0.function_arn": fnRef}}),
			want: []string{},
		},
		{
			name: "through an alias",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 45), gqlAPI,
				plantest.Resource{Address: "aws_lambda_alias.live", After: map[string]any{"name": "live"}, Unknown: []string{"arn", "function_name"},
					Refs: map[string][]string{"function_name": {"aws_lambda_function.fn.function_name", "aws_lambda_function.fn"}}},
				appsyncLambdaSource("aws_appsync_datasource.orders", "aws_lambda_alias.live.arn", "aws_lambda_alias.live")),
			want: []string{"error aws_lambda_function.fn: timeout 45s exceeds the 30s AppSync request limit of aws_appsync_datasource.orders"},
		},
		{
			name: "through a module output",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.resolver", Source: "./resolver", Outputs: map[string][]string{"arn": {"aws_lambda_function.this.arn", "aws_lambda_function.this"}}}).
				Add(lambda("module.resolver.aws_lambda_function.this", 120), gqlAPI,
					appsyncLambdaSource("aws_appsync_datasource.orders", "module.resolver.arn", "module.resolver")),
			want: []string{"error module.resolver.aws_lambda_function.this: timeout 120s exceeds the 30s AppSync request limit of aws_appsync_datasource.orders"},
		},
		{
			name: "a hard-coded function ARN is matched by name",
			plan: plantest.New().Add(
				plantest.Resource{Address: "aws_lambda_function.fn", After: map[string]any{"function_name": "orders-resolver", "runtime": "nodejs22.x", "timeout": 90}},
				plantest.Resource{Address: "aws_appsync_datasource.orders", After: map[string]any{"name": "orders", "type": "AWS_LAMBDA",
					"lambda_config": []any{map[string]any{"function_arn": "arn:aws:lambda:eu-west-1:123456789012:function:orders-resolver"}}}}),
			want: []string{"error aws_lambda_function.fn: timeout 90s exceeds the 30s AppSync request limit of aws_appsync_datasource.orders"},
		},
		{
			name: "count: each data source reaches its own function",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn[0]", 60), lambda("aws_lambda_function.fn[1]", 10), gqlAPI,
				appsyncLambdaSource("aws_appsync_datasource.ds[0]", "aws_lambda_function.fn", "count.index"),
				appsyncLambdaSource("aws_appsync_datasource.ds[1]", "aws_lambda_function.fn", "count.index")),
			want: []string{"error aws_lambda_function.fn[0]: timeout 60s exceeds the 30s AppSync request limit of aws_appsync_datasource.ds[0]"},
		},
		{
			name: "a data source the plan deletes is not reported",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 60), gqlAPI, deleted(appsyncLambdaSource("aws_appsync_datasource.orders", fnRef...))),
			want: []string{},
		},
		{
			name: "a function the plan deletes is not reported",
			plan: plantest.New().Add(
				plantest.Resource{Address: "aws_lambda_function.fn", Actions: []string{"delete"}, After: map[string]any{"function_name": "fn", "timeout": 60}},
				gqlAPI, appsyncLambdaSource("aws_appsync_datasource.orders", fnRef...)),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaTimeoutExceedsAppSync, tt.plan)))
		})
	}
}
