package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestAzureColdStartNoWarmInstances(t *testing.T) {
	plan := "azurerm_service_plan.plan"
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "Java on Consumption",
			plan: plantest.New().Add(azurePlan(plan, "Y1"), azureLinuxApp("azurerm_linux_function_app.api", plan, javaStack, nil, nil)),
			want: []string{"warning azurerm_linux_function_app.api: the Java worker scales to zero on the Consumption plan azurerm_service_plan.plan (Y1), which cannot keep an instance ready: events after idle wait for the worker to start"},
		},
		{
			name: "in-process .NET, Node, Python and PowerShell on Consumption are silent",
			plan: plantest.New().Add(azurePlan(plan, "Y1"),
				azureLinuxApp("azurerm_windows_function_app.a", plan, map[string]any{"dotnet_version": "v8.0"}, nil, nil),
				azureLinuxApp("azurerm_linux_function_app.b", plan, map[string]any{"node_version": "20"}, nil, nil),
				azureLinuxApp("azurerm_linux_function_app.c", plan, map[string]any{"python_version": "3.11"}, nil, nil),
				// azurerm fills in dotnet_version "v4.0" on Windows apps of any language
				azureLinuxApp("azurerm_windows_function_app.d", plan, map[string]any{"node_version": "~20", "dotnet_version": "v4.0", "use_dotnet_isolated_runtime": true}, nil, nil),
				azureLinuxApp("azurerm_windows_function_app.e", plan, map[string]any{"dotnet_version": "v8.0", "use_dotnet_isolated_runtime": true},
					map[string]any{"FUNCTIONS_WORKER_RUNTIME": "powershell"}, nil)),
			want: []string{},
		},
		{
			name: ".NET isolated on Flex without always-ready instances",
			plan: plantest.New().Add(azurePlan(plan, "FC1"),
				azureFlexApp("azurerm_function_app_flex_consumption.a", plan, map[string]any{"runtime_name": "dotnet-isolated"}),
				azureFlexApp("azurerm_function_app_flex_consumption.b", plan, map[string]any{"always_ready": []any{map[string]any{"name": "http", "instance_count": 0}}}),
				azureFlexApp("azurerm_function_app_flex_consumption.c", plan, map[string]any{"always_ready": []any{map[string]any{"name": "http", "instance_count": 1}}}),
				withUnknownAttr(azureFlexApp("azurerm_function_app_flex_consumption.d", plan, nil), "always_ready")),
			want: []string{
				"warning azurerm_function_app_flex_consumption.a: no always-ready instances for the .NET isolated worker on Flex Consumption: it scales to zero, so events after idle wait for the worker to start",
				"warning azurerm_function_app_flex_consumption.b: no always-ready instances for the Java worker on Flex Consumption: it scales to zero, so events after idle wait for the worker to start",
			},
		},
		{
			name: "Premium with no pre-warmed instances, whatever the runtime",
			plan: plantest.New().Add(azurePlan(plan, "EP2"),
				azureLinuxApp("azurerm_linux_function_app.a", plan, map[string]any{"python_version": "3.11"}, nil, map[string]any{"pre_warmed_instance_count": 0}),
				azureLinuxApp("azurerm_linux_function_app.b", plan, javaStack, nil, map[string]any{"pre_warmed_instance_count": 1}),
				withUnknownAttr(azureLinuxApp("azurerm_linux_function_app.c", plan, javaStack, nil, map[string]any{"pre_warmed_instance_count": 0}), "site_config")),
			want: []string{"warning azurerm_linux_function_app.a: pre_warmed_instance_count is 0 on the Premium plan azurerm_service_plan.plan (EP2) (default 1): every instance added when the app scales out starts cold"},
		},
		{
			name: "Dedicated plans and apps whose plan is outside the plan file are silent",
			plan: plantest.New().Add(azurePlan(plan, "S1"),
				azureLinuxApp("azurerm_linux_function_app.a", plan, javaStack, nil, nil),
				plantest.Resource{Address: "azurerm_linux_function_app.b", After: map[string]any{"name": "b",
					"site_config": []any{map[string]any{"application_stack": []any{map[string]any{"java_version": "17"}}}}}, Unknown: []string{"service_plan_id"}}),
			want: []string{},
		},
		{
			name: "sensitive runtime setting is silent; for_each apps in a module are checked one by one",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.fn", Source: "./fn"}).
				Add(azurePlan(plan, "Y1"),
					withSensitiveAttr(azureLinuxApp("azurerm_linux_function_app.secret", plan, nil, map[string]any{"FUNCTIONS_WORKER_RUNTIME": "java"}, nil), "app_settings"),
					azurePlan("module.fn.azurerm_service_plan.this", "Y1"),
					azureLinuxApp(`module.fn.azurerm_linux_function_app.this["java"]`, "azurerm_service_plan.this", javaStack, nil, nil),
					azureLinuxApp(`module.fn.azurerm_linux_function_app.this["node"]`, "azurerm_service_plan.this", map[string]any{"node_version": "20"}, nil, nil)),
			want: []string{`warning module.fn.azurerm_linux_function_app.this["java"]: the Java worker scales to zero on the Consumption plan module.fn.azurerm_service_plan.this (Y1), which cannot keep an instance ready: events after idle wait for the worker to start`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.AzureColdStartNoWarmInstances, tt.plan)))
		})
	}
}
