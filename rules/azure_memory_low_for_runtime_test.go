package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestAzureMemoryLowForRuntime(t *testing.T) {
	plan := "azurerm_service_plan.plan"
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "Java on Flex with 512 MB instances",
			plan: plantest.New().Add(azurePlan(plan, "FC1"),
				azureFlexApp("azurerm_function_app_flex_consumption.api", plan, map[string]any{"instance_memory_in_mb": 512})),
			want: []string{"warning azurerm_function_app_flex_consumption.api: instance_memory_in_mb 512 is below the 2048 MB default of Flex Consumption, little for a Java worker: expect garbage-collection stalls and out-of-memory restarts under load"},
		},
		{
			name: ".NET isolated on Flex at the default or 4096 MB, and Python at 512 MB, are silent",
			plan: plantest.New().Add(azurePlan(plan, "FC1"),
				azureFlexApp("azurerm_function_app_flex_consumption.a", plan, map[string]any{"runtime_name": "dotnet-isolated", "instance_memory_in_mb": nil}),
				azureFlexApp("azurerm_function_app_flex_consumption.b", plan, map[string]any{"instance_memory_in_mb": 4096}),
				azureFlexApp("azurerm_function_app_flex_consumption.c", plan, map[string]any{"runtime_name": "python", "instance_memory_in_mb": 512})),
			want: []string{},
		},
		{
			name: "Java and .NET on Consumption, Node is silent",
			plan: plantest.New().Add(azurePlan(plan, "Y1"),
				azureLinuxApp("azurerm_linux_function_app.java", plan, javaStack, nil, nil),
				azureLinuxApp("azurerm_windows_function_app.dotnet", plan, map[string]any{"dotnet_version": "v8.0", "use_dotnet_isolated_runtime": true}, nil, nil),
				azureLinuxApp("azurerm_linux_function_app.node", plan, map[string]any{"node_version": "20"}, nil, nil)),
			want: []string{
				"warning azurerm_linux_function_app.java: the Consumption plan azurerm_service_plan.plan (Y1) gives every instance a fixed 1536 MB (1.5 GB), shared by the Java worker and all concurrent executions",
				"warning azurerm_windows_function_app.dotnet: the Consumption plan azurerm_service_plan.plan (Y1) gives every instance a fixed 1536 MB (1.5 GB), shared by the .NET isolated worker and all concurrent executions",
			},
		},
		{
			name: "runtime from FUNCTIONS_WORKER_RUNTIME or linux_fx_version",
			plan: plantest.New().Add(azurePlan(plan, "Y1"),
				azureLinuxApp("azurerm_linux_function_app.a", plan, nil, map[string]any{"FUNCTIONS_WORKER_RUNTIME": "dotnet"}, nil),
				plantest.Resource{Address: "azurerm_app_service_plan.legacy", After: map[string]any{"name": "legacy",
					"sku": []any{map[string]any{"tier": "Dynamic", "size": "Y1"}}}, Unknown: []string{"id"}},
				plantest.Resource{Address: "azurerm_function_app.legacy", After: map[string]any{"name": "legacy",
					"site_config": []any{map[string]any{"linux_fx_version": "JAVA|11"}}},
					Unknown: []string{"app_service_plan_id"}, Refs: map[string][]string{"app_service_plan_id": gcpRef("azurerm_app_service_plan.legacy", "id")}}),
			want: []string{
				"warning azurerm_function_app.legacy: the Consumption plan azurerm_app_service_plan.legacy (Y1) gives every instance a fixed 1536 MB (1.5 GB), shared by the Java worker and all concurrent executions",
				"warning azurerm_linux_function_app.a: the Consumption plan azurerm_service_plan.plan (Y1) gives every instance a fixed 1536 MB (1.5 GB), shared by the .NET (in-process) worker and all concurrent executions",
			},
		},
		{
			name: "Premium and Dedicated, unknown memory, unknown or sensitive runtime are silent",
			plan: plantest.New().Add(azurePlan(plan, "EP1"), azurePlan("azurerm_service_plan.flex", "FC1"), azurePlan("azurerm_service_plan.y1", "Y1"),
				azureLinuxApp("azurerm_linux_function_app.a", plan, javaStack, nil, nil),
				withUnknownAttr(azureFlexApp("azurerm_function_app_flex_consumption.b", "azurerm_service_plan.flex", map[string]any{"instance_memory_in_mb": 512}), "instance_memory_in_mb"),
				withUnknownAttr(azureFlexApp("azurerm_function_app_flex_consumption.c", "azurerm_service_plan.flex", map[string]any{"instance_memory_in_mb": 512}), "runtime_name"),
				withSensitiveAttr(azureLinuxApp("azurerm_linux_function_app.d", "azurerm_service_plan.y1", nil, map[string]any{"FUNCTIONS_WORKER_RUNTIME": "java"}, nil), "app_settings")),
			want: []string{},
		},
		{
			name: "counted Flex apps in a module",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.fn", Source: "./fn"}).
				Add(azurePlan("module.fn.azurerm_service_plan.this", "FC1"),
					azureFlexApp("module.fn.azurerm_function_app_flex_consumption.this[0]", "azurerm_service_plan.this", map[string]any{"instance_memory_in_mb": 512}),
					azureFlexApp("module.fn.azurerm_function_app_flex_consumption.this[1]", "azurerm_service_plan.this", map[string]any{"instance_memory_in_mb": 2048})),
			want: []string{"warning module.fn.azurerm_function_app_flex_consumption.this[0]: instance_memory_in_mb 512 is below the 2048 MB default of Flex Consumption, little for a Java worker: expect garbage-collection stalls and out-of-memory restarts under load"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.AzureMemoryLowForRuntime, tt.plan)))
		})
	}
}
