package rules

import (
	"fmt"
	"math"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// AzureCallerTimeoutBelowFunction flags Front Door profiles, Application Gateways and API Management
// policies that stop waiting for a function app before its functionTimeout.
var AzureCallerTimeoutBelowFunction = &Rule{
	Name:     "azure_caller_timeout_below_function",
	Severity: finding.Warning,
	Category: finding.Timeout,
	Summary:  "an Azure service in front of a function app gives up before the function may finish",
	Doc: Doc{
		Why: "A function app behind Front Door, an Application Gateway or API Management is called through a proxy that " +
			"waits on its own clock. When that clock is shorter than the app's `functionTimeout`, the proxy answers the client " +
			"with an error while the function keeps running, billed, and the client (or the proxy's retry) often sends the " +
			"request again: the same work runs twice.\n\n" +
			"- Front Door Standard/Premium: the profile's `response_timeout_seconds` (`azurerm_cdn_frontdoor_profile`), 120 s " +
			"when unset by the azurerm provider, between 16 and 240 s, applies to every origin of the profile. The rule follows " +
			"`azurerm_cdn_frontdoor_origin.host_name` to the app (a reference to its `default_hostname`, or the same host name), " +
			"then the origin group to the profile.\n" +
			"- Application Gateway: `backend_http_settings.request_timeout`, 30 s when unset, for every routing rule or URL path " +
			"map that sends a backend pool holding the app (by host name in `fqdns`) to those settings.\n" +
			"- API Management: the `timeout` (or `timeout-ms`) of a `forward-request` element in the `xml_content` of an " +
			"`azurerm_api_management_api_policy` (or `azurerm_api_management_api_operation_policy`) whose API's `service_url` is the app. Without a `forward-request` the API " +
			"inherits one from an outer scope (product, all APIs) the plan may not show, so the rule stays silent; when set, the " +
			"default is 300 s, and Microsoft warns that more than 240 s may not be honoured.\n\n" +
			"The function's timeout is read as in `azure_function_timeout_exceeds_plan`: the app setting, else the host.json " +
			"given to the run, else the default of the app's hosting plan. Unknown or sensitive values never fire. None of the " +
			"86 public plans the project tests against (read 2026-12-04) puts Front Door, an Application Gateway or API " +
			"Management in front of a function app; the rule is tested on built plans only.\n\n" +
			"Not covered, and why: a Service Bus queue's `lock_duration` (at most 5 minutes) is not the limit of a " +
			"Service Bus-triggered function: the Functions host renews the message lock while the function runs, up to " +
			"`maxAutoLockRenewalDuration` (5 minutes by default) in host.json's `extensions.serviceBus`, a setting the plan does " +
			"not show; Microsoft documents no failure for a timeout above `lock_duration` alone, so there is no rule for it. " +
			"Classic Front Door (`azurerm_frontdoor`) and API Management backends set through `set-backend-service` are not " +
			"followed yet.",
		HowToFix: "- Raise the caller's timeout to the function's (`response_timeout_seconds`, at most 240; `request_timeout`; the " +
			"`forward-request` timeout).\n" +
			"- Where the caller cannot wait that long, answer within its limit: return 202 Accepted with a status URL and continue " +
			"in the background (Durable Functions async HTTP pattern, or a queue-triggered function).\n" +
			"- Or lower `functionTimeout` to what the caller waits, so a run nobody waits for stops.",
		Sources: []string{
			"https://learn.microsoft.com/azure/templates/microsoft.cdn/profiles (originResponseTimeoutSeconds, minimum 16)",
			"azurerm provider, cdn_frontdoor_profile `response_timeout_seconds` (16 to 240, default 120): https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cdn_frontdoor_profile",
			"https://learn.microsoft.com/dotnet/api/microsoft.azure.management.network.models.applicationgatewaybackendhttpsettings.requesttimeout (1 to 86400 s)",
			"azurerm provider, application_gateway `backend_http_settings.request_timeout` (default 30): https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/application_gateway",
			"https://learn.microsoft.com/azure/api-management/forward-request-policy (timeout, default 300; above 240 may not be honoured)",
			"https://learn.microsoft.com/azure/azure-functions/functions-bindings-service-bus#hostjson-settings (maxAutoLockRenewalDuration)",
			"https://learn.microsoft.com/dotnet/api/azure.messaging.servicebus.servicebusprocessoroptions.maxautolockrenewalduration (locks renewed for 5 minutes by default)",
		},
		Example: Example{
			Note: "A report function on a Premium plan may run 10 minutes; Front Door in front of it waits the default 120 s.",
			Plan: []ExampleResource{
				plantest.AzureServicePlan("azurerm_service_plan.premium", "EP1"),
				plantest.AzureLinuxFunctionApp("azurerm_linux_function_app.reports", "azurerm_service_plan.premium",
					map[string]any{"python_version": "3.12"}, map[string]any{"AzureFunctionsJobHost__functionTimeout": "00:10:00"}, nil),
				{Address: "azurerm_cdn_frontdoor_profile.edge", After: map[string]any{"name": "edge", "resource_group_name": "rg",
					"sku_name": "Standard_AzureFrontDoor", "response_timeout_seconds": 120}, Defaults: []string{"response_timeout_seconds"}},
				{Address: "azurerm_cdn_frontdoor_origin_group.reports", After: map[string]any{"name": "reports"},
					Unknown: []string{"cdn_frontdoor_profile_id"},
					Refs:    map[string][]string{"cdn_frontdoor_profile_id": plantest.Refs("azurerm_cdn_frontdoor_profile.edge", "id")}},
				{Address: "azurerm_cdn_frontdoor_origin.reports", After: map[string]any{"name": "reports", "certificate_name_check_enabled": true},
					Unknown: []string{"cdn_frontdoor_origin_group_id", "host_name"},
					Refs: map[string][]string{
						"cdn_frontdoor_origin_group_id": plantest.Refs("azurerm_cdn_frontdoor_origin_group.reports", "id"),
						"host_name":                     plantest.Refs("azurerm_linux_function_app.reports", "default_hostname"),
					}},
			},
		},
	},
	Check: checkAzureCallerTimeoutBelowFunction,
}

// azureCaller says, per caller type, where its limit is written, what happens past it, and how to fix it.
type azureCaller struct {
	attribute, consequence string
	fix                    func(timeoutSeconds int) string
}

var azureCallers = map[string]azureCaller{
	"azurerm_cdn_frontdoor_profile": {"response_timeout_seconds", "Front Door fails the request while the function keeps running",
		func(timeout int) string {
			if timeout > platform.FrontDoorMaxResponseTimeoutSeconds {
				return fmt.Sprintf("set response_timeout_seconds = %d (its maximum) and answer within it: return 202 Accepted and continue in the background (Durable Functions async HTTP pattern)",
					platform.FrontDoorMaxResponseTimeoutSeconds)
			}
			return fmt.Sprintf("raise response_timeout_seconds to %d", timeout)
		}},
	"azurerm_application_gateway": {"backend_http_settings", "the gateway fails the request while the function keeps running",
		func(timeout int) string {
			if timeout > platform.AzureHTTPResponseLimitSeconds {
				return fmt.Sprintf("raise request_timeout to %d and answer within it (Azure gives HTTP functions %s whatever the timeout): return 202 Accepted and continue in the background",
					platform.AzureHTTPResponseLimitSeconds, serverless.Seconds(platform.AzureHTTPResponseLimitSeconds))
			}
			return fmt.Sprintf("raise request_timeout to %d", timeout)
		}},
	"azurerm_api_management_api_policy":           apimCaller,
	"azurerm_api_management_api_operation_policy": apimCaller,
}

var apimCaller = azureCaller{"xml_content", "API Management answers the client with an error while the function keeps running",
	func(timeout int) string {
		if timeout > platform.APIMForwardRequestHonoredSeconds {
			return fmt.Sprintf("raise the forward-request timeout to %d (longer may not be honoured) and answer within it: return 202 Accepted and continue in the background",
				platform.APIMForwardRequestHonoredSeconds)
		}
		return fmt.Sprintf("raise the forward-request timeout to %d", timeout)
	}}

func checkAzureCallerTimeoutBelowFunction(pass *Pass) {
	in := pass.Settings.Inputs()
	for _, find := range serverless.AzureCallerFinders {
		for _, c := range find(pass.Graph, in) {
			kind, known := azureCallers[c.Caller.Type]
			p, planKnown := serverless.AzureHostingPlanOf(pass.Graph, c.Function)
			t, ok := serverless.AzureAppTimeout(c.Function, p, planKnown, pass.Settings.AzureHost)
			if !known || !ok {
				continue
			}
			timeout := math.MaxInt32
			if !t.Unbounded {
				timeout = int((t.Duration + time.Second - 1) / time.Second)
			}
			if timeout*1000 <= c.LimitMillis {
				continue
			}
			via := ""
			if c.Via != "" {
				via = ", reached through " + c.Via
			}
			pass.Report(finding.Finding{
				Address:   c.Caller.Address,
				Attribute: kind.attribute,
				Related:   []string{c.Function.Address, c.Via, p.Address()},
				Message: fmt.Sprintf("%s is %s, shorter than %s of %s%s: %s", c.Label, serverless.MillisAsSeconds(c.LimitMillis),
					t.Describe(), c.Function.Address, via, kind.consequence),
				Remediation: kind.fix(timeout),
			})
		}
	}
}
