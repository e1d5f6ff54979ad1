package platform

// AWS Lambda execution limits.
const (
	// LambdaMaxTimeoutSeconds is the hard cap on a function's timeout: 900 s (15 min). Source:
	// https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html;
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go
	// IntBetween(1, 900). Read 2026-08.
	LambdaMaxTimeoutSeconds = 900

	// LambdaDefaultTimeoutSeconds is what a function gets when `timeout` is not set: 3 s. Source:
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go
	// (Default: 3). Read 2026-08.
	LambdaDefaultTimeoutSeconds = 3
)

// Callers whose own timeout cuts a Lambda invocation short.
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
