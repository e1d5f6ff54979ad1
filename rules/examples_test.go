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

	// Google Cloud (issue 4)

	// Azure (issue 4)

	// Hybrid units (issue 5)

	// Economics (issue 7)
}
