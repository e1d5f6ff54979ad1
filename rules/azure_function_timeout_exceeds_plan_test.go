package rules_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func timeoutSetting(v string) map[string]any {
	return map[string]any{"FUNCTIONS_WORKER_RUNTIME": "java", "AzureFunctionsJobHost__functionTimeout": v}
}

func TestAzureFunctionTimeoutExceedsPlan(t *testing.T) {
	app, plan := "azurerm_linux_function_app.app", "azurerm_service_plan.plan"
	host := &serverless.AzureHost{FunctionTimeout: 20 * time.Minute, Source: "functions/host.json"}
	sensitiveKey := func(key string) func(map[string]map[string]any) {
		return func(c map[string]map[string]any) {
			c[app]["after_sensitive"] = map[string]any{"app_settings": map[string]any{key: true}}
		}
	}
	tests := []struct {
		name string
		plan *plantest.Builder
		host *serverless.AzureHost
		edit func(map[string]map[string]any)
		want []string
	}{
		{
			name: "Consumption above 10 minutes, from the app setting",
			plan: plantest.New().Add(azurePlan(plan, "Y1"), azureLinuxApp(app, plan, javaStack, timeoutSetting("00:15:00"), nil)),
			want: []string{"error azurerm_linux_function_app.app: functionTimeout 15m (app setting AzureFunctionsJobHost__functionTimeout) exceeds the 10m maximum of the Consumption plan azurerm_service_plan.plan (Y1): the Functions host does not start"},
		},
		{
			name: "Consumption without a limit",
			plan: plantest.New().Add(azurePlan(plan, "Y1"), azureLinuxApp(app, plan, javaStack, timeoutSetting("-1"), nil)),
			want: []string{"error azurerm_linux_function_app.app: functionTimeout -1, no limit (app setting AzureFunctionsJobHost__functionTimeout) exceeds the 10m maximum of the Consumption plan azurerm_service_plan.plan (Y1): the Functions host does not start"},
		},
		{
			name: "Consumption at 10 minutes, or at the default, is silent",
			plan: plantest.New().Add(azurePlan(plan, "Y1"),
				azureLinuxApp(app, plan, javaStack, timeoutSetting("00:10:00"), nil),
				azureLinuxApp("azurerm_linux_function_app.b", plan, javaStack, map[string]any{"FUNCTIONS_WORKER_RUNTIME": "java"}, nil)),
			want: []string{},
		},
		{
			name: "host.json applies where the app setting is absent",
			plan: plantest.New().Add(azurePlan(plan, "Y1"),
				azureLinuxApp(app, plan, javaStack, nil, nil),
				azureLinuxApp("azurerm_linux_function_app.b", plan, javaStack, timeoutSetting("00:05:00"), nil)),
			host: host,
			want: []string{"error azurerm_linux_function_app.app: functionTimeout 20m (host.json functions/host.json) exceeds the 10m maximum of the Consumption plan azurerm_service_plan.plan (Y1): the Functions host does not start"},
		},
		{
			name: "the app setting is matched whatever its case, and with ':'",
			plan: plantest.New().Add(azurePlan(plan, "Y1"),
				azureLinuxApp(app, plan, javaStack, map[string]any{"azurefunctionsjobhost__functiontimeout": "00:11:00"}, nil),
				azureLinuxApp("azurerm_linux_function_app.b", plan, javaStack, map[string]any{"AzureFunctionsJobHost:functionTimeout": "00:12:00"}, nil)),
			want: []string{
				"error azurerm_linux_function_app.app: functionTimeout 11m (app setting AzureFunctionsJobHost__functionTimeout) exceeds the 10m maximum of the Consumption plan azurerm_service_plan.plan (Y1): the Functions host does not start",
				"error azurerm_linux_function_app.b: functionTimeout 12m (app setting AzureFunctionsJobHost__functionTimeout) exceeds the 10m maximum of the Consumption plan azurerm_service_plan.plan (Y1): the Functions host does not start",
			},
		},
		{
			name: "Dedicated without a limit needs Always On",
			plan: plantest.New().Add(azurePlan(plan, "P1v3"),
				azureLinuxApp(app, plan, javaStack, timeoutSetting("-1"), nil),
				azureLinuxApp("azurerm_linux_function_app.on", plan, javaStack, timeoutSetting("-1"), map[string]any{"always_on": true}),
				azureLinuxApp("azurerm_linux_function_app.bounded", plan, javaStack, timeoutSetting("02:00:00"), nil)),
			want: []string{"error azurerm_linux_function_app.app: functionTimeout -1, no limit (app setting AzureFunctionsJobHost__functionTimeout) needs Always On on the Dedicated (App Service) plan azurerm_service_plan.plan (P1v3), but site_config.always_on is off: the app is unloaded when idle and running executions end"},
		},
		{
			name: "Premium and Flex beyond the 60 minutes of scale-in grace are notices",
			plan: plantest.New().Add(azurePlan(plan, "EP1"), azurePlan("azurerm_service_plan.flex", "FC1"),
				azureLinuxApp(app, plan, javaStack, timeoutSetting("-1"), nil),
				azureLinuxApp("azurerm_linux_function_app.short", plan, javaStack, timeoutSetting("00:45:00"), nil),
				azureFlexApp("azurerm_function_app_flex_consumption.flex", "azurerm_service_plan.flex",
					map[string]any{"app_settings": timeoutSetting("02:00:00")})),
			want: []string{
				"notice azurerm_function_app_flex_consumption.flex: functionTimeout 2h (app setting AzureFunctionsJobHost__functionTimeout) is longer than the 1h the Flex Consumption plan azurerm_service_plan.flex (FC1) lets an execution finish when it scales in: longer runs can be cut off",
				"notice azurerm_linux_function_app.app: functionTimeout -1, no limit (app setting AzureFunctionsJobHost__functionTimeout) is longer than the 1h the Premium plan azurerm_service_plan.plan (EP1) lets an execution finish when it scales in: longer runs can be cut off",
			},
		},
		{
			name: "a sensitive or unknown app_settings map hides the setting: silent, even with a host.json",
			plan: plantest.New().Add(azurePlan(plan, "Y1"),
				withSensitiveAttr(azureLinuxApp(app, plan, javaStack, timeoutSetting("00:15:00"), nil), "app_settings"),
				withUnknownAttr(azureLinuxApp("azurerm_linux_function_app.b", plan, javaStack, timeoutSetting("00:15:00"), nil), "app_settings")),
			host: host,
			want: []string{},
		},
		{
			name: "a sensitive timeout setting is silent",
			plan: plantest.New().Add(azurePlan(plan, "Y1"), azureLinuxApp(app, plan, javaStack, timeoutSetting("00:15:00"), nil)),
			edit: sensitiveKey("AzureFunctionsJobHost__functionTimeout"),
			want: []string{},
		},
		{
			name: "another sensitive setting does not hide the timeout",
			plan: plantest.New().Add(azurePlan(plan, "Y1"), azureLinuxApp(app, plan, javaStack,
				map[string]any{"AzureFunctionsJobHost__functionTimeout": "00:15:00", "DB_PASSWORD": "x"}, nil)),
			edit: sensitiveKey("DB_PASSWORD"),
			want: []string{"error azurerm_linux_function_app.app: functionTimeout 15m (app setting AzureFunctionsJobHost__functionTimeout) exceeds the 10m maximum of the Consumption plan azurerm_service_plan.plan (Y1): the Functions host does not start"},
		},
		{
			name: "legacy azurerm_function_app on a Dynamic azurerm_app_service_plan",
			plan: plantest.New().Add(
				plantest.Resource{Address: "azurerm_app_service_plan.legacy", After: map[string]any{"name": "legacy", "kind": "FunctionApp",
					"sku": []any{map[string]any{"tier": "Dynamic", "size": "Y1"}}}, Unknown: []string{"id"}},
				plantest.Resource{Address: "azurerm_function_app.legacy", After: map[string]any{"name": "legacy", "version": "~4",
					"app_settings": map[string]any{"FUNCTIONS_WORKER_RUNTIME": "node", "AzureFunctionsJobHost__functionTimeout": "00:30:00"},
					"site_config":  []any{map[string]any{"always_on": false}}},
					Unknown: []string{"app_service_plan_id"}, Refs: map[string][]string{"app_service_plan_id": gcpRef("azurerm_app_service_plan.legacy", "id")}}),
			want: []string{"error azurerm_function_app.legacy: functionTimeout 30m (app setting AzureFunctionsJobHost__functionTimeout) exceeds the 10m maximum of the Consumption plan azurerm_app_service_plan.legacy (Y1): the Functions host does not start"},
		},
		{
			name: "a plan outside the plan file, or an unparseable value, is silent",
			plan: plantest.New().Add(
				plantest.Resource{Address: app, After: map[string]any{"name": "app", "service_plan_id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/shared",
					"app_settings": timeoutSetting("-1"), "site_config": []any{map[string]any{"always_on": false}}}},
				azurePlan(plan, "Y1"),
				azureLinuxApp("azurerm_linux_function_app.b", plan, javaStack, timeoutSetting("900"), nil)),
			want: []string{},
		},
		{
			name: "in a module, per for_each instance",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.fn", Source: "./fn", ForEach: true}).
				Add(azurePlan(`module.fn["a"].azurerm_service_plan.this`, "Y1"), azurePlan(`module.fn["b"].azurerm_service_plan.this`, "EP2"),
					azureLinuxApp(`module.fn["a"].azurerm_windows_function_app.this`, "azurerm_service_plan.this", javaStack, timeoutSetting("00:20:00"), nil),
					azureLinuxApp(`module.fn["b"].azurerm_windows_function_app.this`, "azurerm_service_plan.this", javaStack, timeoutSetting("00:20:00"), nil)),
			want: []string{`error module.fn["a"].azurerm_windows_function_app.this: functionTimeout 20m (app setting AzureFunctionsJobHost__functionTimeout) exceeds the 10m maximum of the Consumption plan module.fn["a"].azurerm_service_plan.this (Y1): the Functions host does not start`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(runAzure(t, rules.AzureFunctionTimeoutExceedsPlan, tt.plan, tt.host, tt.edit)))
		})
	}
}

// Both limits one second below, at and one second above: the Consumption maximum (10 minutes, an
// error) and the Premium and Flex scale-in grace (60 minutes, a notice).
func TestAzureFunctionTimeoutExceedsPlanBoundaries(t *testing.T) {
	const app, plan = "azurerm_linux_function_app.app", "azurerm_service_plan.plan"
	consumption := "error azurerm_linux_function_app.app: functionTimeout 10m1s (app setting AzureFunctionsJobHost__functionTimeout) exceeds the 10m maximum of the Consumption plan azurerm_service_plan.plan (Y1): the Functions host does not start"
	grace := func(label string) string {
		return "notice azurerm_linux_function_app.app: functionTimeout 1h1s (app setting AzureFunctionsJobHost__functionTimeout) is longer than the 1h the " + label + " lets an execution finish when it scales in: longer runs can be cut off"
	}
	tests := []struct {
		sku, timeout string
		want         []string
	}{
		{"Y1", "00:09:59", []string{}},
		{"Y1", "00:10:00", []string{}},
		{"Y1", "00:10:01", []string{consumption}},
		{"EP1", "00:59:59", []string{}},
		{"EP1", "01:00:00", []string{}},
		{"EP1", "01:00:01", []string{grace("Premium plan azurerm_service_plan.plan (EP1)")}},
	}
	for _, tt := range tests {
		t.Run(tt.sku+" "+tt.timeout, func(t *testing.T) {
			p := plantest.New().Add(azurePlan(plan, tt.sku), azureLinuxApp(app, plan, javaStack, timeoutSetting(tt.timeout), nil))
			require.Equal(t, tt.want, summaries(runAzure(t, rules.AzureFunctionTimeoutExceedsPlan, p, nil, nil)))
		})
	}
}
