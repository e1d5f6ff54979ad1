package rules_test

import (
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

const gcpAPIURL = "https://api-abc123-ew.a.run.app"

// gcpAPIService is a Cloud Run v2 service with a known URL and the given request timeout.
func gcpAPIService(addr, timeout string) plantest.Resource {
	return gcpRunV2(addr, map[string]any{"timeout": timeout}, map[string]any{"uri": gcpAPIURL})
}

// gcpAPIConfig is an API Gateway config with one OpenAPI document (written as is, base64-encoded).
func gcpAPIConfig(addr, document string) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{
		"api": "reports", "api_config_id_prefix": "reports-",
		"openapi_documents": []any{map[string]any{"document": []any{map[string]any{
			"path": "openapi.yaml", "contents": base64.StdEncoding.EncodeToString([]byte(document)),
		}}}},
	}}
}

func gcpOpenAPI(backend string) string {
	return "swagger: '2.0'\ninfo: {title: reports, version: '1'}\n" + backend +
		"paths:\n  /reports:\n    get:\n      operationId: list\n      responses: {'200': {description: ok}}\n"
}

func TestGCPCallerDeadlineAPIGateway(t *testing.T) {
	api := "google_cloud_run_v2_service.api"
	defaultBackend := gcpOpenAPI("x-google-backend:\n  address: " + gcpAPIURL + "/v1\n")
	perOperation := "swagger: '2.0'\ninfo: {title: reports, version: '1'}\npaths:\n  /reports:\n    post:\n" +
		"      x-google-backend: {address: " + gcpAPIURL + "/reports, deadline: 60.0}\n      responses: {'200': {description: ok}}\n" +
		"    get:\n      x-google-backend: {address: " + gcpAPIURL + "/reports, deadline: 120}\n      responses: {'200': {description: ok}}\n"
	openAPI3 := `{"openapi": "3.0.4", "info": {"title": "reports", "version": "1"},
	  "x-google-api-management": {"backends": {"run": {"address": "` + gcpAPIURL + `", "deadline": 30}}},
	  "paths": {"/reports": {"get": {"x-google-backend": "run", "responses": {"200": {"description": "ok"}}}}}}`
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "the 15s default deadline: fires at 16s, silent at 15s and 14s",
			plan: plantest.New().Add(
				gcpAPIService(api, "16s"),
				gcpAPIConfig("google_api_gateway_api_config.v1", defaultBackend)),
			want: []string{"warning google_api_gateway_api_config.v1: x-google-backend deadline (default) of every operation is 15s, shorter than the 16s timeout of google_cloud_run_v2_service.api: the gateway answers 504 while the request is still being processed"},
		},
		{
			name: "at the default deadline",
			plan: plantest.New().Add(gcpAPIService(api, "15s"), gcpAPIConfig("google_api_gateway_api_config.v1", defaultBackend)),
			want: []string{},
		},
		{
			name: "below the default deadline",
			plan: plantest.New().Add(gcpAPIService(api, "14s"), gcpAPIConfig("google_api_gateway_api_config.v1", defaultBackend)),
			want: []string{},
		},
		{
			name: "per-operation deadlines: the shortest is reported",
			plan: plantest.New().Add(gcpAPIService(api, "61s"), gcpAPIConfig("google_api_gateway_api_config.v1", perOperation)),
			want: []string{"warning google_api_gateway_api_config.v1: x-google-backend deadline of POST /reports is 60s, shorter than the 61s timeout of google_cloud_run_v2_service.api: the gateway answers 504 while the request is still being processed"},
		},
		{
			name: "per-operation deadline equal to the timeout is silent",
			plan: plantest.New().Add(gcpAPIService(api, "60s"), gcpAPIConfig("google_api_gateway_api_config.v1", perOperation)),
			want: []string{},
		},
		{
			name: "OpenAPI 3 named backend, in JSON, to a function in a for_each module",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.svc", Source: "./svc", ForEach: true}).
				Add(gcpAPIService(`module.svc["eu"].google_cloud_run_v2_service.this`, "31s"),
					gcpAPIConfig("google_api_gateway_api_config.v3", openAPI3)),
			want: []string{`warning google_api_gateway_api_config.v3: x-google-backend deadline of GET /reports is 30s, shorter than the 31s timeout of module.svc["eu"].google_cloud_run_v2_service.this: the gateway answers 504 while the request is still being processed`},
		},
		{
			name: "unknown, sensitive, malformed or deleted documents, and other backends, are silent",
			plan: plantest.New().Add(
				gcpAPIService(api, "300s"),
				withUnknownAttr(gcpAPIConfig("google_api_gateway_api_config.unknown", defaultBackend), "openapi_documents"),
				withSensitiveAttr(gcpAPIConfig("google_api_gateway_api_config.sensitive", defaultBackend), "openapi_documents"),
				gcpAPIConfig("google_api_gateway_api_config.yaml", "swagger: [unclosed\n  x-google-backend: {"),
				gcpAPIConfig("google_api_gateway_api_config.deadline", gcpOpenAPI("x-google-backend: {address: "+gcpAPIURL+", deadline: 'soon'}\n")),
				gcpAPIConfig("google_api_gateway_api_config.other", gcpOpenAPI("x-google-backend: {address: https://elsewhere.example.com}\n")),
				gcpAPIConfig("google_api_gateway_api_config.prefix", gcpOpenAPI("x-google-backend: {address: "+gcpAPIURL+"x.example.com}\n")),
				deleted(gcpAPIConfig("google_api_gateway_api_config.deleted", defaultBackend)),
				plantest.Resource{Address: "google_api_gateway_api_config.base64", After: map[string]any{
					"openapi_documents": []any{map[string]any{"document": []any{map[string]any{"path": "a.yaml", "contents": "%%% not base64"}}}}}}),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, summaries(run(t, rules.GCPCallerDeadlineBelowTimeout, tt.plan)))
		})
	}
}

// gcpHostingVersion is a Firebase Hosting version with the given rewrites.
func gcpHostingVersion(addr string, rewrites ...any) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{"site_id": "site",
		"config": []any{map[string]any{"rewrites": rewrites}}}}
}

func TestGCPCallerDeadlineFirebaseHosting(t *testing.T) {
	api := "google_cloud_run_v2_service.api"
	runRewrite := map[string]any{"glob": "/api/**", "run": []any{map[string]any{"service_id": "api", "region": "europe-west1"}}}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "a Cloud Run rewrite to a 61s service fires",
			plan: plantest.New().Add(gcpRunV2(api, map[string]any{"timeout": "61s"}, nil), gcpHostingVersion("google_firebase_hosting_version.site", runRewrite)),
			want: []string{"warning google_firebase_hosting_version.site: Firebase Hosting request timeout is 60s, shorter than the 61s timeout of google_cloud_run_v2_service.api: Hosting answers 504 while the request is still being processed"},
		},
		{
			name: "at and below 60s is silent",
			plan: plantest.New().Add(gcpRunV2(api, map[string]any{"timeout": "60s"}, nil),
				gcpRunV2("google_cloud_run_v2_service.b", map[string]any{"timeout": "59s"}, map[string]any{"name": "b"}),
				gcpHostingVersion("google_firebase_hosting_version.site", runRewrite,
					map[string]any{"glob": "/b/**", "run": []any{map[string]any{"service_id": "b", "region": "europe-west1"}}})),
			want: []string{},
		},
		{
			name: "a function rewrite by name, and a rewrite whose values are known only after apply, through its reference",
			plan: plantest.New().Add(
				gcpGen1Fn("google_cloudfunctions_function.render", map[string]any{"name": "render", "timeout": 120}),
				gcpRunV2(api, map[string]any{"timeout": "90s"}, nil),
				gcpHostingVersion("google_firebase_hosting_version.site", map[string]any{"glob": "/render/**", "function": "render"}),
				withUnknownAttr(plantest.Resource{Address: "google_firebase_hosting_version.late",
					After: map[string]any{"site_id": "late"},
					Refs:  map[string][]string{"config.0.rewrites.0.run.0.service_id": gcpRef(api, "name")}}, "config")),
			want: []string{
				"warning google_firebase_hosting_version.late: Firebase Hosting request timeout is 60s, shorter than the 90s timeout of google_cloud_run_v2_service.api: Hosting answers 504 while the request is still being processed",
				"warning google_firebase_hosting_version.site: Firebase Hosting request timeout is 60s, shorter than the 120s timeout of google_cloudfunctions_function.render: Hosting answers 504 while the request is still being processed",
			},
		},
		{
			name: "another region, another name, or a deleted version are silent",
			plan: plantest.New().Add(gcpRunV2(api, map[string]any{"timeout": "300s"}, nil),
				gcpHostingVersion("google_firebase_hosting_version.region", map[string]any{"run": []any{map[string]any{"service_id": "api"}}}),
				gcpHostingVersion("google_firebase_hosting_version.name", map[string]any{"run": []any{map[string]any{"service_id": "web", "region": "europe-west1"}}}),
				deleted(gcpHostingVersion("google_firebase_hosting_version.deleted", runRewrite))),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, summaries(run(t, rules.GCPCallerDeadlineBelowTimeout, tt.plan)))
		})
	}
}

const gcpFnURL = "https://europe-west1-p.cloudfunctions.net/report"

// gcpWorkflow is a workflow with the given source; env sets user_env_vars.
func gcpWorkflow(addr, source string, env map[string]any) plantest.Resource {
	after := map[string]any{"name": "nightly", "region": "europe-west1", "source_contents": source}
	if env != nil {
		after["user_env_vars"] = env
	}
	return plantest.Resource{Address: addr, After: after}
}

func TestGCPCallerDeadlineWorkflows(t *testing.T) {
	report := "google_cloudfunctions2_function.report"
	fn := func(timeout int) plantest.Resource {
		return gcpGen2Fn(report, map[string]any{"timeout_seconds": timeout}, map[string]any{"url": gcpFnURL})
	}
	defaultTimeout := "main:\n  steps:\n    - callReport:\n        call: http.post\n        args:\n          url: " + gcpFnURL + "\n          auth: {type: OIDC}\n        result: r\n    - done:\n        return: ${r.body}\n"
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "the 300s default timeout against a 301s function",
			plan: plantest.New().Add(fn(301), gcpWorkflow("google_workflows_workflow.nightly", defaultTimeout, nil)),
			want: []string{"warning google_workflows_workflow.nightly: http.post timeout (default) is 300s, shorter than the 301s timeout of google_cloudfunctions2_function.report: the step raises TimeoutError (and is retried if its retry policy says so) while the call is still being processed"},
		},
		{
			name: "at and below the default is silent",
			plan: plantest.New().Add(fn(300), gcpWorkflow("google_workflows_workflow.nightly", defaultTimeout, nil)),
			want: []string{},
		},
		{
			name: "below the default",
			plan: plantest.New().Add(fn(299), gcpWorkflow("google_workflows_workflow.nightly", defaultTimeout, nil)),
			want: []string{},
		},
		{
			name: "a timeout set in JSON, in a subworkflow, with the URL from user_env_vars",
			plan: plantest.New().Add(fn(600), gcpWorkflow("google_workflows_workflow.json",
				`{"main": {"steps": [{"run": {"call": "report"}}]}, "report": {"steps": [{"post": {"call": "http.request",
				  "args": {"method": "POST", "url": "${sys.get_env(\"REPORT_URL\")}", "timeout": 540}}}]}}`,
				map[string]any{"REPORT_URL": gcpFnURL + "/run"})),
			want: []string{"warning google_workflows_workflow.json: http.request timeout is 540s, shorter than the 600s timeout of google_cloudfunctions2_function.report: the step raises TimeoutError (and is retried if its retry policy says so) while the call is still being processed"},
		},
		{
			name: "expressions, refused timeouts, unknown or malformed sources and deleted workflows are silent",
			plan: plantest.New().Add(fn(1200),
				gcpWorkflow("google_workflows_workflow.expr", "main:\n  steps:\n    - a:\n        call: http.get\n        args: {url: '${base + \"/x\"}'}\n", nil),
				gcpWorkflow("google_workflows_workflow.timeout", "main:\n  steps:\n    - a:\n        call: http.get\n        args: {url: "+gcpFnURL+", timeout: '${t}'}\n", nil),
				gcpWorkflow("google_workflows_workflow.toolong", "main:\n  steps:\n    - a:\n        call: http.get\n        args: {url: "+gcpFnURL+", timeout: 2400}\n", nil),
				gcpWorkflow("google_workflows_workflow.env", "main:\n  steps:\n    - a:\n        call: http.get\n        args: {url: '${sys.get_env(\"MISSING\")}'}\n", map[string]any{}),
				gcpWorkflow("google_workflows_workflow.broken", "main:\n  steps: [\n", nil),
				withUnknownAttr(gcpWorkflow("google_workflows_workflow.unknown", defaultTimeout, nil), "source_contents"),
				deleted(gcpWorkflow("google_workflows_workflow.deleted", defaultTimeout, nil))),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, summaries(run(t, rules.GCPCallerDeadlineBelowTimeout, tt.plan)))
		})
	}
}
