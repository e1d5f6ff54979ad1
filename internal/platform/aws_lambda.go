package platform

// AWS Lambda execution limits.
const (
	// LambdaMaxTimeoutSeconds is the hard cap on a function's timeout: 900 s (15 min).
	// Source: [S4] docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html; [S32]
	// terraform-provider-aws internal/service/lambda/function.go IntBetween(1, 900). Read 2026-08.
	LambdaMaxTimeoutSeconds = 900

	// LambdaDefaultTimeoutSeconds is what a function gets when `timeout` is not set: 3 s.
	// Source: [S32] terraform-provider-aws function.go (Default: 3). Read 2026-08.
	LambdaDefaultTimeoutSeconds = 3
)

// Callers whose own timeout cuts a Lambda invocation short.
const (
	// APIGatewayRESTDefaultTimeoutMillis is a REST API integration's default (and, without a Service
	// Quotas increase, maximum) timeout: 29,000 ms. Source: [S21] API Gateway timeoutInMillis;
	// [S35] terraform-provider-aws apigateway/integration.go (default 29000). Read 2026-08.
	APIGatewayRESTDefaultTimeoutMillis = 29000

	// APIGatewayHTTPMaxTimeoutMillis is the fixed ceiling of an HTTP API (v2) integration: 30,000 ms,
	// not adjustable. Source: [S20] docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html.
	// Read 2026-08.
	APIGatewayHTTPMaxTimeoutMillis = 30000

	// APIGatewayWebSocketMaxTimeoutMillis is the ceiling (and default) of a WebSocket API integration:
	// 29,000 ms. Source: [S21] API Gateway v2 timeoutInMillis. Read 2026-08.
	APIGatewayWebSocketMaxTimeoutMillis = 29000
)

// Amazon SQS as a Lambda event source.
const (
	// SQSDefaultVisibilityTimeoutSeconds is an aws_sqs_queue's visibility timeout when unset: 30 s.
	// Source: [S34] terraform-provider-aws internal/service/sqs consts (defaultQueueVisibilityTimeout = 30).
	// Read 2026-08.
	SQSDefaultVisibilityTimeoutSeconds = 30

	// SQSVisibilityTimeoutFactor is AWS's recommendation for a queue feeding a function: visibility
	// timeout at least 6 × the function timeout (plus the batching window). Below the function timeout
	// itself, creating the event source mapping fails. Source: [S24]
	// docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html. Read 2026-08.
	SQSVisibilityTimeoutFactor = 6
)
