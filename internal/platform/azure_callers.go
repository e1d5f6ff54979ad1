package platform

// Timeouts of the Azure services that forward HTTP requests to a function app and give up on their
// own clock (issue 15). Each is read from the plan when set; the defaults below are what the azurerm
// provider plans when the configuration leaves the setting out.

// Front Door Standard/Premium (azurerm_cdn_frontdoor_profile.response_timeout_seconds): how long
// Front Door waits for an origin to answer before it fails the request.
const (
	// FrontDoorDefaultResponseTimeoutSeconds is the azurerm default: 120 s. Source: azurerm provider
	// docs, cdn_frontdoor_profile, `response_timeout_seconds` ("Possible values are between 16 and
	// 240 seconds (inclusive). Defaults to 120 seconds";
	// https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cdn_frontdoor_profile),
	// the profile's `originResponseTimeoutSeconds` in the ARM reference
	// (https://learn.microsoft.com/azure/templates/microsoft.cdn/profiles, "Send and receive timeout
	// on forwarding request to the origin. When timeout is reached, the request fails and returns";
	// minimum 16). Read 2026-12-04.
	FrontDoorDefaultResponseTimeoutSeconds = 120

	// FrontDoorMaxResponseTimeoutSeconds is the largest value: 240 s. Source: as above. Read 2026-12-04.
	FrontDoorMaxResponseTimeoutSeconds = 240
)

// Application Gateway (azurerm_application_gateway.backend_http_settings.request_timeout).
const (
	// AppGatewayDefaultRequestTimeoutSeconds is the azurerm default: 30 s ("Application Gateway will
	// fail the request if response is not received within RequestTimeout. Acceptable values are
	// from 1 second to 86400 seconds"). Source: azurerm provider docs, application_gateway,
	// backend_http_settings `request_timeout` ("Defaults to 30";
	// https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/application_gateway),
	// and the Network API's ApplicationGatewayBackendHttpSettings.requestTimeout
	// (https://learn.microsoft.com/dotnet/api/microsoft.azure.management.network.models.applicationgatewaybackendhttpsettings.requesttimeout).
	// Read 2026-12-04.
	AppGatewayDefaultRequestTimeoutSeconds = 30
)

// API Management (the forward-request policy of azurerm_api_management_api_policy.xml_content).
const (
	// APIMForwardRequestDefaultTimeoutSeconds is forward-request's `timeout` when unset: 300 s, how
	// long the gateway waits for the backend's response headers before it raises a timeout error.
	// Source: https://learn.microsoft.com/azure/api-management/forward-request-policy (attribute
	// table, `timeout`, default 300). Read 2026-12-04.
	APIMForwardRequestDefaultTimeoutSeconds = 300

	// APIMForwardRequestHonoredSeconds is the longest timeout the same page says is reliably
	// honoured: "Values greater than 240 seconds may not be honored, because the underlying network
	// infrastructure can drop idle connections after this time." Source: as above. Read 2026-12-04.
	APIMForwardRequestHonoredSeconds = 240
)
