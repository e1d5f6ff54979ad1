package rules_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// stateMachine is an aws_sfn_state_machine whose definition is the JSON of def (as jsonencode
// writes it); def nil means the definition is known only after apply.
func stateMachine(addr, typ string, def map[string]any, refs ...string) plantest.Resource {
	r := plantest.Resource{Address: addr, After: map[string]any{"name": "pipeline", "type": typ}, Unknown: []string{"arn"}}
	if def == nil {
		r.Unknown = append(r.Unknown, "definition")
	} else {
		text, _ := json.Marshal(def)
		r.After["definition"] = string(text)
	}
	if len(refs) > 0 {
		r.Refs = map[string][]string{"definition": refs}
	}
	return r
}

// invokeTask is a Task state using the lambda:invoke integration.
func invokeTask(function string, timeoutSeconds any, extra map[string]any) map[string]any {
	st := map[string]any{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
		"Parameters": map[string]any{"FunctionName": function, "Payload.$": "$"}}
	if timeoutSeconds != nil {
		st["TimeoutSeconds"] = timeoutSeconds
	}
	for k, v := range extra {
		st[k] = v
	}
	return st
}

func machine(states map[string]any) map[string]any {
	start := ""
	for name := range states {
		start = name
	}
	return map[string]any{"StartAt": start, "States": states}
}

func namedLambda(addr, name string, timeout any) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{"function_name": name, "runtime": "python3.12", "memory_size": 512, "timeout": timeout}}
}

func TestSFNLambdaTaskTimeout(t *testing.T) {
	const arn = "arn:aws:lambda:eu-west-1:123456789012:function:"
	fnRef := []string{"aws_lambda_function.fn.arn", "aws_lambda_function.fn"}
	retryAll := map[string]any{"Retry": []any{map[string]any{"ErrorEquals": []any{"States.ALL"}, "MaxAttempts": 2}}}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "an EXPRESS state machine cannot wait 10 minutes",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 600),
				stateMachine("aws_sfn_state_machine.sm", "EXPRESS", machine(map[string]any{"Transform": invokeTask(arn+"transform", nil, nil)}), fnRef...)),
			want: []string{`warning aws_lambda_function.fn: timeout 600s exceeds the 300s (5-minute) limit of EXPRESS state machine aws_sfn_state_machine.sm that invokes it in state "Transform"`},
		},
		{
			name: "a STANDARD state machine may wait",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 600),
				stateMachine("aws_sfn_state_machine.sm", "STANDARD", machine(map[string]any{"Transform": invokeTask(arn+"transform", nil, nil)}), fnRef...)),
			want: []string{},
		},
		{
			name: "TimeoutSeconds below the function timeout, with a retry on every error",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 120),
				stateMachine("aws_sfn_state_machine.sm", "STANDARD", machine(map[string]any{"Transform": invokeTask(arn+"transform:live", 60, retryAll)}))),
			want: []string{`warning aws_sfn_state_machine.sm: state "Transform" has TimeoutSeconds 60, below the 120s timeout of aws_lambda_function.fn: the task fails and its retry starts another invocation while the first still runs`},
		},
		{
			name: "TimeoutSeconds below the function timeout, no retry",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 120),
				stateMachine("aws_sfn_state_machine.sm", "STANDARD", machine(map[string]any{"Transform": invokeTask("transform", 60, nil)}))),
			want: []string{`warning aws_sfn_state_machine.sm: state "Transform" has TimeoutSeconds 60, below the 120s timeout of aws_lambda_function.fn: the task fails while the invocation still runs`},
		},
		{
			name: "a retrier with MaxAttempts 0 does not retry",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 120),
				stateMachine("aws_sfn_state_machine.sm", "STANDARD", machine(map[string]any{"Transform": invokeTask("transform", 60,
					map[string]any{"Retry": []any{map[string]any{"ErrorEquals": []any{"States.Timeout"}, "MaxAttempts": 0}}})}))),
			want: []string{`warning aws_sfn_state_machine.sm: state "Transform" has TimeoutSeconds 60, below the 120s timeout of aws_lambda_function.fn: the task fails while the invocation still runs`},
		},
		{
			name: "TimeoutSeconds at the function timeout is enough",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 120),
				stateMachine("aws_sfn_state_machine.sm", "EXPRESS", machine(map[string]any{"Transform": invokeTask(arn+"transform", 120, nil)}))),
			want: []string{},
		},
		{
			name: "both problems in an EXPRESS machine, and an unset type is STANDARD",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 400),
				stateMachine("aws_sfn_state_machine.sm", "EXPRESS", machine(map[string]any{"Transform": invokeTask(arn+"transform", 100, nil)})),
				func() plantest.Resource {
					r := stateMachine("aws_sfn_state_machine.std", "", machine(map[string]any{"Transform": invokeTask(arn+"transform", nil, nil)}))
					delete(r.After, "type")
					return r
				}()),
			want: []string{
				`warning aws_lambda_function.fn: timeout 400s exceeds the 300s (5-minute) limit of EXPRESS state machine aws_sfn_state_machine.sm that invokes it in state "Transform"`,
				`warning aws_sfn_state_machine.sm: state "Transform" has TimeoutSeconds 100, below the 400s timeout of aws_lambda_function.fn: the task fails while the invocation still runs`,
			},
		},
		{
			name: "a direct function ARN as Resource, inside a Parallel branch and a Map item processor",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.resize", "resize", 90), namedLambda("aws_lambda_function.index", "index", 45),
				stateMachine("aws_sfn_state_machine.sm", "STANDARD", machine(map[string]any{
					"Fan out": map[string]any{"Type": "Parallel", "End": true, "Branches": []any{
						machine(map[string]any{"Resize": map[string]any{"Type": "Task", "Resource": arn + "resize", "TimeoutSeconds": 30, "End": true}}),
						machine(map[string]any{"Each": map[string]any{"Type": "Map", "End": true,
							"ItemProcessor": machine(map[string]any{"Index": invokeTask("index", 40, nil)})}}),
					}},
				}))),
			want: []string{
				`warning aws_sfn_state_machine.sm: state "Fan out" > "Each" > "Index" has TimeoutSeconds 40, below the 45s timeout of aws_lambda_function.index: the task fails while the invocation still runs`,
				`warning aws_sfn_state_machine.sm: state "Fan out" > "Resize" has TimeoutSeconds 30, below the 90s timeout of aws_lambda_function.resize: the task fails while the invocation still runs`,
			},
		},
		{
			name: "JSONata Arguments and the older Map Iterator",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "score", 30),
				stateMachine("aws_sfn_state_machine.sm", "STANDARD", map[string]any{"QueryLanguage": "JSONata", "StartAt": "Each", "States": map[string]any{
					"Each": map[string]any{"Type": "Map", "End": true, "Iterator": machine(map[string]any{
						"Score": map[string]any{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 10, "End": true,
							"Arguments": map[string]any{"FunctionName": "score", "Payload": "{% $states.input %}"}}})},
				}})),
			want: []string{`warning aws_sfn_state_machine.sm: state "Each" > "Score" has TimeoutSeconds 10, below the 30s timeout of aws_lambda_function.fn: the task fails while the invocation still runs`},
		},
		{
			name: "the AWS SDK integration invokes synchronously too",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 120),
				stateMachine("aws_sfn_state_machine.sm", "STANDARD", machine(map[string]any{"Transform": map[string]any{
					"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:lambda:invoke", "TimeoutSeconds": 30, "End": true,
					"Parameters": map[string]any{"FunctionName": "transform", "Payload.$": "States.JsonToString($)"}}}))),
			want: []string{`warning aws_sfn_state_machine.sm: state "Transform" has TimeoutSeconds 30, below the 120s timeout of aws_lambda_function.fn: the task fails while the invocation still runs`},
		},
		{
			name: "asynchronous, callback and dynamic tasks are not checked",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "notify", 300),
				stateMachine("aws_sfn_state_machine.sm", "STANDARD", machine(map[string]any{
					"Async": map[string]any{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "Next": "Callback",
						"Parameters": map[string]any{"FunctionName": "notify", "InvocationType": "Event"}},
					"Callback": map[string]any{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "TimeoutSeconds": 5, "Next": "Dynamic",
						"Parameters": map[string]any{"FunctionName": "notify", "Payload": map[string]any{"token.$": "$$.Task.Token"}}},
					"Dynamic":  invokeTask("notify", nil, map[string]any{"TimeoutSecondsPath": "$.timeout", "Next": "ByInput"}),
					"ByInput":  map[string]any{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "End": true, "Parameters": map[string]any{"FunctionName.$": "$.fn"}},
					"NotLambd": map[string]any{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "TimeoutSeconds": 5, "End": true},
				}))),
			want: []string{},
		},
		{
			name: "a definition known only after apply is silent",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 600),
				stateMachine("aws_sfn_state_machine.sm", "EXPRESS", nil, fnRef...)),
			want: []string{},
		},
		{
			name: "an unknown function timeout is silent",
			plan: plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.fn", After: map[string]any{"function_name": "transform"}, Unknown: []string{"timeout"}},
				stateMachine("aws_sfn_state_machine.sm", "EXPRESS", machine(map[string]any{"Transform": invokeTask(arn+"transform", 10, nil)}), fnRef...)),
			want: []string{},
		},
		{
			name: "a sensitive definition is silent",
			plan: func() *plantest.Builder {
				sm := stateMachine("aws_sfn_state_machine.sm", "EXPRESS", machine(map[string]any{"Transform": invokeTask(arn+"transform", 10, nil)}), fnRef...)
				sm.Sensitive = []string{"definition"}
				return plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 600), sm)
			}(),
			want: []string{},
		},
		{
			name: "a function not in the plan is left alone",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 600),
				stateMachine("aws_sfn_state_machine.sm", "EXPRESS", machine(map[string]any{"Other": invokeTask(arn+"other", 10, nil)}))),
			want: []string{},
		},
		{
			name: "two functions of one name in two modules: the definition's reference decides",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.eu", Source: "./fn", Outputs: map[string][]string{"arn": {"aws_lambda_function.this.arn", "aws_lambda_function.this"}}},
					plantest.ModuleCall{Path: "module.us", Source: "./fn", Outputs: map[string][]string{"arn": {"aws_lambda_function.this.arn", "aws_lambda_function.this"}}}).
				Add(namedLambda("module.eu.aws_lambda_function.this", "transform", 600), namedLambda("module.us.aws_lambda_function.this", "transform", 900),
					stateMachine("aws_sfn_state_machine.sm", "EXPRESS", machine(map[string]any{"Transform": invokeTask(arn+"transform", nil, nil)}), "module.eu.arn", "module.eu")),
			want: []string{`warning module.eu.aws_lambda_function.this: timeout 600s exceeds the 300s (5-minute) limit of EXPRESS state machine aws_sfn_state_machine.sm that invokes it in state "Transform"`},
		},
		{
			name: "for_each state machines name their own functions",
			plan: plantest.New().Add(namedLambda(`aws_lambda_function.fn["eu"]`, "transform-eu", 600), namedLambda(`aws_lambda_function.fn["us"]`, "transform-us", 60),
				stateMachine(`aws_sfn_state_machine.sm["eu"]`, "EXPRESS", machine(map[string]any{"Transform": invokeTask(arn+"transform-eu", nil, nil)}), "aws_lambda_function.fn", "each.key"),
				stateMachine(`aws_sfn_state_machine.sm["us"]`, "EXPRESS", machine(map[string]any{"Transform": invokeTask(arn+"transform-us", nil, nil)}), "aws_lambda_function.fn", "each.key")),
			want: []string{`warning aws_lambda_function.fn["eu"]: timeout 600s exceeds the 300s (5-minute) limit of EXPRESS state machine aws_sfn_state_machine.sm["eu"] that invokes it in state "Transform"`},
		},
		{
			name: "invalid JSON is not this rule's business",
			plan: plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", 600),
				plantest.Resource{Address: "aws_sfn_state_machine.sm", After: map[string]any{"name": "pipeline", "type": "EXPRESS", "definition": "{not json"}}),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.SFNLambdaTaskTimeout, tt.plan)))
		})
	}
}

func TestSFNLambdaTaskTimeoutRemediation(t *testing.T) {
	const arn = "arn:aws:lambda:eu-west-1:123456789012:function:transform"
	remedies := func(typ string, fnTimeout int) []string {
		fs := run(t, rules.SFNLambdaTaskTimeout, plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", fnTimeout),
			stateMachine("aws_sfn_state_machine.sm", typ, machine(map[string]any{"Transform": invokeTask(arn, 60, nil)}))))
		var out []string
		for _, f := range fs {
			if f.Address == "aws_sfn_state_machine.sm" {
				out = append(out, f.Remediation)
			}
		}
		return out
	}
	require.Equal(t, []string{`raise TimeoutSeconds of state "Transform" to at least 600, or lower the timeout of aws_lambda_function.fn to 60s`},
		remedies("STANDARD", 600))
	require.Equal(t, []string{`raise TimeoutSeconds of state "Transform" to at least 200, or lower the timeout of aws_lambda_function.fn to 60s`},
		remedies("EXPRESS", 200))
	require.Equal(t, []string{`lower the timeout of aws_lambda_function.fn to 60s; raising TimeoutSeconds cannot help beyond the 300s EXPRESS limit`},
		remedies("EXPRESS", 600))
}

// The EXPRESS limit (300 s) one second below, at and one second above, for the finding on the
// function and for the remedy of a short TimeoutSeconds; and TimeoutSeconds at its bounds: 0 is not
// a timeout (States rejects it), 1 is, and a TimeoutSeconds equal to the function's timeout fits.
func TestSFNLambdaTaskTimeoutBoundaries(t *testing.T) {
	const arn = "arn:aws:lambda:eu-west-1:123456789012:function:transform"
	findings := func(typ string, fnTimeout int, taskTimeout any) []string {
		fs := run(t, rules.SFNLambdaTaskTimeout, plantest.New().Add(namedLambda("aws_lambda_function.fn", "transform", fnTimeout),
			stateMachine("aws_sfn_state_machine.sm", typ, machine(map[string]any{"Transform": invokeTask(arn, taskTimeout, nil)}))))
		out := []string{}
		for _, f := range fs {
			out = append(out, f.Severity.String()+" "+f.Address+": "+f.Message+" | "+f.Remediation)
		}
		return out
	}
	const expressLimit = `warning aws_lambda_function.fn: timeout 301s exceeds the 300s (5-minute) limit of EXPRESS state machine aws_sfn_state_machine.sm that invokes it in state "Transform" | lower timeout to 300s or less, or make aws_sfn_state_machine.sm a STANDARD state machine`
	tests := []struct {
		name        string
		fnTimeout   int
		taskTimeout any
		want        []string
	}{
		{"EXPRESS, timeout one below the limit", 299, nil, []string{}},
		{"EXPRESS, timeout at the limit", 300, nil, []string{}},
		{"EXPRESS, timeout one above the limit", 301, nil, []string{expressLimit}},
		{"EXPRESS at the limit, short TimeoutSeconds: raising it helps", 300, 200, []string{
			`warning aws_sfn_state_machine.sm: state "Transform" has TimeoutSeconds 200, below the 300s timeout of aws_lambda_function.fn: the task fails while the invocation still runs | raise TimeoutSeconds of state "Transform" to at least 300, or lower the timeout of aws_lambda_function.fn to 200s`}},
		{"EXPRESS above the limit, short TimeoutSeconds: only lowering helps", 301, 200, []string{expressLimit,
			`warning aws_sfn_state_machine.sm: state "Transform" has TimeoutSeconds 200, below the 301s timeout of aws_lambda_function.fn: the task fails while the invocation still runs | lower the timeout of aws_lambda_function.fn to 200s; raising TimeoutSeconds cannot help beyond the 300s EXPRESS limit`}},
		{"TimeoutSeconds one below the function timeout", 60, 59, []string{
			`warning aws_sfn_state_machine.sm: state "Transform" has TimeoutSeconds 59, below the 60s timeout of aws_lambda_function.fn: the task fails while the invocation still runs | raise TimeoutSeconds of state "Transform" to at least 60, or lower the timeout of aws_lambda_function.fn to 59s`}},
		{"TimeoutSeconds at the function timeout", 60, 60, []string{}},
		{"TimeoutSeconds 0 is not a timeout", 60, 0, []string{}},
		{"TimeoutSeconds 1 is", 2, 1, []string{
			`warning aws_sfn_state_machine.sm: state "Transform" has TimeoutSeconds 1, below the 2s timeout of aws_lambda_function.fn: the task fails while the invocation still runs | raise TimeoutSeconds of state "Transform" to at least 2, or lower the timeout of aws_lambda_function.fn to 1s`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typ := "STANDARD"
			if strings.HasPrefix(tt.name, "EXPRESS") {
				typ = "EXPRESS"
			}
			require.Equal(t, tt.want, findings(typ, tt.fnTimeout, tt.taskTimeout))
		})
	}
}
