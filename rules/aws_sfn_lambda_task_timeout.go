package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// SFNLambdaTaskTimeout flags Lambda tasks of Step Functions state machines whose function may run
// longer than the task or the workflow waits for it.
var SFNLambdaTaskTimeout = &Rule{
	Name:     "aws_sfn_lambda_task_timeout",
	Severity: finding.Warning,
	Category: finding.Timeout,
	Summary:  "a Step Functions task gives up on a Lambda function before the function's own timeout",
	Doc: Doc{
		Why: "A Step Functions Task state that invokes a Lambda function waits for it only as long as the workflow " +
			"allows. An EXPRESS state machine runs for at most 5 minutes, so a function whose timeout is longer is " +
			"cut off with the whole execution. A task whose `TimeoutSeconds` is below the function's timeout fails " +
			"with States.Timeout while the invocation is still running, billed; if the state retries on that error, " +
			"the retry starts a second invocation beside the first, which then does the same work twice.\n\n" +
			"The rule parses the state machine's `definition` where the plan knows it (a literal, `jsonencode()` or " +
			"`templatefile()` whose inputs are known), walks every state including Parallel branches and Map " +
			"iterators, and recognises `arn:aws:states:::lambda:invoke` and `arn:aws:states:::aws-sdk:lambda:invoke` " +
			"tasks (their `FunctionName`) and tasks whose `Resource` is a function ARN. Asynchronous invocations (`InvocationType = \"Event\"`), callback " +
			"tasks (`.waitForTaskToken`) and timeouts taken from the input (`TimeoutSecondsPath`) are not checked.",
		HowToFix: "- Set the task's `TimeoutSeconds` at or above the function's timeout (leaving a few seconds for the " +
			"invocation itself), or lower the function's timeout to what the task allows.\n" +
			"- For an EXPRESS state machine, keep every function under 5 minutes, or make the state machine STANDARD " +
			"(up to a year), or move the long step to a container task (ECS/Fargate `.sync`).",
		Sources: []string{
			"https://docs.aws.amazon.com/step-functions/latest/dg/limits.html (execution time limits)",
			"https://docs.aws.amazon.com/step-functions/latest/dg/express-limits.html (EXPRESS: 5 minutes)",
			"https://docs.aws.amazon.com/step-functions/latest/dg/sfn-stuck-execution.html (tasks have no timeout by default; set TimeoutSeconds)",
		},
		Example: Example{
			Note: "An EXPRESS state machine invokes a transform function allowed ten minutes, from a task that gives up after one.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.transform",
					After: map[string]any{
						"arn":           "arn:aws:lambda:eu-west-1:123456789012:function:transform",
						"function_name": "transform",
						"memory_size":   2048,
						"runtime":       "python3.12",
						"timeout":       600,
					},
				},
				{
					Address: "aws_sfn_state_machine.ingest",
					After: map[string]any{
						"definition": `{"StartAt":"Transform","States":{"Transform":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",` +
							`"Parameters":{"FunctionName":"arn:aws:lambda:eu-west-1:123456789012:function:transform","Payload.$":"$"},` +
							`"TimeoutSeconds":60,"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],"End":true}}}`,
						"name": "ingest",
						"type": "EXPRESS",
					},
					Refs: map[string][]string{
						"definition": {"aws_lambda_function.transform.arn", "aws_lambda_function.transform"},
					},
				},
			},
		},
	},
	Check: checkSFNLambdaTaskTimeout,
}

func checkSFNLambdaTaskTimeout(pass *Pass) {
	for _, c := range serverless.Callers(pass.Graph, pass.Settings.Inputs(), serverless.SFNCallers) {
		timeout, ok := serverless.LambdaTimeout(c.Function)
		task, isTask := c.Detail.(serverless.SFNTaskCall)
		if !ok || !isTask || timeout*1000 <= c.LimitMillis {
			continue
		}
		if task.ExpressLimit {
			reportSFNExpress(pass, c, timeout)
		} else {
			reportSFNTaskTimeout(pass, c, task, timeout)
		}
	}
}

func reportSFNExpress(pass *Pass, c serverless.CallerLimit, timeout int) {
	sm := c.Caller
	pass.Report(finding.Finding{
		Address:   c.Function.Address,
		Attribute: "timeout",
		Related:   []string{sm.Address, c.Via},
		Message: fmt.Sprintf("timeout %s exceeds the %s (5-minute) limit of EXPRESS state machine %s that invokes it in state %s",
			serverless.Seconds(timeout), serverless.Seconds(platform.StepFunctionsExpressMaxSeconds), sm.Address, c.Detail.(serverless.SFNTaskCall).State),
		Remediation: fmt.Sprintf("lower timeout to %s or less, or make %s a STANDARD state machine",
			serverless.Seconds(platform.StepFunctionsExpressMaxSeconds), sm.Address),
	})
}

func reportSFNTaskTimeout(pass *Pass, c serverless.CallerLimit, task serverless.SFNTaskCall, timeout int) {
	fn := c.Function
	consequence := "the task fails while the invocation still runs"
	if task.RetriesOnTimeout {
		consequence = "the task fails and its retry starts another invocation while the first still runs"
	}
	pass.Report(finding.Finding{
		Address:   c.Caller.Address,
		Attribute: "definition",
		Related:   []string{fn.Address, c.Via},
		Message: fmt.Sprintf("state %s has TimeoutSeconds %d, below the %s timeout of %s: %s",
			task.State, task.TimeoutSeconds, serverless.Seconds(timeout), fn.Address, consequence),
		Remediation: sfnTimeoutRemedy(task, fn, timeout),
	})
}

// sfnTimeoutRemedy says how to bring a task's TimeoutSeconds and its function's timeout together;
// in an EXPRESS state machine TimeoutSeconds cannot usefully go past the workflow's own limit.
func sfnTimeoutRemedy(task serverless.SFNTaskCall, fn *graph.Instance, timeout int) string {
	if task.Express && timeout > platform.StepFunctionsExpressMaxSeconds {
		return fmt.Sprintf("lower the timeout of %s to %s; raising TimeoutSeconds cannot help beyond the %s EXPRESS limit",
			fn.Address, serverless.Seconds(task.TimeoutSeconds), serverless.Seconds(platform.StepFunctionsExpressMaxSeconds))
	}
	return fmt.Sprintf("raise TimeoutSeconds of state %s to at least %d, or lower the timeout of %s to %s",
		task.State, timeout, fn.Address, serverless.Seconds(task.TimeoutSeconds))
}
