package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func pingRule(addr, expr string) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{"name": addr, "schedule_expression": expr, "state": "ENABLED"}, Unknown: []string{"arn"}}
}

func pingTarget(addr, ruleAddr string, arnRefs ...string) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{"target_id": "ping"}, Unknown: []string{"arn", "rule"},
		Refs: map[string][]string{"rule": {ruleAddr + ".name", ruleAddr}, "arn": arnRefs}}
}

func TestHybridUnitKeepWarmMissing(t *testing.T) {
	const fnArn = "arn:aws:lambda:eu-west-1:123456789012:function:thumbs"
	kw5 := map[string]any{"interval_minutes": 5, "concurrency": 1, "enabled": true}
	fnRef := []string{"aws_lambda_function.thumbs.arn", "aws_lambda_function.thumbs"}
	thumbs := lambdaWith("aws_lambda_function.thumbs", "thumbs", 1536, 60, "python3.12")
	u := unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"), kw5, fnRef...)
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "no schedule at all",
			plan: plantest.New().Add(thumbs, u),
			want: []string{"warning hybrid_unit.thumbs: keep_warm declares a ping at least every 5 min (interval_minutes 5) but no schedule in the plan pings aws_lambda_function.thumbs"},
		},
		{
			name: "a rule every 5 minutes targeting the function",
			plan: plantest.New().Add(thumbs, u, pingRule("aws_cloudwatch_event_rule.warm", "rate(5 minutes)"),
				pingTarget("aws_cloudwatch_event_target.warm", "aws_cloudwatch_event_rule.warm", fnRef...)),
			want: []string{},
		},
		{
			name: "a rule slower than declared",
			plan: plantest.New().Add(thumbs, u, pingRule("aws_cloudwatch_event_rule.warm", "rate(15 minutes)"),
				pingTarget("aws_cloudwatch_event_target.warm", "aws_cloudwatch_event_rule.warm", fnRef...)),
			want: []string{"warning hybrid_unit.thumbs: keep_warm declares a ping at least every 5 min (interval_minutes 5) but the most frequent schedule pinging aws_lambda_function.thumbs, aws_cloudwatch_event_rule.warm (rate(15 minutes)), leaves gaps of up to 15 min"},
		},
		{
			name: "a rule whose target reads the unit's function.target counts",
			plan: plantest.New().Add(unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"), kw5),
				pingRule("aws_cloudwatch_event_rule.warm", "rate(5 minutes)"),
				pingTarget("aws_cloudwatch_event_target.warm", "aws_cloudwatch_event_rule.warm", "hybrid_unit.thumbs.function.target", "hybrid_unit.thumbs")),
			want: []string{},
		},
		{
			name: "a function in another stack pinged by its literal ARN counts",
			plan: plantest.New().Add(unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"), kw5),
				pingRule("aws_cloudwatch_event_rule.warm", "cron(0/5 * * * ? *)"),
				plantest.Resource{Address: "aws_cloudwatch_event_target.warm", After: map[string]any{"target_id": "ping", "arn": fnArn + ":live"},
					Unknown: []string{"rule"}, Refs: map[string][]string{"rule": {"aws_cloudwatch_event_rule.warm.name", "aws_cloudwatch_event_rule.warm"}}}),
			want: []string{},
		},
		{
			name: "a function in another stack with nothing pinging it",
			plan: plantest.New().Add(unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"), kw5)),
			want: []string{"notice hybrid_unit.thumbs: keep_warm declares a ping at least every 5 min (interval_minutes 5) for " + fnArn +
				", which is not in this plan: no schedule here pings it, and a schedule in the stack that owns it cannot be checked from this plan"},
		},
		{
			name: "keep-warm disabled is silent",
			plan: plantest.New().Add(thumbs, unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"),
				map[string]any{"interval_minutes": 5, "concurrency": 1, "enabled": false}, fnRef...)),
			want: []string{},
		},
		{
			name: "no keep_warm block is silent",
			plan: plantest.New().Add(thumbs, unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"), nil, fnRef...)),
			want: []string{},
		},
		{
			name: "a declared schedule sets the interval",
			plan: plantest.New().Add(thumbs, unit("hybrid_unit.thumbs", awsFunction(fnArn, 1536, 60, "python3.12"),
				map[string]any{"schedule": "rate(10 minutes)", "concurrency": 1, "enabled": true}, fnRef...),
				pingRule("aws_cloudwatch_event_rule.warm", "rate(10 minutes)"),
				pingTarget("aws_cloudwatch_event_target.warm", "aws_cloudwatch_event_rule.warm", fnRef...)),
			want: []string{},
		},
		{
			name: "a schedule whose expression is unknown may be the one: silent",
			plan: plantest.New().Add(thumbs, u,
				plantest.Resource{Address: "aws_cloudwatch_event_rule.warm", After: map[string]any{"name": "warm"}, Unknown: []string{"arn", "schedule_expression"},
					Refs: map[string][]string{"schedule_expression": {"hybrid_unit.thumbs.keep_warm_schedule.aws", "hybrid_unit.thumbs"}}},
				pingTarget("aws_cloudwatch_event_target.warm", "aws_cloudwatch_event_rule.warm", fnRef...)),
			want: []string{},
		},
		{
			name: "an Azure app with a timer-triggered function every 5 minutes",
			plan: plantest.New().Add(
				plantest.Resource{Address: "azurerm_linux_function_app.api", After: map[string]any{"name": "api"}, Unknown: []string{"id"}},
				unit("hybrid_unit.api", map[string]any{"platform": "azure_functions_premium", "target": "api", "memory_mb": 1536, "timeout_seconds": 600, "runtime": "python"},
					kw5, "azurerm_linux_function_app.api.id", "azurerm_linux_function_app.api"),
				plantest.Resource{Address: "azurerm_function_app_function.warm", After: map[string]any{"name": "warm",
					"config_json": `{"bindings":[{"type":"timerTrigger","name":"t","direction":"in","schedule":"0 */10 * * * *"}]}`},
					Unknown: []string{"function_app_id"}, Refs: map[string][]string{"function_app_id": {"azurerm_linux_function_app.api.id", "azurerm_linux_function_app.api"}}}),
			want: []string{"warning hybrid_unit.api: keep_warm declares a ping at least every 5 min (interval_minutes 5) but the most frequent schedule pinging azurerm_linux_function_app.api, azurerm_function_app_function.warm (0 */10 * * * *), leaves gaps of up to 10 min"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.HybridUnitKeepWarmMissing, tt.plan)))
		})
	}
}
