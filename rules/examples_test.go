package rules_test

import (
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

type findingLike = finding.Finding

// example is the plan a rule's documentation page runs the rule on.
type example struct {
	note string
	plan *plantest.Builder
}

// exampleSettings fixes "now" so pages do not change with the date they are generated on.
var exampleSettings = rules.Settings{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), IdleWindowMinutes: 5}

// examples maps each rule to its documentation example. Every rule needs one (TestDocs checks).
var examples = map[string]example{
	"aws_lambda_timeout_exceeds_api_gateway": {
		note: "An HTTP API invokes a report generator configured for two minutes.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.report", After: map[string]any{
				"function_name": "report", "runtime": "python3.12", "memory_size": 1024, "timeout": 120}},
			plantest.Resource{Address: "aws_apigatewayv2_api.api", After: map[string]any{"name": "api", "protocol_type": "HTTP"}},
			plantest.Resource{Address: "aws_apigatewayv2_integration.report", After: map[string]any{
				"integration_type": "AWS_PROXY", "payload_format_version": "2.0"},
				Unknown: []string{"integration_uri", "api_id", "timeout_milliseconds"},
				Refs: map[string][]string{
					"api_id":          {"aws_apigatewayv2_api.api.id", "aws_apigatewayv2_api.api"},
					"integration_uri": {"aws_lambda_function.report.invoke_arn", "aws_lambda_function.report"},
				}},
		),
	},
	"aws_lambda_timeout_exceeds_sqs_visibility": {
		note: "A queue left at the default 30 s visibility timeout feeds a function that may run for a minute.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.worker", After: map[string]any{
				"function_name": "worker", "runtime": "nodejs22.x", "memory_size": 512, "timeout": 60}},
			plantest.Resource{Address: "aws_sqs_queue.jobs", After: map[string]any{"name": "jobs", "visibility_timeout_seconds": 30},
				Defaults: []string{"visibility_timeout_seconds"}, Unknown: []string{"arn"}},
			plantest.Resource{Address: "aws_lambda_event_source_mapping.jobs", After: map[string]any{"batch_size": 10},
				Unknown: []string{"event_source_arn", "function_name"},
				Refs: map[string][]string{
					"event_source_arn": {"aws_sqs_queue.jobs.arn", "aws_sqs_queue.jobs"},
					"function_name":    {"aws_lambda_function.worker.arn", "aws_lambda_function.worker"},
				}},
		),
	},
	"aws_lambda_timeout_near_limit": {
		note: "A nightly export is configured for 14 minutes.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.export", After: map[string]any{
				"function_name": "export", "runtime": "python3.12", "memory_size": 2048, "timeout": 840}},
		),
	},

	// AWS rule pack (issue 3)
	"aws_lambda_cold_start_on_sync_path": {
		note: "A Spring Boot API on java21 answers an HTTP API, with neither SnapStart nor provisioned concurrency.",
		plan: plantest.New().Add(
			coldFn("aws_lambda_function.orders", "java21", map[string]any{"memory_size": 2048, "timeout": 25}),
			api("aws_apigatewayv2_api.shop", "HTTP"),
			httpIntegration("aws_apigatewayv2_integration.orders", "aws_apigatewayv2_api.shop", 29000,
				fnRefs("aws_lambda_function.orders", "invoke_arn")...),
		),
	},
	"aws_lambda_snapstart_misconfigured": {
		note: "SnapStart is switched on for a Java function with 2 GB of /tmp, and versions are never published.",
		plan: plantest.New().Add(
			coldFn("aws_lambda_function.pricing", "java21", map[string]any{"snap_start": snapStart(),
				"ephemeral_storage": []any{map[string]any{"size": 2048}}}),
		),
	},
	"aws_lambda_provisioned_concurrency_unpublished": {
		note: "Provisioned concurrency on an alias of a function left at `publish = false`: the alias points at $LATEST.",
		plan: plantest.New().Add(
			coldFn("aws_lambda_function.search", "python3.12", nil),
			liveAlias("aws_lambda_alias.live", "aws_lambda_function.search"),
			provisionedOn("aws_lambda_provisioned_concurrency_config.search", "aws_lambda_function.search", "aws_lambda_alias.live"),
		),
	},
	"aws_keep_warm_interval_too_long": {
		note: "A serverless-plugin-warmup style ping every 15 minutes, three times the 5-minute idle window.",
		plan: plantest.New().Add(
			coldFn("aws_lambda_function.checkout", "nodejs22.x", nil),
			eventRule("aws_cloudwatch_event_rule.checkout_warmer", "rate(15 minutes)", map[string]any{"name": "checkout-warmer"}),
			eventTarget("aws_cloudwatch_event_target.checkout_warmer", "aws_cloudwatch_event_rule.checkout_warmer",
				`{"source":"serverless-plugin-warmup"}`, fnRefs("aws_lambda_function.checkout", "arn")...),
		),
	},
	"aws_keep_warm_redundant": {
		note: "A warmer still pings the `live` alias after provisioned concurrency was added to it.",
		plan: plantest.New().Add(
			coldFn("aws_lambda_function.quotes", "java21", map[string]any{"publish": true}),
			liveAlias("aws_lambda_alias.live", "aws_lambda_function.quotes"),
			provisionedOn("aws_lambda_provisioned_concurrency_config.quotes", "aws_lambda_function.quotes", "aws_lambda_alias.live"),
			eventRule("aws_cloudwatch_event_rule.quotes_warmer", "rate(5 minutes)", map[string]any{"name": "quotes-warmer"}),
			eventTarget("aws_cloudwatch_event_target.quotes_warmer", "aws_cloudwatch_event_rule.quotes_warmer",
				`{"warmer":true,"concurrency":2}`, fnRefs("aws_lambda_alias.live", "arn")...),
		),
	},
	"aws_lambda_runtime_deprecated": {
		note: "On 2026-11-25: a function still on python3.8 gets an update, and an untouched one runs nodejs12.x.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.reports", Actions: []string{"update"}, After: map[string]any{
				"function_name": "reports", "runtime": "python3.8", "memory_size": 512, "timeout": 60}},
			plantest.Resource{Address: "aws_lambda_function.legacy", Actions: []string{"no-op"}, After: map[string]any{
				"function_name": "legacy", "runtime": "nodejs12.x", "memory_size": 128, "timeout": 3}},
		),
	},
	"aws_lambda_timeout_exceeds_appsync": {
		note: "A GraphQL mutation resolves through a Lambda data source whose function may take two minutes.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.checkout", After: map[string]any{
				"function_name": "checkout", "runtime": "nodejs22.x", "memory_size": 1024, "timeout": 120}},
			plantest.Resource{Address: "aws_appsync_graphql_api.shop", After: map[string]any{"name": "shop", "authentication_type": "AMAZON_COGNITO_USER_POOLS"}},
			plantest.Resource{Address: "aws_appsync_datasource.checkout", After: map[string]any{"name": "checkout", "type": "AWS_LAMBDA"},
				Unknown: []string{"api_id", "lambda_config", "service_role_arn"},
				Refs: map[string][]string{
					"api_id":                       {"aws_appsync_graphql_api.shop.id", "aws_appsync_graphql_api.shop"},
					"lambda_config.0.function_arn": {"aws_lambda_function.checkout.arn", "aws_lambda_function.checkout"},
				}},
		),
	},
	"aws_lambda_timeout_exceeds_alb": {
		note: "An Application Load Balancer left at the default idle timeout forwards to a report function allowed three minutes.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.report", After: map[string]any{
				"function_name": "report", "runtime": "python3.12", "memory_size": 1024, "timeout": 180}},
			plantest.Resource{Address: "aws_lb.public", After: map[string]any{"name": "public", "load_balancer_type": "application", "idle_timeout": 60},
				Defaults: []string{"idle_timeout"}, Unknown: []string{"arn"}},
			plantest.Resource{Address: "aws_lb_target_group.report", After: map[string]any{"name": "report", "target_type": "lambda"}, Unknown: []string{"arn"}},
			plantest.Resource{Address: "aws_lb_listener.https", After: map[string]any{"port": 443, "protocol": "HTTPS"},
				Unknown: []string{"load_balancer_arn", "default_action"},
				Refs: map[string][]string{
					"load_balancer_arn":                 {"aws_lb.public.arn", "aws_lb.public"},
					"default_action.0.target_group_arn": {"aws_lb_target_group.report.arn", "aws_lb_target_group.report"},
				}},
			plantest.Resource{Address: "aws_lb_target_group_attachment.report", After: map[string]any{},
				Unknown: []string{"target_group_arn", "target_id"},
				Refs: map[string][]string{
					"target_group_arn": {"aws_lb_target_group.report.arn", "aws_lb_target_group.report"},
					"target_id":        {"aws_lambda_function.report.arn", "aws_lambda_function.report"},
				}},
		),
	},
	"aws_lambda_edge_limits": {
		note: "A viewer-request function that resizes images was given the memory and time an origin function may have.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.resize", After: map[string]any{
				"function_name": "resize", "runtime": "nodejs22.x", "memory_size": 1024, "timeout": 10, "publish": true, "version": "4",
				"qualified_arn": "arn:aws:lambda:us-east-1:123456789012:function:resize:4"}},
			plantest.Resource{Address: "aws_cloudfront_distribution.assets", After: map[string]any{"enabled": true,
				"default_cache_behavior": []any{map[string]any{"target_origin_id": "assets", "viewer_protocol_policy": "redirect-to-https",
					"lambda_function_association": []any{map[string]any{"event_type": "viewer-request", "include_body": false,
						"lambda_arn": "arn:aws:lambda:us-east-1:123456789012:function:resize:4"}}}}},
				Refs: map[string][]string{"default_cache_behavior.0.lambda_function_association.0.lambda_arn": {
					"aws_lambda_function.resize.qualified_arn", "aws_lambda_function.resize"}}},
		),
	},
	"aws_sfn_lambda_task_timeout": {
		note: "An EXPRESS state machine invokes a transform function allowed ten minutes, from a task that gives up after one.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.transform", After: map[string]any{
				"function_name": "transform", "runtime": "python3.12", "memory_size": 2048, "timeout": 600,
				"arn": "arn:aws:lambda:eu-west-1:123456789012:function:transform"}},
			plantest.Resource{Address: "aws_sfn_state_machine.ingest", After: map[string]any{"name": "ingest", "type": "EXPRESS",
				"definition": `{"StartAt":"Transform","States":{"Transform":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",` +
					`"Parameters":{"FunctionName":"arn:aws:lambda:eu-west-1:123456789012:function:transform","Payload.$":"$"},` +
					`"TimeoutSeconds":60,"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],"End":true}}}`},
				Refs: map[string][]string{"definition": {"aws_lambda_function.transform.arn", "aws_lambda_function.transform"}}},
		),
	},
	"aws_lambda_memory_near_limit": {
		note: "A function that loads a language model is sized at 10 GB.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.embed", After: map[string]any{
				"function_name": "embed", "runtime": "python3.12", "memory_size": 10240, "timeout": 300}},
		),
	},
	"aws_lambda_heavy_runtime_low_memory": {
		note: "A Java API handler keeps the 256 MB it was first deployed with.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.orders", After: map[string]any{
				"function_name": "orders", "runtime": "java21", "memory_size": 256, "timeout": 20}},
		),
	},
	"aws_ecs_fargate_invalid_size": {
		note: "A Fargate worker asks for 1 vCPU with 16 GB of memory.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_ecs_task_definition.worker", After: map[string]any{
				"family": "worker", "network_mode": "awsvpc", "requires_compatibilities": []any{"FARGATE"},
				"cpu": "1024", "memory": "16384"}},
		),
	},

	// Google Cloud (issue 4)
	"gcp_function_timeout_limit": {
		note: "An event-driven 2nd gen function that resizes uploaded images is given 15 minutes.",
		plan: plantest.New().Add(gcpGen2Fn("google_cloudfunctions2_function.resize",
			map[string]any{"timeout_seconds": 900, "available_memory": "1Gi", "available_cpu": "1"},
			map[string]any{"name": "resize-images", "event_trigger": gcpPubSubTrigger})),
	},
	"gcp_caller_deadline_below_timeout": {
		note: "A nightly Cloud Scheduler job calls a report function that may run for 9 minutes, with the default attempt deadline.",
		plan: plantest.New().Add(
			gcpGen2Fn("google_cloudfunctions2_function.report", map[string]any{"timeout_seconds": 540, "available_memory": "1Gi", "available_cpu": "1"},
				map[string]any{"name": "nightly-report"}),
			gcpSchedulerJob("google_cloud_scheduler_job.nightly_report", map[string]any{"name": "nightly-report",
				"retry_config": []any{map[string]any{"retry_count": 2}}},
				gcpRef("google_cloudfunctions2_function.report", "url")...)),
	},
	"gcp_memory_cpu_mismatch": {
		note: "A Cloud Run service is given 8 GiB of memory but keeps the single vCPU it started with.",
		plan: plantest.New().Add(gcpRunSized("google_cloud_run_v2_service.search", map[string]any{"cpu": "1", "memory": "8Gi"}, nil, nil)),
	},
	"gcp_memory_near_limit": {
		note: "A 1st gen function that loads a scoring model uses the largest 1st gen memory tier.",
		plan: plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.score",
			map[string]any{"name": "score", "available_memory_mb": 8192, "timeout": 120})),
	},
	"gcp_cold_start_on_sync_path": {
		note: "A Spring Boot service that anyone may call scales to zero, with startup CPU boost off.",
		plan: plantest.New().Add(gcpJavaService("google_cloud_run_v2_service.orders", 0, false),
			gcpInvoker("google_cloud_run_v2_service_iam_member.public", "google_cloud_run_v2_service.orders", "allUsers")),
	},

	// Azure (issue 4)
	"azure_function_timeout_exceeds_plan": {
		note: "A function app on the Consumption plan raises its timeout to 20 minutes through an app setting.",
		plan: plantest.New().Add(azurePlan("azurerm_service_plan.functions", "Y1"),
			azureLinuxApp("azurerm_linux_function_app.import", "azurerm_service_plan.functions", map[string]any{"python_version": "3.11"},
				map[string]any{"AzureFunctionsJobHost__functionTimeout": "00:20:00"}, nil)),
	},
	"azure_http_timeout_above_230s": {
		note: "An HTTP-triggered export function on a Premium plan is allowed 10 minutes.",
		plan: plantest.New().Add(azurePlan("azurerm_service_plan.premium", "EP1"),
			azureLinuxApp("azurerm_linux_function_app.exports", "azurerm_service_plan.premium", javaStack,
				map[string]any{"AzureFunctionsJobHost__functionTimeout": "00:10:00"}, nil),
			azureFunction("azurerm_function_app_function.export", "azurerm_linux_function_app.exports", "httpTrigger")),
	},
	"azure_memory_low_for_runtime": {
		note: "A Java app on Flex Consumption picks the smallest, 512 MB, instances.",
		plan: plantest.New().Add(azurePlan("azurerm_service_plan.flex", "FC1"),
			azureFlexApp("azurerm_function_app_flex_consumption.billing", "azurerm_service_plan.flex", map[string]any{"instance_memory_in_mb": 512})),
	},
	"azure_cold_start_no_warm_instances": {
		note: "A .NET isolated API on Flex Consumption declares no always-ready instances.",
		plan: plantest.New().Add(azurePlan("azurerm_service_plan.flex", "FC1"),
			azureFlexApp("azurerm_function_app_flex_consumption.api", "azurerm_service_plan.flex",
				map[string]any{"runtime_name": "dotnet-isolated", "runtime_version": "8.0"})),
	},

	// Hybrid units (issue 5)
	"hybrid_unit_drift": {
		note: "A unit declares its function with a 60 s timeout and 1,536 MB; the function it targets was left at 30 s and 1,024 MB.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.thumbnails", After: map[string]any{
				"function_name": "thumbnails", "runtime": "python3.12", "memory_size": 1024, "timeout": 30}, Unknown: []string{"arn"}},
			plantest.Resource{Address: "hybrid_unit.thumbnails", After: map[string]any{"name": "thumbnails",
				"function": map[string]any{"platform": "aws_lambda", "target": "arn:aws:lambda:eu-west-1:123456789012:function:thumbnails",
					"runtime": "python3.12", "memory_mb": 1536, "timeout_seconds": 60}},
				Unknown: []string{"id", "placement"},
				Refs:    map[string][]string{"function": {"aws_lambda_function.thumbnails.arn", "aws_lambda_function.thumbnails"}}},
		),
	},
	"hybrid_unit_keep_warm_missing": {
		note: "A unit promises a ping every 5 minutes; the only schedule targeting its function runs every 15.",
		plan: plantest.New().Add(
			plantest.Resource{Address: "aws_lambda_function.thumbnails", After: map[string]any{
				"function_name": "thumbnails", "runtime": "python3.12", "memory_size": 1536, "timeout": 60}, Unknown: []string{"arn"}},
			plantest.Resource{Address: "hybrid_unit.thumbnails", After: map[string]any{"name": "thumbnails",
				"function": map[string]any{"platform": "aws_lambda", "target": "arn:aws:lambda:eu-west-1:123456789012:function:thumbnails",
					"runtime": "python3.12", "memory_mb": 1536, "timeout_seconds": 60},
				"keep_warm": map[string]any{"interval_minutes": 5, "concurrency": 1, "enabled": true}},
				Unknown: []string{"id"},
				Refs:    map[string][]string{"function": {"aws_lambda_function.thumbnails.arn", "aws_lambda_function.thumbnails"}}},
			plantest.Resource{Address: "aws_cloudwatch_event_rule.warm", After: map[string]any{"name": "thumbnails-warm",
				"schedule_expression": "rate(15 minutes)", "state": "ENABLED"}, Unknown: []string{"arn"}},
			plantest.Resource{Address: "aws_cloudwatch_event_target.warm", After: map[string]any{"target_id": "warm"},
				Unknown: []string{"arn", "rule"}, Refs: map[string][]string{
					"rule": {"aws_cloudwatch_event_rule.warm.name", "aws_cloudwatch_event_rule.warm"},
					"arn":  {"aws_lambda_function.thumbnails.arn", "aws_lambda_function.thumbnails"}}},
		),
	},

	// Economics (issue 7)
	"aws_lambda_provisioned_concurrency_cost": {
		note: "Twenty 2 GB environments are provisioned on the `live` alias of a quote service whose hybrid unit expects " +
			"100 million requests a month of 400 ms.",
		plan: plantest.New().Add(
			coldFn("aws_lambda_function.quotes", "java21", map[string]any{"memory_size": 2048, "publish": true}),
			liveAlias("aws_lambda_alias.live", "aws_lambda_function.quotes"),
			func() plantest.Resource {
				pc := provisionedOn("aws_lambda_provisioned_concurrency_config.quotes", "aws_lambda_function.quotes", "aws_lambda_alias.live")
				pc.After["provisioned_concurrent_executions"] = 20
				return pc
			}(),
			econUnit("hybrid_unit.quotes", "aws_lambda_function.quotes", 100000000, 400),
		),
	},
	"function_container_cheaper": {
		note: "An image-resizing function's hybrid unit declares 50 million requests a month of 120 ms: steady enough for one Fargate task.",
		plan: plantest.New().Add(
			coldFn("aws_lambda_function.resize", "python3.12", map[string]any{"memory_size": 512, "architectures": []any{"x86_64"}}),
			econUnit("hybrid_unit.resize", "aws_lambda_function.resize", 50000000, 120),
		),
	},
	"function_keep_warm_cost": {
		note: "A lambda-warmer schedule pings the checkout function every 5 minutes, three at a time.",
		plan: plantest.New().Add(
			coldFn("aws_lambda_function.checkout", "nodejs22.x", nil),
			eventRule("aws_cloudwatch_event_rule.checkout_warmer", "rate(5 minutes)", map[string]any{"name": "checkout-warmer"}),
			eventTarget("aws_cloudwatch_event_target.checkout_warmer", "aws_cloudwatch_event_rule.checkout_warmer",
				`{"warmer":true,"concurrency":3}`, fnRefs("aws_lambda_function.checkout", "arn")...),
		),
	},
}
