package rules_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func queue(addr string, visibility any) plantest.Resource {
	r := plantest.Resource{Address: addr, After: map[string]any{"name": addr}, Unknown: []string{"arn"}}
	switch v := visibility.(type) {
	case nil:
		r.After["visibility_timeout_seconds"] = 30 // the provider default, as plans show it
		r.Defaults = []string{"visibility_timeout_seconds"}
	case string:
		r.Unknown = append(r.Unknown, "visibility_timeout_seconds")
	default:
		r.After["visibility_timeout_seconds"] = v
	}
	return r
}

func mapping(addr, queueAddr, fnAddr string, window any) plantest.Resource {
	r := plantest.Resource{Address: addr, After: map[string]any{"batch_size": 10},
		Unknown: []string{"event_source_arn", "function_name"},
		Refs: map[string][]string{
			"event_source_arn": {queueAddr + ".arn", queueAddr},
			"function_name":    {fnAddr + ".arn", fnAddr},
		}}
	if window != nil {
		r.After["maximum_batching_window_in_seconds"] = window
	}
	return r
}

func unknownWindow(r plantest.Resource) plantest.Resource {
	r.Unknown = append(r.Unknown, "maximum_batching_window_in_seconds")
	return r
}

func TestLambdaTimeoutExceedsSQSVisibility(t *testing.T) {
	const fn, q, esm = "aws_lambda_function.worker", "aws_sqs_queue.jobs", "aws_lambda_event_source_mapping.jobs"
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "default 30s visibility below the timeout: the mapping can't be created",
			plan: plantest.New().Add(lambda(fn, 60), queue(q, nil), mapping(esm, q, fn, nil)),
			want: []string{"error aws_lambda_function.worker: timeout 60s exceeds the 30s visibility timeout of aws_sqs_queue.jobs: AWS refuses to create aws_lambda_event_source_mapping.jobs"},
		},
		{
			name: "below six times the timeout warns",
			plan: plantest.New().Add(lambda(fn, 60), queue(q, 300), mapping(esm, q, fn, nil)),
			want: []string{"warning aws_lambda_function.worker: visibility timeout 300s of aws_sqs_queue.jobs is below the 360s AWS recommends (6 × timeout 60s): messages can be processed twice"},
		},
		{
			name: "the batching window counts",
			plan: plantest.New().Add(lambda(fn, 60), queue(q, 360), mapping(esm, q, fn, 20)),
			want: []string{"warning aws_lambda_function.worker: visibility timeout 360s of aws_sqs_queue.jobs is below the 380s AWS recommends (6 × timeout 60s + batching window 20s): messages can be processed twice"},
		},
		{
			name: "at six times the timeout is silent",
			plan: plantest.New().Add(lambda(fn, 60), queue(q, 360), mapping(esm, q, fn, nil)),
			want: []string{},
		},
		{
			name: "the 3s default timeout under the default queue is silent",
			plan: plantest.New().Add(lambda(fn, 3), queue(q, nil), mapping(esm, q, fn, nil)),
			want: []string{},
		},
		{
			name: "unknown visibility is silent",
			plan: plantest.New().Add(lambda(fn, 60), queue(q, "unknown"), mapping(esm, q, fn, nil)),
			want: []string{},
		},
		{
			name: "unknown function timeout is silent",
			plan: plantest.New().Add(unknownLambda(fn), queue(q, nil), mapping(esm, q, fn, nil)),
			want: []string{},
		},
		{
			name: "unknown batching window: the recommendation is not guessed",
			plan: plantest.New().Add(lambda(fn, 60), queue(q, 300), unknownWindow(mapping(esm, q, fn, nil))),
			want: []string{},
		},
		{
			name: "unknown batching window: the hard limit still holds",
			plan: plantest.New().Add(lambda(fn, 60), queue(q, 45), unknownWindow(mapping(esm, q, fn, nil))),
			want: []string{"error aws_lambda_function.worker: timeout 60s exceeds the 45s visibility timeout of aws_sqs_queue.jobs: AWS refuses to create aws_lambda_event_source_mapping.jobs"},
		},
		{
			name: "a mapping the plan deletes is silent",
			plan: plantest.New().Add(lambda(fn, 60), queue(q, nil), deleted(mapping(esm, q, fn, nil))),
			want: []string{},
		},
		{
			name: "a queue the plan deletes is silent",
			plan: plantest.New().Add(lambda(fn, 60), deleted(queue(q, nil)), mapping(esm, q, fn, nil)),
			want: []string{},
		},
		{
			name: "a forgotten queue is judged by its real values, not the default, and then left alone",
			plan: plantest.New().Add(lambda(fn, 60), forgotten(queue(q, 600)), mapping(esm, q, fn, nil)),
			want: []string{},
		},
		{
			name: "a mapping on a stream is not this rule's business",
			plan: plantest.New().Add(lambda(fn, 60),
				plantest.Resource{Address: "aws_kinesis_stream.s", After: map[string]any{"name": "s"}, Unknown: []string{"arn"}},
				mapping(esm, "aws_kinesis_stream.s", fn, nil)),
			want: []string{},
		},
		{
			name: "queue found by a hard-coded ARN",
			plan: plantest.New().Add(lambda(fn, 60), queue(q, nil),
				plantest.Resource{Address: esm, After: map[string]any{"batch_size": 10,
					"event_source_arn": "arn:aws:sqs:eu-west-1:123456789012:aws_sqs_queue.jobs"},
					Unknown: []string{"function_name"}, Refs: map[string][]string{"function_name": {fn + ".arn", fn}}}),
			want: []string{"error aws_lambda_function.worker: timeout 60s exceeds the 30s visibility timeout of aws_sqs_queue.jobs: AWS refuses to create aws_lambda_event_source_mapping.jobs"},
		},
		{
			name: "queues and functions in for_each instances pair by key",
			plan: plantest.New().Add(
				lambda(`aws_lambda_function.w["a"]`, 60), lambda(`aws_lambda_function.w["b"]`, 5),
				queue(`aws_sqs_queue.q["a"]`, nil), queue(`aws_sqs_queue.q["b"]`, nil),
				plantest.Resource{Address: `aws_lambda_event_source_mapping.m["a"]`, Unknown: []string{"event_source_arn", "function_name"},
					Refs: map[string][]string{"event_source_arn": {"aws_sqs_queue.q", "each.key"}, "function_name": {"aws_lambda_function.w", "each.key"}}},
				plantest.Resource{Address: `aws_lambda_event_source_mapping.m["b"]`, Unknown: []string{"event_source_arn", "function_name"},
					Refs: map[string][]string{"event_source_arn": {"aws_sqs_queue.q", "each.key"}, "function_name": {"aws_lambda_function.w", "each.key"}}}),
			want: []string{`error aws_lambda_function.w["a"]: timeout 60s exceeds the 30s visibility timeout of aws_sqs_queue.q["a"]: AWS refuses to create aws_lambda_event_source_mapping.m["a"]`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaTimeoutExceedsSQSVisibility, tt.plan)))
		})
	}
}

// Both limits one second below, at and one second above: AWS accepts a visibility timeout equal to
// the function timeout (only the 6× recommendation applies), and the recommendation is met exactly
// at 6 × timeout + window. The 30 s default is tested with visibility_timeout_seconds absent and null.
func TestLambdaTimeoutExceedsSQSVisibilityBoundaries(t *testing.T) {
	const fn, q, esm = "aws_lambda_function.worker", "aws_sqs_queue.jobs", "aws_lambda_event_source_mapping.jobs"
	errAt := func(timeout, visibility int) string {
		return fmt.Sprintf("error aws_lambda_function.worker: timeout %ds exceeds the %ds visibility timeout of aws_sqs_queue.jobs: AWS refuses to create aws_lambda_event_source_mapping.jobs", timeout, visibility)
	}
	warnAt := func(visibility, recommended int, parts string) string {
		return fmt.Sprintf("warning aws_lambda_function.worker: visibility timeout %ds of aws_sqs_queue.jobs is below the %ds AWS recommends (%s): messages can be processed twice", visibility, recommended, parts)
	}
	withVisibility := func(v any, absent bool) plantest.Resource {
		r := queue(q, 0)
		if absent {
			delete(r.After, "visibility_timeout_seconds")
		} else {
			r.After["visibility_timeout_seconds"] = v
		}
		return r
	}
	tests := []struct {
		name    string
		timeout int
		queue   plantest.Resource
		window  any
		want    []string
	}{
		{"visibility one above the timeout", 59, withVisibility(60, false), nil, []string{warnAt(60, 354, "6 × timeout 59s")}},
		{"visibility at the timeout", 60, withVisibility(60, false), nil, []string{warnAt(60, 360, "6 × timeout 60s")}},
		{"visibility one below the timeout", 61, withVisibility(60, false), nil, []string{errAt(61, 60)}},
		{"one below the recommendation", 60, withVisibility(359, false), nil, []string{warnAt(359, 360, "6 × timeout 60s")}},
		{"at the recommendation", 60, withVisibility(360, false), nil, []string{}},
		{"one above the recommendation", 60, withVisibility(361, false), nil, []string{}},
		{"at the recommendation with a window", 60, withVisibility(380, false), 20, []string{}},
		{"one below the recommendation with a window", 60, withVisibility(379, false), 20,
			[]string{warnAt(379, 380, "6 × timeout 60s + batching window 20s")}},
		{"default, absent: at the timeout", 30, withVisibility(nil, true), nil, []string{warnAt(30, 180, "6 × timeout 30s")}},
		{"default, absent: one above the timeout", 31, withVisibility(nil, true), nil, []string{errAt(31, 30)}},
		{"default, absent: recommendation met", 5, withVisibility(nil, true), nil, []string{}},
		{"default, absent: one short of the recommendation", 6, withVisibility(nil, true), nil, []string{warnAt(30, 36, "6 × timeout 6s")}},
		{"default, null: at the timeout", 30, withVisibility(nil, false), nil, []string{warnAt(30, 180, "6 × timeout 30s")}},
		{"default, null: one above the timeout", 31, withVisibility(nil, false), nil, []string{errAt(31, 30)}},
		{"batching window null counts as none", 5, withVisibility(30, false), "null", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mapping(esm, q, fn, tt.window)
			if tt.window == "null" {
				m.After["maximum_batching_window_in_seconds"] = nil
			}
			p := plantest.New().Add(lambda(fn, tt.timeout), tt.queue, m)
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaTimeoutExceedsSQSVisibility, p)))
		})
	}
}
