package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

// observedRulesPlan is the fixtures' plan with an HTTP API in front of each worker of the
// for_each module, so the workers run under a caller's limit and on a synchronous path, and
// the Cloud Run services of the other for_each module open to allUsers, and an HTTP function in
// the Azure app.
func observedRulesPlan() []byte {
	b := plantest.ObservedPlan()
	for _, key := range []string{"eu", "us"} {
		mod := `module.workers["` + key + `"].`
		b.Add(
			plantest.Resource{Address: mod + "aws_apigatewayv2_api.api", After: map[string]any{"name": "workers-" + key, "protocol_type": "HTTP"}},
			plantest.Resource{
				Address: mod + "aws_apigatewayv2_integration.worker",
				After:   map[string]any{"integration_type": "AWS_PROXY", "payload_format_version": "2.0"},
				Unknown: []string{"integration_uri", "api_id"},
				Refs: map[string][]string{
					"api_id":          {"aws_apigatewayv2_api.api.id", "aws_apigatewayv2_api.api"},
					"integration_uri": {"aws_lambda_function.worker.invoke_arn", "aws_lambda_function.worker"},
				},
			})
	}
	for _, key := range []string{"eu", "us"} {
		b.Add(plantest.Resource{Address: `module.web["` + key + `"].google_cloud_run_v2_service_iam_member.public`,
			After:   map[string]any{"role": "roles/run.invoker", "member": "allUsers"},
			Unknown: []string{"name"}, Refs: map[string][]string{"name": plantest.Refs("google_cloud_run_v2_service.svc", "name")}})
	}
	b.Add(plantest.Resource{Address: `module.apps["orders"].azurerm_function_app_function.http`,
		After: map[string]any{"name": "orders", "language": "Python",
			"config_json": `{"bindings":[{"authLevel":"function","type":"httpTrigger","direction":"in","name":"req"},{"type":"http","direction":"out","name":"$return"}]}`},
		Unknown: []string{"function_app_id"}, Refs: map[string][]string{"function_app_id": plantest.Refs("azurerm_linux_function_app.app", "id")}})
	return b.JSON()
}

// Each function_observed_* rule fires, and stays silent just under its threshold, from a fixture
// in each of the five formats that carries its metric (linter/metrics/testdata/observed); a
// format that does not carry the metric leaves the rule silent even from the fixture that makes
// another rule fire.
func TestObservedRulesFromEachFormat(t *testing.T) {
	const (
		duration = "function_observed_duration_near_limit"
		memory   = "function_observed_memory_near_limit"
		cold     = "function_observed_cold_starts"
	)
	const (
		euWorker = `module.workers["eu"].aws_lambda_function.worker`
		usWorker = `module.workers["us"].aws_lambda_function.worker`
		euAPI    = `module.workers["eu"].aws_apigatewayv2_integration.worker`
		usAPI    = `module.workers["us"].aws_apigatewayv2_integration.worker`
		euWeb    = `module.web["eu"].google_cloud_run_v2_service.svc`
		app      = `module.apps["orders"].azurerm_linux_function_app.app`
		warmAWS  = "; keeping it warm would cost a month: provisioned concurrency (1 instance) $5.48 and a keep-warm schedule (8,760 pings x 1 a month) $0.0018"
	)
	fire := func(format, rule string) []string {
		ext := ".json"
		if format == "neutral" {
			ext = ".csv"
		}
		return []string{format + "-" + rule + "-fire" + ext}
	}
	silent := func(format, rule string) []string {
		return []string{strings.Replace(fire(format, rule)[0], "-fire", "-silent", 1)}
	}
	tests := []struct {
		format, rule string
		// kind is fire, silent, not carried (the format has no such metric: the rule stays silent
		// from everything the format's other fixtures give) or unknown function.
		kind  string
		files []string
		want  []string
		warn  []string
	}{
		{format: "logs-insights", rule: duration, kind: "fire", files: fire("logs-insights", "duration"), want: []string{
			"error " + euWorker + ": observed maximum duration 30s reaches the 30s HTTP API limit of " + euAPI + " (p99 27.5s, over 14 days): runs are being cut off now"}},
		{format: "logs-insights", rule: duration, kind: "silent", files: silent("logs-insights", "duration")},
		{format: "logs-insights", rule: memory, kind: "fire", files: fire("logs-insights", "memory"), want: []string{
			"error " + euWorker + ": memory_size 512 MB is below the observed peak of 530 MB over 14 days: this change runs out of memory"}},
		{format: "logs-insights", rule: memory, kind: "silent", files: silent("logs-insights", "memory")},
		{format: "logs-insights", rule: cold, kind: "fire", files: fire("logs-insights", "cold"), want: []string{
			"warning " + euWorker + ": 5.0% of invocations were cold starts over 14 days (250 of 5,000, median initialisation 610ms) on the synchronous path of " +
				euAPI + " (HTTP API integration), with nothing keeping it warm" + warmAWS}},
		{format: "logs-insights", rule: cold, kind: "silent", files: silent("logs-insights", "cold")},
		{format: "logs-insights", rule: duration, kind: "unknown function", files: []string{"logs-insights-unknown-function.json"},
			warn: []string{"logs-insights-unknown-function.json:3 (/aws/lambda/not-in-plan) matches no function in the plan: check the name, or give the function's address in a CSV"}},

		{format: "get-metric-data", rule: duration, kind: "fire", files: fire("get-metric-data", "duration"), want: []string{
			"warning " + usWorker + ": observed p99 duration 24.6s is 82% of the 30s HTTP API limit of " + usAPI + " (max 26s, over 2 days): a slower day breaches it"}},
		{format: "get-metric-data", rule: duration, kind: "silent", files: silent("get-metric-data", "duration")},
		{format: "get-metric-data", rule: memory, kind: "not carried", files: fire("get-metric-data", "duration")},
		{format: "get-metric-data", rule: cold, kind: "not carried", files: fire("get-metric-data", "duration")},

		{format: "google-timeseries", rule: duration, kind: "fire", files: fire("google-timeseries", "duration"), want: []string{
			"warning " + euWeb + ": observed p99 duration 250s is 83% of its own 300s timeout (max not in the metrics, over 7 days): a slower day breaches it"}},
		{format: "google-timeseries", rule: duration, kind: "silent", files: silent("google-timeseries", "duration")},
		{format: "google-timeseries", rule: memory, kind: "fire", files: fire("google-timeseries", "memory"), want: []string{
			"error google_cloudfunctions_function.thumbnails: available_memory_mb 256 MB is below the observed peak of 260 MB over 7 days: this change runs out of memory"}},
		{format: "google-timeseries", rule: memory, kind: "silent", files: silent("google-timeseries", "memory")},
		{format: "google-timeseries", rule: cold, kind: "fire", files: fire("google-timeseries", "cold"), want: []string{
			"warning " + euWeb + ": 5.0% of invocations were cold starts over 7 days (100 of 2,000, median initialisation 800ms) on the synchronous path " +
				`(public Cloud Run service (allUsers may invoke it through module.web["eu"].google_cloud_run_v2_service_iam_member.public)), with nothing keeping it warm; ` +
				// One minimum instance of the service's 1 vCPU and 512 MiB idle all month: (1 + 0.5) x
				// 2,628,000 s x $0.0000025 = $9.855; a ping every 5 minutes, 8,760 x 100 ms, $0.0256.
				`keeping it warm would cost a month: minimum instances (1 instance) $9.86 and a keep-warm schedule (8,760 pings x 1 a month) $0.03`}},
		{format: "google-timeseries", rule: cold, kind: "silent", files: silent("google-timeseries", "cold")},

		{format: "azure-metrics", rule: duration, kind: "fire", files: fire("azure-metrics", "duration"), want: []string{
			"error " + app + ": observed maximum duration 230s reaches the 230s Azure HTTP response limit of " + app + " (p99 not in the metrics, over 10 days): runs are being cut off now"}},
		{format: "azure-metrics", rule: duration, kind: "silent", files: silent("azure-metrics", "duration")},
		{format: "azure-metrics", rule: memory, kind: "fire", files: fire("azure-metrics", "memory"), want: []string{
			"warning " + app + ": observed peak memory 1383 MB is 90% of the 1536 MB memory of a Consumption instance over 10 days: a larger input runs out of memory"}},
		{format: "azure-metrics", rule: memory, kind: "silent", files: silent("azure-metrics", "memory")},
		{format: "azure-metrics", rule: cold, kind: "not carried", files: append(fire("azure-metrics", "duration"), fire("azure-metrics", "memory")...)},

		{format: "neutral", rule: duration, kind: "fire", files: fire("neutral", "duration"), want: []string{
			"warning " + usWorker + ": observed p99 duration 25s is 83% of the 30s HTTP API limit of " + usAPI + " (max 27.5s, over 14 days): a slower day breaches it"}},
		{format: "neutral", rule: duration, kind: "silent", files: silent("neutral", "duration")},
		{format: "neutral", rule: memory, kind: "fire", files: fire("neutral", "memory"), want: []string{
			"warning " + usWorker + ": observed peak memory 470 MB is 91% of memory_size 512 MB over 14 days: a larger input runs out of memory"}},
		{format: "neutral", rule: memory, kind: "silent", files: silent("neutral", "memory")},
		{format: "neutral", rule: cold, kind: "fire", files: fire("neutral", "cold"), want: []string{
			"warning " + usWorker + ": 5.0% of invocations were cold starts over 14 days (50 of 1,000, median initialisation 700ms) on the synchronous path of " +
				usAPI + " (HTTP API integration), with nothing keeping it warm" + warmAWS}},
		{format: "neutral", rule: cold, kind: "silent", files: silent("neutral", "cold")},
	}
	dir := metricsDir(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plan.json"), observedRulesPlan(), 0o644))
	for _, tt := range tests {
		t.Run(tt.format+" "+tt.rule+" "+tt.kind, func(t *testing.T) {
			for _, f := range tt.files {
				data, err := os.ReadFile(filepath.Join("..", "metrics", "testdata", "observed", f))
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(filepath.Join(dir, f), data, 0o644))
			}
			got, stderr := lintObserved(t, dir, []string{tt.rule}, tt.files...)
			if tt.want == nil {
				tt.want = []string{}
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.warn, warningLines(stderr, "hybridlint lint: warning: "), "every row but the unknown function's matches")
		})
	}
}
