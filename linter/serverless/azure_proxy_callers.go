package serverless

import (
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// This file finds the Azure services that forward HTTP requests to a function app and stop waiting
// on their own clock: Front Door (the profile's response timeout), Application Gateway (the backend
// HTTP settings' request timeout) and API Management (an API policy's forward-request timeout). An
// app is recognised through the references of the caller's configuration to it (host names built
// from `default_hostname`), or by its host name when both are known.

// azureCallerRule is the timing rule the callers of this file report under.
const azureCallerRule = "azure_caller_timeout_below_function"

// AzureCallerFinders lists this file's finders, for the rule that reports them.
var AzureCallerFinders = []CallerFinder{AzureFrontDoorCallers, AzureAppGatewayCallers, AzureAPIManagementCallers}

// azureAppsAt returns the function apps of the plan an attribute of a caller leads to: through a
// reference made under attribute (a dotted prefix), or by value when host is one of their known
// default host names ("app.azurewebsites.net", with or without a scheme and path).
func azureAppsAt(g *graph.Graph, caller *graph.Instance, attribute, host string) []*graph.Instance {
	out := azureAppsReferenced(g, caller, attribute)
	for _, app := range azureAppsWithHost(g, host) {
		if !slices.Contains(out, app) {
			out = append(out, app)
		}
	}
	return out
}

// azureAppsReferenced returns the function apps that references under attribute lead to.
func azureAppsReferenced(g *graph.Graph, caller *graph.Instance, attribute string) []*graph.Instance {
	var out []*graph.Instance
	for _, e := range g.Outgoing(caller) {
		if (e.Attribute == attribute || strings.HasPrefix(e.Attribute, attribute+".")) && !e.To.Deleted() &&
			slices.Contains(platform.FunctionResourceTypesIn(platform.Azure), e.To.Type) && !slices.Contains(out, e.To) {
			out = append(out, e.To)
		}
	}
	return out
}

// azureAppsWithHost returns the function apps whose known default host name is host's.
func azureAppsWithHost(g *graph.Graph, host string) []*graph.Instance {
	host = hostOf(host)
	if host == "" {
		return nil
	}
	var out []*graph.Instance
	for _, app := range AzureFunctionApps(g) {
		if h, ok := knownText(app, "default_hostname"); ok && strings.EqualFold(h, host) {
			out = append(out, app)
		}
	}
	return out
}

// hostOf returns the host name of a URL or a bare host name.
func hostOf(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?:"); i >= 0 {
		s = s[:i]
	}
	return s
}

// targetOfType returns the one resource of a type an attribute references, if there is exactly one.
func targetOfType(g *graph.Graph, from *graph.Instance, attribute, typ string) *graph.Instance {
	var found *graph.Instance
	for _, e := range g.Targets(from, attribute) {
		if e.To.Type == typ && e.To != found {
			if found != nil {
				return nil
			}
			found = e.To
		}
	}
	return found
}

// secondsOrDefault reads a whole-seconds attribute: its value, def when unset; ok is false when the
// plan does not know it.
func secondsOrDefault(v plan.Value, def int) (n int, isDefault, ok bool) {
	return knownOrDefault(v, def, plan.Value.PositiveInt)
}

// AzureFrontDoorCallers finds Front Door (Standard/Premium) origins that point at a function app,
// with the response timeout of their profile (120 s when unset). The chain is origin ->
// origin group (cdn_frontdoor_origin_group_id) -> profile (cdn_frontdoor_profile_id).
func AzureFrontDoorCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, origin := range liveOfType(g, "azurerm_cdn_frontdoor_origin") {
		host, _ := knownText(origin, "host_name")
		apps := azureAppsAt(g, origin, "host_name", host)
		if len(apps) == 0 {
			continue
		}
		group := targetOfType(g, origin, "cdn_frontdoor_origin_group_id", "azurerm_cdn_frontdoor_origin_group")
		if group == nil {
			continue
		}
		profile := targetOfType(g, group, "cdn_frontdoor_profile_id", "azurerm_cdn_frontdoor_profile")
		if profile == nil || profile.Deleted() {
			continue
		}
		timeout, isDefault, ok := secondsOrDefault(profile.Get("response_timeout_seconds"), platform.FrontDoorDefaultResponseTimeoutSeconds)
		if !ok {
			continue
		}
		for _, app := range apps {
			out = append(out, CallerLimit{Function: app, Caller: profile, Via: origin.Address, LimitMillis: timeout * 1000,
				Label: "Front Door response timeout" + DefaultNote(isDefault), Rule: azureCallerRule, Synchronous: true})
		}
	}
	return out
}

// AzureAppGatewayCallers finds Application Gateways with a backend pool that holds a function app,
// with the request timeout of every backend HTTP settings a routing rule (or a URL path map) pairs
// with that pool (30 s when unset). A pool is recognised by a known host name in its fqdns, or, when
// the app's host name is known only after apply, as the one pool whose fqdns the plan does not know
// and whose configuration references the app.
func AzureAppGatewayCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, gw := range liveOfType(g, "azurerm_application_gateway") {
		pools := appGatewayPools(g, gw)
		for _, pair := range appGatewayRoutes(gw) {
			for _, app := range pools[pair.pool] {
				timeout, isDefault, ok := appGatewaySettingsTimeout(gw, pair.settings)
				if !ok {
					continue
				}
				out = append(out, CallerLimit{Function: app, Caller: gw, LimitMillis: timeout * 1000,
					Label: "Application Gateway request timeout" + DefaultNote(isDefault) + " of backend_http_settings " + strconv.Quote(pair.settings),
					Rule:  azureCallerRule, Synchronous: true})
			}
		}
	}
	return out
}

// appGatewayPools maps each backend pool's name to the function apps it holds.
func appGatewayPools(g *graph.Graph, gw *graph.Instance) map[string][]*graph.Instance {
	pools := map[string][]*graph.Instance{}
	list, _ := gw.Get("backend_address_pool").List()
	referenced := azureAppsReferenced(g, gw, "backend_address_pool")
	var unknownPools []string
	for i := range list {
		name, ok := knownText(gw, "backend_address_pool", i, "name")
		if !ok {
			continue
		}
		fqdns := gw.Get("backend_address_pool", i, "fqdns")
		if fqdns.State != plan.Known {
			if fqdns.State == plan.Unknown {
				unknownPools = append(unknownPools, name)
			}
			continue
		}
		hosts, _ := fqdns.List()
		for j := range hosts {
			host, _ := knownText(gw, "backend_address_pool", i, "fqdns", j)
			if host == "" {
				continue
			}
			pools[name] = append(pools[name], azureAppsWithHost(g, host)...)
		}
	}
	if len(unknownPools) == 1 && len(referenced) == 1 {
		pools[unknownPools[0]] = append(pools[unknownPools[0]], referenced[0])
	}
	return pools
}

// appGatewayRoute pairs a backend pool with the HTTP settings requests to it use.
type appGatewayRoute struct{ pool, settings string }

// appGatewayRoutes lists the pool/settings pairs of the gateway's routing rules and URL path maps.
func appGatewayRoutes(gw *graph.Instance) []appGatewayRoute {
	var out []appGatewayRoute
	seen := map[appGatewayRoute]bool{}
	add := func(path ...any) {
		pool, _ := knownText(gw, append(path, "backend_address_pool_name")...)
		settings, _ := knownText(gw, append(path, "backend_http_settings_name")...)
		if r := (appGatewayRoute{pool, settings}); pool != "" && settings != "" && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	rules, _ := gw.Get("request_routing_rule").List()
	for i := range rules {
		add("request_routing_rule", i)
	}
	maps, _ := gw.Get("url_path_map").List()
	for i := range maps {
		pool, _ := knownText(gw, "url_path_map", i, "default_backend_address_pool_name")
		settings, _ := knownText(gw, "url_path_map", i, "default_backend_http_settings_name")
		if r := (appGatewayRoute{pool, settings}); pool != "" && settings != "" && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
		paths, _ := gw.Get("url_path_map", i, "path_rule").List()
		for j := range paths {
			add("url_path_map", i, "path_rule", j)
		}
	}
	return out
}

// appGatewaySettingsTimeout reads the request timeout of the named backend HTTP settings.
func appGatewaySettingsTimeout(gw *graph.Instance, name string) (int, bool, bool) {
	list, _ := gw.Get("backend_http_settings").List()
	for i := range list {
		if n, _ := knownText(gw, "backend_http_settings", i, "name"); n == name {
			return secondsOrDefault(gw.Get("backend_http_settings", i, "request_timeout"), platform.AppGatewayDefaultRequestTimeoutSeconds)
		}
	}
	return 0, false, false
}

// AzureAPIManagementCallers finds API and API operation policies whose API sends requests to a
// function app (its service_url) and whose XML sets a forward-request timeout. A policy without a forward-request
// element inherits the one of an outer scope (product, all APIs), which the plan may not show: it
// yields no caller, as does a timeout written as a policy expression.
func AzureAPIManagementCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	policies := append(liveOfType(g, "azurerm_api_management_api_policy"), liveOfType(g, "azurerm_api_management_api_operation_policy")...)
	for _, policy := range policies {
		api := targetOfType(g, policy, "api_name", "azurerm_api_management_api")
		if api == nil || api.Deleted() {
			continue
		}
		serviceURL, _ := knownText(api, "service_url")
		apps := azureAppsAt(g, api, "service_url", serviceURL)
		if len(apps) == 0 {
			continue
		}
		content, ok := knownText(policy, "xml_content")
		if !ok {
			continue
		}
		millis, ok := forwardRequestTimeoutMillis(content)
		if !ok {
			continue
		}
		for _, app := range apps {
			out = append(out, CallerLimit{Function: app, Caller: policy, Via: api.Address, LimitMillis: millis,
				Label: "forward-request timeout", Rule: azureCallerRule, Synchronous: true})
		}
	}
	return out
}

// forwardRequestTimeoutMillis reads the shortest timeout (timeout in seconds, or timeout-ms) of the
// forward-request elements of an API Management policy document. ok is false when the document is
// not well-formed XML, has no forward-request with a timeout, or writes one as a policy expression.
func forwardRequestTimeoutMillis(policy string) (int, bool) {
	dec := xml.NewDecoder(strings.NewReader(policy))
	best, found := 0, false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return best, found
		}
		if err != nil {
			return 0, false
		}
		start, ok := tok.(xml.StartElement)
		if !ok || start.Name.Local != "forward-request" {
			continue
		}
		for _, a := range start.Attr {
			var millis int
			var convErr error
			switch a.Name.Local {
			case "timeout":
				var s int
				s, convErr = strconv.Atoi(strings.TrimSpace(a.Value))
				millis = s * 1000
			case "timeout-ms":
				millis, convErr = strconv.Atoi(strings.TrimSpace(a.Value))
			default:
				continue
			}
			if convErr != nil || millis < 0 || millis > 1e9 {
				return 0, false // a policy expression ("@(...)") or nonsense: the plan cannot say
			}
			if millis == 0 {
				continue // 0 is allowed, but what it means is not documented
			}
			if !found || millis < best {
				best, found = millis, true
			}
		}
	}
}
