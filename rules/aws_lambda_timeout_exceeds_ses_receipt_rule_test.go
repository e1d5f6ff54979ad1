package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// sesAction is a planned lambda_action; arn nil means known after apply, invocation "" unset.
func sesAction(arn any, invocation string) map[string]any {
	a := map[string]any{"position": 1}
	if arn != nil {
		a["function_arn"] = arn
	}
	if invocation != "" {
		a["invocation_type"] = invocation
	}
	return a
}

// sesRule is an aws_ses_receipt_rule with the planned actions; blocks, when given, are the
// configured lambda_action blocks (see configuredSESAction).
func sesRule(addr string, actions []any, blocks ...map[string]any) plantest.Resource {
	r := plantest.Resource{Address: addr, After: map[string]any{"name": "inbound", "rule_set_name": "default", "enabled": true,
		"lambda_action": actions}}
	if len(blocks) > 0 {
		list := make([]any, len(blocks))
		for i, b := range blocks {
			list[i] = b
		}
		r.Blocks = map[string]any{"lambda_action": list}
	}
	return r
}

// configuredSESAction is a lambda_action block as configuration writes it.
func configuredSESAction(invocation string, arn ...string) map[string]any {
	b := map[string]any{"function_arn": plantest.Expr(nil, arn...), "position": plantest.Expr(1)}
	if invocation != "" {
		b["invocation_type"] = plantest.Expr(invocation)
	}
	return b
}

func TestLambdaTimeoutExceedsSESReceiptRule(t *testing.T) {
	require.Equal(t, serverless.SESReceiptRuleRule, rules.LambdaTimeoutExceedsSESReceiptRule.Name,
		"the caller finder names the rule that reports it")
	const arn = "arn:aws:lambda:us-east-1:123456789012:function:aws_lambda_function.filter"
	fnRefs := plantest.Refs("aws_lambda_function.filter", "arn")
	byValue := func(timeout any, invocation string) *plantest.Builder {
		return plantest.New().Add(lambda("aws_lambda_function.filter", timeout),
			sesRule("aws_ses_receipt_rule.inbound", []any{sesAction(arn, invocation)}))
	}
	// unknownARN: the planned set lists the Event action first, the configuration the synchronous one.
	unknownARN := func(timeout any) *plantest.Builder {
		r := sesRule("aws_ses_receipt_rule.inbound", []any{sesAction(nil, "Event"), sesAction(nil, "RequestResponse")},
			configuredSESAction("RequestResponse", fnRefs...), configuredSESAction("Event", plantest.Refs("aws_lambda_function.archive", "arn")...))
		return plantest.New().Add(lambda("aws_lambda_function.filter", timeout), lambda("aws_lambda_function.archive", 300), r)
	}
	fired := func(timeout string) []string {
		return []string{"error aws_lambda_function.filter: timeout " + timeout + " exceeds the 30s SES RequestResponse limit of aws_ses_receipt_rule.inbound"}
	}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{"31s is one second over the 30s SES waits", byValue(31, "RequestResponse"), fired("31s")},
		{"30s is the limit", byValue(30, "RequestResponse"), []string{}},
		{"29s is under it", byValue(29, "RequestResponse"), []string{}},
		{"an Event action waits for nothing", byValue(300, "Event"), []string{}},
		{"an unset invocation_type is Event", byValue(300, ""), []string{}},
		{"an unknown ARN is paired through the configuration: the synchronous block runs the filter", unknownARN(31), fired("31s")},
		{"and the asynchronous one's 300s archive function is not reported", unknownARN(30), []string{}},
		{
			name: "a function_arn choosing between two functions pairs neither",
			plan: plantest.New().Add(lambda("aws_lambda_function.filter", 60), lambda("aws_lambda_function.archive", 60),
				sesRule("aws_ses_receipt_rule.inbound", []any{sesAction(nil, "RequestResponse")},
					configuredSESAction("RequestResponse", append(append([]string{"var.strict"}, fnRefs...), plantest.Refs("aws_lambda_function.archive", "arn")...)...))),
			want: []string{},
		},
		{
			name: "through a Lambda alias",
			plan: plantest.New().Add(lambda("aws_lambda_function.filter", 45),
				plantest.LambdaAlias("aws_lambda_alias.live", "aws_lambda_function.filter"),
				sesRule("aws_ses_receipt_rule.inbound", []any{sesAction(nil, "RequestResponse")},
					configuredSESAction("RequestResponse", plantest.Refs("aws_lambda_alias.live", "arn")...))),
			want: fired("45s"),
		},
		{
			name: "a receipt rule in a module, the function passed in",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.mail", Source: "./mail", Args: map[string][]string{"filter_arn": fnRefs}}).
				Add(lambda("aws_lambda_function.filter", 45),
					sesRule("module.mail.aws_ses_receipt_rule.inbound", []any{sesAction(nil, "RequestResponse")},
						configuredSESAction("RequestResponse", "var.filter_arn"))),
			want: []string{"error aws_lambda_function.filter: timeout 45s exceeds the 30s SES RequestResponse limit of module.mail.aws_ses_receipt_rule.inbound"},
		},
		{
			name: "for_each receipt rules each call their own function",
			plan: plantest.New().Add(lambda(`aws_lambda_function.filter["a"]`, 45), lambda(`aws_lambda_function.filter["b"]`, 10),
				sesRule(`aws_ses_receipt_rule.inbound["a"]`, []any{sesAction(nil, "RequestResponse")},
					configuredSESAction("RequestResponse", "aws_lambda_function.filter", "each.key")),
				sesRule(`aws_ses_receipt_rule.inbound["b"]`, []any{sesAction(nil, "RequestResponse")})),
			want: []string{`error aws_lambda_function.filter["a"]: timeout 45s exceeds the 30s SES RequestResponse limit of aws_ses_receipt_rule.inbound["a"]`},
		},
		{
			name: "a disabled receipt rule calls nothing",
			plan: func() *plantest.Builder {
				r := sesRule("aws_ses_receipt_rule.inbound", []any{sesAction(arn, "RequestResponse")})
				r.After["enabled"] = false
				return plantest.New().Add(lambda("aws_lambda_function.filter", 120), r)
			}(),
			want: []string{},
		},
		{"an unknown function timeout is silent", plantest.New().Add(unknownLambda("aws_lambda_function.filter"),
			sesRule("aws_ses_receipt_rule.inbound", []any{sesAction(arn, "RequestResponse")})), []string{}},
		{"a function the plan deletes is not reported", plantest.New().Add(deleted(lambda("aws_lambda_function.filter", 120)),
			sesRule("aws_ses_receipt_rule.inbound", []any{sesAction(arn, "RequestResponse")})), []string{}},
		{"a receipt rule the plan deletes calls nothing", plantest.New().Add(lambda("aws_lambda_function.filter", 120),
			deleted(sesRule("aws_ses_receipt_rule.inbound", []any{sesAction(arn, "RequestResponse")}))), []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaTimeoutExceedsSESReceiptRule, tt.plan)))
		})
	}
}

func TestSESReceiptRuleIsACaller(t *testing.T) {
	requireOneCaller(t, plantest.New().Add(lambda("aws_lambda_function.filter", 31),
		sesRule("aws_ses_receipt_rule.inbound", []any{sesAction("arn:aws:lambda:us-east-1:123456789012:function:aws_lambda_function.filter", "RequestResponse")})),
		serverless.SESReceiptRuleRule, "aws_lambda_function.filter", "aws_ses_receipt_rule.inbound", 30000)
}
