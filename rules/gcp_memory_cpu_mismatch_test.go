package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// gcpRunSized is a Cloud Run v2 service with one container of the given limits.
func gcpRunSized(addr string, limits map[string]any, resources, template map[string]any) plantest.Resource {
	return gcpRunV2(addr, gcpMerge(map[string]any{
		"containers": []any{gcpRunContainer("europe-docker.pkg.dev/p/app/api:1", limits, resources)},
	}, template), nil)
}

func TestGCPMemoryCPUMismatch(t *testing.T) {
	svc := "google_cloud_run_v2_service.api"
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "more than 4 GiB on 1 vCPU",
			plan: plantest.New().Add(gcpRunSized(svc, map[string]any{"cpu": "1", "memory": "8Gi"}, nil, nil)),
			want: []string{`error google_cloud_run_v2_service.api: cpu "1" with memory "8Gi": memory 8192 MiB needs more CPU than 1 vCPU, which allows at most 4096 MiB: use at least 2 vCPU`},
		},
		{
			name: "memory alone counts against the 1 vCPU default",
			plan: plantest.New().Add(gcpRunSized(svc, map[string]any{"memory": "16Gi"}, nil, nil)),
			want: []string{`error google_cloud_run_v2_service.api: cpu unset (1 vCPU) with memory "16Gi": memory 16384 MiB needs more CPU than 1 vCPU, which allows at most 4096 MiB: use at least 4 vCPU`},
		},
		{
			name: "4 vCPU with too little memory, in millicores",
			plan: plantest.New().Add(gcpRunSized(svc, map[string]any{"cpu": "4000m", "memory": "1Gi"}, nil, nil)),
			want: []string{`error google_cloud_run_v2_service.api: cpu "4000m" with memory "1Gi": 4 vCPU needs at least 2048 MiB of memory, got 1024 MiB`},
		},
		{
			name: "allowed pairs are silent",
			plan: plantest.New().Add(
				gcpRunSized("google_cloud_run_v2_service.a", map[string]any{"cpu": "2", "memory": "8Gi"}, nil, nil),
				gcpRunSized("google_cloud_run_v2_service.b", map[string]any{"cpu": "8", "memory": "32Gi"}, nil, nil),
				gcpRunSized("google_cloud_run_v2_service.c", map[string]any{"cpu": "1", "memory": "4G"}, nil, nil),
				gcpRunSized("google_cloud_run_v2_service.d", map[string]any{"cpu": "0.5", "memory": "512Mi"}, nil,
					map[string]any{"max_instance_request_concurrency": 1, "execution_environment": "EXECUTION_ENVIRONMENT_GEN1"})),
			want: []string{},
		},
		{
			name: "fractional CPU with concurrency, the gen2 environment and instance-based billing",
			plan: plantest.New().Add(gcpRunSized(svc, map[string]any{"cpu": "0.5", "memory": "512Mi"},
				map[string]any{"cpu_idle": false},
				map[string]any{"max_instance_request_concurrency": 80, "execution_environment": "EXECUTION_ENVIRONMENT_GEN2"})),
			want: []string{
				`error google_cloud_run_v2_service.api: cpu "0.5" is fractional, which Cloud Run allows only in the first generation execution environment, but template.0.execution_environment asks for the second`,
				`error google_cloud_run_v2_service.api: cpu "0.5" is fractional, which Cloud Run allows only with request-based billing, but template.0.containers.0.resources.0.cpu_idle is not true (instance-based billing)`,
				"error google_cloud_run_v2_service.api: cpu 0.5 is fractional, which Cloud Run allows only with a maximum concurrency of 1, got 80: use at least 1 vCPU or set concurrency to 1",
			},
		},
		{
			name: "a resources block without cpu_idle means instance-based billing",
			plan: plantest.New().Add(gcpRunV2(svc, map[string]any{"max_instance_request_concurrency": 1, "containers": []any{map[string]any{
				"image":     "europe-docker.pkg.dev/p/app/api:1",
				"resources": []any{map[string]any{"limits": map[string]any{"cpu": "0.25", "memory": "256Mi"}, "cpu_idle": nil, "startup_cpu_boost": false}},
			}}}, nil)),
			want: []string{`error google_cloud_run_v2_service.api: cpu "0.25" is fractional, which Cloud Run allows only with request-based billing, but template.0.containers.0.resources.0.cpu_idle is not true (instance-based billing)`},
		},
		{
			name: "second generation environment below 512 MiB",
			plan: plantest.New().Add(gcpRunSized(svc, map[string]any{"cpu": "1", "memory": "256Mi"}, nil,
				map[string]any{"execution_environment": "EXECUTION_ENVIRONMENT_GEN2"})),
			want: []string{`error google_cloud_run_v2_service.api: memory "256Mi" is below the 512 MiB the second generation execution environment (template.0.execution_environment) needs`},
		},
		{
			name: "a sidecar is checked on its own",
			plan: plantest.New().Add(gcpRunV2(svc, map[string]any{"containers": []any{
				gcpRunContainer("europe-docker.pkg.dev/p/app/api:1", map[string]any{"cpu": "2", "memory": "4Gi"}, nil),
				gcpRunContainer("otel/collector:1", map[string]any{"cpu": "1", "memory": "6Gi"}, nil),
			}}, nil)),
			want: []string{`error google_cloud_run_v2_service.api: cpu "1" with memory "6Gi": memory 6144 MiB needs more CPU than 1 vCPU, which allows at most 4096 MiB: use at least 2 vCPU`},
		},
		{
			name: "2nd gen function with an explicit CPU too small for its memory",
			plan: plantest.New().Add(gcpGen2Fn("google_cloudfunctions2_function.fn",
				map[string]any{"available_memory": "16Gi", "available_cpu": "2"}, nil)),
			want: []string{`error google_cloudfunctions2_function.fn: cpu "2" with memory "16Gi": memory 16384 MiB needs more CPU than 2 vCPU, which allows at most 8192 MiB: use at least 4 vCPU`},
		},
		{
			name: "2nd gen function with fractional CPU and concurrency",
			plan: plantest.New().Add(gcpGen2Fn("google_cloudfunctions2_function.fn",
				map[string]any{"available_memory": "512M", "available_cpu": "0.333", "max_instance_request_concurrency": 10}, nil)),
			want: []string{"error google_cloudfunctions2_function.fn: cpu 0.333 is fractional, which Cloud Run allows only with a maximum concurrency of 1, got 10: use at least 1 vCPU or set concurrency to 1"},
		},
		{
			name: "2nd gen function without available_cpu derives it from memory, but not past 32 GiB",
			plan: plantest.New().Add(
				gcpGen2Fn("google_cloudfunctions2_function.a", map[string]any{"available_memory": "16Gi", "available_cpu": nil}, nil),
				gcpGen2Fn("google_cloudfunctions2_function.b", map[string]any{"available_memory": "64Gi", "available_cpu": nil}, nil)),
			want: []string{`error google_cloudfunctions2_function.b: memory "64Gi" is 65536 MiB, above the 32768 MiB (32 GiB) maximum of a 2nd gen function`},
		},
		{
			name: "Cloud Run v1 reads limits and annotations",
			plan: plantest.New().Add(
				gcpRunV1("google_cloud_run_service.a", map[string]any{"containers": []any{map[string]any{"image": "gcr.io/p/a",
					"resources": []any{map[string]any{"limits": map[string]any{"cpu": "1000m", "memory": "8Gi"}}}}}}, nil),
				gcpRunV1("google_cloud_run_service.b", map[string]any{"container_concurrency": 1, "containers": []any{map[string]any{"image": "gcr.io/p/b",
					"resources": []any{map[string]any{"limits": map[string]any{"cpu": "500m", "memory": "512Mi"}}}}}},
					map[string]any{"run.googleapis.com/cpu-throttling": "false"})),
			want: []string{
				`error google_cloud_run_service.a: cpu "1000m" with memory "8Gi": memory 8192 MiB needs more CPU than 1 vCPU, which allows at most 4096 MiB: use at least 2 vCPU`,
				`error google_cloud_run_service.b: cpu "500m" is fractional, which Cloud Run allows only with request-based billing, but template.0.metadata.0.annotations is not true (instance-based billing)`,
			},
		},
		{
			name: "unknown and sensitive sizes are silent, 1st gen is not checked",
			plan: plantest.New().Add(
				withUnknownAttr(gcpRunSized("google_cloud_run_v2_service.a", map[string]any{"cpu": "1", "memory": "8Gi"}, nil, nil), "template"),
				withSensitiveAttr(gcpRunSized("google_cloud_run_v2_service.b", map[string]any{"cpu": "1", "memory": "8Gi"}, nil, nil), "template"),
				withUnknownAttr(gcpGen2Fn("google_cloudfunctions2_function.c", map[string]any{"available_memory": "16Gi", "available_cpu": "1"}, nil), "service_config"),
				gcpGen1Fn("google_cloudfunctions_function.d", map[string]any{"available_memory_mb": 8192})),
			want: []string{},
		},
		{
			name: "in a module, per for_each instance",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.svc", Source: "./svc", ForEach: true}).
				Add(
					gcpRunSized(`module.svc["big"].google_cloud_run_v2_service.this`, map[string]any{"cpu": "2", "memory": "12Gi"}, nil, nil),
					gcpRunSized(`module.svc["small"].google_cloud_run_v2_service.this`, map[string]any{"cpu": "1", "memory": "1Gi"}, nil, nil)),
			want: []string{`error module.svc["big"].google_cloud_run_v2_service.this: cpu "2" with memory "12Gi": memory 12288 MiB needs more CPU than 2 vCPU, which allows at most 8192 MiB: use at least 4 vCPU`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.GCPMemoryCPUMismatch, tt.plan)))
		})
	}
}

func TestGCPMemoryCPUMismatchRemediation(t *testing.T) {
	got := run(t, rules.GCPMemoryCPUMismatch, plantest.New().Add(
		gcpRunSized("google_cloud_run_v2_service.a", map[string]any{"cpu": "1", "memory": "8Gi"}, nil, nil),
		gcpRunSized("google_cloud_run_v2_service.b", map[string]any{"cpu": "4", "memory": "1Gi"}, nil, nil),
		gcpRunSized("google_cloud_run_v2_service.c", map[string]any{"cpu": "3", "memory": "4Gi"}, nil, nil)))
	fixes := map[string]string{}
	for _, f := range got {
		fixes[f.Address] = f.Remediation
	}
	require.Equal(t, map[string]string{
		"google_cloud_run_v2_service.a": "raise cpu to 2, or lower memory to 4096 MiB if the work fits",
		"google_cloud_run_v2_service.b": "raise memory to 2048 MiB, or lower cpu",
		"google_cloud_run_v2_service.c": "use a CPU from 0.08 to 1 in steps of 0.001, or 1, 2, 4, 6 or 8",
	}, fixes)
}

// The 32 GiB maximum one MiB below, at and one MiB above, for a 2nd gen function without
// available_cpu (an error above it) and for a Cloud Run service (whose remedy at the maximum is more
// CPU, and above it less memory).
func TestGCPMemoryCPUMismatchMaximumMemory(t *testing.T) {
	fn := func(mem string) plantest.Resource {
		return gcpGen2Fn("google_cloudfunctions2_function.f", map[string]any{"available_memory": mem, "available_cpu": nil}, nil)
	}
	require.Equal(t, []string{}, summaries(run(t, rules.GCPMemoryCPUMismatch, plantest.New().Add(fn("32767Mi")))))
	require.Equal(t, []string{}, summaries(run(t, rules.GCPMemoryCPUMismatch, plantest.New().Add(fn("32768Mi")))))
	require.Equal(t, []string{`error google_cloudfunctions2_function.f: memory "32769Mi" is 32769 MiB, above the 32768 MiB (32 GiB) maximum of a 2nd gen function`},
		summaries(run(t, rules.GCPMemoryCPUMismatch, plantest.New().Add(fn("32769Mi")))))

	got := run(t, rules.GCPMemoryCPUMismatch, plantest.New().Add(
		gcpRunSized("google_cloud_run_v2_service.at", map[string]any{"cpu": "8", "memory": "32768Mi"}, nil, nil),
		gcpRunSized("google_cloud_run_v2_service.above", map[string]any{"cpu": "8", "memory": "32769Mi"}, nil, nil),
		gcpRunSized("google_cloud_run_v2_service.small", map[string]any{"cpu": "1", "memory": "32768Mi"}, nil, nil)))
	fixes := map[string]string{}
	for _, f := range got {
		fixes[f.Address] = f.Remediation
	}
	require.Equal(t, map[string]string{
		"google_cloud_run_v2_service.above": "lower memory to 32Gi or less, or move the work to GKE, Batch or a VM",
		"google_cloud_run_v2_service.small": "raise cpu to 8, or lower memory to 4096 MiB if the work fits",
	}, fixes)
}
