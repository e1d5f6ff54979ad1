package rules

import (
	"fmt"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaTimeoutExceedsSQSVisibility flags SQS event source mappings whose queue hides a message for
// less time than the function may take with it.
var LambdaTimeoutExceedsSQSVisibility = &Rule{
	Name:     "aws_lambda_timeout_exceeds_sqs_visibility",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "queue visibility timeout is shorter than the function that consumes it needs",
	Doc: Doc{
		Why: "While a function works on a batch, SQS hides its messages for the queue's visibility timeout " +
			"(`visibility_timeout_seconds`, 30 s when unset). If that is shorter than the function's timeout, " +
			"AWS refuses to create the event source mapping (an error: the plan succeeds, the apply fails). " +
			"AWS recommends at least six times the function timeout plus the batching window, so that retries " +
			"after throttling do not make messages visible again while they are still being processed; below that " +
			"(a warning), messages are processed twice.",
		HowToFix: "- Raise the queue's `visibility_timeout_seconds` to at least 6 × the function timeout + `maximum_batching_window_in_seconds`.\n" +
			"- Or lower the function's timeout, moving long jobs to a container that reads the queue.",
		Sources: []string{
			"https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html",
			"terraform-provider-aws internal/service/sqs (defaultQueueVisibilityTimeout = 30)",
		},
		Example: Example{
			Note: "A queue left at the default 30 s visibility timeout feeds a function that may run for a minute.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.worker",
					After: map[string]any{
						"function_name": "worker",
						"memory_size":   512,
						"runtime":       "nodejs22.x",
						"timeout":       60,
					},
				},
				{
					Address:  "aws_sqs_queue.jobs",
					After:    map[string]any{"name": "jobs", "visibility_timeout_seconds": 30},
					Unknown:  []string{"arn"},
					Defaults: []string{"visibility_timeout_seconds"},
				},
				{
					Address: "aws_lambda_event_source_mapping.jobs",
					After:   map[string]any{"batch_size": 10},
					Unknown: []string{"event_source_arn", "function_name"},
					Refs: map[string][]string{
						"event_source_arn": {"aws_sqs_queue.jobs.arn", "aws_sqs_queue.jobs"},
						"function_name":    {"aws_lambda_function.worker.arn", "aws_lambda_function.worker"},
					},
				},
			},
		},
	},
	Check: checkLambdaTimeoutExceedsSQSVisibility,
}

func checkLambdaTimeoutExceedsSQSVisibility(pass *Pass) {
	timeouts := serverless.TimeoutsOf(pass.Graph)
	for _, c := range serverless.Callers(pass.Graph, pass.Settings.Inputs(), serverless.SQSCallers) {
		if timeout, ok := timeouts.Of(c.Function); ok {
			checkQueue(pass, c, timeout)
		}
	}
}

func checkQueue(pass *Pass, c serverless.CallerLimit, timeout int) {
	q, esm, vt := c.Caller, c.Through, c.LimitMillis/1000
	window, windowKnown := serverless.SQSBatchingWindow(esm)
	related := []string{q.Address, esm.Address, c.Via}
	recommended := platform.SQSVisibilityTimeoutFactor*timeout + window
	switch {
	case vt < timeout:
		pass.Report(finding.Finding{
			Severity:  finding.Error,
			Address:   c.Function.Address,
			Attribute: "timeout",
			Related:   related,
			Message: fmt.Sprintf("timeout %s exceeds the %s visibility timeout of %s: AWS refuses to create %s",
				serverless.Seconds(timeout), serverless.Seconds(vt), q.Address, esm.Address),
			Remediation: fmt.Sprintf("set visibility_timeout_seconds of %s to at least %d (6 × timeout + batching window), or lower the timeout", q.Address, recommended),
		})
	case windowKnown && vt < recommended:
		parts := []string{fmt.Sprintf("6 × timeout %s", serverless.Seconds(timeout))}
		if window > 0 {
			parts = append(parts, fmt.Sprintf("batching window %s", serverless.Seconds(window)))
		}
		pass.Report(finding.Finding{
			Severity:  finding.Warning,
			Address:   c.Function.Address,
			Attribute: "timeout",
			Related:   related,
			Message: fmt.Sprintf("visibility timeout %s of %s is below the %s AWS recommends (%s): messages can be processed twice",
				serverless.Seconds(vt), q.Address, serverless.Seconds(recommended), strings.Join(parts, " + ")),
			Remediation: fmt.Sprintf("set visibility_timeout_seconds of %s to at least %d", q.Address, recommended),
		})
	}
}
