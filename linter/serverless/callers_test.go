package serverless_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/benchmark"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// Callers hands each timing rule what its finder finds, found once per graph and inputs with every
// other finder: the same callers, one shared slice, which an append does not change.
func TestCallersFoundOnce(t *testing.T) {
	b := plantest.New().Add(
		plantest.LambdaFunction("aws_lambda_function.worker", "python3.12", map[string]any{"timeout": 60}),
		plantest.Resource{Address: "aws_sqs_queue.jobs", After: map[string]any{"name": "jobs", "visibility_timeout_seconds": 30}, Unknown: []string{"arn"}},
		plantest.Resource{Address: "aws_lambda_event_source_mapping.jobs", After: map[string]any{"batch_size": 10},
			Unknown: []string{"event_source_arn", "function_name"},
			Refs: map[string][]string{"event_source_arn": plantest.Refs("aws_sqs_queue.jobs", "arn"),
				"function_name": plantest.Refs("aws_lambda_function.worker", "arn")}},
		plantest.CloudFunction2("google_cloudfunctions2_function.report", map[string]any{"timeout_seconds": 540}, nil),
		plantest.Resource{Address: "google_cloud_scheduler_job.nightly", After: map[string]any{"name": "nightly", "schedule": "0 3 * * *",
			"http_target": []any{map[string]any{"http_method": "POST"}}},
			Unknown: []string{"http_target.0.uri"},
			Refs:    map[string][]string{"http_target.uri": plantest.Refs("google_cloudfunctions2_function.report", "url")}},
	)
	g, in := b.Graph(t), serverless.Inputs{}
	for _, tc := range []struct {
		name string
		find serverless.CallerFinder
		want int
	}{
		{"SQS", serverless.SQSCallers, 1},
		{"Google deadlines", serverless.GCPDeadlineCallers, 1},
		{"API Gateway", serverless.APIGatewayCallers, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := serverless.Callers(g, in, tc.find)
			require.Len(t, got, tc.want)
			assert.Equal(t, tc.find(g, in), got, "what the finder finds")
			if tc.want > 0 {
				assert.Same(t, &got[0], &serverless.Callers(g, in, tc.find)[0], "found once")
			}
		})
	}
	all := serverless.CallerLimits(g, in)
	require.Len(t, all, 2)
	assert.Same(t, &all[0], &serverless.CallerLimits(g, in)[0], "all of them, once")
	assert.Equal(t, append(serverless.SQSCallers(g, in), serverless.GCPDeadlineCallers(g, in)...), all, "in the finders' order")
	_ = append(serverless.Callers(g, in, serverless.SQSCallers), serverless.CallerLimit{Label: "appended"})
	assert.Equal(t, serverless.GCPDeadlineCallers(g, in), serverless.CallerLimits(g, in)[1:], "an append copies")
	assert.NotSame(t, &all[0], &serverless.CallerLimits(g, serverless.Inputs{IdleWindowMinutes: 5})[0], "other inputs find again")
	unlisted := func(*graph.Graph, serverless.Inputs) []serverless.CallerLimit {
		return []serverless.CallerLimit{{Label: "asked directly"}}
	}
	assert.Equal(t, "asked directly", serverless.Callers(g, in, unlisted)[0].Label)
}

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

// modulesPlan is the many-modules shape at 1,000 module calls: 1,000 functions, each with a REST
// integration and an SQS queue in front of it.
func modulesPlan(b *testing.B) *plan.Plan {
	var buf bytes.Buffer
	require.NoError(b, benchmark.ManyModules(&buf, 1000))
	p, err := plan.Parse("bench.json", buf.Bytes())
	require.NoError(b, err)
	return p
}

// BenchmarkCallerLimits asks for the callers the way one lint does: the SQS and API Gateway timing
// rules their own kind, the two cold-start rules (AWS and Google) the synchronous ones, each on the
// same graph. Each round builds a new graph (outside the timer): the callers are found once per graph.
func BenchmarkCallerLimits(b *testing.B) {
	p := modulesPlan(b)
	in := serverless.Inputs{}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		g := graph.New(p)
		b.StartTimer()
		require.Len(b, serverless.Callers(g, in, serverless.SQSCallers), 1000)
		require.Len(b, serverless.Callers(g, in, serverless.APIGatewayCallers), 1000)
		require.Len(b, serverless.SyncCalls(g, in), 1000)
		// The REST integrations are synchronous callers SyncCalls finds itself; no finder marks them.
		require.Empty(b, serverless.SyncCallerLimits(g, in))
	}
}
