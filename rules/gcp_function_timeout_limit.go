package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// GCPFunctionTimeoutLimit flags functions and Cloud Run services whose timeout is above, or close
// to, the cap of their generation and trigger type.
var GCPFunctionTimeoutLimit = &Rule{
	Name:     "gcp_function_timeout_limit",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "function or Cloud Run timeout is above, or close to, the cap of its generation and trigger type",
	Doc: Doc{
		Why: "Google caps how long one execution may run, and the cap depends on what runs it. A 1st gen function " +
			"(`google_cloudfunctions_function`) stops at 540 s (9 minutes) whatever its trigger. A 2nd gen function " +
			"(`google_cloudfunctions2_function`) may run 3,600 s (60 minutes) when it serves HTTP, but only 540 s when an " +
			"`event_trigger` invokes it. A Cloud Run service (`google_cloud_run_service`, `google_cloud_run_v2_service`) " +
			"answers a request for at most 3,600 s. A timeout above the cap is refused by the API, or, where the provider " +
			"lets it through, is an expectation the platform will not meet: the caller gets a 408 or 504 at the cap. " +
			"A timeout at or above 80% of the cap (a notice) belongs to work that already runs long and has nowhere to grow.\n\n" +
			"A load balancer in front does not change this: a backend service with a serverless NEG takes no `timeout_sec` " +
			"(the API refuses it with \"Timeout sec is not supported for a backend service with Serverless network endpoint " +
			"groups\"), so the request time is the service's own timeout, which this rule checks. hybridlint therefore has no " +
			"rule about backend service timeouts for Cloud Run.",
		HowToFix: "- Lower the timeout to the cap or less, so that a slow run fails where you can see it.\n" +
			"- An event-driven 2nd gen function that needs more than 9 minutes: acknowledge the event and hand the work to " +
			"a Cloud Run job, Workflows or Batch, or make it an HTTP function called by a task queue.\n" +
			"- Past 15 minutes on Cloud Run, Google recommends designing for reconnects: make requests idempotent or resumable.\n" +
			"- Move long runs to the container half of a hybrid unit, keeping the function for short requests.\n" +
			"- Option `threshold_percent` (default 80) sets how close to the cap the notice starts.",
		Sources: []string{
			"https://cloud.google.com/functions/1stgendocs/configuring/timeout",
			"https://cloud.google.com/functions/docs/configuring/timeout",
			"https://cloud.google.com/run/docs/configuring/request-timeout",
			"https://github.com/terraform-google-modules/terraform-google-lb-http/pull/358 (the API refuses timeout_sec on a backend service with serverless NEGs)",
		},
		Example: Example{
			Note: "An event-driven 2nd gen function that resizes uploaded images is given 15 minutes.",
			Plan: []ExampleResource{
				plantest.CloudFunction2("google_cloudfunctions2_function.resize",
					map[string]any{"timeout_seconds": 900, "available_memory": "1Gi", "available_cpu": "1"},
					map[string]any{"name": "resize-images", "event_trigger": []any{map[string]any{
						"event_type":     "google.cloud.pubsub.topic.v1.messagePublished",
						"pubsub_topic":   "projects/p/topics/jobs",
						"retry_policy":   "RETRY_POLICY_RETRY",
						"trigger_region": "europe-west1",
					}}}),
			},
		},
	},
	Options: func() any { return &NearLimitOptions{ThresholdPercent: 80} },
	Check:   checkGCPFunctionTimeoutLimit,
}

func checkGCPFunctionTimeoutLimit(pass *Pass) {
	opts := pass.Options.(*NearLimitOptions)
	for _, w := range serverless.GCPWorkloads(pass.Graph) {
		timeout, setting, ok := w.Timeout()
		if !ok {
			continue
		}
		limit, kind, known := gcpTimeoutCap(w)
		if !known {
			// A 2nd gen function whose trigger the plan does not show: only the larger cap is certain.
			kind = "a 2nd gen function"
		}
		switch {
		case timeout > limit:
			pass.Report(finding.Finding{
				Address:   w.Instance.Address,
				Attribute: setting.Attribute,
				Message: fmt.Sprintf("timeout %s%s exceeds the %s maximum of %s",
					serverless.Seconds(timeout), serverless.DefaultNote(setting.IsDefault), serverless.Seconds(limit), kind),
				Remediation: fmt.Sprintf("lower the timeout to %s or less, and hand longer work to a Cloud Run job, Workflows or a container",
					serverless.Seconds(limit)),
			})
		case known && timeout*100 >= limit*opts.ThresholdPercent:
			pass.Report(finding.Finding{
				Severity:  finding.Notice,
				Address:   w.Instance.Address,
				Attribute: setting.Attribute,
				Message: fmt.Sprintf("timeout %s is %d%% of the %s maximum of %s: longer work will be cut off",
					serverless.Seconds(timeout), timeout*100/limit, serverless.Seconds(limit), kind),
				Remediation: "split the work into smaller steps (Cloud Tasks, Workflows), or move long runs to a Cloud Run job or a container",
			})
		}
	}
}

// gcpTimeoutCap returns the timeout cap of a workload and a description of what it is
// ("an event-driven 2nd gen function"). known is false for a 2nd gen function whose trigger the plan
// does not show; the cap is then the larger, HTTP one.
func gcpTimeoutCap(w serverless.GCPWorkload) (int, string, bool) {
	limits, _ := platform.LimitsOf(w.Kind.Platform())
	switch w.Kind {
	case serverless.GCPFunctionsGen1:
		return limits.MaxTimeoutSeconds, "a 1st gen function", true
	case serverless.GCPFunctionsGen2:
		event, known := w.EventDriven()
		switch {
		case !known:
			return limits.MaxTimeoutSeconds, "", false
		case event:
			return limits.EventMaxTimeoutSeconds, "an event-driven 2nd gen function", true
		}
		return limits.MaxTimeoutSeconds, "an HTTP 2nd gen function", true
	}
	return limits.MaxTimeoutSeconds, "a Cloud Run service", true
}
