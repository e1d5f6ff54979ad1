package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// GCPCallerDeadlineBelowTimeout flags Cloud Scheduler jobs, Pub/Sub push subscriptions, Cloud Tasks
// queues, Eventarc triggers, API Gateway configs, Firebase Hosting versions and workflows that stop
// waiting before the function or service they call may finish.
var GCPCallerDeadlineBelowTimeout = &Rule{
	Name:     "gcp_caller_deadline_below_timeout",
	Severity: finding.Warning,
	Category: finding.Timeout,
	Summary:  "a Google Cloud caller gives up before the function or service it calls may finish",
	Doc: Doc{
		Why: "The services that invoke a function or a Cloud Run service over HTTP wait on their own clock, and Google's " +
			"documentation says so: when Eventarc, a Pub/Sub push subscription or Cloud Scheduler triggers a service, *their* " +
			"timeouts apply. When that clock is shorter than the timeout of the code it calls, the caller gives up while the " +
			"first run is still working, and usually tries again: the same work runs twice, side effects happen twice, and " +
			"the run is recorded as failed.\n\n" +
			"- Cloud Scheduler (`google_cloud_scheduler_job` with `http_target`): `attempt_deadline`, 180 s when unset, at most " +
			"1,800 s for HTTP targets; past it the attempt is cancelled as DEADLINE_EXCEEDED and retried per `retry_config`.\n" +
			"- Pub/Sub push (`google_pubsub_subscription` with `push_config`): `ack_deadline_seconds`, 10 s when unset, at most " +
			"600 s, is the request timeout of each push; an unacknowledged message is redelivered.\n" +
			"- Cloud Tasks (`google_cloud_tasks_queue` whose `http_target` points at the service): each task's `dispatch_deadline`, " +
			"10 minutes unless the code that creates the task sets it, at most 30 minutes. The queue cannot set it, so a " +
			"timeout above 10 minutes is a notice (tasks must carry a longer deadline) and above 30 minutes a warning.\n" +
			"- Eventarc (`google_eventarc_trigger`): events travel over a Pub/Sub push subscription, whose deadline cannot " +
			"exceed 600 s.\n" +
			"- API Gateway (`google_api_gateway_api_config`): the `deadline` of each `x-google-backend` in the OpenAPI " +
			"documents (`openapi_documents[].document.contents`, base64; YAML or JSON, OpenAPI 2 or 3 with named backends), " +
			"15 s when unset, at most 3,600 s; past it the gateway answers 504. The backend `address` is matched with the URL " +
			"of a function or service in the plan; the shortest deadline per config and function is reported.\n" +
			"- Firebase Hosting (`google_firebase_hosting_version` rewrites with `function` or `run`): a fixed 60 s, whatever " +
			"the function's or service's own timeout; it cannot be raised.\n" +
			"- Workflows (`google_workflows_workflow.source_contents`, YAML or JSON): each `call: http.get|post|put|patch|delete|" +
			"request` step's `timeout`, 300 s when unset, at most 1,800 s; past it the step raises TimeoutError. The `url` is " +
			"matched when written as is or as `${sys.get_env(\"NAME\")}` with NAME in `user_env_vars`.\n\n" +
			"An embedded document the plan does not know (it interpolates a URL known only after apply) or cannot read (bad " +
			"base64, YAML or JSON; a deadline or timeout written as an expression) is skipped silently: the rule never guesses. " +
			"None of the 86 public plans the project tests against (read 2026-12-04) declares an API Gateway config, a Firebase " +
			"Hosting version or a workflow; those callers are tested on built plans only.\n\n" +
			"Callers are found through references (`uri = google_cloud_run_v2_service.api.uri`, `service = ...name`), across " +
			"modules. A load balancer is not such a caller for Cloud Run: a backend service with serverless NEGs takes no " +
			"`timeout_sec` (the API refuses it), and the service's own timeout applies.",
		HowToFix: "- Raise the caller's deadline to at least the timeout when the service allows it (`attempt_deadline = \"540s\"`, " +
			"`ack_deadline_seconds = 600`, a task's `dispatch_deadline`).\n" +
			"- Otherwise lower the timeout below the caller's limit, or acknowledge at once and hand the work to a Cloud Run " +
			"job, Workflows or a queue the container half of a hybrid unit reads.\n" +
			"- API Gateway: set `deadline` in the `x-google-backend` (per operation where only some are slow). Firebase Hosting: " +
			"answer within 60 s, or send long requests to the service's own URL. Workflows: set the step's `timeout` (at most " +
			"1,800 s), or start the work and wait for a callback.\n" +
			"- Make the handler idempotent: at-least-once delivery means a second run can happen anyway.",
		Sources: []string{
			"https://cloud.google.com/run/docs/configuring/request-timeout",
			"Cloud Scheduler API, Job.attempt_deadline: https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs",
			"Pub/Sub API, Subscription.ackDeadlineSeconds: https://cloud.google.com/pubsub/docs/reference/rest/v1/projects.subscriptions",
			"Cloud Tasks API, Task.dispatch_deadline: https://cloud.google.com/tasks/docs/reference/rest/v2/projects.locations.queues.tasks",
			"https://cloud.google.com/eventarc/docs/retry-events (Eventarc delivers through Pub/Sub)",
			"API Gateway, x-google-backend `deadline`: https://cloud.google.com/api-gateway/docs/oasv2-extensions, https://cloud.google.com/api-gateway/docs/oasv3-extensions",
			"API Gateway v1 API, Gateway.StreamingMode (deadline default 15 s, maximum 3,600 s): https://cloud.google.com/ruby/docs/reference/google-cloud-api_gateway-v1/latest/Google-Cloud-ApiGateway-V1-Gateway-StreamingMode",
			"Firebase Hosting with Cloud Functions / Cloud Run (60 s request timeout): https://firebase.google.com/docs/hosting/functions, https://firebase.google.com/docs/hosting/cloud-run",
			"Workflows standard library, http.get / http.post / http.request `timeout` (default 300, maximum 1800): https://cloud.google.com/workflows/docs/reference/stdlib/http/get",
		},
		Example: Example{
			Note: "A nightly Cloud Scheduler job calls a report function that may run for 9 minutes, with the default attempt deadline.",
			Plan: []ExampleResource{
				plantest.CloudFunction2("google_cloudfunctions2_function.report",
					map[string]any{"timeout_seconds": 540, "available_memory": "1Gi", "available_cpu": "1"},
					map[string]any{"name": "nightly-report"}),
				{
					Address: "google_cloud_scheduler_job.nightly_report",
					After: map[string]any{
						"attempt_deadline": nil,
						"http_target": []any{map[string]any{
							"http_method": "POST",
							"oidc_token":  []any{map[string]any{"service_account_email": "sa@p.iam.gserviceaccount.com"}},
						}},
						"name":         "nightly-report",
						"retry_config": []any{map[string]any{"retry_count": 2}},
						"schedule":     "0 3 * * *",
						"time_zone":    "Etc/UTC",
					},
					Refs: map[string][]string{
						"http_target.0.uri": {"google_cloudfunctions2_function.report.url", "google_cloudfunctions2_function.report"},
					},
				},
			},
		},
	},
	Check: checkGCPCallers,
}

// checkGCPCallers reports the callers with a limit of their own setting, then those whose limit is
// written in an embedded document or fixed by the product.
func checkGCPCallers(pass *Pass) {
	checkGCPCallerDeadlineBelowTimeout(pass)
	checkGCPEmbeddedCallers(pass)
}

// gcpCallerChecks are the checks of each type of caller serverless.GCPDeadlineCallers finds.
var gcpCallerChecks = map[string]func(pass *Pass, c serverless.CallerLimit, w serverless.GCPWorkload, timeout int){
	"google_cloud_scheduler_job": checkSchedulerDeadline,
	"google_pubsub_subscription": checkPushDeadline,
	"google_cloud_tasks_queue":   checkTasksDeadline,
	"google_eventarc_trigger":    checkEventarcDeadline,
}

func checkGCPCallerDeadlineBelowTimeout(pass *Pass) {
	for _, c := range serverless.Callers(pass.Graph, pass.Settings.Inputs(), serverless.GCPDeadlineCallers) {
		check, known := gcpCallerChecks[c.Caller.Type]
		w, ok := serverless.GCPWorkloadOf(c.Function)
		if !known || !ok {
			continue
		}
		if timeout, _, ok := w.Timeout(); ok {
			check(pass, c, w, timeout)
		}
	}
}

func checkSchedulerDeadline(pass *Pass, c serverless.CallerLimit, w serverless.GCPWorkload, timeout int) {
	job, deadline, isDefault := c.Caller, c.LimitMillis/1000, c.Default
	if deadline >= timeout {
		return
	}
	what := "the job is marked failed while the first run is still working"
	if n, _ := job.Get("retry_config", 0, "retry_count").Int(); n > 0 {
		what = fmt.Sprintf("the job retries (retry_count %d) while the first run is still working", n)
	}
	fix := fmt.Sprintf("raise attempt_deadline to \"%ds\"", timeout)
	if timeout > platform.SchedulerHTTPMaxAttemptDeadlineSeconds {
		fix = fmt.Sprintf("lower the timeout to %s (the longest attempt_deadline), or have the job start a Cloud Run job or Workflows execution instead",
			serverless.Seconds(platform.SchedulerHTTPMaxAttemptDeadlineSeconds))
	}
	reportCallerDeadline(pass, job, "attempt_deadline", w, fmt.Sprintf("attempt deadline %s%s is shorter than the %s timeout of %s: %s",
		serverless.Seconds(deadline), serverless.DefaultNote(isDefault), serverless.Seconds(timeout), w.Instance.Address, what), fix, finding.Warning)
}

func checkPushDeadline(pass *Pass, c serverless.CallerLimit, w serverless.GCPWorkload, timeout int) {
	sub, deadline, isDefault := c.Caller, c.LimitMillis/1000, c.Default
	if deadline >= timeout {
		return
	}
	fix := fmt.Sprintf("raise ack_deadline_seconds to %d", timeout)
	switch {
	case timeout > platform.PubSubMaxAckDeadlineSeconds && deadline < platform.PubSubMaxAckDeadlineSeconds:
		fix = fmt.Sprintf("raise ack_deadline_seconds to %d (its maximum) and lower the timeout to %s, or acknowledge at once and process asynchronously",
			platform.PubSubMaxAckDeadlineSeconds, serverless.Seconds(platform.PubSubMaxAckDeadlineSeconds))
	case timeout > platform.PubSubMaxAckDeadlineSeconds:
		fix = fmt.Sprintf("lower the timeout to %s, or acknowledge at once and process asynchronously", serverless.Seconds(platform.PubSubMaxAckDeadlineSeconds))
	}
	reportCallerDeadline(pass, sub, "ack_deadline_seconds", w, fmt.Sprintf("ack deadline %s%s is shorter than the %s timeout of %s: Pub/Sub redelivers the message while the first delivery is still being processed",
		serverless.Seconds(deadline), serverless.DefaultNote(isDefault), serverless.Seconds(timeout), w.Instance.Address), fix, finding.Warning)
}

func checkTasksDeadline(pass *Pass, c serverless.CallerLimit, w serverless.GCPWorkload, timeout int) {
	queue := c.Caller
	switch {
	case timeout > platform.CloudTasksHTTPMaxDispatchDeadlineSeconds:
		reportCallerDeadline(pass, queue, "http_target", w, fmt.Sprintf("sends HTTP tasks to %s, whose %s timeout outlasts the %s longest dispatch deadline: long tasks are retried while the first attempt is still working",
			w.Instance.Address, serverless.Seconds(timeout), serverless.Seconds(platform.CloudTasksHTTPMaxDispatchDeadlineSeconds)),
			fmt.Sprintf("lower the timeout to %s, or split the work into shorter tasks", serverless.Seconds(platform.CloudTasksHTTPMaxDispatchDeadlineSeconds)),
			finding.Warning)
	case timeout*1000 > c.LimitMillis:
		reportCallerDeadline(pass, queue, "http_target", w, fmt.Sprintf("sends HTTP tasks to %s, whose %s timeout outlasts the %s default dispatch deadline: tasks created without a longer dispatch_deadline are retried while the first attempt is still working",
			w.Instance.Address, serverless.Seconds(timeout), serverless.MillisAsSeconds(c.LimitMillis)),
			fmt.Sprintf("create the tasks with dispatch_deadline \"%ds\" (at most %s), or lower the timeout", timeout, serverless.Seconds(platform.CloudTasksHTTPMaxDispatchDeadlineSeconds)),
			finding.Notice)
	}
}

func checkEventarcDeadline(pass *Pass, c serverless.CallerLimit, w serverless.GCPWorkload, timeout int) {
	trigger := c.Caller
	if timeout*1000 <= c.LimitMillis {
		return
	}
	reportCallerDeadline(pass, trigger, "destination", w, fmt.Sprintf("delivers events to %s, whose %s timeout outlasts the %s longest Pub/Sub acknowledgement deadline Eventarc delivers with: the event is redelivered while the first delivery is still being processed",
		w.Instance.Address, serverless.Seconds(timeout), serverless.Seconds(platform.PubSubMaxAckDeadlineSeconds)),
		fmt.Sprintf("lower the timeout to %s, or acknowledge the event at once and hand the work to a Cloud Run job or Workflows", serverless.Seconds(platform.PubSubMaxAckDeadlineSeconds)),
		finding.Warning)
}

func reportCallerDeadline(pass *Pass, caller *graph.Instance, attr string, w serverless.GCPWorkload, msg, fix string, sev finding.Severity) {
	pass.Report(finding.Finding{
		Severity:    sev,
		Address:     caller.Address,
		Attribute:   attr,
		Related:     []string{w.Instance.Address},
		Message:     msg,
		Remediation: fix,
	})
}

// gcpEmbeddedCaller says, per caller type found by serverless.GCPEmbeddedCallerFinders, where the
// limit is written, what happens past it, and how to fix it.
type gcpEmbeddedCaller struct {
	attribute, consequence string
	fix                    func(timeout int) string
}

var gcpEmbeddedCallers = map[string]gcpEmbeddedCaller{
	"google_api_gateway_api_config": {"openapi_documents", "the gateway answers 504 while the request is still being processed",
		func(timeout int) string {
			return fmt.Sprintf("set deadline: %d.0 in its x-google-backend (at most %d), or answer at once and continue the work asynchronously",
				min(timeout, platform.APIGatewayMaxDeadlineSeconds), platform.APIGatewayMaxDeadlineSeconds)
		}},
	"google_firebase_hosting_version": {"config.0.rewrites", "Hosting answers 504 while the request is still being processed",
		func(int) string {
			return fmt.Sprintf("answer within %s (the Hosting limit cannot be raised), or send long requests to the service's own URL or a load balancer",
				serverless.Seconds(platform.FirebaseHostingRequestTimeoutSeconds))
		}},
	"google_workflows_workflow": {"source_contents", "the step raises TimeoutError (and is retried if its retry policy says so) while the call is still being processed",
		func(timeout int) string {
			if timeout > platform.WorkflowsHTTPMaxTimeoutSeconds {
				return fmt.Sprintf("lower the timeout to %s (the longest HTTP step timeout), or start the work and wait for a callback (events.create_callback_endpoint)",
					serverless.Seconds(platform.WorkflowsHTTPMaxTimeoutSeconds))
			}
			return fmt.Sprintf("set timeout: %d in the step's args (at most %d)", timeout, platform.WorkflowsHTTPMaxTimeoutSeconds)
		}},
}

// checkGCPEmbeddedCallers reports the API Gateway configs, Firebase Hosting versions and workflows
// that stop waiting before the function or service they call may finish.
func checkGCPEmbeddedCallers(pass *Pass) {
	in := pass.Settings.Inputs()
	for _, find := range serverless.GCPEmbeddedCallerFinders {
		for _, c := range find(pass.Graph, in) {
			w, _ := serverless.GCPWorkloadOf(c.Function)
			timeout, _, ok := w.Timeout()
			kind, known := gcpEmbeddedCallers[c.Caller.Type]
			if !ok || !known || timeout*1000 <= c.LimitMillis {
				continue
			}
			reportCallerDeadline(pass, c.Caller, kind.attribute, w, fmt.Sprintf("%s is %s, shorter than the %s timeout of %s: %s",
				c.Label, serverless.MillisAsSeconds(c.LimitMillis), serverless.Seconds(timeout), w.Instance.Address, kind.consequence),
				kind.fix(timeout), finding.Warning)
		}
	}
}
