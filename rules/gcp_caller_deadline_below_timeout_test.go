package rules_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// gcpSchedulerJob calls uriRefs with an HTTP target; overrides set attempt_deadline and retry_config.
func gcpSchedulerJob(addr string, overrides map[string]any, uriRefs ...string) plantest.Resource {
	return plantest.Resource{Address: addr,
		After: gcpMerge(map[string]any{
			"name": "nightly", "schedule": "0 3 * * *", "time_zone": "Etc/UTC", "attempt_deadline": nil,
			"http_target":  []any{map[string]any{"http_method": "POST", "oidc_token": []any{map[string]any{"service_account_email": "sa@p.iam.gserviceaccount.com"}}}},
			"retry_config": []any{map[string]any{"retry_count": 0}},
		}, overrides),
		Refs: map[string][]string{"http_target.0.uri": uriRefs}}
}

// gcpPushSubscription pushes to endpointRefs.
func gcpPushSubscription(addr string, ack any, endpointRefs ...string) plantest.Resource {
	after := map[string]any{"name": "jobs-push", "topic": "projects/p/topics/jobs",
		"push_config": []any{map[string]any{"attributes": map[string]any{}}}}
	if ack != nil {
		after["ack_deadline_seconds"] = ack
	}
	return plantest.Resource{Address: addr, After: after, Refs: map[string][]string{"push_config.0.push_endpoint": endpointRefs}}
}

func gcpTasksQueue(addr string, hostRefs ...string) plantest.Resource {
	return plantest.Resource{Address: addr,
		After: map[string]any{"name": "jobs", "location": "europe-west1",
			"http_target": []any{map[string]any{"http_method": "POST", "uri_override": []any{map[string]any{"scheme": "HTTPS"}}}}},
		Refs: map[string][]string{"http_target.0.uri_override.0.host": hostRefs}}
}

func gcpEventarcTrigger(addr string, serviceRefs ...string) plantest.Resource {
	return plantest.Resource{Address: addr,
		After: map[string]any{"name": "uploads", "location": "europe-west1",
			"matching_criteria": []any{map[string]any{"attribute": "type", "value": "google.cloud.storage.object.v1.finalized"}},
			"destination":       []any{map[string]any{"cloud_run_service": []any{map[string]any{"region": "europe-west1"}}}}},
		Refs: map[string][]string{"destination.0.cloud_run_service.0.service": serviceRefs}}
}

func TestGCPCallerDeadlineBelowTimeout(t *testing.T) {
	report := "google_cloudfunctions2_function.report"
	api := "google_cloud_run_v2_service.api"
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "scheduler's default attempt deadline against a 540s function",
			plan: plantest.New().Add(gcpGen2Fn(report, map[string]any{"timeout_seconds": 540}, nil),
				gcpSchedulerJob("google_cloud_scheduler_job.nightly", nil, gcpRef(report, "url")...)),
			want: []string{"warning google_cloud_scheduler_job.nightly: attempt deadline 180s (default) is shorter than the 540s timeout of google_cloudfunctions2_function.report: the job is marked failed while the first run is still working"},
		},
		{
			name: "scheduler that retries",
			plan: plantest.New().Add(gcpGen2Fn(report, map[string]any{"timeout_seconds": 540}, nil),
				gcpSchedulerJob("google_cloud_scheduler_job.nightly", map[string]any{"attempt_deadline": "320s",
					"retry_config": []any{map[string]any{"retry_count": 3}}}, gcpRef(report, "service_config.0.uri")...)),
			want: []string{"warning google_cloud_scheduler_job.nightly: attempt deadline 320s is shorter than the 540s timeout of google_cloudfunctions2_function.report: the job retries (retry_count 3) while the first run is still working"},
		},
		{
			name: "scheduler deadline that covers the timeout is silent",
			plan: plantest.New().Add(gcpGen2Fn(report, map[string]any{"timeout_seconds": 540}, nil),
				gcpSchedulerJob("google_cloud_scheduler_job.nightly", map[string]any{"attempt_deadline": "600s"}, gcpRef(report, "url")...)),
			want: []string{},
		},
		{
			name: "unknown deadline, unknown timeout, or a Cloud Run job target are silent",
			plan: plantest.New().Add(
				gcpGen2Fn(report, map[string]any{"timeout_seconds": 540}, nil),
				withUnknownAttr(gcpSchedulerJob("google_cloud_scheduler_job.a", nil, gcpRef(report, "url")...), "attempt_deadline"),
				withUnknownAttr(gcpRunV2(api, nil, nil), "template"),
				gcpSchedulerJob("google_cloud_scheduler_job.b", nil, gcpRef(api, "uri")...),
				plantest.Resource{Address: "google_cloud_run_v2_job.batch", After: map[string]any{"name": "batch",
					"template": []any{map[string]any{"task_count": 1}}}},
				gcpSchedulerJob("google_cloud_scheduler_job.c", nil, gcpRef("google_cloud_run_v2_job.batch", "name")...)),
			want: []string{},
		},
		{
			name: "push subscription at the 10s default against a Cloud Run service",
			plan: plantest.New().Add(gcpRunV2(api, nil, nil),
				gcpPushSubscription("google_pubsub_subscription.push", nil, gcpRef(api, "uri")...),
				gcpPushSubscription("google_pubsub_subscription.zero", 0, gcpRef(api, "uri")...)),
			want: []string{
				"warning google_pubsub_subscription.push: ack deadline 10s (default) is shorter than the 300s timeout of google_cloud_run_v2_service.api: Pub/Sub redelivers the message while the first delivery is still being processed",
				"warning google_pubsub_subscription.zero: ack deadline 10s (default) is shorter than the 300s timeout of google_cloud_run_v2_service.api: Pub/Sub redelivers the message while the first delivery is still being processed",
			},
		},
		{
			name: "push subscription with a long enough deadline, and a pull subscription, are silent",
			plan: plantest.New().Add(gcpRunV2(api, nil, nil),
				gcpPushSubscription("google_pubsub_subscription.push", 300, gcpRef(api, "uri")...),
				plantest.Resource{Address: "google_pubsub_subscription.pull", After: map[string]any{"name": "pull", "ack_deadline_seconds": 10},
					Refs: map[string][]string{"labels": gcpRef(api, "name")}}),
			want: []string{},
		},
		{
			name: "Cloud Tasks: above the default dispatch deadline is a notice, above the maximum a warning",
			plan: plantest.New().Add(
				gcpRunV2("google_cloud_run_v2_service.a", map[string]any{"timeout": "900s"}, nil),
				gcpRunV2("google_cloud_run_v2_service.b", map[string]any{"timeout": "2400s"}, nil),
				gcpRunV2("google_cloud_run_v2_service.c", map[string]any{"timeout": "600s"}, nil),
				gcpTasksQueue("google_cloud_tasks_queue.a", gcpRef("google_cloud_run_v2_service.a", "uri")...),
				gcpTasksQueue("google_cloud_tasks_queue.b", gcpRef("google_cloud_run_v2_service.b", "uri")...),
				gcpTasksQueue("google_cloud_tasks_queue.c", gcpRef("google_cloud_run_v2_service.c", "uri")...)),
			want: []string{
				"warning google_cloud_tasks_queue.b: sends HTTP tasks to google_cloud_run_v2_service.b, whose 2400s timeout outlasts the 1800s longest dispatch deadline: long tasks are retried while the first attempt is still working",
				"notice google_cloud_tasks_queue.a: sends HTTP tasks to google_cloud_run_v2_service.a, whose 900s timeout outlasts the 600s default dispatch deadline: tasks created without a longer dispatch_deadline are retried while the first attempt is still working",
			},
		},
		{
			name: "Eventarc above the 600s Pub/Sub ceiling",
			plan: plantest.New().Add(
				gcpRunV2("google_cloud_run_v2_service.a", map[string]any{"timeout": "1800s"}, nil),
				gcpRunV2("google_cloud_run_v2_service.b", map[string]any{"timeout": "600s"}, nil),
				gcpEventarcTrigger("google_eventarc_trigger.a", gcpRef("google_cloud_run_v2_service.a", "name")...),
				gcpEventarcTrigger("google_eventarc_trigger.b", gcpRef("google_cloud_run_v2_service.b", "name")...)),
			want: []string{"warning google_eventarc_trigger.a: delivers events to google_cloud_run_v2_service.a, whose 1800s timeout outlasts the 600s longest Pub/Sub acknowledgement deadline Eventarc delivers with: the event is redelivered while the first delivery is still being processed"},
		},
		{
			name: "through a module output, from each instance of counted subscriptions",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.api", Source: "./api",
					Outputs: map[string][]string{"uri": gcpRef("google_cloud_run_v2_service.this", "uri")}}).
				Add(gcpRunV2("module.api.google_cloud_run_v2_service.this", map[string]any{"timeout": "300s"}, nil),
					gcpPushSubscription("google_pubsub_subscription.push[0]", 60, "module.api.uri", "module.api"),
					gcpPushSubscription("google_pubsub_subscription.push[1]", 300, "module.api.uri", "module.api")),
			want: []string{"warning google_pubsub_subscription.push[0]: ack deadline 60s is shorter than the 300s timeout of module.api.google_cloud_run_v2_service.this: Pub/Sub redelivers the message while the first delivery is still being processed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.GCPCallerDeadlineBelowTimeout, tt.plan)))
		})
	}
}

func TestGCPCallerDeadlineRemediation(t *testing.T) {
	fn := "google_cloudfunctions2_function.report"
	got := run(t, rules.GCPCallerDeadlineBelowTimeout, plantest.New().Add(
		gcpGen2Fn(fn, map[string]any{"timeout_seconds": 540}, nil),
		gcpRunV2("google_cloud_run_v2_service.long", map[string]any{"timeout": "3000s"}, nil),
		gcpSchedulerJob("google_cloud_scheduler_job.a", nil, gcpRef(fn, "url")...),
		gcpSchedulerJob("google_cloud_scheduler_job.b", nil, gcpRef("google_cloud_run_v2_service.long", "uri")...),
		gcpPushSubscription("google_pubsub_subscription.c", nil, gcpRef("google_cloud_run_v2_service.long", "uri")...),
		gcpPushSubscription("google_pubsub_subscription.d", 600, gcpRef("google_cloud_run_v2_service.long", "uri")...),
		gcpPushSubscription("google_pubsub_subscription.e", 30, gcpRef(fn, "url")...)))
	require.Len(t, got, 5)
	byAddr := map[string]string{}
	for _, f := range got {
		byAddr[f.Address] = f.Remediation
		require.Equal(t, []string{f.Related[0]}, f.Related)
	}
	require.Equal(t, `raise attempt_deadline to "540s"`, byAddr["google_cloud_scheduler_job.a"])
	require.Equal(t, "lower the timeout to 1800s (the longest attempt_deadline), or have the job start a Cloud Run job or Workflows execution instead",
		byAddr["google_cloud_scheduler_job.b"])
	require.Equal(t, "raise ack_deadline_seconds to 600 (its maximum) and lower the timeout to 600s, or acknowledge at once and process asynchronously",
		byAddr["google_pubsub_subscription.c"])
	require.Equal(t, "lower the timeout to 600s, or acknowledge at once and process asynchronously", byAddr["google_pubsub_subscription.d"])
	require.Equal(t, "raise ack_deadline_seconds to 540", byAddr["google_pubsub_subscription.e"])
}

// Every caller's deadline one second below, at and one second above the callee's timeout, and
// the defaults (Scheduler 180 s, Pub/Sub 10 s) with the setting absent and null.
func TestGCPCallerDeadlineBelowTimeoutBoundaries(t *testing.T) {
	const svc = "google_cloud_run_v2_service.api"
	service := func(timeout int) plantest.Resource {
		return gcpRunV2(svc, map[string]any{"timeout": fmt.Sprintf("%ds", timeout)}, nil)
	}
	job := func(deadline any, absent bool) plantest.Resource {
		r := gcpSchedulerJob("google_cloud_scheduler_job.j", nil, gcpRef(svc, "uri")...)
		if absent {
			delete(r.After, "attempt_deadline")
		} else {
			r.After["attempt_deadline"] = deadline
		}
		return r
	}
	push := func(ack any, null bool) plantest.Resource {
		r := gcpPushSubscription("google_pubsub_subscription.s", ack, gcpRef(svc, "uri")...)
		if null {
			r.After["ack_deadline_seconds"] = nil
		}
		return r
	}
	scheduler := func(deadline, timeout int, note string) []string {
		return []string{fmt.Sprintf("warning google_cloud_scheduler_job.j: attempt deadline %ds%s is shorter than the %ds timeout of %s: the job is marked failed while the first run is still working", deadline, note, timeout, svc)}
	}
	pubsub := func(ack, timeout int, note string) []string {
		return []string{fmt.Sprintf("warning google_pubsub_subscription.s: ack deadline %ds%s is shorter than the %ds timeout of %s: Pub/Sub redelivers the message while the first delivery is still being processed", ack, note, timeout, svc)}
	}
	tasksNotice := func(timeout int) []string {
		return []string{fmt.Sprintf("notice google_cloud_tasks_queue.q: sends HTTP tasks to %s, whose %ds timeout outlasts the 600s default dispatch deadline: tasks created without a longer dispatch_deadline are retried while the first attempt is still working", svc, timeout)}
	}
	const tasksWarning = "warning google_cloud_tasks_queue.q: sends HTTP tasks to " + svc + ", whose 1801s timeout outlasts the 1800s longest dispatch deadline: long tasks are retried while the first attempt is still working"
	const eventarc = "warning google_eventarc_trigger.t: delivers events to " + svc + ", whose 601s timeout outlasts the 600s longest Pub/Sub acknowledgement deadline Eventarc delivers with: the event is redelivered while the first delivery is still being processed"
	tasks := gcpTasksQueue("google_cloud_tasks_queue.q", gcpRef(svc, "uri")...)
	trigger := gcpEventarcTrigger("google_eventarc_trigger.t", gcpRef(svc, "name")...)
	tests := []struct {
		name    string
		timeout int
		caller  plantest.Resource
		want    []string
	}{
		{"scheduler deadline one above the timeout", 539, job("540s", false), []string{}},
		{"scheduler deadline at the timeout", 540, job("540s", false), []string{}},
		{"scheduler deadline one below the timeout", 541, job("540s", false), scheduler(540, 541, "")},
		{"scheduler default, absent, at the timeout", 180, job(nil, true), []string{}},
		{"scheduler default, absent, one below", 181, job(nil, true), scheduler(180, 181, " (default)")},
		{"scheduler default, null, at the timeout", 180, job(nil, false), []string{}},
		{"scheduler default, null, one below", 181, job(nil, false), scheduler(180, 181, " (default)")},
		{"push ack one above the timeout", 299, push(300, false), []string{}},
		{"push ack at the timeout", 300, push(300, false), []string{}},
		{"push ack one below the timeout", 301, push(300, false), pubsub(300, 301, "")},
		{"push default, absent, at the timeout", 10, push(nil, false), []string{}},
		{"push default, absent, one below", 11, push(nil, false), pubsub(10, 11, " (default)")},
		{"push default, null, one below", 11, push(nil, true), pubsub(10, 11, " (default)")},
		{"push 0 means the default, at the timeout", 10, push(0, false), []string{}},
		{"Cloud Tasks at the default dispatch deadline", 600, tasks, []string{}},
		{"Cloud Tasks one above the default", 601, tasks, tasksNotice(601)},
		{"Cloud Tasks at the longest dispatch deadline", 1800, tasks, tasksNotice(1800)},
		{"Cloud Tasks one above the longest", 1801, tasks, []string{tasksWarning}},
		{"Eventarc at the Pub/Sub ceiling", 600, trigger, []string{}},
		{"Eventarc one above the ceiling", 601, trigger, []string{eventarc}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plantest.New().Add(service(tt.timeout), tt.caller)
			require.Equal(t, tt.want, summaries(run(t, rules.GCPCallerDeadlineBelowTimeout, p)))
		})
	}
}

// The remedy changes at the longest deadline each caller allows: at it, raising the deadline still
// helps; one above it, only lowering the timeout does.
func TestGCPCallerDeadlineRemediationBoundaries(t *testing.T) {
	const svc = "google_cloud_run_v2_service.api"
	remedy := func(timeout int, caller plantest.Resource) string {
		got := run(t, rules.GCPCallerDeadlineBelowTimeout, plantest.New().Add(
			gcpRunV2(svc, map[string]any{"timeout": fmt.Sprintf("%ds", timeout)}, nil), caller))
		require.Len(t, got, 1)
		return got[0].Remediation
	}
	job := gcpSchedulerJob("google_cloud_scheduler_job.j", nil, gcpRef(svc, "uri")...)
	assert.Equal(t, `raise attempt_deadline to "1800s"`, remedy(1800, job))
	assert.Equal(t, "lower the timeout to 1800s (the longest attempt_deadline), or have the job start a Cloud Run job or Workflows execution instead", remedy(1801, job))
	short := gcpPushSubscription("google_pubsub_subscription.s", 30, gcpRef(svc, "uri")...)
	assert.Equal(t, "raise ack_deadline_seconds to 600", remedy(600, short))
	assert.Equal(t, "raise ack_deadline_seconds to 600 (its maximum) and lower the timeout to 600s, or acknowledge at once and process asynchronously", remedy(601, short))
	atMax := gcpPushSubscription("google_pubsub_subscription.s", 600, gcpRef(svc, "uri")...)
	assert.Equal(t, "lower the timeout to 600s, or acknowledge at once and process asynchronously", remedy(601, atMax))
	belowMax := gcpPushSubscription("google_pubsub_subscription.s", 599, gcpRef(svc, "uri")...)
	assert.Equal(t, "raise ack_deadline_seconds to 600 (its maximum) and lower the timeout to 600s, or acknowledge at once and process asynchronously", remedy(601, belowMax))
}
