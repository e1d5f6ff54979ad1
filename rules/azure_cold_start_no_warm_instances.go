package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// AzureColdStartNoWarmInstances flags heavy-runtime apps that scale to zero with nothing kept warm,
// and Premium apps without a pre-warmed buffer.
var AzureColdStartNoWarmInstances = &Rule{
	Name:     "azure_cold_start_no_warm_instances",
	Severity: finding.Warning,
	Category: finding.ColdStart,
	Summary:  "function app keeps no instance warm for a heavy runtime, or a Premium app has no pre-warmed instances",
	Doc: Doc{
		Why: "A function app that has scaled to zero starts an instance when the next event arrives, and the event waits. " +
			"For Java and .NET isolated workers that start is the slowest, because a separate worker process boots a JVM or " +
			"the .NET runtime before the host can hand it work. The Consumption plan (`Y1`) scales to zero and has no way to " +
			"keep an instance ready. Flex Consumption does: `always_ready` instances (per function or trigger group), billed " +
			"while idle. Premium always keeps one instance, and a buffer of pre-warmed instances (`pre_warmed_instance_count`, " +
			"1 by default) takes the first requests of every scale-out; set to 0, each new instance starts cold, whatever the " +
			"runtime.\n\n" +
			"The runtime is read as in `azure_memory_low_for_runtime`; in-process .NET, Node, Python and PowerShell apps are " +
			"left alone on Consumption and Flex. Azure measured cold starts with a fixed keep-alive of about 20 minutes " +
			"(Shahrad et al., USENIX ATC '20): an app called less often than that pays one on most calls.",
		HowToFix: "- Flex Consumption: add an `always_ready` block (`name = \"http\"`, `instance_count = 1`); billed while idle.\n" +
			"- Consumption: move to Flex Consumption with always-ready instances, or to Premium.\n" +
			"- Premium: leave `pre_warmed_instance_count` at its default of 1 or more.\n" +
			"- Keep the latency-sensitive path in the always-on container half of a hybrid unit.",
		Sources: []string{
			"https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#always-ready-instances",
			"MicrosoftDocs/azure-docs articles/azure-functions/functions-premium-plan.md (always ready, pre-warmed default 1)",
			"terraform-provider-azurerm docs: function_app_flex_consumption always_ready, linux_function_app site_config.pre_warmed_instance_count",
			"Shahrad et al., Serverless in the Wild, USENIX ATC '20",
		},
		Example: Example{
			Note: "A .NET isolated API on Flex Consumption declares no always-ready instances.",
			Plan: []ExampleResource{
				plantest.AzureServicePlan("azurerm_service_plan.flex", "FC1"),
				plantest.AzureFlexApp("azurerm_function_app_flex_consumption.api", "azurerm_service_plan.flex",
					map[string]any{"runtime_name": "dotnet-isolated", "runtime_version": "8.0"}),
			},
		},
	},
	Check: checkAzureColdStartNoWarmInstances,
}

func checkAzureColdStartNoWarmInstances(pass *Pass) {
	for _, a := range serverless.AzureAppsOnKnownPlans(pass.Graph) {
		app, p := a.Instance, a.Plan
		rt := serverless.AzureRuntime(app)
		heavy := rt == "java" || rt == "dotnet-isolated"
		report := func(attr, msg, fix string) {
			pass.Report(finding.Finding{Address: app.Address, Attribute: attr, Related: []string{p.Address()}, Message: msg, Remediation: fix})
		}
		switch p.Kind {
		case platform.AzurePlanConsumption:
			if heavy {
				report("", fmt.Sprintf("the %s worker scales to zero on the %s, which cannot keep an instance ready: events after idle wait for the worker to start",
					serverless.AzureRuntimeLabel(rt), p.Label()),
					"move the app to Flex Consumption with an always_ready instance, or to a Premium plan")
			}
		case platform.AzurePlanFlex:
			if n, known := serverless.AzureAlwaysReady(app); heavy && known && n == 0 {
				report("always_ready", fmt.Sprintf("no always-ready instances for the %s worker on Flex Consumption: it scales to zero, so events after idle wait for the worker to start",
					serverless.AzureRuntimeLabel(rt)),
					"add always_ready { name = \"http\", instance_count = 1 } (billed while idle) for the latency-sensitive trigger group")
			}
		case platform.AzurePlanPremium:
			if n, known := app.Get("site_config", 0, "pre_warmed_instance_count").Int(); known && n == 0 {
				report("site_config.0.pre_warmed_instance_count", fmt.Sprintf("pre_warmed_instance_count is 0 on the %s (default %d): every instance added when the app scales out starts cold",
					p.Label(), platform.AzurePremiumDefaultPrewarmed),
					fmt.Sprintf("set site_config.pre_warmed_instance_count = %d or more", platform.AzurePremiumDefaultPrewarmed))
			}
		}
	}
}
