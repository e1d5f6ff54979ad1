package platform

// Deadlines of the Google Cloud services that call a function or a Cloud Run service and give up on
// their own clock (issue 4). The Cloud Run request-timeout page
// (https://cloud.google.com/run/docs/configuring/request-timeout) says only that callers apply their
// own timeouts; the numbers below come from the services' API references, looked up on
// DateLookedUp.

// Cloud Scheduler (google_cloud_scheduler_job with an http_target).
const (
	// SchedulerHTTPDefaultAttemptDeadlineSeconds is `attempt_deadline` when unset, for HTTP
	// targets: 3 minutes. Past it the request is cancelled, the attempt is marked DEADLINE_EXCEEDED
	// and retried according to retry_config. Source: Cloud Scheduler v1 API, Job.attempt_deadline
	// (https://cloud.google.com/dotnet/docs/reference/Google.Cloud.Scheduler.V1/latest/Google.Cloud.Scheduler.V1.Job).
	// Read 2026-11-25.
	SchedulerHTTPDefaultAttemptDeadlineSeconds = 180

	// SchedulerHTTPMaxAttemptDeadlineSeconds is the largest `attempt_deadline` for HTTP targets:
	// 30 minutes (the interval is [15 s, 30 min]). Source: as above. Read 2026-11-25.
	SchedulerHTTPMaxAttemptDeadlineSeconds = 1800
)

// Pub/Sub push subscriptions (google_pubsub_subscription with a push_config).
const (
	// PubSubDefaultAckDeadlineSeconds is `ack_deadline_seconds` when unset (or 0): 10 s. For push
	// delivery it is the request timeout of the call to the endpoint; an unacknowledged message is
	// redelivered. Source: Pub/Sub API, Subscription.ackDeadlineSeconds
	// (https://cloud.google.com/pubsub/docs/reference/rest/v1/projects.subscriptions, as quoted by
	// the generated client docs, e.g.
	// https://pub.dev/documentation/pulumi_gcp/latest/pubsub/Subscription/ackDeadlineSeconds.html).
	// Read 2026-11-25.
	PubSubDefaultAckDeadlineSeconds = 10

	// PubSubMaxAckDeadlineSeconds is the largest ack deadline: 600 s (10 minutes). It also bounds
	// Eventarc, whose transport is a Pub/Sub push subscription
	// (https://cloud.google.com/eventarc/docs/retry-events). Source: as above. Read 2026-11-25.
	PubSubMaxAckDeadlineSeconds = 600
)

// Cloud Tasks HTTP tasks (google_cloud_tasks_queue with an http_target, or tasks created by code).
const (
	// CloudTasksHTTPDefaultDispatchDeadlineSeconds is a task's `dispatch_deadline` when its creator
	// sets none: 10 minutes. The queue has no such setting; each task carries its own. Source:
	// Cloud Tasks v2 API, Task.dispatch_deadline
	// (https://cloud.google.com/dotnet/docs/reference/Google.Cloud.Tasks.V2/latest/Google.Cloud.Tasks.V2.Task).
	// Read 2026-11-25.
	CloudTasksHTTPDefaultDispatchDeadlineSeconds = 600

	// CloudTasksHTTPMaxDispatchDeadlineSeconds is the largest dispatch deadline of an HTTP task:
	// 30 minutes (the interval is [15 s, 30 min]). Source: as above. Read 2026-11-25.
	CloudTasksHTTPMaxDispatchDeadlineSeconds = 1800
)
