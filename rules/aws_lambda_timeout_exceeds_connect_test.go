package rules_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// connectAssociation associates the function its references lead to with a Connect instance.
func connectAssociation(addr string, fnRefs ...string) plantest.Resource {
	return plantest.Resource{Address: addr, Unknown: []string{"function_arn", "instance_id"},
		Refs: map[string][]string{"function_arn": fnRefs, "instance_id": plantest.Refs("aws_connect_instance.cc", "id")}}
}

var connectInstance = plantest.Resource{Address: "aws_connect_instance.cc",
	After: map[string]any{"identity_management_type": "CONNECT_MANAGED", "instance_alias": "cc"}}

// contactFlow is a flow whose known content is one InvokeLambdaFunction action with parameters.
func contactFlow(t *testing.T, addr string, params map[string]any) plantest.Resource {
	t.Helper()
	content, err := json.Marshal(map[string]any{"Version": "2019-10-30", "StartAction": "lookup", "Actions": []any{
		map[string]any{"Identifier": "lookup", "Type": "InvokeLambdaFunction", "Parameters": params,
			"Transitions": map[string]any{"NextAction": "end"}},
		map[string]any{"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": map[string]any{}},
	}})
	require.NoError(t, err)
	return plantest.Resource{Address: addr, After: map[string]any{"name": "inbound", "type": "CONTACT_FLOW", "content": string(content)},
		Unknown: []string{"instance_id"}, Refs: map[string][]string{"instance_id": plantest.Refs("aws_connect_instance.cc", "id")}}
}

func TestLambdaTimeoutExceedsConnect(t *testing.T) {
	fnRef := plantest.Refs("aws_lambda_function.fn", "arn")
	named := func(timeout int) plantest.Resource {
		return plantest.Resource{Address: "aws_lambda_function.fn", After: map[string]any{"function_name": "lookup", "runtime": "python3.13", "timeout": timeout}}
	}
	const arn = "arn:aws:lambda:eu-west-1:123456789012:function:lookup"
	tests := []struct {
		name string
		plan func(t *testing.T) *plantest.Builder
		want []string
	}{
		{
			name: "an associated function allowed 9s, one second over",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(lambda("aws_lambda_function.fn", 9), connectInstance, connectAssociation("aws_connect_lambda_function_association.fn", fnRef...))
			},
			want: []string{"error aws_lambda_function.fn: timeout 9s exceeds the 8s Amazon Connect limit of aws_connect_lambda_function_association.fn"},
		},
		{
			name: "exactly 8s is within the ceiling",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(lambda("aws_lambda_function.fn", 8), connectInstance, connectAssociation("aws_connect_lambda_function_association.fn", fnRef...))
			},
			want: []string{},
		},
		{
			name: "7s is within the ceiling",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(lambda("aws_lambda_function.fn", 7), connectInstance, connectAssociation("aws_connect_lambda_function_association.fn", fnRef...))
			},
			want: []string{},
		},
		{
			name: "an unknown timeout is silent",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(unknownLambda("aws_lambda_function.fn"), connectInstance, connectAssociation("aws_connect_lambda_function_association.fn", fnRef...))
			},
			want: []string{},
		},
		{
			name: "an unknown function ARN that references no function is silent",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(lambda("aws_lambda_function.fn", 60), connectInstance, connectAssociation("aws_connect_lambda_function_association.fn", "var.function_arn"))
			},
			want: []string{},
		},
		{
			name: "through an alias",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(lambda("aws_lambda_function.fn", 30), connectInstance,
					plantest.LambdaAlias("aws_lambda_alias.live", "aws_lambda_function.fn"),
					connectAssociation("aws_connect_lambda_function_association.fn", plantest.Refs("aws_lambda_alias.live", "arn")...))
			},
			want: []string{"error aws_lambda_function.fn: timeout 30s exceeds the 8s Amazon Connect limit of aws_connect_lambda_function_association.fn"},
		},
		{
			name: "through a module output",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().
					Module(plantest.ModuleCall{Path: "module.ivr", Source: "./ivr", Outputs: map[string][]string{"arn": plantest.Refs("aws_lambda_function.this", "arn")}}).
					Add(lambda("module.ivr.aws_lambda_function.this", 20), connectInstance,
						connectAssociation("aws_connect_lambda_function_association.fn", "module.ivr.arn", "module.ivr"))
			},
			want: []string{"error module.ivr.aws_lambda_function.this: timeout 20s exceeds the 8s Amazon Connect limit of aws_connect_lambda_function_association.fn"},
		},
		{
			name: "for_each: each association reaches its own function",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(lambda(`aws_lambda_function.fn["a"]`, 10), lambda(`aws_lambda_function.fn["b"]`, 8), connectInstance,
					connectAssociation(`aws_connect_lambda_function_association.fn["a"]`, "aws_lambda_function.fn", "each.key"),
					connectAssociation(`aws_connect_lambda_function_association.fn["b"]`, "aws_lambda_function.fn", "each.key"))
			},
			want: []string{`error aws_lambda_function.fn["a"]: timeout 10s exceeds the 8s Amazon Connect limit of aws_connect_lambda_function_association.fn["a"]`},
		},
		{
			name: "an association the plan deletes is not reported",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(lambda("aws_lambda_function.fn", 60), connectInstance, deleted(connectAssociation("aws_connect_lambda_function_association.fn", fnRef...)))
			},
			want: []string{},
		},
		{
			name: "a function the plan deletes is not reported",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(deleted(lambda("aws_lambda_function.fn", 60)), connectInstance, connectAssociation("aws_connect_lambda_function_association.fn", fnRef...))
			},
			want: []string{},
		},
		{
			name: "a flow's block waits 3s for a 4s function",
			plan: func(t *testing.T) *plantest.Builder {
				return plantest.New().Add(named(4), connectInstance, contactFlow(t, "aws_connect_contact_flow.inbound",
					map[string]any{"LambdaFunctionARN": arn, "InvocationTimeLimitSeconds": "3"}))
			},
			want: []string{"error aws_lambda_function.fn: timeout 4s exceeds the 3s Amazon Connect limit of aws_connect_contact_flow.inbound (InvokeLambdaFunction action lookup)"},
		},
		{
			name: "a flow's block waits 3s for a 3s function",
			plan: func(t *testing.T) *plantest.Builder {
				return plantest.New().Add(named(3), connectInstance, contactFlow(t, "aws_connect_contact_flow.inbound",
					map[string]any{"LambdaFunctionARN": arn, "InvocationTimeLimitSeconds": 3}))
			},
			want: []string{},
		},
		{
			name: "a time limit beyond the documented 8s is held to 8s",
			plan: func(t *testing.T) *plantest.Builder {
				return plantest.New().Add(named(20), connectInstance, contactFlow(t, "aws_connect_contact_flow_module.lookup",
					map[string]any{"LambdaFunctionARN": arn, "InvocationTimeLimitSeconds": "30"}))
			},
			want: []string{"error aws_lambda_function.fn: timeout 20s exceeds the 8s Amazon Connect limit of aws_connect_contact_flow_module.lookup (InvokeLambdaFunction action lookup)"},
		},
		{
			name: "an asynchronous block waits its own limit",
			plan: func(t *testing.T) *plantest.Builder {
				return plantest.New().Add(named(31), connectInstance, contactFlow(t, "aws_connect_contact_flow.inbound",
					map[string]any{"LambdaFunctionARN": arn, "InvocationTimeLimitSeconds": "30", "InvocationType": "ASYNCHRONOUS"}))
			},
			want: []string{"error aws_lambda_function.fn: timeout 31s exceeds the 30s Amazon Connect limit of aws_connect_contact_flow.inbound (InvokeLambdaFunction action lookup, asynchronous)"},
		},
		{
			name: "an asynchronous block waits at most 60s",
			plan: func(t *testing.T) *plantest.Builder {
				return plantest.New().Add(named(60), connectInstance, contactFlow(t, "aws_connect_contact_flow.inbound",
					map[string]any{"LambdaFunctionARN": arn, "InvocationType": "ASYNCHRONOUS"}))
			},
			want: []string{},
		},
		{
			name: "a function a flow of the plan invokes is judged by the flow, not by its association",
			plan: func(t *testing.T) *plantest.Builder {
				return plantest.New().Add(named(20), connectInstance, connectAssociation("aws_connect_lambda_function_association.fn", fnRef...),
					contactFlow(t, "aws_connect_contact_flow.inbound", map[string]any{"LambdaFunctionARN": arn, "InvocationTimeLimitSeconds": "45", "InvocationType": "ASYNCHRONOUS"}))
			},
			want: []string{},
		},
		{
			name: "an association and a synchronous flow report once, at the flow's limit",
			plan: func(t *testing.T) *plantest.Builder {
				return plantest.New().Add(named(6), connectInstance, connectAssociation("aws_connect_lambda_function_association.fn", fnRef...),
					contactFlow(t, "aws_connect_contact_flow.inbound", map[string]any{"LambdaFunctionARN": arn, "InvocationTimeLimitSeconds": "5"}))
			},
			want: []string{"error aws_lambda_function.fn: timeout 6s exceeds the 5s Amazon Connect limit of aws_connect_contact_flow.inbound (InvokeLambdaFunction action lookup)"},
		},
		{
			name: "a function ARN read from the contact's attributes names no function",
			plan: func(t *testing.T) *plantest.Builder {
				return plantest.New().Add(named(60), connectInstance, contactFlow(t, "aws_connect_contact_flow.inbound",
					map[string]any{"LambdaFunctionARN": "$.Attributes.lookup", "InvocationTimeLimitSeconds": "8"}))
			},
			want: []string{},
		},
		{
			name: "a flow invoking an alias by its ARN",
			plan: func(t *testing.T) *plantest.Builder {
				alias := plantest.LambdaAlias("aws_lambda_alias.live", "aws_lambda_function.fn")
				alias.Refs = map[string][]string{"function_name": plantest.Refs("aws_lambda_function.fn", "function_name")}
				return plantest.New().Add(named(6), alias, connectInstance, contactFlow(t, "aws_connect_contact_flow.inbound",
					map[string]any{"LambdaFunctionARN": arn + ":live", "InvocationTimeLimitSeconds": "5"}))
			},
			want: []string{"error aws_lambda_function.fn: timeout 6s exceeds the 5s Amazon Connect limit of aws_connect_contact_flow.inbound (InvokeLambdaFunction action lookup)"},
		},
		{
			name: "flow content known only after apply is not guessed at",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(named(60), connectInstance, plantest.Resource{Address: "aws_connect_contact_flow.inbound",
					After: map[string]any{"name": "inbound"}, Unknown: []string{"content"},
					Refs: map[string][]string{"content": fnRef}})
			},
			want: []string{},
		},
		{
			name: "flow content that is not a flow document is ignored",
			plan: func(*testing.T) *plantest.Builder {
				return plantest.New().Add(named(60), connectInstance, plantest.Resource{Address: "aws_connect_contact_flow.inbound",
					After: map[string]any{"name": "inbound", "content": "{not json"}})
			},
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaTimeoutExceedsConnect, tt.plan(t))))
		})
	}
}

func TestLambdaTimeoutExceedsConnectRelated(t *testing.T) {
	b := plantest.New().Add(lambda("aws_lambda_function.fn", 9), connectInstance,
		connectAssociation("aws_connect_lambda_function_association.fn", plantest.Refs("aws_lambda_function.fn", "arn")...))
	fs := run(t, rules.LambdaTimeoutExceedsConnect, b)
	require.Len(t, fs, 1)
	require.Equal(t, []string{"aws_connect_instance.cc", "aws_connect_lambda_function_association.fn"}, fs[0].Related)
}
