package rules

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
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

// sfnLambdaTask is a Task state that invokes a Lambda function synchronously.
type sfnLambdaTask struct {
	// state is the state's name, with the Parallel or Map states around it: "Fan out" > "Resize".
	state string
	// function is the FunctionName (or Resource ARN) as the definition writes it.
	function string
	// timeout is TimeoutSeconds; hasTimeout is false when the state sets none.
	timeout    int
	hasTimeout bool
	// retriesTimeout is true when a Retry of the state matches States.Timeout.
	retriesTimeout bool
}

func checkSFNLambdaTaskTimeout(pass *Pass) {
	g := pass.Graph
	for _, sm := range g.ByType("aws_sfn_state_machine") {
		if sm.Deleted() {
			continue
		}
		text, ok := sm.Get("definition").String()
		if !ok {
			continue
		}
		tasks := sfnLambdaTasks(text)
		if len(tasks) == 0 {
			continue
		}
		express := false
		switch t := sm.Get("type"); t.State {
		case plan.Known:
			s, _ := t.String()
			express = s == "EXPRESS"
		case plan.Unknown, plan.Sensitive:
			// Only the TimeoutSeconds check is possible.
		}
		referenced := definitionFunctions(g, sm)
		for _, task := range tasks {
			for _, inv := range sfnTaskFunctions(g, task, referenced, len(tasks)) {
				checkSFNTask(pass, sm, task, inv, express)
			}
		}
	}
}

func checkSFNTask(pass *Pass, sm *graph.Instance, task sfnLambdaTask, inv graph.Invocation, express bool) {
	fn := inv.Function
	timeout, ok := serverless.LambdaTimeout(fn)
	if !ok || fn.Deleted() {
		return
	}
	related := []string{sm.Address, serverless.AliasAddress(inv)}
	if express && timeout > platform.StepFunctionsExpressMaxSeconds {
		pass.Report(finding.Finding{
			Address:   fn.Address,
			Attribute: "timeout",
			Related:   related,
			Message: fmt.Sprintf("timeout %s exceeds the %s (5-minute) limit of EXPRESS state machine %s that invokes it in state %s",
				serverless.Seconds(timeout), serverless.Seconds(platform.StepFunctionsExpressMaxSeconds), sm.Address, task.state),
			Remediation: fmt.Sprintf("lower timeout to %s or less, or make %s a STANDARD state machine",
				serverless.Seconds(platform.StepFunctionsExpressMaxSeconds), sm.Address),
		})
	}
	if task.hasTimeout && task.timeout < timeout {
		consequence := "the task fails while the invocation still runs"
		if task.retriesTimeout {
			consequence = "the task fails and its retry starts another invocation while the first still runs"
		}
		pass.Report(finding.Finding{
			Address:   sm.Address,
			Attribute: "definition",
			Related:   []string{fn.Address, serverless.AliasAddress(inv)},
			Message: fmt.Sprintf("state %s has TimeoutSeconds %d, below the %s timeout of %s: %s",
				task.state, task.timeout, serverless.Seconds(timeout), fn.Address, consequence),
			Remediation: sfnTimeoutRemedy(task, fn, timeout, express),
		})
	}
}

// sfnTimeoutRemedy says how to bring a task's TimeoutSeconds and its function's timeout together;
// in an EXPRESS state machine TimeoutSeconds cannot usefully go past the workflow's own limit.
func sfnTimeoutRemedy(task sfnLambdaTask, fn *graph.Instance, timeout int, express bool) string {
	if express && timeout > platform.StepFunctionsExpressMaxSeconds {
		return fmt.Sprintf("lower the timeout of %s to %s; raising TimeoutSeconds cannot help beyond the %s EXPRESS limit",
			fn.Address, serverless.Seconds(task.timeout), serverless.Seconds(platform.StepFunctionsExpressMaxSeconds))
	}
	return fmt.Sprintf("raise TimeoutSeconds of state %s to at least %d, or lower the timeout of %s to %s",
		task.state, timeout, fn.Address, serverless.Seconds(task.timeout))
}

// definitionFunctions are the functions the definition refers to in configuration.
func definitionFunctions(g *graph.Graph, sm *graph.Instance) []graph.Invocation {
	var out []graph.Invocation
	for _, inv := range g.InvokedFunctions(sm, "definition") {
		if !inv.ByValue {
			out = append(out, inv)
		}
	}
	return out
}

// sfnTaskFunctions resolves a task's function: by its name or ARN among the plan's functions,
// narrowed to the ones the definition refers to when several share a name; or, when the name
// matches none, the one function the definition refers to if it has a single Lambda task.
func sfnTaskFunctions(g *graph.Graph, task sfnLambdaTask, referenced []graph.Invocation, tasks int) []graph.Invocation {
	byName := serverless.LambdaFunctionsByRef(g, task.function)
	if len(byName) > 1 {
		var narrowed []graph.Invocation
		for _, inv := range byName {
			for _, r := range referenced {
				if r.Function == inv.Function {
					narrowed = append(narrowed, r)
				}
			}
		}
		if len(narrowed) > 0 {
			return narrowed
		}
	}
	if len(byName) == 0 && len(referenced) == 1 && tasks == 1 {
		return referenced
	}
	return byName
}

// sfnLambdaTasks parses a definition and returns its synchronous Lambda tasks, in a stable order.
// A definition that is not valid JSON has none.
func sfnLambdaTasks(definition string) []sfnLambdaTask {
	var doc map[string]any
	if err := json.Unmarshal([]byte(definition), &doc); err != nil {
		return nil
	}
	var out []sfnLambdaTask
	walkSFNStates(doc, "", func(path string, state map[string]any) {
		if task, ok := lambdaTask(state); ok {
			task.state = path
			out = append(out, task)
		}
	})
	return out
}

// walkSFNStates visits every state of a definition or branch, recursing into Parallel branches and
// Map item processors (ItemProcessor, or the older Iterator).
func walkSFNStates(machine map[string]any, prefix string, visit func(path string, state map[string]any)) {
	states, _ := machine["States"].(map[string]any)
	names := make([]string, 0, len(states))
	for name := range states {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		state, ok := states[name].(map[string]any)
		if !ok {
			continue
		}
		path := prefix + fmt.Sprintf("%q", name)
		visit(path, state)
		switch state["Type"] {
		case "Parallel":
			branches, _ := state["Branches"].([]any)
			for _, b := range branches {
				if branch, ok := b.(map[string]any); ok {
					walkSFNStates(branch, path+" > ", visit)
				}
			}
		case "Map":
			for _, key := range []string{"ItemProcessor", "Iterator"} {
				if inner, ok := state[key].(map[string]any); ok {
					walkSFNStates(inner, path+" > ", visit)
				}
			}
		}
	}
}

// lambdaTask recognises a Task state that invokes a Lambda function and waits for its answer.
func lambdaTask(state map[string]any) (sfnLambdaTask, bool) {
	var task sfnLambdaTask
	resource, _ := state["Resource"].(string)
	if state["Type"] != "Task" || resource == "" {
		return task, false
	}
	switch parts := strings.SplitN(resource, ":", 6); {
	case len(parts) == 6 && parts[0] == "arn" && parts[2] == "states" && (parts[5] == "lambda:invoke" || parts[5] == "aws-sdk:lambda:invoke"):
		// Parameters (JSONPath) or Arguments (JSONata) carry the function and the invocation type.
		args, _ := state["Parameters"].(map[string]any)
		if args == nil {
			args, _ = state["Arguments"].(map[string]any)
		}
		name, _ := args["FunctionName"].(string)
		if name == "" || args["InvocationType"] == "Event" {
			return task, false
		}
		task.function = name
	case len(parts) == 6 && parts[0] == "arn" && parts[2] == "lambda":
		task.function = resource
	default:
		return task, false // another service, or a callback (.waitForTaskToken) task
	}
	// A timeout taken from the input (TimeoutSecondsPath) or written in JSONata is not a number here.
	if n, ok := state["TimeoutSeconds"].(float64); ok && n > 0 && n == float64(int(n)) {
		task.timeout, task.hasTimeout = int(n), true
	}
	task.retriesTimeout = retriesOnTimeout(state)
	return task, true
}

// retriesOnTimeout reports whether a Retry of the state catches States.Timeout.
func retriesOnTimeout(state map[string]any) bool {
	retries, _ := state["Retry"].([]any)
	for _, r := range retries {
		retrier, _ := r.(map[string]any)
		if attempts, ok := retrier["MaxAttempts"].(float64); ok && attempts == 0 {
			continue
		}
		errs, _ := retrier["ErrorEquals"].([]any)
		for _, e := range errs {
			if e == "States.Timeout" || e == "States.ALL" {
				return true
			}
		}
	}
	return false
}
