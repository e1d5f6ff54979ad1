package rules_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// coldStarts is an observation of invocations, cold starts and (when initMs > 0) the median init.
func coldStarts(addr string, invocations, cold, initMs float64) metrics.Observation {
	return observation(addr, func(o *metrics.Observation) {
		o.Invocations, o.ColdStarts = metrics.Of(invocations), metrics.Of(cold)
		if initMs > 0 {
			o.InitP50Ms = metrics.Of(initMs)
		}
	})
}

const (
	coldHTTPPath = "on the synchronous path of aws_apigatewayv2_integration.api (HTTP API integration), with nothing keeping it warm"
	// What one 128 MB instance of provisioned concurrency and a ping every 5 minutes cost a month,
	// as function_keep_warm_cost and the cost report price them.
	coldCost = "; keeping it warm would cost a month: provisioned concurrency (1 instance) $1.37 and a keep-warm schedule (8,760 pings x 1 a month) $0.0018"
)

func TestFunctionObservedColdStartsThresholds(t *testing.T) {
	const fn = "aws_lambda_function.api"
	tests := []struct {
		name string
		cold float64
		want []string
	}{
		// 5 % of 2,000 invocations is 100.
		{"one cold start below 5 %", 99, []string{}},
		{"at 5 %", 100, []string{"warning aws_lambda_function.api: 5.0% of invocations were cold starts over 14 days (100 of 2,000, median initialisation 850ms) " +
			coldHTTPPath + coldCost}},
		{"one cold start above 5 %", 101, []string{"warning aws_lambda_function.api: 5.0% of invocations were cold starts over 14 days (101 of 2,000, median initialisation 850ms) " +
			coldHTTPPath + coldCost}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runObserved(t, rules.FunctionObservedColdStarts, behindHTTPAPI(fn), nil, coldStarts(fn, 2000, tt.cold, 850))
			require.Equal(t, tt.want, summaries(got))
		})
	}
}

func TestFunctionObservedColdStartsCostIsTheCostModels(t *testing.T) {
	const fn = "aws_lambda_function.api"
	got := runObserved(t, rules.FunctionObservedColdStarts, behindHTTPAPI(fn), nil, coldStarts(fn, 2000, 400, 0))
	require.Len(t, got, 1)
	require.NotNil(t, got[0].Cost)
	byKind := map[string]float64{}
	for _, o := range got[0].Cost.Options {
		byKind[o.Kind] = o.MonthlyUSD
	}
	// The same figures as the cost model's rows for the function (function_keep_warm_cost,
	// aws_lambda_provisioned_concurrency_cost and `hybridlint cost` quote them).
	in := exampleSettings.Inputs()
	pfs := serverless.PlannedFunctions(behindHTTPAPI(fn).Graph(t), in)
	require.Len(t, pfs, 1)
	pr, err := pfs[0].Price(in)
	require.NoError(t, err)
	for _, k := range []cost.Kind{cost.ProvisionedCapacity, cost.KeptWarm} {
		row, ok := pr.Row(k)
		require.True(t, ok)
		usd, ok := pr.Amount(row)
		require.True(t, ok)
		require.Equal(t, usd, byKind[serverless.KindID(k)], k.String())
	}
	require.Equal(t, 1.37, byKind["provisioned"]) // 0.125 GB x 2,628,000 s x $0.0000041667
	require.Equal(t, 0.0018, byKind["keep_warm"])
	require.Contains(t, got[0].Message, "20.0% of invocations were cold starts over 14 days (400 of 2,000) on")
}

func TestFunctionObservedColdStartsSilence(t *testing.T) {
	const fn = "aws_lambda_function.api"
	cold := coldStarts(fn, 1000, 300, 900)
	aliased := plantest.New().Add(lambda(fn, 30), liveAlias("aws_lambda_alias.live", fn), api("aws_apigatewayv2_api.api", "HTTP"),
		httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", nil, fnRefs("aws_lambda_alias.live", "invoke_arn")...))
	tests := []struct {
		name     string
		plan     *plantest.Builder
		observed []metrics.Observation
	}{
		{"no metrics", behindHTTPAPI(fn), nil},
		{"cold starts not in the metrics", behindHTTPAPI(fn), []metrics.Observation{durations(fn, 100, 200)}},
		{"no invocations", behindHTTPAPI(fn), []metrics.Observation{coldStarts(fn, 0, 0, 0)}},
		{"not on a synchronous path", plantest.New().Add(lambda(fn, 30)), []metrics.Observation{cold}},
		{"the function is deleted", plantest.New().Add(deleted(lambda(fn, 30))), []metrics.Observation{cold}},
		{"provisioned concurrency on the alias the API calls", aliased.Add(provisionedOn("aws_lambda_provisioned_concurrency_config.live", fn, "aws_lambda_alias.live")),
			[]metrics.Observation{cold}},
		{"a keep-warm ping every 5 minutes", behindHTTPAPI(fn).Add(eventRule("aws_cloudwatch_event_rule.warm", "rate(5 minutes)", map[string]any{"name": "api-warmer"}),
			eventTarget("aws_cloudwatch_event_target.warm", "aws_cloudwatch_event_rule.warm", `{"warmer":true}`, fnRefs(fn, "arn")...)),
			[]metrics.Observation{cold}},
		{"a Google function that keeps a minimum instance", plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.f", map[string]any{"min_instances": 1})),
			[]metrics.Observation{coldStarts("google_cloudfunctions_function.f", 1000, 300, 0)}},
		{"a Google function triggered by events", plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.f", map[string]any{"trigger_http": nil,
			"event_trigger": []any{map[string]any{"event_type": "google.pubsub.topic.publish", "resource": "projects/p/topics/t"}}})),
			[]metrics.Observation{coldStarts("google_cloudfunctions_function.f", 1000, 300, 0)}},
		{"an Azure app on a Premium plan", plantest.New().Add(azurePlan("azurerm_service_plan.p", "EP1"),
			azureLinuxApp("azurerm_linux_function_app.api", "azurerm_service_plan.p", javaStack, nil, nil),
			azureFunction("azurerm_function_app_function.get", "azurerm_linux_function_app.api", "httpTrigger")),
			[]metrics.Observation{coldStarts("azurerm_linux_function_app.api", 1000, 300, 0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Empty(t, summaries(runObserved(t, rules.FunctionObservedColdStarts, tt.plan, nil, tt.observed...)))
		})
	}
}

func TestFunctionObservedColdStartsPlatforms(t *testing.T) {
	tests := []struct {
		name     string
		plan     *plantest.Builder
		observed metrics.Observation
		want     string
	}{
		{
			name:     "an HTTP Google function that scales to zero",
			plan:     plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.f", nil)),
			observed: coldStarts("google_cloudfunctions_function.f", 1000, 120, 2300),
			want: "warning google_cloudfunctions_function.f: 12.0% of invocations were cold starts over 14 days (120 of 1,000, median initialisation 2.3s) " +
				"on the synchronous path (HTTP-triggered 1st gen function), with nothing keeping it warm",
		},
		{
			name: "an Azure Consumption app with an HTTP function",
			plan: plantest.New().Add(azurePlan("azurerm_service_plan.p", "Y1"),
				azureLinuxApp("azurerm_linux_function_app.api", "azurerm_service_plan.p", javaStack, nil, nil),
				azureFunction("azurerm_function_app_function.get", "azurerm_linux_function_app.api", "httpTrigger")),
			observed: coldStarts("azurerm_linux_function_app.api", 1000, 60, 0),
			want: "warning azurerm_linux_function_app.api: 6.0% of invocations were cold starts over 14 days (60 of 1,000) on the HTTP functions " +
				"azurerm_function_app_function.get on the Consumption plan azurerm_service_plan.p (Y1), with nothing keeping it warm; keeping it warm would cost " +
				"a month: a keep-warm schedule (8,760 pings x 1 a month) $0.02",
		},
		{
			name: "through an alias without provisioned concurrency",
			plan: plantest.New().Add(lambda("aws_lambda_function.api", 30), liveAlias("aws_lambda_alias.live", "aws_lambda_function.api"),
				api("aws_apigatewayv2_api.api", "HTTP"),
				httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", nil, fnRefs("aws_lambda_alias.live", "invoke_arn")...)),
			observed: coldStarts("aws_lambda_function.api", 1000, 60, 0),
			want:     "warning aws_lambda_function.api: 6.0% of invocations were cold starts over 14 days (60 of 1,000) " + coldHTTPPath + coldCost,
		},
		{
			name: "in a module, per for_each instance, behind a function URL",
			plan: plantest.New().Module(plantest.ModuleCall{Path: "module.svc", Source: "./svc", ForEach: true}).
				Add(lambda(`module.svc["a"].aws_lambda_function.this`, 30), lambda(`module.svc["b"].aws_lambda_function.this`, 30),
					plantest.Resource{Address: `module.svc["b"].aws_lambda_function_url.this`, After: map[string]any{"authorization_type": "NONE"},
						Unknown: []string{"function_name"}, Refs: map[string][]string{"function_name": fnRefs("aws_lambda_function.this", "function_name")}}),
			observed: coldStarts(`module.svc["b"].aws_lambda_function.this`, 1000, 60, 0),
			want: `warning module.svc["b"].aws_lambda_function.this: 6.0% of invocations were cold starts over 14 days (60 of 1,000) on the synchronous ` +
				`path of module.svc["b"].aws_lambda_function_url.this (function URL), with nothing keeping it warm` + coldCost,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summaries(runObserved(t, rules.FunctionObservedColdStarts, tt.plan, nil, tt.observed))
			require.Len(t, got, 1)
			require.Contains(t, got[0], tt.want)
		})
	}
}

func TestFunctionObservedColdStartsOptions(t *testing.T) {
	const fn = "aws_lambda_function.api"
	obs := coldStarts(fn, 1000, 30, 0) // 3 %
	require.Empty(t, runObserved(t, rules.FunctionObservedColdStarts, behindHTTPAPI(fn), nil, obs))
	require.Len(t, runObserved(t, rules.FunctionObservedColdStarts, behindHTTPAPI(fn), &rules.ObservedColdStartOptions{ColdStartPercent: 3}, obs), 1)
	require.Error(t, (&rules.ObservedColdStartOptions{ColdStartPercent: 0}).Validate())
}

// When the model cannot price keeping the function warm (its memory is known only after apply), the
// message says so rather than leaving the reader to take the silence for "free".
func TestFunctionObservedColdStartsUnpriced(t *testing.T) {
	const fn = "aws_lambda_function.api"
	fnNoMemory := lambda(fn, 30)
	delete(fnNoMemory.After, "memory_size")
	fnNoMemory.Unknown = []string{"memory_size"}
	p := plantest.New().Add(fnNoMemory, api("aws_apigatewayv2_api.api", "HTTP"),
		httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", nil, fnRefs(fn, "invoke_arn")...))
	got := summaries(runObserved(t, rules.FunctionObservedColdStarts, p, nil, coldStarts(fn, 1000, 60, 0)))
	require.Equal(t, []string{"warning " + fn + ": 6.0% of invocations were cold starts over 14 days (60 of 1,000) " + coldHTTPPath +
		"; the cost of keeping it warm is not shown: the plan does not give what pricing it needs (memory, platform)"}, got)
}

// A Cloud Run service is priced as the cost model prices a minimum instance: its one container's
// CPU and memory (the defaults where unset) idle all month at $0.0000025 a vCPU-second and
// $0.0000025 a GiB-second under request-based billing, or at the instance-based rates ($0.000018
// and $0.000002) under instance-based billing; a month is 2,628,000 seconds.
func TestFunctionObservedColdStartsCloudRunService(t *testing.T) {
	const svc, v1 = "google_cloud_run_v2_service.api", "google_cloud_run_service.api"
	public := gcpInvoker("google_cloud_run_v2_service_iam_member.public", svc, "allUsers")
	publicV1 := plantest.Resource{Address: "google_cloud_run_service_iam_member.public", After: map[string]any{"role": "roles/run.invoker", "member": "allUsers"},
		Refs: map[string][]string{"service": gcpRef(v1, "name")}}
	service := func(limits map[string]any, resources map[string]any) plantest.Resource {
		return gcpRunV2(svc, map[string]any{"containers": []any{gcpRunContainer("europe-docker.pkg.dev/p/app/api:1", limits, resources)}}, nil)
	}
	const (
		head   = "warning " + svc + ": 6.0% of invocations were cold starts over 14 days (60 of 1,000) on the synchronous path (public Cloud Run service (allUsers may invoke it through google_cloud_run_v2_service_iam_member.public)), with nothing keeping it warm; "
		headV1 = "warning " + v1 + ": 6.0% of invocations were cold starts over 14 days (60 of 1,000) on the synchronous path (public Cloud Run service (allUsers may invoke it through google_cloud_run_service_iam_member.public)), with nothing keeping it warm; "
	)
	tests := []struct {
		name string
		plan *plantest.Builder
		want string
	}{
		{
			// 1 vCPU x 2,628,000 x $0.0000025 = $6.57; 1 GiB x 2,628,000 x $0.0000025 = $6.57. A ping
			// every 5 minutes, 8,760 a month, bills 100 ms: $0.0000004 + 0.1 x $0.000024 + 0.1 x
			// $0.0000025 = $0.00000305 x 8,760 = $0.0267.
			name: "1 vCPU and 1 GiB, request-based",
			plan: plantest.New().Add(service(map[string]any{"cpu": "1", "memory": "1Gi"}, nil), public),
			want: head + "keeping it warm would cost a month: minimum instances (1 instance) $13.14 and a keep-warm schedule (8,760 pings x 1 a month) $0.03",
		},
		{
			// 2 x $6.57 + 4 x $6.57 = $39.42; pings 8,760 x ($0.0000004 + 0.1 x 2 x $0.000024 +
			// 0.1 x 4 x $0.0000025) = 8,760 x $0.0000062 = $0.0543.
			name: "2 vCPU and 4 GiB",
			plan: plantest.New().Add(service(map[string]any{"cpu": "2", "memory": "4Gi"}, nil), public),
			want: head + "keeping it warm would cost a month: minimum instances (1 instance) $39.42 and a keep-warm schedule (8,760 pings x 1 a month) $0.05",
		},
		{
			// Neither limit set: 1 vCPU and 512 MiB, $6.57 + 0.5 x $6.57 = $9.855, printed $9.86; pings
			// 8,760 x ($0.0000004 + 0.1 x $0.000024 + 0.1 x 0.5 x $0.0000025) = $0.0256.
			name: "the defaults",
			plan: plantest.New().Add(gcpRunV2(svc, map[string]any{"containers": []any{map[string]any{"image": "europe-docker.pkg.dev/p/app/api:1", "resources": []any{}}}}, nil), public),
			want: head + "keeping it warm would cost a month: minimum instances (1 instance) $9.86 and a keep-warm schedule (8,760 pings x 1 a month) $0.03",
		},
		{
			// cpu_idle = false: 2,628,000 x $0.000018 = $47.304 and 1 GiB x 2,628,000 x $0.000002 =
			// $5.256, whether or not it serves.
			name: "instance-based billing",
			plan: plantest.New().Add(service(map[string]any{"cpu": "1", "memory": "1Gi"}, map[string]any{"cpu_idle": false}), public),
			want: head + "keeping it warm would cost a month: minimum instances (1 instance) $52.56 and a keep-warm schedule (8,760 pings x 1 a month) $0.03",
		},
		{
			// The v1 API: 1000m and 512Mi, the annotation says instance-based billing: $47.304 +
			// 0.5 x $5.256 = $49.932; pings as for the defaults, $0.0256 (on demand is priced
			// request-based whatever the billing).
			name: "v1 service with CPU always allocated",
			plan: plantest.New().Add(gcpRunV1(v1, nil, map[string]any{"run.googleapis.com/cpu-throttling": "false"}), publicV1),
			want: headV1 + "keeping it warm would cost a month: minimum instances (1 instance) $49.93 and a keep-warm schedule (8,760 pings x 1 a month) $0.03",
		},
		{
			name: "memory known after apply",
			plan: plantest.New().Add(func() plantest.Resource {
				r := service(map[string]any{"cpu": "1"}, nil)
				r.Unknown = []string{"template.0.containers.0.resources.0.limits.memory"}
				return r
			}(), public),
			want: head + "the cost of a minimum instance is not shown: the plan does not know template.0.containers.0.resources.0.limits.memory until apply",
		},
		{
			name: "a sidecar",
			plan: plantest.New().Add(gcpRunV2(svc, map[string]any{"containers": []any{
				gcpRunContainer("europe-docker.pkg.dev/p/app/api:1", map[string]any{"cpu": "1", "memory": "1Gi"}, nil),
				gcpRunContainer("europe-docker.pkg.dev/p/app/proxy:1", map[string]any{"cpu": "1", "memory": "512Mi"}, nil),
			}}, nil), public),
			want: head + "the cost of a minimum instance is not shown: the service runs 2 containers, and hybridlint sizes an instance of one",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := svc
			if strings.HasPrefix(tt.want, "warning "+v1) {
				addr = v1
			}
			got := summaries(runObserved(t, rules.FunctionObservedColdStarts, tt.plan, nil, coldStarts(addr, 1000, 60, 0)))
			require.Equal(t, []string{tt.want}, got)
		})
	}
}

// The service's figure is the cost model's row, the one the finding's cost object carries.
func TestFunctionObservedColdStartsCloudRunCostIsTheCostModels(t *testing.T) {
	const svc = "google_cloud_run_v2_service.api"
	p := plantest.New().Add(gcpRunV2(svc, map[string]any{"containers": []any{gcpRunContainer("europe-docker.pkg.dev/p/app/api:1",
		map[string]any{"cpu": "2", "memory": "4Gi"}, nil)}}, nil), gcpInvoker("google_cloud_run_v2_service_iam_member.public", svc, "allUsers"))
	got := runObserved(t, rules.FunctionObservedColdStarts, p, nil, coldStarts(svc, 1000, 60, 0))
	require.Len(t, got, 1)
	require.NotNil(t, got[0].Cost)
	in := exampleSettings.Inputs()
	services := serverless.PlannedServices(p.Graph(t), in)
	require.Len(t, services, 1)
	pr, err := services[0].Price(in)
	require.NoError(t, err)
	row, ok := pr.Row(cost.ProvisionedCapacity)
	require.True(t, ok)
	usd, ok := pr.Amount(row)
	require.True(t, ok)
	require.Equal(t, 39.42, usd) // (2 vCPU + 4 GiB) x 2,628,000 s x $0.0000025
	found := false
	for _, o := range got[0].Cost.Options {
		if o.Kind == "provisioned" {
			require.Equal(t, usd, o.MonthlyUSD)
			found = true
		}
	}
	require.True(t, found, "the finding carries the minimum instance's row")
	require.Empty(t, serverless.PlannedFunctions(p.Graph(t), in), "a service is not among the functions the cost report prices")
}
