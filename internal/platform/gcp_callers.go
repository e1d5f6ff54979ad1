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

// API Gateway (google_api_gateway_api_config): the `deadline` of an OpenAPI document's
// `x-google-backend` extension is how long the gateway waits for the whole response of the backend
// it routes to.
const (
	// APIGatewayDefaultDeadlineSeconds is the backend deadline when `x-google-backend` sets none:
	// 15 s. Source: API Gateway OpenAPI 2.0 extensions, x-google-backend `deadline`
	// (https://cloud.google.com/api-gateway/docs/oasv2-extensions), and the API Gateway v1 API
	// reference, Gateway.StreamingMode ("The default is 15 seconds and the maximum is 3,600
	// seconds"; https://cloud.google.com/ruby/docs/reference/google-cloud-api_gateway-v1/latest/Google-Cloud-ApiGateway-V1-Gateway-StreamingMode).
	// Read 2026-12-04.
	APIGatewayDefaultDeadlineSeconds = 15

	// APIGatewayMaxDeadlineSeconds is the largest backend deadline: 3,600 s. Source: as above.
	// Read 2026-12-04.
	APIGatewayMaxDeadlineSeconds = 3600
)

// FirebaseHostingRequestTimeoutSeconds is how long Firebase Hosting waits for a function or a Cloud
// Run service it rewrites a request to: 60 s, whatever the function's or service's own timeout;
// past it the client gets a 504. Source: Firebase Hosting, "Serve dynamic content and host
// microservices with Cloud Functions" and "... with Cloud Run"
// (https://firebase.google.com/docs/hosting/functions, https://firebase.google.com/docs/hosting/cloud-run),
// whose note reads "Firebase Hosting is subject to a 60-second request timeout. If your app requires
// more than 60 seconds to run, you'll receive an HTTPS status code 504 (request timeout)." Read
// 2026-12-04.
const FirebaseHostingRequestTimeoutSeconds = 60

// Workflows HTTP calls (`call: http.get`, `http.post`, ..., `http.request` in a
// google_workflows_workflow's source): the step's `timeout` argument.
const (
	// WorkflowsHTTPDefaultTimeoutSeconds is the timeout of an HTTP step that sets none: 300 s; past
	// it the step raises TimeoutError. Source: Workflows standard library, http.get / http.post /
	// http.request, argument `timeout` ("default: 300.0"; https://cloud.google.com/workflows/docs/reference/stdlib/http/get).
	// Read 2026-12-04.
	WorkflowsHTTPDefaultTimeoutSeconds = 300

	// WorkflowsHTTPMaxTimeoutSeconds is the largest timeout of an HTTP step: 1,800 s (a larger one
	// raises ValueError). Source: as above. Read 2026-12-04.
	WorkflowsHTTPMaxTimeoutSeconds = 1800
)
