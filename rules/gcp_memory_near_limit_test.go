package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestGCPMemoryNearLimit(t *testing.T) {
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "1st gen at its 8 GB top tier",
			plan: plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.fn", map[string]any{"available_memory_mb": 8192})),
			want: []string{"notice google_cloudfunctions_function.fn: memory 8192 MB is 100% of the 8192 MB 1st gen maximum: a growing working set has nowhere to go"},
		},
		{
			name: "1st gen at 4 GB and the default are silent",
			plan: plantest.New().Add(
				gcpGen1Fn("google_cloudfunctions_function.a", map[string]any{"available_memory_mb": 4096}),
				gcpGen1Fn("google_cloudfunctions_function.b", map[string]any{"available_memory_mb": nil})),
			want: []string{},
		},
		{
			name: "2nd gen at 32Gi, decimal units below 80% are silent",
			plan: plantest.New().Add(
				gcpGen2Fn("google_cloudfunctions2_function.a", map[string]any{"available_memory": "32Gi", "available_cpu": "8"}, nil),
				gcpGen2Fn("google_cloudfunctions2_function.b", map[string]any{"available_memory": "16G", "available_cpu": "4"}, nil)),
			want: []string{`notice google_cloudfunctions2_function.a: memory "32Gi" (32768 MiB) is 100% of the 32768 MiB 2nd gen maximum: a growing working set has nowhere to go`},
		},
		{
			name: "Cloud Run containers, v2 near the cap and v1 below it",
			plan: plantest.New().Add(
				gcpRunV2("google_cloud_run_v2_service.model", map[string]any{"containers": []any{
					gcpRunContainer("europe-docker.pkg.dev/p/app/model:1", map[string]any{"cpu": "8", "memory": "27Gi"}, nil)}}, nil),
				gcpRunV1("google_cloud_run_service.old", map[string]any{"containers": []any{map[string]any{"image": "gcr.io/p/a",
					"resources": []any{map[string]any{"limits": map[string]any{"cpu": "8", "memory": "26G"}}}}}}, nil)),
			// 26G is 24,796 MiB, 75% of the cap: silent.
			want: []string{`notice google_cloud_run_v2_service.model: memory "27Gi" (27648 MiB) is 84% of the 32768 MiB Cloud Run maximum: a growing working set has nowhere to go`},
		},
		{
			name: "unknown and sensitive memory are silent",
			plan: plantest.New().Add(
				withUnknownAttr(gcpGen1Fn("google_cloudfunctions_function.a", map[string]any{"available_memory_mb": 8192}), "available_memory_mb"),
				withSensitiveAttr(gcpGen2Fn("google_cloudfunctions2_function.b", map[string]any{"available_memory": "32Gi"}, nil), "service_config"),
				withUnknownAttr(gcpRunV2("google_cloud_run_v2_service.c", nil, nil), "template")),
			want: []string{},
		},
		{
			name: "module with count",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.ml", Source: "./ml", Count: true}).
				Add(gcpGen1Fn("module.ml[1].google_cloudfunctions_function.score", map[string]any{"available_memory_mb": 8192})),
			want: []string{"notice module.ml[1].google_cloudfunctions_function.score: memory 8192 MB is 100% of the 8192 MB 1st gen maximum: a growing working set has nowhere to go"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.GCPMemoryNearLimit, tt.plan)))
		})
	}
}

func TestGCPMemoryNearLimitThreshold(t *testing.T) {
	p := plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.fn", map[string]any{"available_memory_mb": 4096}))
	require.Empty(t, run(t, rules.GCPMemoryNearLimit, p))
	got := runWith(t, rules.GCPMemoryNearLimit, p, &rules.NearLimitOptions{ThresholdPercent: 50})
	require.Equal(t, []string{"notice google_cloudfunctions_function.fn: memory 4096 MB is 50% of the 8192 MB 1st gen maximum: a growing working set has nowhere to go"},
		summaries(got))
	require.Equal(t, "move to a 2nd gen function (up to 32 GiB), or stream or shard the data", got[0].Remediation)
}
