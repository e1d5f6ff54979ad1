package rules

import (
	"fmt"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// AzureMemoryLowForRuntime flags Java and .NET function apps on instances too small for a managed
// runtime: Flex Consumption below 2,048 MB, and the Consumption plan's fixed 1.5 GB.
var AzureMemoryLowForRuntime = &Rule{
	Name:     "azure_memory_low_for_runtime",
	Severity: finding.Warning,
	Category: finding.Memory,
	Summary:  "Java or .NET function app runs on instances with little memory for its runtime",
	Doc: Doc{
		Why: "A Java or .NET worker carries a virtual machine, a JIT and a garbage-collected heap before it loads any of " +
			"your code, and every concurrent execution on the instance shares what is left. Flex Consumption lets you choose " +
			"the instance size (`instance_memory_in_mb`: 512, 2,048 or 4,096 MB, with about 0.25, 1 and 2 cores); Microsoft's " +
			"default is 2,048 MB, and below it a managed runtime spends its time collecting garbage or runs out of memory " +
			"under load. The Consumption plan (`Y1`) gives every instance a fixed 1.5 GB, with no way to raise it.\n\n" +
			"The runtime is read from `runtime_name` (Flex), `site_config.application_stack` (`java_version`, " +
			"`dotnet_version`), the legacy `linux_fx_version`, or the app setting `FUNCTIONS_WORKER_RUNTIME` when it is " +
			"readable (not sensitive).",
		HowToFix: "- Flex Consumption: set `instance_memory_in_mb = 2048` (the default) or `4096`.\n" +
			"- Consumption: move the app to Flex Consumption (2,048 or 4,096 MB instances) or Premium (EP1: 3.5 GB).\n" +
			"- Or move the memory-heavy work to the container half of a hybrid unit.",
		Sources: []string{
			"https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan (instance memory sizes)",
			"terraform-provider-azurerm website/docs/r/function_app_flex_consumption.html.markdown (instance_memory_in_mb default 2048)",
			"MicrosoftDocs/azure-docs includes/functions-limits.md (Consumption: 1.5 GB per instance)",
		},
		Example: Example{
			Note: "A Java app on Flex Consumption picks the smallest, 512 MB, instances.",
			Plan: []ExampleResource{
				plantest.AzureServicePlan("azurerm_service_plan.flex", "FC1"),
				plantest.AzureFlexApp("azurerm_function_app_flex_consumption.billing", "azurerm_service_plan.flex",
					map[string]any{"instance_memory_in_mb": 512}),
			},
		},
	},
	Check: checkAzureMemoryLowForRuntime,
}

func checkAzureMemoryLowForRuntime(pass *Pass) {
	for _, a := range serverless.AzureAppsOnKnownPlans(pass.Graph) {
		app, p := a.Instance, a.Plan
		rt := serverless.AzureRuntime(app)
		if rt != "java" && !strings.HasPrefix(rt, "dotnet") {
			continue
		}
		switch p.Kind {
		case platform.AzurePlanFlex:
			v := app.Get("instance_memory_in_mb")
			mb, known := v.Int()
			if v.State == plan.Null || v.State == plan.Absent {
				mb, known = platform.AzureFlexDefaultInstanceMemoryMB, true
			}
			if !known || mb >= platform.AzureFlexDefaultInstanceMemoryMB {
				continue
			}
			pass.Report(finding.Finding{
				Address:   app.Address,
				Attribute: "instance_memory_in_mb",
				Related:   []string{p.Address()},
				Message: fmt.Sprintf("instance_memory_in_mb %d is below the %d MB default of Flex Consumption, little for a %s worker: expect garbage-collection stalls and out-of-memory restarts under load",
					mb, platform.AzureFlexDefaultInstanceMemoryMB, serverless.AzureRuntimeLabel(rt)),
				Remediation: fmt.Sprintf("set instance_memory_in_mb = %d (the default) or 4096", platform.AzureFlexDefaultInstanceMemoryMB),
			})
		case platform.AzurePlanConsumption:
			pass.Report(finding.Finding{
				Address: app.Address,
				Related: []string{p.Address()},
				Message: fmt.Sprintf("the %s gives every instance a fixed %d MB (1.5 GB), shared by the %s worker and all concurrent executions",
					p.Label(), platform.AzureConsumptionMemoryMB, serverless.AzureRuntimeLabel(rt)),
				Remediation: "move the app to Flex Consumption with 2048 or 4096 MB instances, or to a Premium plan (EP1: 3.5 GB)",
			})
		}
	}
}
