package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestGCPFunctionTimeoutLimit(t *testing.T) {
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "1st gen above 540s",
			plan: plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.fn", map[string]any{"timeout": 600})),
			want: []string{"error google_cloudfunctions_function.fn: timeout 600s exceeds the 540s maximum of a 1st gen function"},
		},
		{
			name: "1st gen at 80% is a notice",
			plan: plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.fn", map[string]any{"timeout": 432})),
			want: []string{"notice google_cloudfunctions_function.fn: timeout 432s is 80% of the 540s maximum of a 1st gen function: longer work will be cut off"},
		},
		{
			name: "1st gen below 80% and the default are silent",
			plan: plantest.New().Add(
				gcpGen1Fn("google_cloudfunctions_function.a", map[string]any{"timeout": 431}),
				gcpGen1Fn("google_cloudfunctions_function.b", map[string]any{"timeout": nil})),
			want: []string{},
		},
		{
			name: "1st gen event function has the same 540s cap",
			plan: plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.fn", map[string]any{
				"timeout": 900, "trigger_http": nil,
				"event_trigger": []any{map[string]any{"event_type": "google.pubsub.topic.publish", "resource": "jobs"}}})),
			want: []string{"error google_cloudfunctions_function.fn: timeout 900s exceeds the 540s maximum of a 1st gen function"},
		},
		{
			name: "2nd gen event-driven above 540s",
			plan: plantest.New().Add(gcpGen2Fn("google_cloudfunctions2_function.worker",
				map[string]any{"timeout_seconds": 900}, map[string]any{"event_trigger": gcpPubSubTrigger})),
			want: []string{"error google_cloudfunctions2_function.worker: timeout 900s exceeds the 540s maximum of an event-driven 2nd gen function"},
		},
		{
			name: "2nd gen HTTP may run 900s",
			plan: plantest.New().Add(gcpGen2Fn("google_cloudfunctions2_function.api", map[string]any{"timeout_seconds": 900}, nil)),
			want: []string{},
		},
		{
			name: "2nd gen HTTP above 3600s, and at 80%",
			plan: plantest.New().Add(
				gcpGen2Fn("google_cloudfunctions2_function.a", map[string]any{"timeout_seconds": 4000}, nil),
				gcpGen2Fn("google_cloudfunctions2_function.b", map[string]any{"timeout_seconds": 3000}, nil)),
			want: []string{
				"error google_cloudfunctions2_function.a: timeout 4000s exceeds the 3600s maximum of an HTTP 2nd gen function",
				"notice google_cloudfunctions2_function.b: timeout 3000s is 83% of the 3600s maximum of an HTTP 2nd gen function: longer work will be cut off",
			},
		},
		{
			name: "2nd gen with an unknown trigger: only the HTTP cap is certain",
			plan: plantest.New().Add(
				withUnknownAttr(gcpGen2Fn("google_cloudfunctions2_function.a", map[string]any{"timeout_seconds": 900}, nil), "event_trigger"),
				withUnknownAttr(gcpGen2Fn("google_cloudfunctions2_function.b", map[string]any{"timeout_seconds": 3700}, nil), "event_trigger")),
			want: []string{"error google_cloudfunctions2_function.b: timeout 3700s exceeds the 3600s maximum of a 2nd gen function"},
		},
		{
			name: "Cloud Run v2 above 3600s (duration string) and v1 at 80%",
			plan: plantest.New().Add(
				gcpRunV2("google_cloud_run_v2_service.api", map[string]any{"timeout": "3700s"}, nil),
				gcpRunV1("google_cloud_run_service.old", map[string]any{"timeout_seconds": 3000}, nil)),
			want: []string{
				"error google_cloud_run_v2_service.api: timeout 3700s exceeds the 3600s maximum of a Cloud Run service",
				"notice google_cloud_run_service.old: timeout 3000s is 83% of the 3600s maximum of a Cloud Run service: longer work will be cut off",
			},
		},
		{
			name: "unknown and sensitive timeouts are silent",
			plan: plantest.New().Add(
				withUnknownAttr(gcpGen1Fn("google_cloudfunctions_function.a", map[string]any{"timeout": 900}), "timeout"),
				withSensitiveAttr(gcpGen1Fn("google_cloudfunctions_function.b", map[string]any{"timeout": 900}), "timeout"),
				withUnknownAttr(gcpGen2Fn("google_cloudfunctions2_function.c", map[string]any{"timeout_seconds": 4000}, nil), "service_config"),
				withUnknownAttr(gcpRunV2("google_cloud_run_v2_service.d", map[string]any{"timeout": "3700s"}, nil), "template")),
			want: []string{},
		},
		{
			name: "inside a module, with count and for_each",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.jobs", Source: "./jobs", ForEach: true}).
				Add(
					gcpGen2Fn(`module.jobs["eu"].google_cloudfunctions2_function.worker`,
						map[string]any{"timeout_seconds": 600}, map[string]any{"event_trigger": gcpPubSubTrigger}),
					gcpRunV2("google_cloud_run_v2_service.api[0]", map[string]any{"timeout": "3601s"}, nil),
					gcpRunV2("google_cloud_run_v2_service.api[1]", map[string]any{"timeout": "60s"}, nil)),
			want: []string{
				"error google_cloud_run_v2_service.api[0]: timeout 3601s exceeds the 3600s maximum of a Cloud Run service",
				`error module.jobs["eu"].google_cloudfunctions2_function.worker: timeout 600s exceeds the 540s maximum of an event-driven 2nd gen function`,
			},
		},
		{
			name: "a deleted function is not checked",
			plan: plantest.New().Add(func() plantest.Resource {
				r := gcpGen1Fn("google_cloudfunctions_function.old", map[string]any{"timeout": 600})
				r.Actions = []string{"delete"}
				return r
			}()),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.GCPFunctionTimeoutLimit, tt.plan)))
		})
	}
}

func TestGCPFunctionTimeoutLimitThreshold(t *testing.T) {
	p := plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.fn", map[string]any{"timeout": 300}))
	require.Empty(t, run(t, rules.GCPFunctionTimeoutLimit, p))
	got := runWith(t, rules.GCPFunctionTimeoutLimit, p, &rules.NearLimitOptions{ThresholdPercent: 50})
	require.Equal(t, []string{"notice google_cloudfunctions_function.fn: timeout 300s is 55% of the 540s maximum of a 1st gen function: longer work will be cut off"},
		summaries(got))
}

// withUnknownAttr marks a top-level attribute as known only after apply.
func withUnknownAttr(r plantest.Resource, attr string) plantest.Resource {
	r.Unknown = append(r.Unknown, attr)
	return r
}

// withSensitiveAttr marks a top-level attribute as sensitive.
func withSensitiveAttr(r plantest.Resource, attr string) plantest.Resource {
	r.Sensitive = append(r.Sensitive, attr)
	return r
}
