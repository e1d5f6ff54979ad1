package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// durations is an observation with a p99 and a maximum in milliseconds (negative: not in the metrics).
func durations(addr string, p99, maxMs float64) metrics.Observation {
	return observation(addr, func(o *metrics.Observation) {
		o.Invocations = metrics.Of(10000)
		if p99 >= 0 {
			o.P99Ms = metrics.Of(p99)
		}
		if maxMs >= 0 {
			o.MaxMs = metrics.Of(maxMs)
		}
	})
}

// behindHTTPAPI is a function with a 60 s timeout behind an HTTP API, whose 30 s is the tightest limit.
func behindHTTPAPI(fn string) *plantest.Builder {
	return plantest.New().Add(lambda(fn, 60), api("aws_apigatewayv2_api.api", "HTTP"),
		httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", nil, fnRefs(fn, "invoke_arn")...))
}

func TestFunctionObservedDurationNearLimitThresholds(t *testing.T) {
	const fn = "aws_lambda_function.api"
	const httpLimit = "the 30s HTTP API limit of aws_apigatewayv2_integration.api"
	tests := []struct {
		name     string
		p99, max float64
		want     []string
	}{
		// 80 % of 30 s is 24,000 ms.
		{"p99 one ms below 80 %", 23999, 25000, []string{}},
		{"p99 at 80 %", 24000, 25000, []string{"warning aws_lambda_function.api: observed p99 duration 24s is 80% of " + httpLimit +
			" (max 25s, over 14 days): a slower day breaches it"}},
		{"p99 one ms above 80 %", 24001, 25000, []string{"warning aws_lambda_function.api: observed p99 duration 24.001s is 80% of " + httpLimit +
			" (max 25s, over 14 days): a slower day breaches it"}},
		{"max one ms below the limit", 1000, 29999, []string{}},
		{"max at the limit", 1000, 30000, []string{"error aws_lambda_function.api: observed maximum duration 30s reaches " + httpLimit +
			" (p99 1s, over 14 days): runs are being cut off now"}},
		{"max one ms above the limit", 1000, 30001, []string{"error aws_lambda_function.api: observed maximum duration 30.001s reaches " + httpLimit +
			" (p99 1s, over 14 days): runs are being cut off now"}},
		{"p99 near the limit without a maximum", 27500, -1, []string{"warning aws_lambda_function.api: observed p99 duration 27.5s is 91% of " + httpLimit +
			" (max not in the metrics, over 14 days): a slower day breaches it"}},
		{"neither p99 nor maximum", -1, -1, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runObserved(t, rules.FunctionObservedDurationNearLimit, behindHTTPAPI(fn), nil, durations(fn, tt.p99, tt.max))
			require.Equal(t, tt.want, summaries(got))
		})
	}
}

func TestFunctionObservedDurationNearLimitTimeoutBelowP99(t *testing.T) {
	const fn = "aws_lambda_function.job"
	tests := []struct {
		name    string
		timeout any
		want    []string
	}{
		{"timeout one second below the p99", 19, []string{"error aws_lambda_function.job: timeout 19s is below the observed p99 duration 19.5s " +
			"(max 21s, over 14 days): more than 1 run in 100 will be cut off"}},
		{"timeout above the p99, below the maximum", 20, []string{"error aws_lambda_function.job: observed maximum duration 21s reaches its own 20s timeout " +
			"(p99 19.5s, over 14 days): runs are being cut off now"}},
		{"timeout above the maximum, p99 at 81 %", 24, []string{"warning aws_lambda_function.job: observed p99 duration 19.5s is 81% of its own 24s timeout " +
			"(max 21s, over 14 days): a slower day breaches it"}},
		{"timeout well above", 60, []string{}},
		{"unset timeout is Lambda's 3 s default", nil, []string{"error aws_lambda_function.job: timeout 3s is below the observed p99 duration 19.5s " +
			"(max 21s, over 14 days): more than 1 run in 100 will be cut off"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runObserved(t, rules.FunctionObservedDurationNearLimit, plantest.New().Add(lambda(fn, tt.timeout)), nil, durations(fn, 19500, 21000))
			require.Equal(t, tt.want, summaries(got))
		})
	}
}

// A Lambda@Edge function's p99 from several Regions is the largest Region's: the message says it
// is an upper bound, in each case that states it.
func TestFunctionObservedDurationNearLimitRegionsP99(t *testing.T) {
	const fn, bound = "aws_lambda_function.job", "; the p99 is the largest Region's, an upper bound of all the traffic's"
	tests := []struct {
		name    string
		timeout int
		want    string
	}{
		{"timeout below the p99", 19, "error aws_lambda_function.job: timeout 19s is below the observed p99 duration 19.5s " +
			"(max 21s, over 14 days): more than 1 run in 100 will be cut off" + bound},
		{"maximum reaches the timeout", 20, "error aws_lambda_function.job: observed maximum duration 21s reaches its own 20s timeout " +
			"(p99 19.5s, over 14 days): runs are being cut off now" + bound},
		{"p99 near the timeout", 24, "warning aws_lambda_function.job: observed p99 duration 19.5s is 81% of its own 24s timeout " +
			"(max 21s, over 14 days): a slower day breaches it" + bound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := durations(fn, 19500, 21000)
			o.P99UpperBound = true
			got := runObserved(t, rules.FunctionObservedDurationNearLimit, plantest.New().Add(lambda(fn, tt.timeout)), nil, o)
			require.Equal(t, []string{tt.want}, summaries(got))
		})
	}
}

func TestFunctionObservedDurationNearLimitSilence(t *testing.T) {
	const fn = "aws_lambda_function.api"
	near := durations(fn, 29000, 29500)
	tests := []struct {
		name     string
		plan     *plantest.Builder
		observed []metrics.Observation
	}{
		{"no metrics at all", behindHTTPAPI(fn), nil},
		{"metrics for another function", behindHTTPAPI(fn), []metrics.Observation{durations("aws_lambda_function.other", 29000, 29500)}},
		{"the function is deleted", plantest.New().Add(deleted(lambda(fn, 60))), []metrics.Observation{near}},
		{"timeout unknown and no caller", plantest.New().Add(unknownLambda(fn)), []metrics.Observation{near}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Empty(t, runObserved(t, rules.FunctionObservedDurationNearLimit, tt.plan, nil, tt.observed...))
		})
	}
}

// The effective limit is the tightest of every caller the timing rules know, through aliases,
// modules and for_each, on every platform.
func TestFunctionObservedDurationNearLimitCallers(t *testing.T) {
	alias := plantest.Resource{Address: "aws_lambda_alias.live", After: map[string]any{"name": "live"}, Unknown: []string{"function_name", "invoke_arn"},
		Refs: map[string][]string{"function_name": {"aws_lambda_function.fn.function_name", "aws_lambda_function.fn"}}}
	tests := []struct {
		name        string
		plan        *plantest.Builder
		observed    metrics.Observation
		want        []string
		wantRelated []string
	}{
		{
			name: "through an alias, the REST API's 29 s is tighter than the function's own 60 s",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 60), alias,
				restIntegration("aws_api_gateway_integration.api", 29000, "aws_lambda_alias.live.invoke_arn", "aws_lambda_alias.live")),
			observed: durations("aws_lambda_function.fn", 24000, 26000),
			want: []string{"warning aws_lambda_function.fn: observed p99 duration 24s is 82% of the 29s REST API integration timeout of " +
				"aws_api_gateway_integration.api (max 26s, over 14 days): a slower day breaches it"},
			wantRelated: []string{"aws_api_gateway_integration.api", "aws_lambda_alias.live"},
		},
		{
			name: "the tightest of two callers: an SQS visibility timeout below an API's",
			plan: behindHTTPAPI("aws_lambda_function.api").Add(queue("aws_sqs_queue.jobs", 20),
				mapping("aws_lambda_event_source_mapping.jobs", "aws_sqs_queue.jobs", "aws_lambda_function.api", nil)),
			observed: durations("aws_lambda_function.api", 17000, 18000),
			want: []string{"warning aws_lambda_function.api: observed p99 duration 17s is 85% of the 20s visibility timeout of " +
				"aws_sqs_queue.jobs (max 18s, over 14 days): a slower day breaches it"},
			wantRelated: []string{"aws_lambda_event_source_mapping.jobs", "aws_sqs_queue.jobs"},
		},
		{
			name: "a Cloud Scheduler job's default 180 s attempt deadline under a 540 s Google function",
			plan: plantest.New().Add(gcpGen2Fn("google_cloudfunctions2_function.report", map[string]any{"timeout_seconds": 540}, nil),
				gcpSchedulerJob("google_cloud_scheduler_job.nightly", nil, gcpRef("google_cloudfunctions2_function.report", "url")...)),
			observed: durations("google_cloudfunctions2_function.report", 150000, 181000),
			want: []string{"error google_cloudfunctions2_function.report: observed maximum duration 181s reaches the 180s attempt deadline of " +
				"google_cloud_scheduler_job.nightly (p99 150s, over 14 days): runs are being cut off now"},
			wantRelated: []string{"google_cloud_scheduler_job.nightly"},
		},
		{
			name: "Azure's 230 s HTTP limit under a 10 minute functionTimeout",
			plan: plantest.New().Add(azurePlan("azurerm_service_plan.p", "EP1"),
				azureLinuxApp("azurerm_linux_function_app.api", "azurerm_service_plan.p", javaStack, timeoutSetting("00:10:00"), nil),
				azureFunction("azurerm_function_app_function.get", "azurerm_linux_function_app.api", "httpTrigger")),
			observed: durations("azurerm_linux_function_app.api", 200000, 210000),
			want: []string{"warning azurerm_linux_function_app.api: observed p99 duration 200s is 86% of the 230s Azure HTTP response limit of " +
				"azurerm_linux_function_app.api (max 210s, over 14 days): a slower day breaches it"},
			wantRelated: []string{"azurerm_function_app_function.get"},
		},
		{
			name: "an Azure app whose functions are not HTTP has only its own timeout",
			plan: plantest.New().Add(azurePlan("azurerm_service_plan.p", "EP1"),
				azureLinuxApp("azurerm_linux_function_app.api", "azurerm_service_plan.p", javaStack, timeoutSetting("00:10:00"), nil),
				azureFunction("azurerm_function_app_function.q", "azurerm_linux_function_app.api", "queueTrigger")),
			observed: durations("azurerm_linux_function_app.api", 200000, 210000),
			want:     []string{},
		},
		{
			name: "a function in a module, per for_each instance",
			plan: plantest.New().Module(plantest.ModuleCall{Path: "module.svc", Source: "./svc", ForEach: true}).
				Add(lambda(`module.svc["orders"].aws_lambda_function.this`, 10), lambda(`module.svc["billing"].aws_lambda_function.this`, 10)),
			observed: durations(`module.svc["orders"].aws_lambda_function.this`, 9000, 9500),
			want: []string{`warning module.svc["orders"].aws_lambda_function.this: observed p99 duration 9s is 90% of its own 10s timeout ` +
				"(max 9.5s, over 14 days): a slower day breaches it"},
			wantRelated: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runObserved(t, rules.FunctionObservedDurationNearLimit, tt.plan, nil, tt.observed)
			require.Equal(t, tt.want, summaries(got))
			if len(got) > 0 {
				require.Equal(t, tt.wantRelated, got[0].Related)
			}
		})
	}
}

func TestFunctionObservedDurationNearLimitOptions(t *testing.T) {
	const fn = "aws_lambda_function.api"
	obs := durations(fn, 21000, 22000) // 70 % of the 30 s HTTP API limit
	require.Empty(t, runObserved(t, rules.FunctionObservedDurationNearLimit, behindHTTPAPI(fn), nil, obs))
	opts := &rules.ObservedLevelsOptions{WarnPercent: 70, ErrorSeverity: "error", WarningSeverity: "notice"}
	require.Equal(t, []string{"notice aws_lambda_function.api: observed p99 duration 21s is 70% of the 30s HTTP API limit of " +
		"aws_apigatewayv2_integration.api (max 22s, over 14 days): a slower day breaches it"},
		summaries(runObserved(t, rules.FunctionObservedDurationNearLimit, behindHTTPAPI(fn), opts, obs)))
	require.Error(t, (&rules.ObservedLevelsOptions{WarnPercent: 0, ErrorSeverity: "error", WarningSeverity: "warning"}).Validate())
	require.Error(t, (&rules.ObservedLevelsOptions{WarnPercent: 80, ErrorSeverity: "fatal", WarningSeverity: "warning"}).Validate())
}

// The AWS callers whose limits are fixed by the product: Lambda@Edge's 5 s on a viewer trigger, an
// EXPRESS state machine's 5 minutes, and a load balancer's idle timeout.
func TestFunctionObservedDurationNearLimitFixedCallers(t *testing.T) {
	tests := []struct {
		name     string
		plan     *plantest.Builder
		observed metrics.Observation
		want     string
	}{
		{
			name: "a viewer-request trigger",
			plan: plantest.New().Add(edgeFunction("aws_lambda_function.auth", "auth", 10, 128),
				distribution("aws_cloudfront_distribution.cdn", []any{association("viewer-request", "arn:aws:lambda:us-east-1:123456789012:function:auth:3")}, nil)),
			observed: durations("aws_lambda_function.auth", 4200, 4800),
			want: "warning aws_lambda_function.auth: observed p99 duration 4.2s is 84% of the 5s Lambda@Edge limit for viewer-request triggers of " +
				"aws_cloudfront_distribution.cdn (max 4.8s, over 14 days): a slower day breaches it",
		},
		{
			name: "an EXPRESS state machine",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 600),
				stateMachine("aws_sfn_state_machine.sm", "EXPRESS", machine(map[string]any{"Run": invokeTask("transform", nil, nil)}))),
			observed: durations("aws_lambda_function.fn", 250000, 300000),
			want: "error aws_lambda_function.fn: observed maximum duration 300s reaches the 300s EXPRESS state machine limit of " +
				"aws_sfn_state_machine.sm (p99 250s, over 14 days): runs are being cut off now",
		},
		{
			name:     "a load balancer's default idle timeout",
			plan:     plantest.New().Add(lambda("aws_lambda_function.fn", 120)).Add(albChain("", nil, fnRefs("aws_lambda_function.fn", "arn")...)...),
			observed: durations("aws_lambda_function.fn", 50000, 55000),
			want: "warning aws_lambda_function.fn: observed p99 duration 50s is 83% of the 60s default idle timeout of aws_lb.public " +
				"(max 55s, over 14 days): a slower day breaches it",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, []string{tt.want}, summaries(runObserved(t, rules.FunctionObservedDurationNearLimit, tt.plan, nil, tt.observed)))
		})
	}
}
