package serverless_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// callerSummary renders a caller limit for compact expectations.
func callerSummary(c serverless.CallerLimit) string {
	via := ""
	if c.Via != "" {
		via = " via " + c.Via
	}
	return c.Caller.Address + via + " -> " + c.Function.Address + ": " + c.Label + " " + serverless.MillisAsSeconds(c.LimitMillis) + " [" + c.Rule + "]"
}

// The new callers are found by CallerLimits, the list function_observed_duration_near_limit reads,
// with the limit, the label and the timing rule each.
func TestCallerLimitsEmbeddedCallers(t *testing.T) {
	g := embeddedCallersPlan().Graph(t)

	var got []string
	for _, c := range serverless.CallerLimits(g, serverless.Inputs{}) {
		got = append(got, callerSummary(c))
	}
	assert.Equal(t, []string{
		// The existing callers' finders come first: the app's functions are not in the plan, so it
		// may serve HTTP (an Uncertain limit, which function_observed_duration_near_limit ignores).
		"azurerm_linux_function_app.fn -> azurerm_linux_function_app.fn: Azure HTTP response limit 230s [azure_http_timeout_above_230s]",
		"google_api_gateway_api_config.v1 -> google_cloud_run_v2_service.api: x-google-backend deadline of every operation 12.5s [gcp_caller_deadline_below_timeout]",
		"google_firebase_hosting_version.site -> google_cloud_run_v2_service.api: Firebase Hosting request timeout 60s [gcp_caller_deadline_below_timeout]",
		"google_workflows_workflow.wf -> google_cloud_run_v2_service.api: http.get timeout 45s [gcp_caller_deadline_below_timeout]",
		"azurerm_api_management_api_policy.api via azurerm_api_management_api.api -> azurerm_linux_function_app.fn: forward-request timeout 20s [azure_caller_timeout_below_function]",
	}, got)
}

// Every one of these callers waits for the answer, so each is on its function's synchronous path,
// the one the cold-start rules read.
func TestSyncCallerLimitsEmbeddedCallers(t *testing.T) {
	g := embeddedCallersPlan().Graph(t)
	got := map[string][]string{}
	for fn, callers := range serverless.SyncCallerLimits(g, serverless.Inputs{}) {
		for _, c := range callers {
			got[fn.Address] = append(got[fn.Address], c.Caller.Address)
		}
	}
	assert.Equal(t, map[string][]string{
		"google_cloud_run_v2_service.api": {"google_api_gateway_api_config.v1", "google_firebase_hosting_version.site", "google_workflows_workflow.wf"},
		"azurerm_linux_function_app.fn":   {"azurerm_api_management_api_policy.api"},
	}, got)
}

// embeddedCallersPlan has a Cloud Run service behind Google API Gateway, Firebase Hosting and a
// workflow, and a function app behind API Management.
func embeddedCallersPlan() *plantest.Builder {
	url := "https://api-abc123-ew.a.run.app"
	doc := "swagger: '2.0'\nx-google-backend: {address: " + url + ", deadline: 12.5}\npaths: {}\n"
	return plantest.New().Add(
		plantest.CloudRunService("google_cloud_run_v2_service.api", nil, map[string]any{"uri": url}),
		plantest.Resource{Address: "google_api_gateway_api_config.v1", After: map[string]any{"openapi_documents": []any{
			map[string]any{"document": []any{map[string]any{"path": "a.yaml", "contents": base64.StdEncoding.EncodeToString([]byte(doc))}}}}}},
		plantest.Resource{Address: "google_workflows_workflow.wf", After: map[string]any{
			"source_contents": "main:\n  steps:\n    - a: {call: http.get, args: {url: " + url + "/x, timeout: 45}}\n"}},
		plantest.Resource{Address: "google_firebase_hosting_version.site", After: map[string]any{"config": []any{map[string]any{
			"rewrites": []any{map[string]any{"run": []any{map[string]any{"service_id": "api", "region": "europe-west1"}}}}}}}},
		plantest.AzureServicePlan("azurerm_service_plan.p", "EP1"),
		plantest.AzureLinuxFunctionApp("azurerm_linux_function_app.fn", "azurerm_service_plan.p", nil, nil, nil),
		plantest.Resource{Address: "azurerm_api_management_api.api", After: map[string]any{"name": "api"}, Unknown: []string{"service_url"},
			Refs: map[string][]string{"service_url": plantest.Refs("azurerm_linux_function_app.fn", "default_hostname")}},
		plantest.Resource{Address: "azurerm_api_management_api_policy.api", After: map[string]any{
			"xml_content": `<policies><backend><forward-request timeout="20"/></backend></policies>`},
			Refs: map[string][]string{"api_name": plantest.Refs("azurerm_api_management_api.api", "name")}},
	)
}

// Hostile embedded documents are skipped, never a crash: every finder runs over them.
func TestEmbeddedCallersHostileDocuments(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n" +
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
	documents := []string{
		"", "null", "[]", "42", "{", "- - -", "x-google-backend: 7", "x-google-backend: {address: 7, deadline: [1]}",
		"paths: {/a: [1, 2]}", "paths: {/a: {get: 5}}", "x-google-api-management: {backends: 3}\npaths: {/a: {get: {x-google-backend: missing}}}",
		"x-google-backend: {address: https://a.run.app, deadline: .inf}", "x-google-backend: {address: https://a.run.app, deadline: -3}",
		"x-google-backend: {address: https://a.run.app, deadline: 1e300}",
		"main: {steps: [{a: {call: http.get, args: 5}}, {b: {call: http.get, args: {url: [1]}}}, {c: {call: 7}}]}",
		"main: {steps: [{a: {call: http.get, args: {url: '${sys.get_env(}'}}}]}",
		"{1: 2, [a]: b}", strings.Repeat("[", 10000), bomb, "\xff\xfe\x00",
	}
	var resources []plantest.Resource
	resources = append(resources, plantest.CloudRunService("google_cloud_run_v2_service.api", nil, map[string]any{"uri": "https://a.run.app"}))
	for i, d := range documents {
		key := strings.Repeat("i", i+1)
		resources = append(resources,
			plantest.Resource{Address: `google_api_gateway_api_config.c["` + key + `"]`, After: map[string]any{"openapi_documents": []any{
				map[string]any{"document": []any{map[string]any{"contents": base64.StdEncoding.EncodeToString([]byte(d))}}}}}},
			plantest.Resource{Address: `google_workflows_workflow.w["` + key + `"]`, After: map[string]any{"source_contents": d}},
			plantest.Resource{Address: `azurerm_api_management_api_policy.p["` + key + `"]`, After: map[string]any{"xml_content": d}})
	}
	g := plantest.New().Add(resources...).Graph(t)
	require.NotPanics(t, func() { serverless.CallerLimits(g, serverless.Inputs{}) })
	assert.Empty(t, serverless.CallerLimits(g, serverless.Inputs{}))
}
