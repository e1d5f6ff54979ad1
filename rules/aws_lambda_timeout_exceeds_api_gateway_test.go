package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func restIntegration(addr string, timeoutMs any, uriRefs ...string) plantest.Resource {
	after := map[string]any{"type": "AWS_PROXY", "timeout_milliseconds": timeoutMs}
	r := plantest.Resource{Address: addr, After: after, Unknown: []string{"uri"}, Refs: map[string][]string{"uri": uriRefs}}
	if timeoutMs == nil {
		r.Unknown = append(r.Unknown, "timeout_milliseconds")
	}
	return r
}

func httpIntegration(addr, apiAddr string, timeoutMs any, uriRefs ...string) plantest.Resource {
	r := plantest.Resource{Address: addr, After: map[string]any{"integration_type": "AWS_PROXY"},
		Unknown: []string{"integration_uri", "api_id"},
		Refs:    map[string][]string{"integration_uri": uriRefs, "api_id": {apiAddr + ".id", apiAddr}}}
	if timeoutMs == nil {
		r.Unknown = append(r.Unknown, "timeout_milliseconds")
	} else {
		r.After["timeout_milliseconds"] = timeoutMs
	}
	return r
}

func api(addr, protocol string) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{"name": "api", "protocol_type": protocol}}
}

func TestLambdaTimeoutExceedsAPIGateway(t *testing.T) {
	fnRef := []string{"aws_lambda_function.fn.invoke_arn", "aws_lambda_function.fn"}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "REST integration at the 29s default",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 45), restIntegration("aws_api_gateway_integration.i", 29000, fnRef...)),
			want: []string{"error aws_lambda_function.fn: timeout 45s exceeds the 29s REST API integration timeout of aws_api_gateway_integration.i"},
		},
		{
			name: "REST integration with a raised timeout is respected",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 45), restIntegration("aws_api_gateway_integration.i", 60000, fnRef...)),
			want: []string{},
		},
		{
			name: "function within the REST limit is silent",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 29), restIntegration("aws_api_gateway_integration.i", 29000, fnRef...)),
			want: []string{},
		},
		{
			name: "unknown REST integration timeout is silent",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 45), restIntegration("aws_api_gateway_integration.i", nil, fnRef...)),
			want: []string{},
		},
		{
			name: "HTTP API caps at 30s even when the integration timeout is unknown",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 120), api("aws_apigatewayv2_api.api", "HTTP"),
				httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", nil, fnRef...)),
			want: []string{"error aws_lambda_function.fn: timeout 120s exceeds the 30s HTTP API limit of aws_apigatewayv2_integration.api"},
		},
		{
			name: "WebSocket API caps at 29s",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 30), api("aws_apigatewayv2_api.ws", "WEBSOCKET"),
				httpIntegration("aws_apigatewayv2_integration.ws", "aws_apigatewayv2_api.ws", nil, fnRef...)),
			want: []string{"error aws_lambda_function.fn: timeout 30s exceeds the 29s WebSocket API limit of aws_apigatewayv2_integration.ws"},
		},
		{
			name: "HTTP integration with a lower timeout uses it",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 20), api("aws_apigatewayv2_api.api", "HTTP"),
				httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", 10000, fnRef...)),
			want: []string{"error aws_lambda_function.fn: timeout 20s exceeds the 10s integration timeout of aws_apigatewayv2_integration.api"},
		},
		{
			name: "an integration the plan deletes is silent (removing it is often the fix)",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 45), deleted(restIntegration("aws_api_gateway_integration.i", 29000, fnRef...))),
			want: []string{},
		},
		{
			name: "a function the plan deletes is silent",
			plan: plantest.New().Add(deleted(lambda("aws_lambda_function.fn", 45)), restIntegration("aws_api_gateway_integration.i", 29000, fnRef...)),
			want: []string{},
		},
		{
			name: "an HTTP integration timeout above the 30s cap is held to the cap",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 45), api("aws_apigatewayv2_api.api", "HTTP"),
				httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", 60000, fnRef...)),
			want: []string{"error aws_lambda_function.fn: timeout 45s exceeds the 30s HTTP API limit of aws_apigatewayv2_integration.api"},
		},
		{
			name: "a sensitive HTTP integration timeout is not reasoned about",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 45), api("aws_apigatewayv2_api.api", "HTTP"), func() plantest.Resource {
				r := httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", 10000, fnRef...)
				r.Sensitive = []string{"timeout_milliseconds"}
				return r
			}()),
			want: []string{},
		},
		{
			name: "unknown function timeout is silent",
			plan: plantest.New().Add(unknownLambda("aws_lambda_function.fn"), api("aws_apigatewayv2_api.api", "HTTP"),
				httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", nil, fnRef...)),
			want: []string{},
		},
		{
			name: "through an alias",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 60), api("aws_apigatewayv2_api.api", "HTTP"),
				plantest.Resource{Address: "aws_lambda_alias.live", After: map[string]any{"name": "live"}, Unknown: []string{"function_name", "invoke_arn"},
					Refs: map[string][]string{"function_name": {"aws_lambda_function.fn.function_name", "aws_lambda_function.fn"}}},
				httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", nil, "aws_lambda_alias.live.invoke_arn", "aws_lambda_alias.live")),
			want: []string{"error aws_lambda_function.fn: timeout 60s exceeds the 30s HTTP API limit of aws_apigatewayv2_integration.api"},
		},
		{
			name: "through a module output",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.fn", Source: "./fn", Outputs: map[string][]string{"invoke_arn": {"aws_lambda_function.this.invoke_arn", "aws_lambda_function.this"}}}).
				Add(lambda("module.fn.aws_lambda_function.this", 60), api("aws_apigatewayv2_api.api", "HTTP"),
					httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", nil, "module.fn.invoke_arn", "module.fn")),
			want: []string{"error module.fn.aws_lambda_function.this: timeout 60s exceeds the 30s HTTP API limit of aws_apigatewayv2_integration.api"},
		},
		{
			name: "a hard-coded invoke ARN is matched by function name",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 60),
				plantest.Resource{Address: "aws_api_gateway_integration.i", After: map[string]any{"type": "AWS_PROXY", "timeout_milliseconds": 29000,
					"uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:aws_lambda_function.fn/invocations"}}),
			want: []string{"error aws_lambda_function.fn: timeout 60s exceeds the 29s REST API integration timeout of aws_api_gateway_integration.i"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaTimeoutExceedsAPIGateway, tt.plan)))
		})
	}
}

// Each integration timeout is tested one second below, at and one second above it, and the REST
// default (29 s) with timeout_milliseconds absent and null.
func TestLambdaTimeoutExceedsAPIGatewayBoundaries(t *testing.T) {
	fnRef := []string{"aws_lambda_function.fn.invoke_arn", "aws_lambda_function.fn"}
	rest := func(timeoutMs any, absent bool) plantest.Resource {
		r := restIntegration("aws_api_gateway_integration.i", 0, fnRef...)
		r.Unknown = []string{"uri"}
		if absent {
			delete(r.After, "timeout_milliseconds")
		} else {
			r.After["timeout_milliseconds"] = timeoutMs
		}
		return r
	}
	v2 := func(protocol string, timeoutMs any) []plantest.Resource {
		return []plantest.Resource{api("aws_apigatewayv2_api.api", protocol),
			httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", timeoutMs, fnRef...)}
	}
	tests := []struct {
		name    string
		timeout int
		others  []plantest.Resource
		want    []string
	}{
		{"REST default, absent, one below", 28, []plantest.Resource{rest(nil, true)}, []string{}},
		{"REST default, absent, at", 29, []plantest.Resource{rest(nil, true)}, []string{}},
		{"REST default, absent, one above", 30, []plantest.Resource{rest(nil, true)},
			[]string{"error aws_lambda_function.fn: timeout 30s exceeds the 29s REST API integration timeout of aws_api_gateway_integration.i"}},
		{"REST default, null, at", 29, []plantest.Resource{rest(nil, false)}, []string{}},
		{"REST default, null, one above", 30, []plantest.Resource{rest(nil, false)},
			[]string{"error aws_lambda_function.fn: timeout 30s exceeds the 29s REST API integration timeout of aws_api_gateway_integration.i"}},
		{"REST raised to 60s, at", 60, []plantest.Resource{rest(60000, false)}, []string{}},
		{"REST raised to 60s, one above", 61, []plantest.Resource{rest(60000, false)},
			[]string{"error aws_lambda_function.fn: timeout 61s exceeds the 60s REST API integration timeout of aws_api_gateway_integration.i"}},
		{"REST in milliseconds: 29.5s holds a 29s function", 29, []plantest.Resource{rest(29500, false)}, []string{}},
		{"REST in milliseconds: 29.5s does not hold a 30s function", 30, []plantest.Resource{rest(29500, false)},
			[]string{"error aws_lambda_function.fn: timeout 30s exceeds the 29.5s REST API integration timeout of aws_api_gateway_integration.i"}},
		// nil: timeout_milliseconds unknown, so the protocol cap bounds it.
		{"HTTP cap, one below", 29, v2("HTTP", nil), []string{}},
		{"HTTP cap, at", 30, v2("HTTP", nil), []string{}},
		{"HTTP cap, one above", 31, v2("HTTP", nil),
			[]string{"error aws_lambda_function.fn: timeout 31s exceeds the 30s HTTP API limit of aws_apigatewayv2_integration.api"}},
		{"HTTP timeout at the cap is the cap", 31, v2("HTTP", 30000),
			[]string{"error aws_lambda_function.fn: timeout 31s exceeds the 30s HTTP API limit of aws_apigatewayv2_integration.api"}},
		{"HTTP timeout one below the cap is the integration's", 30, v2("HTTP", 29999),
			[]string{"error aws_lambda_function.fn: timeout 30s exceeds the 29.999s integration timeout of aws_apigatewayv2_integration.api"}},
		{"WebSocket cap, at", 29, v2("WEBSOCKET", nil), []string{}},
		{"WebSocket cap, one above", 30, v2("WEBSOCKET", nil),
			[]string{"error aws_lambda_function.fn: timeout 30s exceeds the 29s WebSocket API limit of aws_apigatewayv2_integration.api"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plantest.New().Add(lambda("aws_lambda_function.fn", tt.timeout)).Add(tt.others...)
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaTimeoutExceedsAPIGateway, p)))
		})
	}
}

// A v2 integration whose timeout is null, not unknown, is held to the protocol cap.
func TestLambdaTimeoutExceedsAPIGatewayV2NullTimeout(t *testing.T) {
	fnRef := []string{"aws_lambda_function.fn.invoke_arn", "aws_lambda_function.fn"}
	integ := httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.api", 0, fnRef...)
	integ.After["timeout_milliseconds"] = nil
	p := plantest.New().Add(lambda("aws_lambda_function.fn", 31), api("aws_apigatewayv2_api.api", "HTTP"), integ)
	require.Equal(t, []string{"error aws_lambda_function.fn: timeout 31s exceeds the 30s HTTP API limit of aws_apigatewayv2_integration.api"},
		summaries(run(t, rules.LambdaTimeoutExceedsAPIGateway, p)))
}
