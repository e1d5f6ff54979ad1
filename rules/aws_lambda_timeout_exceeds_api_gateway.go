package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
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
	g := pass.Graph
	for _, integ := range g.ByType("aws_api_gateway_integration") {
		if integ.Deleted() {
			continue // removing the integration is often the fix
		}
		limit, ok := integ.Get("timeout_milliseconds").Int()
		if !ok {
			if st := integ.Get("timeout_milliseconds").State; st == plan.Unknown || st == plan.Sensitive {
				continue
			}
			limit = platform.APIGatewayRESTDefaultTimeoutMillis
		}
		label := "REST API integration timeout"
		reportAPIGateway(pass, integ, "uri", limit, label, nil)
	}
	for _, integ := range g.ByType("aws_apigatewayv2_integration") {
		if integ.Deleted() {
			continue
		}
		limit, label, related, ok := v2Limit(g, integ)
		if !ok {
			continue
		}
		reportAPIGateway(pass, integ, "integration_uri", limit, label, related)
	}
}

// v2Limit works out an HTTP or WebSocket integration's effective timeout: the integration's own
// timeout_milliseconds when known, never above the protocol's fixed cap.
func v2Limit(g *graph.Graph, integ *graph.Instance) (int, string, []string, bool) {
	protocol := ""
	var related []string
	for _, e := range g.Targets(integ, "api_id") {
		if e.To.Type == "aws_apigatewayv2_api" {
			related = append(related, e.To.Address)
			if p, ok := e.To.Get("protocol_type").String(); ok {
				protocol = p
			}
		}
	}
	capMs, label := platform.APIGatewayHTTPMaxTimeoutMillis, "HTTP API limit"
	switch protocol {
	case "WEBSOCKET":
		capMs, label = platform.APIGatewayWebSocketMaxTimeoutMillis, "WebSocket API limit"
	case "":
		// The API is not in the plan: the larger cap (HTTP) avoids a false alarm.
		label = "API Gateway v2 limit"
	}
	tv := integ.Get("timeout_milliseconds")
	if ms, ok := tv.Int(); ok && ms < capMs {
		return ms, "integration timeout", related, true
	}
	if tv.State == plan.Sensitive { // do not reason about a value we may not show
		return 0, "", nil, false
	}
	// Unknown or unset: whatever the value turns out to be, the protocol cap bounds it.
	return capMs, label, related, true
}

func reportAPIGateway(pass *Pass, integ *graph.Instance, uriAttr string, limitMs int, label string, related []string) {
	for _, inv := range pass.Graph.InvokedFunctions(integ, uriAttr) {
		timeout, ok := serverless.LambdaTimeout(inv.Function)
		if !ok || inv.Function.Deleted() || timeout*1000 <= limitMs {
			continue
		}
		pass.Report(finding.Finding{
			Address:   inv.Function.Address,
			Attribute: "timeout",
			Related:   append([]string{integ.Address, serverless.AliasAddress(inv)}, related...),
			Message: fmt.Sprintf("timeout %s exceeds the %s %s of %s",
				serverless.Seconds(timeout), serverless.MillisAsSeconds(limitMs), label, integ.Address),
			Remediation: fmt.Sprintf("lower timeout to %s or less, or make the work asynchronous (return 202 and hand it to a queue or a container)",
				serverless.MillisAsSeconds(limitMs)),
		})
	}
}
