package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaTimeoutExceedsAPIGateway flags functions behind API Gateway whose timeout outlasts the
// integration's: the gateway answers 504 while the function keeps running, and billing.
var LambdaTimeoutExceedsAPIGateway = &Rule{
	Name:     "aws_lambda_timeout_exceeds_api_gateway",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "function timeout is longer than the API Gateway integration that invokes it allows",
	Doc: Doc{
		Why: "API Gateway stops waiting for a Lambda integration after the integration timeout: " +
			"29 s by default for REST APIs (`timeout_milliseconds`, raisable through Service Quotas for " +
			"Regional and private APIs), a fixed 30 s for HTTP APIs and 29 s for WebSocket APIs. The client " +
			"gets a 504 while the function goes on running to its own timeout, billed, and its result is " +
			"thrown away. A function timeout above the integration's hides the problem until production load " +
			"makes a request slow.",
		HowToFix: "- Lower the function's `timeout` to the integration timeout or less, so it fails where you can see it.\n" +
			"- Make long work asynchronous: accept the request, return 202 with a job id, and hand the work to a queue " +
			"or to the always-on container half of a hybrid unit.\n" +
			"- For a Regional or private REST API, raise `timeout_milliseconds` after raising the Service Quota.",
		Sources: []string{
			"https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html",
			"https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html",
			"terraform-provider-aws internal/service/apigateway/integration.go (timeout_milliseconds default 29000)",
		},
		Example: Example{
			Note: "An HTTP API invokes a report generator configured for two minutes.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.report",
					After: map[string]any{
						"function_name": "report",
						"memory_size":   1024,
						"runtime":       "python3.12",
						"timeout":       120,
					},
				},
				{
					Address: "aws_apigatewayv2_api.api",
					After:   map[string]any{"name": "api", "protocol_type": "HTTP"},
				},
				{
					Address: "aws_apigatewayv2_integration.report",
					After:   map[string]any{"integration_type": "AWS_PROXY", "payload_format_version": "2.0"},
					Unknown: []string{"integration_uri", "api_id", "timeout_milliseconds"},
					Refs: map[string][]string{
						"api_id":          {"aws_apigatewayv2_api.api.id", "aws_apigatewayv2_api.api"},
						"integration_uri": {"aws_lambda_function.report.invoke_arn", "aws_lambda_function.report"},
					},
				},
			},
		},
	},
	Check: checkLambdaTimeoutExceedsAPIGateway,
}

func checkLambdaTimeoutExceedsAPIGateway(pass *Pass) {
	timeouts := serverless.TimeoutsOf(pass.Graph)
	for _, c := range serverless.Callers(pass.Graph, pass.Settings.Inputs(), serverless.APIGatewayCallers) {
		timeout, ok := timeouts.Of(c.Function)
		if !ok || timeout*1000 <= c.LimitMillis {
			continue
		}
		pass.Report(finding.Finding{
			Address:   c.Function.Address,
			Attribute: "timeout",
			Related:   append([]string{c.Caller.Address, c.Via}, c.Related...),
			Message: fmt.Sprintf("timeout %s exceeds the %s %s of %s",
				serverless.Seconds(timeout), serverless.MillisAsSeconds(c.LimitMillis), c.Label, c.Caller.Address),
			Remediation: fmt.Sprintf("lower timeout to %s or less, or make the work asynchronous (return 202 and hand it to a queue or a container)",
				serverless.MillisAsSeconds(c.LimitMillis)),
		})
	}
}
