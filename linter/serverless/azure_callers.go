package serverless

import (
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// AzureHTTPCallers gives every function app that serves HTTP, or may, the 230 s Azure's front end
// waits for a response. The caller is the app (its HTTP front end); Related are its HTTP functions.
// An app whose functions' triggers the plan does not show is Uncertain; one whose functions are
// all known not to be HTTP is left out.
func AzureHTTPCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, app := range AzureFunctionApps(g) {
		httpFunctions, noneHTTP := AzureHTTP(g, app)
		if noneHTTP {
			continue
		}
		out = append(out, CallerLimit{Function: app, Caller: app, LimitMillis: platform.AzureHTTPResponseLimitSeconds * 1000,
			Label: "Azure HTTP response limit", Rule: "azure_http_timeout_above_230s", Related: httpFunctions,
			Uncertain: len(httpFunctions) == 0})
	}
	return out
}
