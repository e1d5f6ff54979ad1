package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// gcpInvoker grants member the Cloud Run invoker role on a v2 service.
func gcpInvoker(addr, service, member string) plantest.Resource {
	return plantest.Resource{Address: addr,
		After: map[string]any{"role": "roles/run.invoker", "member": member, "location": "europe-west1"},
		Refs:  map[string][]string{"name": gcpRef(service, "name")}}
}

// gcpJavaService is a v2 service running a JVM image with the given scaling and boost.
func gcpJavaService(addr string, minInstances any, boost bool) plantest.Resource {
	return gcpRunV2(addr, map[string]any{
		"containers": []any{gcpRunContainer("europe-docker.pkg.dev/p/app/orders-java:1.4",
			map[string]any{"cpu": "1", "memory": "1Gi"}, map[string]any{"startup_cpu_boost": boost})},
		"scaling": []any{map[string]any{"min_instance_count": minInstances, "max_instance_count": 10}},
	}, nil)
}

func TestGCPColdStartOnSyncPath(t *testing.T) {
	svc := "google_cloud_run_v2_service.orders"
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "HTTP 1st gen function in Java with no minimum instances",
			plan: plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.api", map[string]any{"runtime": "java17"})),
			want: []string{"warning google_cloudfunctions_function.api: HTTP-triggered 1st gen function with heavy initialisation (runtime java17): it scales to zero (no minimum instances), so requests after idle wait for a slow cold start"},
		},
		{
			name: "HTTP 2nd gen function in .NET, unset minimum",
			plan: plantest.New().Add(gcpGen2Fn("google_cloudfunctions2_function.api", map[string]any{"min_instance_count": nil},
				map[string]any{"build_config": []any{map[string]any{"runtime": "dotnet8", "entry_point": "Api.Function"}}})),
			want: []string{"warning google_cloudfunctions2_function.api: HTTP-triggered 2nd gen function with heavy initialisation (runtime dotnet8): it scales to zero (no minimum instances), so requests after idle wait for a slow cold start"},
		},
		{
			name: "warm, light, or event-driven functions are silent",
			plan: plantest.New().Add(
				gcpGen1Fn("google_cloudfunctions_function.warm", map[string]any{"runtime": "java17", "min_instances": 1}),
				gcpGen1Fn("google_cloudfunctions_function.light", map[string]any{"runtime": "nodejs20"}),
				gcpGen2Fn("google_cloudfunctions2_function.events", nil, map[string]any{"event_trigger": gcpPubSubTrigger,
					"build_config": []any{map[string]any{"runtime": "java21"}}})),
			want: []string{},
		},
		{
			name: "public Java service that scales to zero with startup boost off",
			plan: plantest.New().Add(gcpJavaService(svc, 0, false), gcpInvoker("google_cloud_run_v2_service_iam_member.public", svc, "allUsers")),
			want: []string{`warning google_cloud_run_v2_service.orders: public Cloud Run service (allUsers may invoke it through google_cloud_run_v2_service_iam_member.public) with heavy initialisation (image "europe-docker.pkg.dev/p/app/orders-java:1.4"): it scales to zero (no minimum instances) and startup CPU boost is off, so requests after idle wait for a slow cold start`},
		},
		{
			name: "a warm instance does not excuse startup boost off; boost on does not excuse zero instances",
			plan: plantest.New().Add(
				gcpJavaService("google_cloud_run_v2_service.a", 1, false),
				gcpInvoker("google_cloud_run_v2_service_iam_member.a", "google_cloud_run_v2_service.a", "allAuthenticatedUsers"),
				gcpJavaService("google_cloud_run_v2_service.b", 0, true),
				plantest.Resource{Address: "google_compute_region_network_endpoint_group.b", After: map[string]any{
					"name": "b-neg", "network_endpoint_type": "SERVERLESS", "region": "europe-west1",
					"cloud_run": []any{map[string]any{}}},
					Refs: map[string][]string{"cloud_run.0.service": gcpRef("google_cloud_run_v2_service.b", "name")}}),
			want: []string{
				`warning google_cloud_run_v2_service.a: public Cloud Run service (allAuthenticatedUsers may invoke it through google_cloud_run_v2_service_iam_member.a) with heavy initialisation (image "europe-docker.pkg.dev/p/app/orders-java:1.4"): startup CPU boost is off, so requests after idle wait for a slow cold start`,
				`warning google_cloud_run_v2_service.b: public Cloud Run service (a load balancer reaches it through the serverless NEG google_compute_region_network_endpoint_group.b) with heavy initialisation (image "europe-docker.pkg.dev/p/app/orders-java:1.4"): it scales to zero (no minimum instances), so requests after idle wait for a slow cold start`,
			},
		},
		{
			name: "warm with boost, private, or light services are silent",
			plan: plantest.New().Add(
				gcpJavaService("google_cloud_run_v2_service.a", 2, true),
				gcpInvoker("google_cloud_run_v2_service_iam_member.a", "google_cloud_run_v2_service.a", "allUsers"),
				gcpJavaService("google_cloud_run_v2_service.b", 0, false),
				gcpInvoker("google_cloud_run_v2_service_iam_member.b", "google_cloud_run_v2_service.b", "serviceAccount:ci@p.iam.gserviceaccount.com"),
				gcpRunV2("google_cloud_run_v2_service.c", nil, map[string]any{"invoker_iam_disabled": true})),
			want: []string{},
		},
		{
			name: "JVM environment variables and IAM bindings and policies",
			plan: plantest.New().Add(
				gcpRunV2("google_cloud_run_v2_service.a", map[string]any{"containers": []any{gcpMerge(
					gcpRunContainer("europe-docker.pkg.dev/p/app/orders:1", map[string]any{"cpu": "1", "memory": "1Gi"}, nil),
					map[string]any{"env": []any{map[string]any{"name": "JAVA_TOOL_OPTIONS", "value": "-XX:+UseSerialGC"}}})}}, nil),
				plantest.Resource{Address: "google_cloud_run_v2_service_iam_binding.a", After: map[string]any{
					"role": "roles/run.invoker", "members": []any{"allUsers"}},
					Refs: map[string][]string{"name": gcpRef("google_cloud_run_v2_service.a", "name")}},
				gcpRunV2("google_cloud_run_v2_service.b", map[string]any{"containers": []any{gcpMerge(
					gcpRunContainer("mcr.microsoft.com/dotnet/aspnet:8.0", map[string]any{"cpu": "1", "memory": "1Gi"}, nil), nil)}}, nil),
				plantest.Resource{Address: "google_cloud_run_v2_service_iam_policy.b", After: map[string]any{
					"policy_data": `{"bindings":[{"members":["allUsers"],"role":"roles/run.invoker"}]}`},
					Refs: map[string][]string{"name": gcpRef("google_cloud_run_v2_service.b", "name")}}),
			want: []string{
				"warning google_cloud_run_v2_service.a: public Cloud Run service (allUsers may invoke it through google_cloud_run_v2_service_iam_binding.a) with heavy initialisation (environment variable JAVA_TOOL_OPTIONS): it scales to zero (no minimum instances), so requests after idle wait for a slow cold start",
				`warning google_cloud_run_v2_service.b: public Cloud Run service (allUsers may invoke it through google_cloud_run_v2_service_iam_policy.b) with heavy initialisation (image "mcr.microsoft.com/dotnet/aspnet:8.0"): it scales to zero (no minimum instances), so requests after idle wait for a slow cold start`,
			},
		},
		{
			name: "unknown scaling, unknown runtime and unknown trigger are silent",
			plan: plantest.New().Add(
				withUnknownAttr(gcpGen1Fn("google_cloudfunctions_function.a", map[string]any{"runtime": "java17"}), "min_instances"),
				withUnknownAttr(gcpGen1Fn("google_cloudfunctions_function.b", map[string]any{"runtime": "java17"}), "runtime"),
				withUnknownAttr(gcpGen2Fn("google_cloudfunctions2_function.c", nil,
					map[string]any{"build_config": []any{map[string]any{"runtime": "java21"}}}), "event_trigger"),
				withSensitiveAttr(gcpJavaService("google_cloud_run_v2_service.d", 0, false), "template"),
				gcpInvoker("google_cloud_run_v2_service_iam_member.d", "google_cloud_run_v2_service.d", "allUsers")),
			want: []string{},
		},
		{
			name: "Cloud Run v1 reads the minScale and startup boost annotations",
			plan: plantest.New().Add(
				gcpRunV1("google_cloud_run_service.a", map[string]any{"containers": []any{map[string]any{"image": "gcr.io/p/spring-api:3"}}},
					map[string]any{"autoscaling.knative.dev/minScale": "1", "run.googleapis.com/startup-cpu-boost": "true"}),
				plantest.Resource{Address: "google_cloud_run_service_iam_member.a", After: map[string]any{"role": "roles/run.invoker", "member": "allUsers"},
					Refs: map[string][]string{"service": gcpRef("google_cloud_run_service.a", "name")}},
				gcpRunV1("google_cloud_run_service.b", map[string]any{"containers": []any{map[string]any{"image": "gcr.io/p/spring-api:3"}}}, nil),
				plantest.Resource{Address: "google_cloud_run_service_iam_member.b", After: map[string]any{"role": "roles/run.invoker", "member": "allUsers"},
					Refs: map[string][]string{"service": gcpRef("google_cloud_run_service.b", "name")}}),
			want: []string{`warning google_cloud_run_service.b: public Cloud Run service (allUsers may invoke it through google_cloud_run_service_iam_member.b) with heavy initialisation (image "gcr.io/p/spring-api:3"): it scales to zero (no minimum instances) and startup CPU boost is off, so requests after idle wait for a slow cold start`},
		},
		{
			name: "a public service inside a module",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.orders", Source: "./svc",
					Outputs: map[string][]string{"name": gcpRef("google_cloud_run_v2_service.this", "name")}}).
				Add(gcpJavaService("module.orders.google_cloud_run_v2_service.this", 0, true),
					plantest.Resource{Address: "google_cloud_run_v2_service_iam_member.public", After: map[string]any{"role": "roles/run.invoker", "member": "allUsers"},
						Refs: map[string][]string{"name": {"module.orders.name", "module.orders"}}}),
			want: []string{`warning module.orders.google_cloud_run_v2_service.this: public Cloud Run service (allUsers may invoke it through google_cloud_run_v2_service_iam_member.public) with heavy initialisation (image "europe-docker.pkg.dev/p/app/orders-java:1.4"): it scales to zero (no minimum instances), so requests after idle wait for a slow cold start`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.GCPColdStartOnSyncPath, tt.plan)))
		})
	}
}

func TestGCPColdStartOnSyncPathOptionsAndRemediation(t *testing.T) {
	p := plantest.New().Add(
		gcpRunV2("google_cloud_run_v2_service.api", map[string]any{"containers": []any{
			gcpRunContainer("europe-docker.pkg.dev/p/app/rails-api:7", map[string]any{"cpu": "1", "memory": "1Gi"}, map[string]any{"startup_cpu_boost": false})}}, nil),
		gcpInvoker("google_cloud_run_v2_service_iam_member.public", "google_cloud_run_v2_service.api", "allUsers"))
	require.Empty(t, run(t, rules.GCPColdStartOnSyncPath, p), "a Ruby image is not heavy by default")
	got := runWith(t, rules.GCPColdStartOnSyncPath, p, &rules.GCPColdStartOptions{HeavyImagePatterns: []string{"rails"}})
	require.Len(t, got, 1)
	require.Equal(t, "template.0.scaling.0.min_instance_count", got[0].Attribute)
	require.Equal(t, []string{"google_cloud_run_v2_service_iam_member.public"}, got[0].Related)
	require.Equal(t, "set startup_cpu_boost = true (billed only while instances start), and set template.scaling.min_instance_count to 1 (one instance billed while idle), or serve this path from an always-on container",
		got[0].Remediation)
}

// TestGCPColdStartOnSyncCallers covers services that are not public but that a synchronous caller
// of the serverless model waits for: the cold start lands on the caller's request all the same.
func TestGCPColdStartOnSyncCallers(t *testing.T) {
	svc := "google_cloud_run_v2_service.api"
	javaBehindURL := gcpRunV2(svc, map[string]any{
		"containers": []any{gcpRunContainer("europe-docker.pkg.dev/p/app/orders-java:1.4",
			map[string]any{"cpu": "1", "memory": "1Gi"}, map[string]any{"startup_cpu_boost": true})},
	}, map[string]any{"uri": gcpAPIURL})
	warm := gcpRunV2(svc, map[string]any{
		"containers": []any{gcpRunContainer("europe-docker.pkg.dev/p/app/orders-java:1.4",
			map[string]any{"cpu": "1", "memory": "1Gi"}, map[string]any{"startup_cpu_boost": true})},
		"scaling": []any{map[string]any{"min_instance_count": 1, "max_instance_count": 10}},
	}, map[string]any{"uri": gcpAPIURL})
	gateway := gcpAPIConfig("google_api_gateway_api_config.v1", gcpOpenAPI("x-google-backend:\n  address: "+gcpAPIURL+"/v1\n"))
	hosting := gcpHostingVersion("google_firebase_hosting_version.site",
		map[string]any{"glob": "/api/**", "run": []any{map[string]any{"service_id": "api", "region": "europe-west1"}}})
	const tail = " with heavy initialisation (image \"europe-docker.pkg.dev/p/app/orders-java:1.4\"): it scales to zero (no minimum instances), so requests after idle wait for a slow cold start"
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "a Java service behind Google API Gateway",
			plan: plantest.New().Add(javaBehindURL, gateway),
			want: []string{"warning google_cloud_run_v2_service.api: Cloud Run service on a synchronous path (google_api_gateway_api_config.v1 waits for it)" + tail},
		},
		{
			name: "a Java service behind a Firebase Hosting rewrite",
			plan: plantest.New().Add(javaBehindURL, hosting),
			want: []string{"warning google_cloud_run_v2_service.api: Cloud Run service on a synchronous path (google_firebase_hosting_version.site waits for it)" + tail},
		},
		{
			name: "public and behind API Gateway: both reasons, one finding",
			plan: plantest.New().Add(javaBehindURL, gateway, gcpInvoker("google_cloud_run_v2_service_iam_member.public", svc, "allUsers")),
			want: []string{"warning google_cloud_run_v2_service.api: public Cloud Run service (allUsers may invoke it through google_cloud_run_v2_service_iam_member.public; google_api_gateway_api_config.v1 waits for it)" + tail},
		},
		{
			name: "a minimum instance keeps it warm behind API Gateway",
			plan: plantest.New().Add(warm, gateway),
			want: []string{},
		},
		{
			name: "the same service with no synchronous caller is silent",
			plan: plantest.New().Add(javaBehindURL),
			want: []string{},
		},
		{
			name: "an asynchronous caller (a Pub/Sub push subscription) is not a synchronous path",
			plan: plantest.New().Add(javaBehindURL, gcpPushSubscription("google_pubsub_subscription.push", 60, gcpRef(svc, "uri")...)),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.GCPColdStartOnSyncPath, tt.plan)))
		})
	}
}
