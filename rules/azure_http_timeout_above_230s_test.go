package rules_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestAzureHTTPTimeoutAbove230s(t *testing.T) {
	app, plan := "azurerm_linux_function_app.app", "azurerm_service_plan.plan"
	tests := []struct {
		name string
		plan *plantest.Builder
		host *serverless.AzureHost
		edit func(map[string]map[string]any)
		want []string
	}{
		{
			name: "HTTP functions with the Consumption default of 5 minutes",
			plan: plantest.New().Add(azurePlan(plan, "Y1"), azureLinuxApp(app, plan, javaStack, nil, nil),
				azureFunction("azurerm_function_app_function.orders", app, "httpTrigger"),
				azureFunction("azurerm_function_app_function.nightly", app, "timerTrigger")),
			want: []string{"warning azurerm_linux_function_app.app: the default functionTimeout of 5m (no app setting or host.json sets it) lets the HTTP functions azurerm_function_app_function.orders run past the 230s Azure waits for a response: callers get an error while the function keeps running"},
		},
		{
			name: "HTTP function with the timeout at 230s or less is silent",
			plan: plantest.New().Add(azurePlan(plan, "EP1"), azureLinuxApp(app, plan, javaStack, timeoutSetting("00:03:50"), nil),
				azureFunction("azurerm_function_app_function.orders", app, "httpTrigger")),
			want: []string{},
		},
		{
			name: "no function resources: a notice, with the timeout from host.json",
			plan: plantest.New().Add(azurePlan(plan, "EP1"), azureLinuxApp(app, plan, javaStack, nil, nil)),
			host: &serverless.AzureHost{FunctionTimeout: time.Hour, Source: "host.json"},
			want: []string{"notice azurerm_linux_function_app.app: functionTimeout 1h (host.json host.json) exceeds the 230s Azure waits for an HTTP response: if the app serves HTTP, callers get an error while the function keeps running"},
		},
		{
			name: "an app whose declared functions are all non-HTTP is silent",
			plan: plantest.New().Add(azurePlan(plan, "EP1"), azureLinuxApp(app, plan, javaStack, timeoutSetting("-1"), nil),
				azureFunction("azurerm_function_app_function.queue", app, "queueTrigger"),
				azureFunction("azurerm_function_app_function.timer", app, "timerTrigger")),
			want: []string{},
		},
		{
			name: "a function whose config_json is unknown leaves the question open: notice",
			plan: plantest.New().Add(azurePlan(plan, "EP1"), azureLinuxApp(app, plan, javaStack, timeoutSetting("-1"), nil),
				azureFunction("azurerm_function_app_function.queue", app, "queueTrigger"),
				withUnknownAttr(azureFunction("azurerm_function_app_function.other", app, "httpTrigger"), "config_json")),
			want: []string{"notice azurerm_linux_function_app.app: functionTimeout -1, no limit (app setting AzureFunctionsJobHost__functionTimeout) exceeds the 230s Azure waits for an HTTP response: if the app serves HTTP, callers get an error while the function keeps running"},
		},
		{
			name: "the timeout is known even when the plan is not in the plan file",
			plan: plantest.New().Add(plantest.Resource{Address: "azurerm_windows_function_app.w", After: map[string]any{"name": "w",
				"service_plan_id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/shared",
				"app_settings":    timeoutSetting("00:08:00"), "site_config": []any{map[string]any{"always_on": true}}}},
				azureFunction("azurerm_function_app_function.api", "azurerm_windows_function_app.w", "HttpTrigger")),
			want: []string{"warning azurerm_windows_function_app.w: functionTimeout 8m (app setting AzureFunctionsJobHost__functionTimeout) lets the HTTP functions azurerm_function_app_function.api run past the 230s Azure waits for a response: callers get an error while the function keeps running"},
		},
		{
			name: "unknown plan and no setting, or a sensitive map: silent",
			plan: plantest.New().Add(
				plantest.Resource{Address: "azurerm_windows_function_app.w", After: map[string]any{"name": "w", "app_settings": map[string]any{},
					"site_config": []any{map[string]any{}}}, Unknown: []string{"service_plan_id"}},
				azurePlan(plan, "Y1"),
				withSensitiveAttr(azureLinuxApp(app, plan, javaStack, timeoutSetting("00:08:00"), nil), "app_settings"),
				azureFunction("azurerm_function_app_function.api", app, "httpTrigger")),
			want: []string{},
		},
		{
			name: "another sensitive setting hides neither the names nor the default",
			plan: plantest.New().Add(azurePlan(plan, "Y1"),
				azureLinuxApp(app, plan, javaStack, map[string]any{"DB_PASSWORD": "x", "FUNCTIONS_WORKER_RUNTIME": "java"}, nil),
				azureFunction("azurerm_function_app_function.orders", app, "httpTrigger")),
			edit: func(c map[string]map[string]any) {
				c[app]["after_sensitive"] = map[string]any{"app_settings": map[string]any{"DB_PASSWORD": true}}
			},
			want: []string{"warning azurerm_linux_function_app.app: the default functionTimeout of 5m (no app setting or host.json sets it) lets the HTTP functions azurerm_function_app_function.orders run past the 230s Azure waits for a response: callers get an error while the function keeps running"},
		},
		{
			name: "Flex app in a module with functions declared beside it",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.api", Source: "./api", Outputs: map[string][]string{"id": gcpRef("azurerm_function_app_flex_consumption.this", "id")}}).
				Add(azurePlan("module.api.azurerm_service_plan.this", "FC1"),
					azureFlexApp("module.api.azurerm_function_app_flex_consumption.this", "azurerm_service_plan.this", nil),
					plantest.Resource{Address: "azurerm_function_app_function.api", After: map[string]any{"name": "api",
						"config_json": `{"bindings":[{"type":"httpTrigger","direction":"in","name":"req"}]}`},
						Refs: map[string][]string{"function_app_id": {"module.api.id", "module.api"}}}),
			want: []string{"warning module.api.azurerm_function_app_flex_consumption.this: the default functionTimeout of 30m (no app setting or host.json sets it) lets the HTTP functions azurerm_function_app_function.api run past the 230s Azure waits for a response: callers get an error while the function keeps running"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(runAzure(t, rules.AzureHTTPTimeoutAbove230s, tt.plan, tt.host, tt.edit)))
		})
	}
}
