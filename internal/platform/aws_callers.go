package platform

// Callers and integrations whose own limits cut a Lambda invocation short.

// API Gateway.
const (
	// APIGatewayRESTDefaultTimeoutMillis is a REST API integration's default (and, without a
	// Service Quotas increase, maximum) timeout: 29,000 ms. Source:
	// https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/apigateway/aws.sdk.kotlin.services.apigateway.model/-integration/timeout-in-millis.html;
	// https://github.com/hashicorp/terraform-provider-aws/blob/0196297/internal/service/apigateway/integration.go
	// (default 29000). Read 2026-08.
	APIGatewayRESTDefaultTimeoutMillis = 29000

	// APIGatewayHTTPMaxTimeoutMillis is the fixed ceiling of an HTTP API (v2) integration: 30,000 ms,
	// not adjustable. Source: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html.
	// Read 2026-08.
	APIGatewayHTTPMaxTimeoutMillis = 30000

	// APIGatewayWebSocketMaxTimeoutMillis is the ceiling (and default) of a WebSocket API
	// integration: 29,000 ms. Source:
	// https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/apigatewayv2/aws.sdk.kotlin.services.apigatewayv2.model/-get-integration-response/timeout-in-millis.html.
	// Read 2026-08.
	APIGatewayWebSocketMaxTimeoutMillis = 29000

	// APIGatewayMinTimeoutMillis is the smallest integration timeout: 50 ms (REST, HTTP,
	// WebSocket). Source:
	// https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/apigateway/aws.sdk.kotlin.services.apigateway.model/-integration/timeout-in-millis.html;
	// https://github.com/hashicorp/terraform-provider-aws/blob/0196297/internal/service/apigateway/integration.go
	// IntBetween(50, 29000). Read 2026-08.
	APIGatewayMinTimeoutMillis = 50

	// APIGatewayRESTRaisedMaxTimeoutMillis is the reported ceiling for a Regional or private REST
	// API after a Service Quotas increase (What's New 2024-06-04): 300,000 ms. Edge-optimized APIs
	// stay at 29 s. Secondary source (◐): https://repost.aws/questions/QUlDTc_17EQ_mOJAhR3LHNDw;
	// https://github.com/hashicorp/terraform-provider-aws/blob/0196297/internal/service/apigateway/integration.go;
	// https://github.com/hashicorp/terraform-provider-aws/issues/37859. Read 2026-08.
	APIGatewayRESTRaisedMaxTimeoutMillis = 300000
)

// Application Load Balancer.
const (
	// ALBDefaultIdleTimeoutSeconds is an Application Load Balancer's connection idle timeout when
	// `idle_timeout` is not set: 60 s. Source: https://docs.aws.amazon.com/elasticloadbalancing/
	// latest/application/edit-load-balancer-attributes.html ("By default, ELB sets the idle timeout
	// value for your load balancer to 60 seconds"); Pulumi's aws.lb.LoadBalancer idleTimeout, which
	// is generated from terraform-provider-aws ("Default: 60"). Looked up 2026-11-25.
	ALBDefaultIdleTimeoutSeconds = 60

	// ALBLambdaMaxPayloadBytes is the request body and response JSON limit for a Lambda target:
	// 1 MB each. Source:
	// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html.
	// Read 2026-08.
	ALBLambdaMaxPayloadBytes = 1024 * 1024
)

// AWS AppSync.
const (
	// AppSyncMaxTimeoutSeconds is the hard limit of one query, mutation or subscription request:
	// 30 s, so a resolver function given longer is cut off. Secondary source (◐):
	// https://repost.aws/ja/questions/QUw61RAiFGSHiWKxSnjppUfA/execution-timeout-aws-appsync-api;
	// https://github.com/amazon-archives/aws-appsync-long-query. Read 2026-08.
	AppSyncMaxTimeoutSeconds = 30
)

// Amazon Cognito user pool triggers.
const (
	// CognitoTriggerTimeoutSeconds is how long a user pool waits for a Lambda trigger (pre sign-up,
	// pre token generation, custom message, the auth challenges, migration, custom senders, ...):
	// 5 s, and it cannot be changed. Cognito retries a call that times out, and after three
	// unsuccessful attempts the operation fails. Source:
	// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-identity-pools-working-with-aws-lambda-triggers.html
	// ("your Lambda function must respond within 5 seconds. If it does not, Amazon Cognito retries
	// the call. After 3 unsuccessful attempts, the function times out. This 5-second timeout value
	// cannot be changed"); https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html.
	// Read 2026-12-04.
	CognitoTriggerTimeoutSeconds = 5
)

// Amazon Connect.
const (
	// ConnectLambdaMaxTimeLimitSeconds is the longest a contact flow waits for a Lambda function:
	// the InvokeLambdaFunction action's InvocationTimeLimitSeconds must be "greater than 0, no
	// larger than 8". Past the limit the contact takes the block's Error branch. Sources:
	// https://docs.aws.amazon.com/connect/latest/APIReference/interactions-invokelambdafunction.html;
	// https://repost.aws/knowledge-center/connect-lambda-function-failures ("The default Timeout
	// setting is 3 seconds. The maximum Timeout setting is 8 seconds"). Read 2026-12-04.
	ConnectLambdaMaxTimeLimitSeconds = 8

	// ConnectLambdaAsyncMaxTimeLimitSeconds is the longest time limit of an InvokeLambdaFunction
	// block in asynchronous execution mode: 60 s; the contact goes on at once, and a Wait block
	// waits for the result within the limit. Source:
	// https://docs.aws.amazon.com/connect/latest/adminguide/invoke-lambda-function-block.html
	// (Timeout: up to 8 s for synchronous mode and up to 60 s for asynchronous mode; read through
	// the page's zh_cn translation, https://docs.aws.amazon.com/zh_cn/connect/latest/adminguide/invoke-lambda-function-block.html).
	// Read 2026-12-04.
	ConnectLambdaAsyncMaxTimeLimitSeconds = 60
)

// Amazon S3 Object Lambda.
const (
	// S3ObjectLambdaMaxSeconds is how long an Object Lambda Access Point lets its function take to
	// stream a complete response to the caller: 60 s. Source:
	// https://docs.aws.amazon.com/AmazonS3/latest/userguide/olap-best-practices.html ("S3 Object
	// Lambda allows up to 60 seconds to stream a complete response to its caller"). Read 2026-12-04.
	S3ObjectLambdaMaxSeconds = 60
)

// Lambda@Edge (CloudFront).
const (
	// LambdaEdgeViewerMaxTimeoutSeconds caps viewer request/response triggers: 5 s. Source:
	// https://github.com/awsdocs/amazon-cloudfront-developer-guide/blob/1674b70b1a29d63b34cdbc885c08ea8a1e9efecc/doc_source/cloudfront-limits.md
	// (2020-era quotas page). Read 2026-08.
	LambdaEdgeViewerMaxTimeoutSeconds = 5

	// LambdaEdgeViewerMaxMemoryMB caps viewer triggers' memory: 128 MB. Source:
	// https://github.com/awsdocs/amazon-cloudfront-developer-guide/blob/1674b70b1a29d63b34cdbc885c08ea8a1e9efecc/doc_source/cloudfront-limits.md.
	// Read 2026-08.
	LambdaEdgeViewerMaxMemoryMB = 128

	// LambdaEdgeViewerMaxPackageMB caps a viewer trigger's package: 1 MB. Source:
	// https://github.com/awsdocs/amazon-cloudfront-developer-guide/blob/1674b70b1a29d63b34cdbc885c08ea8a1e9efecc/doc_source/cloudfront-limits.md.
	// Read 2026-08.
	LambdaEdgeViewerMaxPackageMB = 1

	// LambdaEdgeOriginMaxTimeoutSeconds caps origin request/response triggers: 30 s. Source:
	// https://github.com/awsdocs/amazon-cloudfront-developer-guide/blob/1674b70b1a29d63b34cdbc885c08ea8a1e9efecc/doc_source/cloudfront-limits.md.
	// Read 2026-08.
	LambdaEdgeOriginMaxTimeoutSeconds = 30

	// LambdaEdgeOriginMaxPackageMB caps an origin trigger's package: 50 MB. Source:
	// https://github.com/awsdocs/amazon-cloudfront-developer-guide/blob/1674b70b1a29d63b34cdbc885c08ea8a1e9efecc/doc_source/cloudfront-limits.md.
	// Read 2026-08.
	LambdaEdgeOriginMaxPackageMB = 50

	// LambdaEdgeMaxEphemeralStorageMB is the /tmp an edge function may have: 512 MB, the default.
	// Source:
	// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html.
	// Read 2026-08.
	LambdaEdgeMaxEphemeralStorageMB = 512

	// LambdaEdgeRegion is where an edge function must be created. Source:
	// https://github.com/awsdocs/amazon-cloudfront-developer-guide/blob/1674b70b1a29d63b34cdbc885c08ea8a1e9efecc/doc_source/cloudfront-limits.md.
	// Read 2026-08.
	LambdaEdgeRegion = "us-east-1"
)

// Step Functions.
const (
	// StepFunctionsExpressMaxSeconds is the longest EXPRESS execution: 5 minutes; a Lambda task
	// inside it cannot run longer. Source:
	// https://docs.aws.amazon.com/step-functions/latest/dg/limits.html. Read 2026-08.
	StepFunctionsExpressMaxSeconds = 300

	// StepFunctionsStandardMaxDays is the longest STANDARD execution: 1 year.
	// Source: https://docs.aws.amazon.com/step-functions/latest/dg/limits.html. Read 2026-08.
	StepFunctionsStandardMaxDays = 365
)

// EventBridge.
const (
	// EventBridgeMinRateMinutes is the finest schedule EventBridge runs: once a minute; rate() and
	// cron() cannot go below it. Source:
	// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html. Read
	// 2026-08.
	EventBridgeMinRateMinutes = 1

	// EventBridgeSchedulerMaxFlexibleWindowMinutes is the largest flexible time window of an
	// EventBridge Scheduler schedule: 1,440 min. A window this wide makes a keep-warm ping late.
	// Source:
	// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html;
	// https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/scheduler/schedule.go.
	// Read 2026-08.
	EventBridgeSchedulerMaxFlexibleWindowMinutes = 1440
)

// SQS.
const (
	// SQSMaxVisibilityTimeoutSeconds is the largest visibility timeout: 43,200 s (12 h). Source:
	// https://github.com/hashicorp/terraform-provider-aws/blob/00a3530/internal/service/sqs/queue.go.
	// Read 2026-08.
	SQSMaxVisibilityTimeoutSeconds = 43200
)

// App Runner (a container half some teams use instead of Fargate).
const (
	// AppRunnerMaxRequestSeconds is App Runner's total HTTP request timeout: 120 s.
	// Source: https://docs.aws.amazon.com/apprunner/latest/dg/develop.html. Read 2026-08.
	AppRunnerMaxRequestSeconds = 120
)

// Amazon SQS as a Lambda event source.
const (
	// SQSDefaultVisibilityTimeoutSeconds is an aws_sqs_queue's visibility timeout when unset: 30 s.
	// Source:
	// https://github.com/hashicorp/terraform-provider-aws/blob/00a3530/internal/service/sqs/queue.go
	// (defaultQueueVisibilityTimeout = 30). Read 2026-08.
	SQSDefaultVisibilityTimeoutSeconds = 30

	// SQSVisibilityTimeoutFactor is AWS's recommendation for a queue feeding a function: visibility
	// timeout at least 6 × the function timeout (plus the batching window). Below the function
	// timeout itself, creating the event source mapping fails. Source:
	// https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html. Read 2026-08.
	SQSVisibilityTimeoutFactor = 6
)

// Amazon Lex V2 code hooks.
const (
	// LexV2FulfillmentDefaultTimeoutSeconds is how long Lex V2 waits for an intent's fulfillment
	// Lambda function when fulfillment updates are off: 30 s. With fulfillment updates active (in
	// streaming conversations) the intent's own timeoutInSeconds applies instead (1 to 900 s).
	// Source: https://docs.aws.amazon.com/lexv2/latest/dg/streaming-progress.html ("If you turn off
	// fulfillment updates ... the default timeout of 30 seconds is used instead");
	// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_FulfillmentUpdatesSpecification.html
	// (timeoutInSeconds, valid range 1 to 900). Read 2026-12-04. The dialog code hook has no
	// documented limit of its own (https://docs.aws.amazon.com/lexv2/latest/dg/paths-code-hook.html
	// speaks only of the function's "configured timeout period"), so no rule checks it.
	LexV2FulfillmentDefaultTimeoutSeconds = 30
)

// CallerWithoutLimit is a caller of functions whose documentation gives no limit that a function's
// timeout can exceed, so no timing rule checks it. The rules index lists them, so that a user who
// looks for a rule learns why there is none.
type CallerWithoutLimit struct {
	// Caller names the service and the resources that wire it to a function.
	Caller string
	// Why says how it calls and what the documentation does and does not say.
	Why string
	// Sources are where that was read, with the date.
	Sources []string
}

// AWSCallersWithoutLimit are the AWS callers researched for issue 15 whose documentation gives
// no limit a Lambda timeout can exceed. Read 2026-12-04.
func AWSCallersWithoutLimit() []CallerWithoutLimit {
	return []CallerWithoutLimit{
		{
			Caller: "AWS IoT rules (`aws_iot_topic_rule` `lambda` action)",
			Why: "AWS IoT invokes the function asynchronously: Lambda queues the event and IoT does not wait for the " +
				"function, so no IoT limit cuts it short (the function's own timeout and the asynchronous retries apply).",
			Sources: []string{"https://docs.aws.amazon.com/iot/latest/developerguide/lambda-rule-action.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/services-iot.html"},
		},
		{
			Caller: "Amazon SNS (`aws_sns_topic_subscription` with `protocol = \"lambda\"`)",
			Why:    "SNS invokes the function asynchronously and does not wait for it, so no SNS limit cuts it short.",
			Sources: []string{"https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html"},
		},
		{
			Caller: "EventBridge Pipes enrichment (`aws_pipes_pipe` `enrichment`)",
			Why: "Pipes invokes an enrichment function synchronously and waits for it, but neither the enrichment page nor " +
				"the Pipes quotas give a time limit (only the 6 MB response size), so there is no number to check a " +
				"timeout against.",
			Sources: []string{"https://docs.aws.amazon.com/eventbridge/latest/userguide/pipes-enrichment.html",
				"https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html#eb-pipes-limits"},
		},
		{
			Caller: "Kinesis and DynamoDB Streams event source mappings (`aws_lambda_event_source_mapping`)",
			Why: "`maximum_retry_attempts`, `bisect_batch_on_function_error`, `maximum_batching_window_in_seconds` and " +
				"`maximum_record_age_in_seconds` bound retries, batching and record age, but the documentation ties none " +
				"of them to the function's timeout (unlike an SQS queue's visibility timeout, which " +
				"aws_lambda_timeout_exceeds_sqs_visibility checks): a timed-out batch is retried like any failed one.",
			Sources: []string{"https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html",
				"https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html"},
		},
		{
			Caller: "Amazon Lex V2 dialog code hooks",
			Why: "The documentation speaks only of the function's own configured timeout for dialog code hooks; the 30 s " +
				"Lex waits is documented for fulfillment only, which aws_lambda_timeout_exceeds_lex_fulfillment checks.",
			Sources: []string{"https://docs.aws.amazon.com/lexv2/latest/dg/paths-code-hook.html"},
		},
	}
}

// Amazon SES receipt rules.
const (
	// SESLambdaRequestResponseTimeoutSeconds is how long SES waits for a receipt rule's Lambda
	// action invoked with invocation_type RequestResponse: 30 s. The default invocation type,
	// Event, is asynchronous and waits for nothing. Source:
	// https://docs.aws.amazon.com/ses/latest/APIReference/API_LambdaAction.html ("There is a
	// 30-second timeout on RequestResponse invocations"; "The default value is Event"). Read
	// 2026-12-04.
	SESLambdaRequestResponseTimeoutSeconds = 30
)
