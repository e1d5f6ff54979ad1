package rules_test

import (
	"fmt"
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

// Every cap one second below, at and one second above: a timeout at the cap is legal (a notice,
// being 100 % of it), one above is an error. The notice threshold (80 %) likewise.
func TestGCPFunctionTimeoutLimitBoundaries(t *testing.T) {
	gen1 := func(s int) plantest.Resource {
		return gcpGen1Fn("google_cloudfunctions_function.fn", map[string]any{"timeout": s})
	}
	gen2HTTP := func(s int) plantest.Resource {
		return gcpGen2Fn("google_cloudfunctions2_function.fn", map[string]any{"timeout_seconds": s}, nil)
	}
	gen2Event := func(s int) plantest.Resource {
		return gcpGen2Fn("google_cloudfunctions2_function.fn", map[string]any{"timeout_seconds": s}, map[string]any{"event_trigger": gcpPubSubTrigger})
	}
	run2 := func(s int) plantest.Resource {
		return gcpRunV2("google_cloud_run_v2_service.fn", map[string]any{"timeout": fmt.Sprintf("%ds", s)}, nil)
	}
	notice := func(addr string, s, pct, limit int, kind string) []string {
		return []string{fmt.Sprintf("notice %s: timeout %ds is %d%% of the %ds maximum of %s: longer work will be cut off", addr, s, pct, limit, kind)}
	}
	above := func(addr string, s, limit int, kind string) []string {
		return []string{fmt.Sprintf("error %s: timeout %ds exceeds the %ds maximum of %s", addr, s, limit, kind)}
	}
	const f1, f2, cr = "google_cloudfunctions_function.fn", "google_cloudfunctions2_function.fn", "google_cloud_run_v2_service.fn"
	tests := []struct {
		name string
		fn   plantest.Resource
		want []string
	}{
		{"1st gen one below the cap", gen1(539), notice(f1, 539, 99, 540, "a 1st gen function")},
		{"1st gen at the cap", gen1(540), notice(f1, 540, 100, 540, "a 1st gen function")},
		{"1st gen one above the cap", gen1(541), above(f1, 541, 540, "a 1st gen function")},
		{"1st gen one below 80%", gen1(431), []string{}},
		{"1st gen at 80%", gen1(432), notice(f1, 432, 80, 540, "a 1st gen function")},
		{"2nd gen event at the cap", gen2Event(540), notice(f2, 540, 100, 540, "an event-driven 2nd gen function")},
		{"2nd gen event one above the cap", gen2Event(541), above(f2, 541, 540, "an event-driven 2nd gen function")},
		{"2nd gen HTTP one below the cap", gen2HTTP(3599), notice(f2, 3599, 99, 3600, "an HTTP 2nd gen function")},
		{"2nd gen HTTP at the cap", gen2HTTP(3600), notice(f2, 3600, 100, 3600, "an HTTP 2nd gen function")},
		{"2nd gen HTTP one above the cap", gen2HTTP(3601), above(f2, 3601, 3600, "an HTTP 2nd gen function")},
		{"2nd gen HTTP one below 80%", gen2HTTP(2879), []string{}},
		{"2nd gen HTTP at 80%", gen2HTTP(2880), notice(f2, 2880, 80, 3600, "an HTTP 2nd gen function")},
		{"Cloud Run one below the cap", run2(3599), notice(cr, 3599, 99, 3600, "a Cloud Run service")},
		{"Cloud Run at the cap", run2(3600), notice(cr, 3600, 100, 3600, "a Cloud Run service")},
		{"Cloud Run one above the cap", run2(3601), above(cr, 3601, 3600, "a Cloud Run service")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.GCPFunctionTimeoutLimit, plantest.New().Add(tt.fn))))
		})
	}
}
