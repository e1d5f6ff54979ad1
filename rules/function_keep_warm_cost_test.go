package rules_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// warmTimer is a timer-triggered function of an Azure app.
func warmTimer(addr, appAddr, name, schedule string) plantest.Resource {
	cfg, _ := json.Marshal(map[string]any{"bindings": []any{map[string]any{"type": "timerTrigger", "direction": "in", "name": "t", "schedule": schedule}}})
	return plantest.Resource{Address: addr, After: map[string]any{"name": name, "language": "Java", "config_json": string(cfg), "enabled": true},
		Unknown: []string{"function_app_id"}, Refs: map[string][]string{"function_app_id": gcpRef(appAddr, "id")}}
}

func TestFunctionKeepWarmCost(t *testing.T) {
	const fn = "aws_lambda_function.checkout"
	warmer := func(expr, input string) []plantest.Resource {
		return []plantest.Resource{
			eventRule("aws_cloudwatch_event_rule.warmer", expr, map[string]any{"name": "checkout-warmer"}),
			eventTarget("aws_cloudwatch_event_target.warmer", "aws_cloudwatch_event_rule.warmer", input, fnRefs(fn, "arn")...),
		}
	}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			// 8,760 pings x 3 = 26,280 requests x $0.0000002 + 26.28 GB-s x $0.0000166667 = $0.0057;
			// three provisioned 1 GB environments: 3 x 2,628,000 GB-s x $0.0000041667 = $32.85.
			name: "lambda-warmer with concurrency", plan: plantest.New().Add(coldFn(fn, "nodejs22.x", nil)).Add(warmer("rate(5 minutes)", `{"warmer":true,"concurrency":3}`)...),
			want: []string{"notice aws_cloudwatch_event_rule.warmer: keep-warm schedule rate(5 minutes) pings aws_lambda_function.checkout (aws_lambda, 1 GB, x86_64) 8,760 times a month, 3 at a time: $0.0057 a month, each ping billed at the 1 ms minimum; provisioned concurrency for 3 instances would cost $32.85"},
		},
		{
			// Weekdays 08:00-18:55 every 5 minutes: 12 x 11 = 132 a day, 261 weekdays: 2,871 a month.
			name: "office hours", plan: plantest.New().Add(coldFn(fn, "nodejs22.x", nil)).Add(warmer("cron(0/5 8-18 ? * MON-FRI *)", `{"source":"serverless-plugin-warmup"}`)...),
			want: []string{"notice aws_cloudwatch_event_rule.warmer: keep-warm schedule cron(0/5 8-18 ? * MON-FRI *) pings aws_lambda_function.checkout (aws_lambda, 1 GB, x86_64) 2,871 times a month: $0.00062 a month, each ping billed at the 1 ms minimum; provisioned concurrency for 1 instance would cost $10.95"},
		},
		{name: "a schedule that is not keep-warm", plan: plantest.New().Add(coldFn(fn, "nodejs22.x", nil),
			eventRule("aws_cloudwatch_event_rule.export", "rate(5 minutes)", map[string]any{"name": "export"}),
			eventTarget("aws_cloudwatch_event_target.export", "aws_cloudwatch_event_rule.export", "", fnRefs(fn, "arn")...)), want: []string{}},
		{name: "expression known after apply", plan: plantest.New().Add(coldFn(fn, "nodejs22.x", nil),
			plantest.Resource{Address: "aws_cloudwatch_event_rule.warmer", After: map[string]any{"name": "checkout-warmer", "state": "ENABLED"},
				Unknown: []string{"schedule_expression", "arn"}},
			eventTarget("aws_cloudwatch_event_target.warmer", "aws_cloudwatch_event_rule.warmer", `{"warmer":true}`, fnRefs(fn, "arn")...)), want: []string{}},
		{
			// 8,760 pings of 100 ms to a 256 MB 1st gen function: $0.0076 (see internal/cost).
			name: "a Cloud Scheduler job",
			plan: plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.api", nil),
				schedulerJob("google_cloud_scheduler_job.warm", "*/5 * * * *", "api-keep-warm", "", "google_cloudfunctions_function.api")),
			want: []string{"notice google_cloud_scheduler_job.warm: keep-warm schedule */5 * * * * pings google_cloudfunctions_function.api (gcp_functions_gen1, 256 MB) 8,760 times a month: $0.0076 a month, each ping billed at the 100 ms minimum"},
		},
		{
			// 8,760 pings of 100 ms to 1 vCPU and 512 MiB: 8,760 x ($0.0000004 + 0.1 x $0.000024 + 0.1 x
			// 0.5 x $0.0000025) = $0.0256. A minimum instance: (1 + 0.5) x 2,628,000 s x $0.0000025 =
			// $9.855, printed $9.86.
			name: "a Cloud Scheduler job on a 2nd gen function",
			plan: plantest.New().Add(gcpGen2Fn("google_cloudfunctions2_function.api", map[string]any{"available_memory": "512Mi", "available_cpu": "1"}, nil),
				schedulerJob("google_cloud_scheduler_job.warm", "*/5 * * * *", "api-keep-warm", "", "google_cloudfunctions2_function.api")),
			want: []string{"notice google_cloud_scheduler_job.warm: keep-warm schedule */5 * * * * pings google_cloudfunctions2_function.api (gcp_functions_gen2, 512 MB, 1 vCPU) 8,760 times a month: $0.03 a month, each ping billed at the 100 ms minimum; minimum instances for 1 instance would cost $9.86"},
		},
		{
			// 2,920 executions of 100 ms on the whole 1.5 GB: 438 GB-s x $0.000016 + 2,920 x $0.0000002.
			name: "an Azure timer on Consumption",
			plan: plantest.New().Add(azurePlan("azurerm_service_plan.y1", "Y1"),
				azureLinuxApp("azurerm_linux_function_app.api", "azurerm_service_plan.y1", javaStack, nil, nil),
				warmTimer("azurerm_function_app_function.warm", "azurerm_linux_function_app.api", "KeepWarm", "0 */15 * * * *")),
			want: []string{"notice azurerm_function_app_function.warm: keep-warm schedule 0 */15 * * * * pings azurerm_linux_function_app.api (azure_functions_consumption, 1.5 GB) 2,920 times a month: $0.0076 a month, each ping billed at the 100 ms minimum and the whole instance's memory"},
		},
		{
			name: "an Azure timer on Flex: no billed minimum to price with",
			plan: plantest.New().Add(azurePlan("azurerm_service_plan.fc1", "FC1"),
				azureFlexApp("azurerm_function_app_flex_consumption.api", "azurerm_service_plan.fc1", nil),
				warmTimer("azurerm_function_app_function.warm", "azurerm_function_app_flex_consumption.api", "KeepWarm", "0 */15 * * * *")),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runEconomics(t, rules.FunctionKeepWarmCost, tt.plan, "", nil)
			require.Equal(t, tt.want, summaries(got))
		})
	}
}

func TestFunctionKeepWarmCostPointsAtTheSchedule(t *testing.T) {
	const fn = "aws_lambda_function.checkout"
	got := runEconomics(t, rules.FunctionKeepWarmCost, plantest.New().Add(coldFn(fn, "nodejs22.x", nil),
		eventRule("aws_cloudwatch_event_rule.warmer", "rate(5 minutes)", map[string]any{"name": "checkout-warmer"}),
		eventTarget("aws_cloudwatch_event_target.warmer", "aws_cloudwatch_event_rule.warmer", `{"warmer":true}`, fnRefs(fn, "arn")...)), "", nil)
	require.Len(t, got, 1)
	assert.Equal(t, "schedule_expression", got[0].Attribute)
	assert.Equal(t, []string{"aws_cloudwatch_event_target.warmer", fn}, got[0].Related)
}
