package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

const azureAppHost = "reports.azurewebsites.net"

// azureTimedApp is a Python function app on a Premium plan with the given functionTimeout and, when
// host is not "", a known default host name.
func azureTimedApp(addr, timeout, host string) plantest.Resource {
	app := plantest.AzureLinuxFunctionApp(addr, "azurerm_service_plan.premium", map[string]any{"python_version": "3.12"},
		map[string]any{"AzureFunctionsJobHost__functionTimeout": timeout}, nil)
	if host != "" {
		app.After["default_hostname"] = host
	} else {
		app.Unknown = append(app.Unknown, "default_hostname")
	}
	return app
}

// azureFrontDoor is a profile, an origin group and an origin whose host name references (or, with
// hostRefs nil, names) the app. timeout nil leaves response_timeout_seconds to the provider.
func azureFrontDoor(name string, timeout any, host string, hostRefs []string) []plantest.Resource {
	profile := plantest.Resource{Address: "azurerm_cdn_frontdoor_profile." + name,
		After: map[string]any{"name": name, "resource_group_name": "rg", "sku_name": "Standard_AzureFrontDoor"}}
	if timeout != nil {
		profile.After["response_timeout_seconds"] = timeout
	}
	group := plantest.Resource{Address: "azurerm_cdn_frontdoor_origin_group." + name, After: map[string]any{"name": name},
		Unknown: []string{"cdn_frontdoor_profile_id"},
		Refs:    map[string][]string{"cdn_frontdoor_profile_id": plantest.Refs(profile.Address, "id")}}
	origin := plantest.Resource{Address: "azurerm_cdn_frontdoor_origin." + name, After: map[string]any{"name": name},
		Unknown: []string{"cdn_frontdoor_origin_group_id"},
		Refs:    map[string][]string{"cdn_frontdoor_origin_group_id": plantest.Refs(group.Address, "id")}}
	if hostRefs != nil {
		origin.Unknown = append(origin.Unknown, "host_name")
		origin.Refs["host_name"] = hostRefs
	} else {
		origin.After["host_name"] = host
	}
	return []plantest.Resource{profile, group, origin}
}

// azureAppGateway routes pool "fn" (fqdns given; nil for known only after apply, referencing
// fqdnRefs) to settings "fn-https" with the given request_timeout (nil: the provider default).
func azureAppGateway(addr string, fqdns []any, fqdnRefs []string, timeout any) plantest.Resource {
	settings := map[string]any{"name": "fn-https", "port": 443, "protocol": "Https"}
	if timeout != nil {
		settings["request_timeout"] = timeout
	}
	gw := plantest.Resource{Address: addr, After: map[string]any{
		"name": "gw",
		"backend_address_pool": []any{
			map[string]any{"name": "fn", "fqdns": fqdns},
			map[string]any{"name": "static", "fqdns": []any{"static.example.com"}},
		},
		"backend_http_settings": []any{settings, map[string]any{"name": "static-http", "port": 80, "protocol": "Http", "request_timeout": 5}},
		"request_routing_rule": []any{
			map[string]any{"name": "fn", "backend_address_pool_name": "fn", "backend_http_settings_name": "fn-https"},
			map[string]any{"name": "static", "backend_address_pool_name": "static", "backend_http_settings_name": "static-http"},
		},
	}}
	if fqdns == nil {
		gw.Unknown = []string{"backend_address_pool.0.fqdns"}
		gw.Refs = map[string][]string{"backend_address_pool.0.fqdns": fqdnRefs}
	}
	return gw
}

// azureAPIM is an API whose service_url references (or names) the app, and its policy.
func azureAPIM(name, policy string, serviceURL string, urlRefs []string) []plantest.Resource {
	api := plantest.Resource{Address: "azurerm_api_management_api." + name, After: map[string]any{"name": name, "revision": "1"}}
	if urlRefs != nil {
		api.Unknown = []string{"service_url"}
		api.Refs = map[string][]string{"service_url": urlRefs}
	} else {
		api.After["service_url"] = serviceURL
	}
	pol := plantest.Resource{Address: "azurerm_api_management_api_policy." + name, After: map[string]any{"xml_content": policy},
		Refs: map[string][]string{"api_name": plantest.Refs(api.Address, "name")}}
	return []plantest.Resource{api, pol}
}

// withPlan points an app at another service plan (a reference relative to the app's module).
func withPlan(app plantest.Resource, planAddr string) plantest.Resource {
	app.Refs = map[string][]string{"service_plan_id": plantest.Refs(planAddr, "id")}
	return app
}

func forwardRequest(attrs string) string {
	return "<policies><inbound><base /></inbound><backend><forward-request " + attrs + " /></backend><outbound><base /></outbound></policies>"
}

func TestAzureCallerTimeoutBelowFunction(t *testing.T) {
	app := "azurerm_linux_function_app.reports"
	plan := plantest.AzureServicePlan("azurerm_service_plan.premium", "EP1")
	hostRefs := plantest.Refs(app, "default_hostname")
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "Front Door at its 120s default against a 121s function, through references",
			plan: plantest.New().Add(plan, azureTimedApp(app, "00:02:01", "")).Add(azureFrontDoor("edge", nil, "", hostRefs)...),
			want: []string{"warning azurerm_cdn_frontdoor_profile.edge: Front Door response timeout (default) is 120s, shorter than functionTimeout 2m1s (app setting AzureFunctionsJobHost__functionTimeout) of azurerm_linux_function_app.reports, reached through azurerm_cdn_frontdoor_origin.edge: Front Door fails the request while the function keeps running"},
		},
		{
			name: "Front Door reaching a counted app through a module output",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.fn", Source: "./fn",
					Outputs: map[string][]string{"hostname": plantest.Refs("azurerm_linux_function_app.this", "default_hostname")}}).
				Add(plantest.Resource{Address: "module.fn.azurerm_service_plan.premium", After: plan.After},
					withPlan(azureTimedApp("module.fn.azurerm_linux_function_app.this[0]", "00:03:00", ""), "azurerm_service_plan.premium")).
				Add(azureFrontDoor("edge", 150, "", []string{"module.fn.hostname", "module.fn"})...),
			want: []string{"warning azurerm_cdn_frontdoor_profile.edge: Front Door response timeout is 150s, shorter than functionTimeout 3m (app setting AzureFunctionsJobHost__functionTimeout) of module.fn.azurerm_linux_function_app.this[0], reached through azurerm_cdn_frontdoor_origin.edge: Front Door fails the request while the function keeps running"},
		},
		{
			name: "Front Door at and above the function's timeout is silent",
			plan: plantest.New().Add(plan, azureTimedApp(app, "00:02:00", "")).Add(azureFrontDoor("edge", nil, "", hostRefs)...),
			want: []string{},
		},
		{
			name: "Front Door one second longer",
			plan: plantest.New().Add(plan, azureTimedApp(app, "00:01:59", azureAppHost)).Add(azureFrontDoor("edge", 120, azureAppHost, nil)...),
			want: []string{},
		},
		{
			name: "Front Door set explicitly, matched by host name",
			plan: plantest.New().Add(plan, azureTimedApp(app, "00:10:00", azureAppHost)).Add(azureFrontDoor("edge", 60, azureAppHost, nil)...),
			want: []string{"warning azurerm_cdn_frontdoor_profile.edge: Front Door response timeout is 60s, shorter than functionTimeout 10m (app setting AzureFunctionsJobHost__functionTimeout) of azurerm_linux_function_app.reports, reached through azurerm_cdn_frontdoor_origin.edge: Front Door fails the request while the function keeps running"},
		},
		{
			name: "Application Gateway at its 30s default: 31s fires",
			plan: plantest.New().Add(plan, azureTimedApp(app, "00:00:31", azureAppHost),
				azureAppGateway("azurerm_application_gateway.gw", []any{azureAppHost}, nil, nil)),
			want: []string{`warning azurerm_application_gateway.gw: Application Gateway request timeout (default) of backend_http_settings "fn-https" is 30s, shorter than functionTimeout 31s (app setting AzureFunctionsJobHost__functionTimeout) of azurerm_linux_function_app.reports: the gateway fails the request while the function keeps running`},
		},
		{
			name: "Application Gateway at 30s and 29s is silent",
			plan: plantest.New().Add(plan, azureTimedApp(app, "00:00:30", azureAppHost),
				azureTimedApp("azurerm_linux_function_app.other", "00:00:29", "other.azurewebsites.net"),
				azureAppGateway("azurerm_application_gateway.a", []any{azureAppHost}, nil, 30),
				azureAppGateway("azurerm_application_gateway.b", []any{"other.azurewebsites.net"}, nil, nil)),
			want: []string{},
		},
		{
			name: "Application Gateway whose pool host name is known only after apply",
			plan: plantest.New().Add(plan, azureTimedApp(app, "00:05:00", ""),
				azureAppGateway("azurerm_application_gateway.gw", nil, hostRefs, 120)),
			want: []string{`warning azurerm_application_gateway.gw: Application Gateway request timeout of backend_http_settings "fn-https" is 120s, shorter than functionTimeout 5m (app setting AzureFunctionsJobHost__functionTimeout) of azurerm_linux_function_app.reports: the gateway fails the request while the function keeps running`},
		},
		{
			name: "API Management forward-request timeout: 240s against 241s fires, in seconds or milliseconds",
			plan: plantest.New().Add(plan, azureTimedApp(app, "00:04:01", "")).
				Add(azureAPIM("reports", forwardRequest(`timeout="240"`), "", plantest.Refs(app, "default_hostname"))...).
				Add(azureAPIM("ms", forwardRequest(`timeout-ms="240500"`), "", plantest.Refs(app, "default_hostname"))...).
				Add(plantest.Resource{Address: "azurerm_api_management_api_operation_policy.export",
					After: map[string]any{"operation_id": "export", "xml_content": forwardRequest(`timeout="60"`)},
					Refs:  map[string][]string{"api_name": plantest.Refs("azurerm_api_management_api.reports", "name")}}),
			want: []string{
				"warning azurerm_api_management_api_operation_policy.export: forward-request timeout is 60s, shorter than functionTimeout 4m1s (app setting AzureFunctionsJobHost__functionTimeout) of azurerm_linux_function_app.reports, reached through azurerm_api_management_api.reports: API Management answers the client with an error while the function keeps running",
				"warning azurerm_api_management_api_policy.ms: forward-request timeout is 240.5s, shorter than functionTimeout 4m1s (app setting AzureFunctionsJobHost__functionTimeout) of azurerm_linux_function_app.reports, reached through azurerm_api_management_api.ms: API Management answers the client with an error while the function keeps running",
				"warning azurerm_api_management_api_policy.reports: forward-request timeout is 240s, shorter than functionTimeout 4m1s (app setting AzureFunctionsJobHost__functionTimeout) of azurerm_linux_function_app.reports, reached through azurerm_api_management_api.reports: API Management answers the client with an error while the function keeps running",
			},
		},
		{
			name: "API Management at and above the timeout, without forward-request, with an expression or malformed XML is silent",
			plan: plantest.New().Add(plan, azureTimedApp(app, "00:04:00", azureAppHost)).
				Add(azureAPIM("equal", forwardRequest(`timeout="240"`), "https://"+azureAppHost+"/api", nil)...).
				Add(azureAPIM("longer", forwardRequest(`timeout="300"`), "https://"+azureAppHost, nil)...).
				Add(azureAPIM("inherits", "<policies><inbound><base /></inbound><backend><base /></backend></policies>", "https://"+azureAppHost, nil)...).
				Add(azureAPIM("expr", forwardRequest(`timeout="@(context.Variables.GetValueOrDefault&lt;int&gt;(&quot;t&quot;))"`), "https://"+azureAppHost, nil)...).
				Add(azureAPIM("broken", "<policies><backend><forward-request timeout=\"10\"", "https://"+azureAppHost, nil)...).
				Add(azureAPIM("elsewhere", forwardRequest(`timeout="10"`), "https://example.com", nil)...),
			want: []string{},
		},
		{
			name: "unknown or sensitive settings and deleted callers are silent",
			plan: plantest.New().Add(plan, azureTimedApp(app, "00:10:00", azureAppHost),
				withUnknownAttr(azureTimedApp("azurerm_linux_function_app.hidden", "00:10:00", "hidden.azurewebsites.net"), "app_settings"),
				withUnknownAttr(azureAppGateway("azurerm_application_gateway.unknown", []any{azureAppHost}, nil, 10), "backend_http_settings"),
				deleted(azureAppGateway("azurerm_application_gateway.deleted", []any{azureAppHost}, nil, 10)),
				azureAppGateway("azurerm_application_gateway.hidden", []any{"hidden.azurewebsites.net"}, nil, 10)).
				Add(withUnknownAttr(azureFrontDoor("unknown", 60, azureAppHost, nil)[0], "response_timeout_seconds")).
				Add(azureFrontDoor("unknown", 60, azureAppHost, nil)[1:]...).
				Add(withSensitiveAttr(azureAPIM("secret", forwardRequest(`timeout="10"`), "https://"+azureAppHost, nil)[1], "xml_content")).
				Add(azureAPIM("secret", forwardRequest(`timeout="10"`), "https://"+azureAppHost, nil)[0]),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, summaries(run(t, rules.AzureCallerTimeoutBelowFunction, tt.plan)))
		})
	}
}
