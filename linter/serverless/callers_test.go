package serverless_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// CallerLimits asks every finder: a plan with callers of several kinds gives one limit per call, with
// the timing rule that reports it; callers and functions the plan deletes give none.
func TestCallerLimits(t *testing.T) {
	fn := func(addr string) plantest.Resource {
		return plantest.LambdaFunction(addr, "python3.12", map[string]any{"timeout": 60})
	}
	gone := fn("aws_lambda_function.gone")
	gone.Actions = []string{"delete"}
	sfn := `{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",` +
		`"Parameters":{"FunctionName":"batch"},"TimeoutSeconds":45,"End":true}}}`
	b := plantest.New().Add(
		fn("aws_lambda_function.api"), fn("aws_lambda_function.worker"), fn("aws_lambda_function.batch"), gone,
		plantest.Resource{Address: "aws_apigatewayv2_api.http", After: map[string]any{"name": "http", "protocol_type": "HTTP"}},
		plantest.Resource{Address: "aws_apigatewayv2_integration.api", After: map[string]any{"integration_type": "AWS_PROXY"},
			Unknown: []string{"integration_uri", "api_id", "timeout_milliseconds"},
			Refs: map[string][]string{"integration_uri": plantest.Refs("aws_lambda_function.api", "invoke_arn"),
				"api_id": plantest.Refs("aws_apigatewayv2_api.http", "id")}},
		plantest.Resource{Address: "aws_apigatewayv2_integration.gone", After: map[string]any{"integration_type": "AWS_PROXY"},
			Unknown: []string{"integration_uri", "api_id", "timeout_milliseconds"},
			Refs:    map[string][]string{"integration_uri": plantest.Refs("aws_lambda_function.gone", "invoke_arn")}},
		plantest.Resource{Address: "aws_sqs_queue.jobs", After: map[string]any{"name": "jobs", "visibility_timeout_seconds": nil}, Unknown: []string{"arn"}},
		plantest.Resource{Address: "aws_lambda_event_source_mapping.jobs", After: map[string]any{"batch_size": 10},
			Unknown: []string{"event_source_arn", "function_name"},
			Refs: map[string][]string{"event_source_arn": plantest.Refs("aws_sqs_queue.jobs", "arn"),
				"function_name": plantest.Refs("aws_lambda_function.worker", "arn")}},
		plantest.Resource{Address: "aws_sfn_state_machine.flow", After: map[string]any{"name": "flow", "type": "EXPRESS", "definition": sfn}},
		plantest.CloudFunction2("google_cloudfunctions2_function.report", map[string]any{"timeout_seconds": 540}, nil),
		plantest.Resource{Address: "google_cloud_scheduler_job.nightly", After: map[string]any{"name": "nightly", "schedule": "0 3 * * *",
			"http_target": []any{map[string]any{"http_method": "POST"}}},
			Unknown: []string{"http_target.0.uri"},
			Refs:    map[string][]string{"http_target.uri": plantest.Refs("google_cloudfunctions2_function.report", "url")}},
	)
	var got []string
	for _, c := range serverless.CallerLimits(b.Graph(t), serverless.Inputs{}) {
		got = append(got, fmt.Sprintf("%s <- %s: %d ms %s (default %v) [%s]", c.Function.Address, c.Caller.Address, c.LimitMillis, c.Label, c.Default, c.Rule))
	}
	require.Equal(t, []string{
		"aws_lambda_function.api <- aws_apigatewayv2_integration.api: 30000 ms HTTP API limit (default false) [aws_lambda_timeout_exceeds_api_gateway]",
		"aws_lambda_function.worker <- aws_sqs_queue.jobs: 30000 ms visibility timeout (default true) [aws_lambda_timeout_exceeds_sqs_visibility]",
		"aws_lambda_function.batch <- aws_sfn_state_machine.flow: 300000 ms EXPRESS state machine limit (default false) [aws_sfn_lambda_task_timeout]",
		`aws_lambda_function.batch <- aws_sfn_state_machine.flow: 45000 ms TimeoutSeconds of state "Run" (default false) [aws_sfn_lambda_task_timeout]`,
		"google_cloudfunctions2_function.report <- google_cloud_scheduler_job.nightly: 180000 ms attempt deadline (default true) [gcp_caller_deadline_below_timeout]",
	}, got)
}
