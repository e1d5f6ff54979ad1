package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestLambdaColdStartOnSyncPath(t *testing.T) {
	const fn = "aws_lambda_function.api"
	invoke := fnRefs(fn, "invoke_arn")
	viaAlias := fnRefs("aws_lambda_alias.live", "invoke_arn")
	httpAPI := api("aws_apigatewayv2_api.http", "HTTP")
	route := func(refs ...string) plantest.Resource {
		return httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.http", nil, refs...)
	}
	java := coldFn(fn, "java21", nil)
	javaSnap := coldFn(fn, "java21", map[string]any{"publish": true, "snap_start": snapStart()})
	sized := func(runtime string, bytes int) plantest.Resource {
		r := coldFn(fn, runtime, map[string]any{"source_code_size": bytes})
		r.Unknown = []string{"arn", "invoke_arn", "qualified_arn", "version"}
		r.Actions = []string{"update"}
		return r
	}
	image := coldFn(fn, "", map[string]any{"package_type": "Image", "runtime": nil, "handler": nil,
		"image_uri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"})
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "java without SnapStart behind an HTTP API",
			plan: plantest.New().Add(java, httpAPI, route(invoke...)),
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_apigatewayv2_integration.api (HTTP API integration), with no provisioned concurrency or ping every 5 min " +
				"on $LATEST: cold starts land on waiting requests"},
		},
		{
			name: "java with SnapStart invoked through an alias of a published version is silent",
			plan: plantest.New().Add(javaSnap, liveAlias("aws_lambda_alias.live", fn), httpAPI, route(viaAlias...)),
			want: []string{},
		},
		{
			name: "SnapStart does not apply to $LATEST",
			plan: plantest.New().Add(javaSnap, httpAPI, route(invoke...)),
			want: []string{"warning aws_lambda_function.api: java21 runtime with SnapStart, which does not apply to $LATEST " +
				"on the synchronous path of aws_apigatewayv2_integration.api (HTTP API integration), with no provisioned " +
				"concurrency or ping every 5 min on $LATEST: cold starts land on waiting requests"},
		},
		{
			name: "SnapStart with publish = false never runs",
			plan: plantest.New().Add(coldFn(fn, "dotnet8", map[string]any{"snap_start": snapStart()}),
				liveAlias("aws_lambda_alias.live", fn), httpAPI, route(viaAlias...)),
			want: []string{"warning aws_lambda_function.api: dotnet8 runtime with SnapStart that never runs (publish = false) " +
				"on the synchronous path of aws_apigatewayv2_integration.api (HTTP API integration), with no provisioned " +
				"concurrency or ping every 5 min on alias live: cold starts land on waiting requests"},
		},
		{
			name: "python with a small package is silent",
			plan: plantest.New().Add(sized("python3.12", 2<<20), httpAPI, route(invoke...)),
			want: []string{},
		},
		{
			name: "a package above 10 MB",
			plan: plantest.New().Add(sized("nodejs22.x", 48<<20), httpAPI, route(invoke...)),
			want: []string{"warning aws_lambda_function.api: package of 48.0 MB (over 10.0 MB) on the synchronous path of " +
				"aws_apigatewayv2_integration.api (HTTP API integration), with no provisioned concurrency or ping every 5 min " +
				"on $LATEST: cold starts land on waiting requests"},
		},
		{
			name: "package size known after apply is silent",
			plan: plantest.New().Add(coldFn(fn, "nodejs22.x", nil), httpAPI, route(invoke...)),
			want: []string{},
		},
		{
			name: "a container image behind a REST API",
			plan: plantest.New().Add(image, restIntegration("aws_api_gateway_integration.get", 29000, invoke...)),
			want: []string{"warning aws_lambda_function.api: container image on the synchronous path of " +
				"aws_api_gateway_integration.get (REST API integration), with no provisioned concurrency or ping every 5 min " +
				"on $LATEST: cold starts land on waiting requests"},
		},
		{
			name: "unknown runtime is silent",
			plan: plantest.New().Add(plantest.Resource{Address: fn, After: map[string]any{"function_name": "api", "package_type": "Zip"},
				Unknown: []string{"runtime", "invoke_arn"}, Refs: map[string][]string{"runtime": {"var.runtime"}}}, httpAPI, route(invoke...)),
			want: []string{},
		},
		{
			name: "sensitive runtime is silent",
			plan: plantest.New().Add(plantest.Resource{Address: fn, After: map[string]any{"function_name": "api", "runtime": "java21",
				"package_type": "Zip"}, Sensitive: []string{"runtime"}, Unknown: []string{"invoke_arn"}}, httpAPI, route(invoke...)),
			want: []string{},
		},
		{
			name: "provisioned concurrency on the alias the API invokes keeps it warm",
			plan: plantest.New().Add(coldFn(fn, "java21", map[string]any{"publish": true}), liveAlias("aws_lambda_alias.live", fn),
				provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, "aws_lambda_alias.live"), httpAPI, route(viaAlias...)),
			want: []string{},
		},
		{
			name: "provisioned concurrency on an alias does not cover $LATEST",
			plan: plantest.New().Add(coldFn(fn, "java21", map[string]any{"publish": true}), liveAlias("aws_lambda_alias.live", fn),
				provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, "aws_lambda_alias.live"), httpAPI, route(invoke...)),
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_apigatewayv2_integration.api (HTTP API integration), with no provisioned concurrency or ping every 5 min " +
				"on $LATEST: cold starts land on waiting requests"},
		},
		{
			name: "provisioned concurrency whose qualifier is unknown is silent",
			plan: plantest.New().Add(coldFn(fn, "java21", map[string]any{"publish": true}), liveAlias("aws_lambda_alias.live", fn),
				plantest.Resource{Address: "aws_lambda_provisioned_concurrency_config.api",
					After:   map[string]any{"function_name": "api", "provisioned_concurrent_executions": 1},
					Unknown: []string{"qualifier"},
					Refs:    map[string][]string{"function_name": fnRefs(fn, "function_name"), "qualifier": {"var.qualifier"}}},
				httpAPI, route(viaAlias...)),
			want: []string{},
		},
		{
			name: "a ping every 5 minutes to the version the API invokes keeps it warm",
			plan: plantest.New().Add(java, httpAPI, route(invoke...),
				eventRule("aws_cloudwatch_event_rule.ping", "rate(5 minutes)", nil),
				eventTarget("aws_cloudwatch_event_target.ping", "aws_cloudwatch_event_rule.ping", "", fnRefs(fn, "arn")...)),
			want: []string{},
		},
		{
			name: "a ping every 15 minutes does not",
			plan: plantest.New().Add(java, httpAPI, route(invoke...),
				eventRule("aws_cloudwatch_event_rule.ping", "rate(15 minutes)", nil),
				eventTarget("aws_cloudwatch_event_target.ping", "aws_cloudwatch_event_rule.ping", "", fnRefs(fn, "arn")...)),
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_apigatewayv2_integration.api (HTTP API integration), with no provisioned concurrency or ping every 5 min " +
				"on $LATEST: cold starts land on waiting requests"},
		},
		{
			name: "a ping to an alias does not warm $LATEST",
			plan: plantest.New().Add(coldFn(fn, "java21", map[string]any{"publish": true}), liveAlias("aws_lambda_alias.live", fn),
				httpAPI, route(invoke...),
				schedulerSchedule("aws_scheduler_schedule.ping", "rate(5 minutes)", "", 0, fnRefs("aws_lambda_alias.live", "arn")...)),
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_apigatewayv2_integration.api (HTTP API integration), with no provisioned concurrency or ping every 5 min " +
				"on $LATEST: cold starts land on waiting requests"},
		},
		{
			name: "a ping whose schedule is known after apply is silent",
			plan: plantest.New().Add(java, httpAPI, route(invoke...),
				plantest.Resource{Address: "aws_cloudwatch_event_rule.ping", After: map[string]any{"state": "ENABLED"},
					Unknown: []string{"schedule_expression"}},
				eventTarget("aws_cloudwatch_event_target.ping", "aws_cloudwatch_event_rule.ping", "", fnRefs(fn, "arn")...)),
			want: []string{},
		},
		{
			name: "Lambda@Edge on a CloudFront distribution",
			plan: plantest.New().Add(func() plantest.Resource {
				r := coldFn("aws_lambda_function.edge", "nodejs22.x", map[string]any{"publish": true, "source_code_size": 14 << 20})
				r.Unknown = []string{"arn", "qualified_arn", "version"}
				return r
			}(), plantest.Resource{Address: "aws_cloudfront_distribution.site",
				After: map[string]any{"enabled": true, "default_cache_behavior": []any{map[string]any{
					"target_origin_id": "site", "viewer_protocol_policy": "redirect-to-https",
					"lambda_function_association": []any{map[string]any{"event_type": "origin-request", "include_body": false,
						"lambda_arn": "arn:aws:lambda:us-east-1:123456789012:function:edge:3"}}}}},
				Unknown: []string{"arn"}}),
			want: []string{"warning aws_lambda_function.edge: package of 14.0 MB (over 10.0 MB) on the synchronous path of " +
				"aws_cloudfront_distribution.site (Lambda@Edge, default cache behavior), with no provisioned concurrency or " +
				"ping every 5 min on version 3: cold starts land on waiting requests"},
		},
		{
			name: "a REST URI built around the function ARN may carry a qualifier the plan does not show",
			plan: plantest.New().Add(javaSnap, restIntegration("aws_api_gateway_integration.get", 29000, fnRefs(fn, "arn")...)),
			want: []string{},
		},
		{
			name: "an ARN composed from the function and its alias invokes the alias",
			plan: plantest.New().Add(coldFn(fn, "java21", map[string]any{"publish": true}), liveAlias("aws_lambda_alias.live", fn),
				provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, "aws_lambda_alias.live"),
				plantest.Resource{Address: "aws_lb_target_group_attachment.api", Unknown: []string{"target_id", "target_group_arn"},
					Refs: map[string][]string{"target_id": append(fnRefs(fn, "arn"), fnRefs("aws_lambda_alias.live", "name")...)}}),
			want: []string{},
		},
		{
			name: "an ARN with a qualifier from a local is not taken for $LATEST",
			plan: plantest.New().Add(coldFn(fn, "java21", map[string]any{"publish": true}), liveAlias("aws_lambda_alias.live", fn),
				provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, "aws_lambda_alias.live"),
				plantest.Resource{Address: "aws_lb_target_group_attachment.api", Unknown: []string{"target_id", "target_group_arn"},
					Refs: map[string][]string{"target_id": append(fnRefs(fn, "arn"), "local.alias")}}),
			want: []string{},
		},
		{
			name: "a known ARN names the alias it invokes",
			plan: plantest.New().Add(func() plantest.Resource {
				r := coldFn(fn, "java21", map[string]any{"publish": true})
				r.Actions, r.Unknown = []string{"no-op"}, nil
				return r
			}(), plantest.Resource{Address: "aws_lambda_alias.live", Actions: []string{"no-op"},
				After: map[string]any{"name": "live", "function_name": "api", "function_version": "12"},
				Refs:  map[string][]string{"function_name": fnRefs(fn, "function_name"), "function_version": fnRefs(fn, "version")}},
				plantest.Resource{Address: "aws_lambda_provisioned_concurrency_config.api", Actions: []string{"no-op"},
					After: map[string]any{"function_name": "api", "qualifier": "live", "provisioned_concurrent_executions": 2},
					Refs:  map[string][]string{"function_name": fnRefs(fn, "function_name"), "qualifier": fnRefs("aws_lambda_alias.live", "name")}},
				plantest.Resource{Address: "aws_api_gateway_integration.get", Actions: []string{"update"},
					After: map[string]any{"type": "AWS_PROXY", "timeout_milliseconds": 29000,
						"uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:api:live/invocations"},
					Refs: map[string][]string{"uri": fnRefs(fn, "arn")}}),
			want: []string{},
		},
		{
			name: "a known ARN of $LATEST is not covered by provisioned concurrency on an alias",
			plan: plantest.New().Add(func() plantest.Resource {
				r := coldFn(fn, "java21", map[string]any{"publish": true})
				r.Actions, r.Unknown = []string{"no-op"}, nil
				return r
			}(), liveAlias("aws_lambda_alias.live", fn),
				provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, "aws_lambda_alias.live"),
				plantest.Resource{Address: "aws_api_gateway_integration.get", Actions: []string{"update"},
					After: map[string]any{"type": "AWS_PROXY", "timeout_milliseconds": 29000,
						"uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:api/invocations"},
					Refs: map[string][]string{"uri": fnRefs(fn, "invoke_arn")}}),
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_api_gateway_integration.get (REST API integration), with no provisioned concurrency or ping every 5 min " +
				"on $LATEST: cold starts land on waiting requests"},
		},
		{
			name: "function URL without a qualifier invokes $LATEST",
			plan: plantest.New().Add(java, functionURL("aws_lambda_function_url.api", fn, "")),
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_lambda_function_url.api (function URL), with no provisioned concurrency or ping every 5 min on $LATEST: " +
				"cold starts land on waiting requests"},
		},
		{
			name: "function URL on a provisioned alias is silent",
			plan: plantest.New().Add(coldFn(fn, "java21", map[string]any{"publish": true}), liveAlias("aws_lambda_alias.live", fn),
				provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, "aws_lambda_alias.live"),
				functionURL("aws_lambda_function_url.api", fn, "aws_lambda_alias.live")),
			want: []string{},
		},
		{
			name: "REST integration invoked asynchronously (X-Amz-Invocation-Type 'Event') is silent",
			plan: plantest.New().Add(java, plantest.Resource{Address: "aws_api_gateway_integration.post",
				After: map[string]any{"type": "AWS", "timeout_milliseconds": 29000,
					"request_parameters": map[string]any{"integration.request.header.X-Amz-Invocation-Type": "'Event'"}},
				Unknown: []string{"uri"}, Refs: map[string][]string{"uri": invoke}}),
			want: []string{},
		},
		{
			name: "REST integration whose request parameters are unknown is silent",
			plan: plantest.New().Add(java, plantest.Resource{Address: "aws_api_gateway_integration.post",
				After: map[string]any{"type": "AWS", "timeout_milliseconds": 29000}, Unknown: []string{"uri", "request_parameters"},
				Refs: map[string][]string{"uri": invoke, "request_parameters": {"local.params"}}}),
			want: []string{},
		},
		{
			name: "an ALB target group",
			plan: plantest.New().Add(java,
				plantest.Resource{Address: "aws_lb_target_group.api", After: map[string]any{"target_type": "lambda"}, Unknown: []string{"arn"}},
				plantest.Resource{Address: "aws_lb_target_group_attachment.api", Unknown: []string{"target_id", "target_group_arn"},
					Refs: map[string][]string{"target_id": fnRefs(fn, "arn"), "target_group_arn": fnRefs("aws_lb_target_group.api", "arn")}}),
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_lb_target_group_attachment.api (ALB target group), with no provisioned concurrency or ping every 5 min on " +
				"$LATEST: cold starts land on waiting requests"},
		},
		{
			name: "an AppSync data source and a REST authorizer, named together",
			plan: plantest.New().Add(java,
				plantest.Resource{Address: "aws_appsync_datasource.api", After: map[string]any{"type": "AWS_LAMBDA", "name": "api",
					"lambda_config": []any{map[string]any{}}}, Unknown: []string{"arn"},
					Refs: map[string][]string{"lambda_config.0.function_arn": fnRefs(fn, "arn")}},
				plantest.Resource{Address: "aws_api_gateway_authorizer.auth", After: map[string]any{"type": "TOKEN", "name": "auth"},
					Unknown: []string{"authorizer_uri"}, Refs: map[string][]string{"authorizer_uri": invoke}}),
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_api_gateway_authorizer.auth (REST API Lambda authorizer) and aws_appsync_datasource.api (AppSync data source), " +
				"with no provisioned concurrency or ping every 5 min on $LATEST: cold starts land on waiting requests"},
		},
		{
			name: "through a module output of the invoke ARN",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.api", Source: "./api",
					Outputs: map[string][]string{"invoke_arn": fnRefs("aws_lambda_function.this", "invoke_arn")}}).
				Add(coldFn("module.api.aws_lambda_function.this", "dotnet8", nil), httpAPI, route("module.api.invoke_arn", "module.api")),
			want: []string{"warning module.api.aws_lambda_function.this: dotnet8 runtime without SnapStart on the synchronous path of " +
				"aws_apigatewayv2_integration.api (HTTP API integration), with no provisioned concurrency or ping every 5 min " +
				"on $LATEST: cold starts land on waiting requests"},
		},
		{
			name: "a module output of whole functions does not say which version is invoked",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.api", Source: "./api",
					Outputs: map[string][]string{"functions": {"aws_lambda_function.this"}}}).
				Add(coldFn("module.api.aws_lambda_function.this", "java17", map[string]any{"publish": true}),
					liveAlias("module.api.aws_lambda_alias.live", "aws_lambda_function.this"),
					provisionedOn("module.api.aws_lambda_provisioned_concurrency_config.this", "aws_lambda_function.this", "aws_lambda_alias.live"),
					httpAPI, route("module.api.functions", "module.api")),
			want: []string{},
		},
		{
			name: "through a module output, one finding per count instance",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.api", Source: "./api",
					Outputs: map[string][]string{"invoke_arns": {"aws_lambda_function.this"}}}).
				Add(coldFn("module.api.aws_lambda_function.this[0]", "java17", nil),
					coldFn("module.api.aws_lambda_function.this[1]", "java17", nil),
					httpAPI, route("module.api.invoke_arns", "module.api")),
			want: []string{
				"warning module.api.aws_lambda_function.this[0]: java17 runtime without SnapStart on the synchronous path of " +
					"aws_apigatewayv2_integration.api (HTTP API integration), with no provisioned concurrency or ping every 5 min: " +
					"cold starts land on waiting requests",
				"warning module.api.aws_lambda_function.this[1]: java17 runtime without SnapStart on the synchronous path of " +
					"aws_apigatewayv2_integration.api (HTTP API integration), with no provisioned concurrency or ping every 5 min: " +
					"cold starts land on waiting requests",
			},
		},
		{
			name: "a queue consumer is not on a synchronous path",
			plan: plantest.New().Add(java, plantest.Resource{Address: "aws_lambda_event_source_mapping.jobs",
				After: map[string]any{"batch_size": 10}, Unknown: []string{"function_name", "event_source_arn"},
				Refs: map[string][]string{"function_name": fnRefs(fn, "arn")}}),
			want: []string{},
		},
		{
			name: "a function the plan deletes is silent",
			plan: plantest.New().Add(plantest.Resource{Address: fn, Actions: []string{"delete"},
				After: map[string]any{"function_name": "api", "runtime": "java21", "package_type": "Zip", "snap_start": []any{}}},
				httpAPI, route(invoke...)),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaColdStartOnSyncPath, tt.plan)))
		})
	}
}

func TestLambdaColdStartOnSyncPathRemediation(t *testing.T) {
	const fn = "aws_lambda_function.api"
	invoke := fnRefs(fn, "invoke_arn")
	httpAPI := api("aws_apigatewayv2_api.http", "HTTP")
	route := httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.http", nil, invoke...)
	tests := []struct {
		name string
		fn   plantest.Resource
		more []plantest.Resource
		want string
	}{
		{
			name: "java: SnapStart, free",
			fn:   coldFn(fn, "java21", nil),
			want: `enable SnapStart (snap_start { apply_on = "PublishedVersions" } with publish = true, free for Java) and point aws_apigatewayv2_integration.api at an alias`,
		},
		{
			name: "java8: SnapStart does not support it",
			fn:   coldFn(fn, "java8.al2", nil),
			want: "move to a runtime SnapStart supports (java21, dotnet8) and enable it, or add provisioned concurrency on an alias and point aws_apigatewayv2_integration.api at it",
		},
		{
			name: "SnapStart on, but $LATEST invoked",
			fn:   coldFn(fn, "java21", map[string]any{"publish": true, "snap_start": snapStart()}),
			want: "point aws_apigatewayv2_integration.api at an alias of a published version: SnapStart does not apply to $LATEST",
		},
		{
			name: "provisioned concurrency already on another alias",
			fn:   coldFn(fn, "java21", map[string]any{"publish": true}),
			more: []plantest.Resource{liveAlias("aws_lambda_alias.live", fn),
				provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, "aws_lambda_alias.live")},
			want: "point aws_apigatewayv2_integration.api at alias live, which aws_lambda_provisioned_concurrency_config.api already keeps warm",
		},
		{
			name: "container image: provisioned concurrency or the container half",
			fn:   coldFn(fn, "", map[string]any{"package_type": "Image", "runtime": nil}),
			want: "add provisioned concurrency on an alias and point aws_apigatewayv2_integration.api at it, or serve the path from the container half of a hybrid unit (an always-on container has no cold starts)",
		},
		{
			name: "SnapStart blocked by EFS",
			fn: coldFn(fn, "java21", map[string]any{"publish": true, "snap_start": snapStart(), "file_system_config": []any{
				map[string]any{"arn": "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1", "local_mount_path": "/mnt/models"}}}),
			want: "remove file_system_config (move the data to S3 or /tmp) so SnapStart can apply (with publish = true, and aws_apigatewayv2_integration.api pointed at an alias), or add provisioned concurrency on an alias and point aws_apigatewayv2_integration.api at it",
		},
		{
			name: "node package: trim it",
			fn: func() plantest.Resource {
				r := coldFn(fn, "nodejs22.x", map[string]any{"source_code_size": 30 << 20})
				r.Unknown = []string{"invoke_arn"}
				return r
			}(),
			want: "trim the package below 10.0 MB (bundle, tree-shake, move data to S3), or add provisioned concurrency on an alias and point aws_apigatewayv2_integration.api at it",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := run(t, rules.LambdaColdStartOnSyncPath, plantest.New().Add(tt.fn, httpAPI, route).Add(tt.more...))
			require.Len(t, fs, 1)
			require.Equal(t, tt.want, fs[0].Remediation)
		})
	}
}

// TestLambdaColdStartOnSyncCallers covers the synchronous callers the timing rules find (Cognito,
// Connect, S3 Object Lambda, ...): they are on the synchronous path without a second list.
func TestLambdaColdStartOnSyncCallers(t *testing.T) {
	const fn = "aws_lambda_function.api"
	const arn = "arn:aws:lambda:eu-west-1:123456789012:function:api"
	java := coldFn(fn, "java21", nil)
	image := coldFn(fn, "", map[string]any{"package_type": "Image", "runtime": nil, "handler": nil,
		"image_uri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"})
	byName := coldFn(fn, "java21", map[string]any{"arn": arn})
	pool := userPool("aws_cognito_user_pool.pool", map[string][]string{"pre_sign_up": fnRefs(fn, "arn")})
	const cold = ", with no provisioned concurrency or ping every 5 min on $LATEST: cold starts land on waiting requests"
	tests := []struct {
		name string
		plan func(t *testing.T) *plantest.Builder
		want []string
	}{
		{
			name: "java behind a Cognito trigger",
			plan: func(*testing.T) *plantest.Builder { return plantest.New().Add(java, pool) },
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_cognito_user_pool.pool (Cognito trigger)" + cold},
		},
		{
			name: "a container image associated with Amazon Connect",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(image, connectInstance, connectAssociation("aws_connect_lambda_function_association.api", fnRefs(fn, "arn")...))
			},
			want: []string{"warning aws_lambda_function.api: container image on the synchronous path of " +
				"aws_connect_lambda_function_association.api (Amazon Connect)" + cold},
		},
		{
			name: "java invoked by a synchronous contact flow block",
			plan: func(t *testing.T) *plantest.Builder {
				return plantest.New().Add(byName, connectInstance, contactFlow(t, "aws_connect_contact_flow.inbound",
					map[string]any{"LambdaFunctionARN": arn, "InvocationTimeLimitSeconds": "5"}))
			},
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_connect_contact_flow.inbound (Amazon Connect)" + cold},
		},
		{
			name: "an asynchronous contact flow block is not a synchronous path",
			plan: func(t *testing.T) *plantest.Builder {
				return plantest.New().Add(byName, connectInstance, contactFlow(t, "aws_connect_contact_flow.inbound",
					map[string]any{"LambdaFunctionARN": arn, "InvocationTimeLimitSeconds": "30", "InvocationType": "ASYNCHRONOUS"}))
			},
			want: []string{},
		},
		{
			name: "java behind an S3 Object Lambda access point",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(java, objectLambdaAccessPoint("aws_s3control_object_lambda_access_point.redact", fnRefs(fn, "arn")...))
			},
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_s3control_object_lambda_access_point.redact (S3 Object Lambda)" + cold},
		},
		{
			name: "java behind an SES receipt rule that waits for the answer (RequestResponse)",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(byName, sesRule("aws_ses_receipt_rule.inbound", []any{sesAction(arn, "RequestResponse")}))
			},
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_ses_receipt_rule.inbound (SES RequestResponse)" + cold},
		},
		{
			name: "an SES Event action is asynchronous and silent",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(byName, sesRule("aws_ses_receipt_rule.inbound", []any{sesAction(arn, "Event")}))
			},
			want: []string{},
		},
		{
			name: "an HTTP API and a Cognito trigger are named together, once each",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(java, pool, api("aws_apigatewayv2_api.http", "HTTP"),
					httpIntegration("aws_apigatewayv2_integration.api", "aws_apigatewayv2_api.http", nil, fnRefs(fn, "invoke_arn")...))
			},
			want: []string{"warning aws_lambda_function.api: java21 runtime without SnapStart on the synchronous path of " +
				"aws_apigatewayv2_integration.api (HTTP API integration) and aws_cognito_user_pool.pool (Cognito trigger)" + cold},
		},
		{
			name: "provisioned concurrency on the alias the Cognito trigger invokes keeps it warm",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(coldFn(fn, "java21", map[string]any{"publish": true}), liveAlias("aws_lambda_alias.live", fn),
					userPool("aws_cognito_user_pool.pool", map[string][]string{"pre_sign_up": fnRefs("aws_lambda_alias.live", "arn")}),
					plantest.Resource{Address: "aws_lambda_provisioned_concurrency_config.live",
						After:   map[string]any{"function_name": "api", "provisioned_concurrent_executions": 1, "qualifier": "live"},
						Unknown: []string{"function_name"},
						Refs:    map[string][]string{"function_name": fnRefs(fn, "function_name")}})
			},
			want: []string{},
		},
		{
			name: "python with a small package behind a Cognito trigger is silent",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(coldFn(fn, "python3.13", map[string]any{"source_code_size": 2 << 20}), pool)
			},
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaColdStartOnSyncPath, tt.plan(t))))
		})
	}
}
