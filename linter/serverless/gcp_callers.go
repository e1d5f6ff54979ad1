package serverless

import (
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// gcpDeadlineCaller is a kind of Google caller that waits for a function or service only so long:
// where in the caller the callee is referenced, and the caller's deadline.
type gcpDeadlineCaller struct {
	typ, block string
	deadline   func(caller *graph.Instance) (seconds int, isDefault, ok bool)
	label      string
}

var gcpDeadlineCallers = []gcpDeadlineCaller{
	{"google_cloud_scheduler_job", "http_target", schedulerAttemptDeadline, "attempt deadline"},
	{"google_pubsub_subscription", "push_config", pushAckDeadline, "ack deadline"},
	// Tasks may be created with a dispatch_deadline up to 30 minutes; the queue cannot say.
	{"google_cloud_tasks_queue", "http_target", fixedDeadline(platform.CloudTasksHTTPDefaultDispatchDeadlineSeconds, true), "default dispatch deadline"},
	{"google_eventarc_trigger", "destination", fixedDeadline(platform.PubSubMaxAckDeadlineSeconds, false), "Pub/Sub acknowledgement deadline Eventarc delivers with"},
}

// GCPDeadlineCallers finds the Cloud Scheduler jobs, Pub/Sub push subscriptions, Cloud Tasks
// queues and Eventarc triggers that call functions and Cloud Run services, with their deadlines.
func GCPDeadlineCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, k := range gcpDeadlineCallers {
		for _, caller := range g.ByType(k.typ) {
			if caller.Deleted() {
				continue
			}
			deadline, isDefault, ok := k.deadline(caller)
			if !ok {
				continue
			}
			for _, w := range GCPCallees(g, caller, k.block) {
				out = append(out, CallerLimit{Function: w.Instance, Caller: caller, LimitMillis: deadline * 1000,
					Label: k.label, Rule: "gcp_caller_deadline_below_timeout", Default: isDefault})
			}
		}
	}
	return out
}

func schedulerAttemptDeadline(job *graph.Instance) (int, bool, bool) {
	return knownOrDefault(job.Get("attempt_deadline"), platform.SchedulerHTTPDefaultAttemptDeadlineSeconds,
		func(v plan.Value) (int, bool) { s, _ := v.String(); return ParseGoogleDuration(s) })
}

func pushAckDeadline(sub *graph.Instance) (int, bool, bool) {
	deadline, isDefault, ok := knownOrDefault(sub.Get("ack_deadline_seconds"), platform.PubSubDefaultAckDeadlineSeconds,
		func(v plan.Value) (int, bool) { return v.Int() })
	if ok && deadline == 0 {
		return platform.PubSubDefaultAckDeadlineSeconds, true, true // 0 means the default
	}
	return deadline, isDefault, ok
}

func fixedDeadline(seconds int, isDefault bool) func(*graph.Instance) (int, bool, bool) {
	return func(*graph.Instance) (int, bool, bool) { return seconds, isDefault, true }
}

// knownOrDefault reads a whole-seconds setting: its value, or def when unset. ok is false when the
// plan does not know it.
func knownOrDefault(v plan.Value, def int, parse func(plan.Value) (int, bool)) (n int, isDefault, ok bool) {
	useDefault, ok := OrDefault(v)
	switch {
	case !ok:
		return 0, false, false
	case useDefault:
		return def, true, true
	}
	n, ok = parse(v)
	return n, false, ok
}
