package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// AzureHTTPTimeoutAbove230s flags function apps whose timeout lets an HTTP function run past the
// 230 s the Azure front end waits for its response.
var AzureHTTPTimeoutAbove230s = &Rule{
	Name:     "azure_http_timeout_above_230s",
	Severity: finding.Warning,
	Category: finding.Timeout,
	Summary:  "function app timeout lets HTTP functions run past the 230 s Azure waits for a response",
	Doc: Doc{
		Why: "Whatever `functionTimeout` says, an HTTP-triggered Azure function has 230 seconds to respond: that is the idle " +
			"timeout of the Azure Load Balancer in front of every plan. A function still working at 230 s keeps running, " +
			"billed, but its caller has already received an error, and retries make it run again. A timeout above 230 s " +
			"therefore promises HTTP callers something the platform will not deliver.\n\n" +
			"The rule is a warning when the plan shows the app serves HTTP (an `azurerm_function_app_function` of the app " +
			"with an `httpTrigger` binding in its `config_json`), and a notice when the plan does not say; it stays silent " +
			"when the plan declares the app's functions and none is HTTP-triggered. The timeout is read as in " +
			"`azure_function_timeout_exceeds_plan`: the app setting `AzureFunctionsJobHost__functionTimeout` (silent when " +
			"`app_settings` or that setting is sensitive or unknown), else the `host.json` given to the run, else the plan's " +
			"default, which already exceeds 230 s (5 minutes on Consumption, 30 elsewhere), as the message says.",
		HowToFix: "- Answer within 230 s: return 202 Accepted with a status URL and continue in the background, with the " +
			"Durable Functions async HTTP pattern or a queue-triggered function.\n" +
			"- If the app serves only HTTP, set `functionTimeout` to `00:03:50` or less, so that a slow run stops when its " +
			"caller has given up.\n" +
			"- Move long requests to the container half of a hybrid unit (Container Apps allows 240 s, AKS more).",
		Sources: []string{
			"MicrosoftDocs/azure-docs includes/functions-timeout-duration.md, note 1 (ms.date 01/20/2026)",
			"https://learn.microsoft.com/azure/app-service/faq-availability-performance-application-issues#why-does-my-request-time-out-after-230-seconds",
			"https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-http-features#async-operation-tracking",
		},
		Example: Example{
			Note: "An HTTP-triggered export function on a Premium plan is allowed 10 minutes.",
			Plan: []ExampleResource{
				plantest.AzureServicePlan("azurerm_service_plan.premium", "EP1"),
				plantest.AzureLinuxFunctionApp("azurerm_linux_function_app.exports", "azurerm_service_plan.premium",
					map[string]any{"java_version": "17"}, map[string]any{"AzureFunctionsJobHost__functionTimeout": "00:10:00"}, nil),
				{
					Address: "azurerm_function_app_function.export",
					After: map[string]any{
						"config_json": `{"bindings":[{"authLevel":"function","direction":"in","name":"req","type":"httpTrigger"},{"direction":"out","name":"$return","type":"http"}]}`,
						"language":    "Java",
						"name":        "fn",
					},
					Unknown: []string{"function_app_id"},
					Refs: map[string][]string{
						"function_app_id": {"azurerm_linux_function_app.exports.id", "azurerm_linux_function_app.exports"},
					},
				},
			},
		},
	},
	Check: checkAzureHTTPTimeoutAbove230s,
}

func checkAzureHTTPTimeoutAbove230s(pass *Pass) {
	for _, c := range serverless.Callers(pass.Graph, pass.Settings.Inputs(), serverless.AzureHTTPCallers) {
		app := c.Function
		limit := time.Duration(c.LimitMillis) * time.Millisecond
		p, planKnown := serverless.AzureHostingPlanOf(pass.Graph, app)
		t, ok := serverless.AzureAppTimeout(app, p, planKnown, pass.Settings.AzureHost)
		if !ok || (!t.Unbounded && t.Duration <= limit) {
			continue
		}
		httpFunctions := c.Related
		f := finding.Finding{
			Address:     app.Address,
			Attribute:   t.Attribute(),
			Related:     append([]string{p.Address()}, httpFunctions...),
			Remediation: "answer HTTP requests within 230s and continue in the background (Durable Functions async pattern or a queue), or set functionTimeout to 00:03:50 if the app only serves HTTP",
		}
		if !c.Uncertain {
			f.Message = fmt.Sprintf("%s lets the HTTP functions %s run past the %s Azure waits for a response: callers get an error while the function keeps running",
				t.Describe(), strings.Join(httpFunctions, ", "), serverless.MillisAsSeconds(c.LimitMillis))
		} else {
			f.Severity = finding.Notice
			f.Message = fmt.Sprintf("%s exceeds the %s Azure waits for an HTTP response: if the app serves HTTP, callers get an error while the function keeps running",
				t.Describe(), serverless.MillisAsSeconds(c.LimitMillis))
		}
		pass.Report(f)
	}
}
