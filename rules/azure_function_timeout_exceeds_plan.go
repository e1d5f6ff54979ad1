package rules

import (
	"fmt"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// AzureFunctionTimeoutExceedsPlan flags function apps whose functionTimeout their hosting plan does
// not allow.
var AzureFunctionTimeoutExceedsPlan = &Rule{
	Name:     "azure_function_timeout_exceeds_plan",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "function app timeout is more than its hosting plan allows",
	Doc: Doc{
		Why: "An Azure function app's timeout is `functionTimeout`, set in `host.json` or overridden by the app setting " +
			"`AzureFunctionsJobHost__functionTimeout`; it is not a Terraform attribute. What it may be depends on the hosting " +
			"plan. On Consumption (`Y1`) the default is 5 minutes and the maximum 10: a larger value, or `-1` (no limit), " +
			"stops the host from starting (azure-functions-host #6111). On a Dedicated (App Service) plan, no limit is " +
			"allowed only with Always On: without it the app is unloaded when idle and its executions end with it. On " +
			"Premium and Flex Consumption no maximum is enforced, but scale-in gives a running execution only 60 minutes' " +
			"grace, so a timeout above 60 minutes or unbounded is a notice.\n\n" +
			"hybridlint reads the timeout, in this order, from the app setting in the plan (when `app_settings` and the " +
			"setting are known and not sensitive: if either is sensitive or unknown the rule stays silent, since the hidden " +
			"value may override everything else), from the `host.json` given with `--azure-host-json` or found beside the " +
			"configuration (it then applies to every function app in the plan without the app setting), or else from the " +
			"plan's default (5 minutes on Consumption, 30 elsewhere), and the message says which. The hosting plan is found " +
			"through `service_plan_id` (`app_service_plan_id` for the legacy `azurerm_function_app`): `Y1` is Consumption, " +
			"`FC1` Flex, `EP1`-`EP3` Premium, App Service SKUs Dedicated.",
		HowToFix: "- Consumption: set `functionTimeout` to `00:10:00` or less, or move the app to Flex Consumption or Premium.\n" +
			"- Dedicated: set `site_config.always_on = true`, or give `functionTimeout` a bound.\n" +
			"- Long work in any plan: split it with Durable Functions, or hand it to the container half of a hybrid unit " +
			"(Container Apps, AKS).",
		Sources: []string{
			"MicrosoftDocs/azure-docs includes/functions-timeout-duration.md (ms.date 01/20/2026)",
			"Azure/azure-functions-host src/WebJobs.Script/Config/ScriptHostOptionsSetup.cs (timeout bounds)",
			"https://github.com/Azure/azure-functions-host/issues/6111",
			"https://learn.microsoft.com/azure/azure-functions/functions-host-json#functiontimeout",
		},
		Example: Example{
			Note: "A function app on the Consumption plan raises its timeout to 20 minutes through an app setting.",
			Plan: []ExampleResource{
				plantest.AzureServicePlan("azurerm_service_plan.functions", "Y1"),
				plantest.AzureLinuxFunctionApp("azurerm_linux_function_app.import", "azurerm_service_plan.functions",
					map[string]any{"python_version": "3.11"}, map[string]any{"AzureFunctionsJobHost__functionTimeout": "00:20:00"}, nil),
			},
		},
	},
	Check: checkAzureFunctionTimeoutExceedsPlan,
}

func checkAzureFunctionTimeoutExceedsPlan(pass *Pass) {
	for _, a := range serverless.AzureAppsOnKnownPlans(pass.Graph) {
		app, p := a.Instance, a.Plan
		t, ok := serverless.AzureAppTimeout(app, p, true, pass.Settings.AzureHost)
		if !ok {
			continue
		}
		report := func(sev finding.Severity, msg, fix string) {
			pass.Report(finding.Finding{Severity: sev, Address: app.Address, Attribute: t.Attribute(),
				Related: []string{p.Address()}, Message: msg, Remediation: fix})
		}
		maxConsumption := time.Duration(platform.AzureConsumptionMaxTimeoutSeconds) * time.Second
		graceful := time.Duration(platform.AzurePremiumGuaranteedTimeoutSeconds) * time.Second
		switch p.Kind {
		case platform.AzurePlanConsumption:
			if t.Unbounded || t.Duration > maxConsumption {
				report(finding.Error, fmt.Sprintf("%s exceeds the %s maximum of the %s: the Functions host does not start",
					t.Describe(), serverless.ClockDuration(maxConsumption), p.Label()),
					"set functionTimeout to 00:10:00 or less, or move the app to a Flex Consumption or Premium plan")
			}
		case platform.AzurePlanDedicated:
			if on, known := azureAlwaysOn(app); t.Unbounded && known && !on {
				report(finding.Error, fmt.Sprintf("%s needs Always On on the %s, but site_config.always_on is off: the app is unloaded when idle and running executions end",
					t.Describe(), p.Label()),
					"set site_config.always_on = true, or give functionTimeout a bound")
			}
		case platform.AzurePlanPremium, platform.AzurePlanFlex:
			if t.Unbounded || t.Duration > graceful {
				report(finding.Notice, fmt.Sprintf("%s is longer than the %s the %s lets an execution finish when it scales in: longer runs can be cut off",
					t.Describe(), serverless.ClockDuration(graceful), p.Label()),
					"keep executions under 60 minutes: split the work with Durable Functions, or move long runs to a container")
			}
		}
	}
}

// azureAlwaysOn reads site_config.always_on (unset is off). known is false when the plan does not say.
func azureAlwaysOn(app *graph.Instance) (on, known bool) {
	v := app.Get("site_config", 0, "always_on")
	switch v.State {
	case plan.Known:
		return v.Bool()
	case plan.Null, plan.Absent:
		return false, true
	}
	return false, false
}
