package serverless

import (
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// SESReceiptRuleRule is the timing rule that reports a function outlasting an SES receipt rule's
// synchronous Lambda action.
const SESReceiptRuleRule = "aws_lambda_timeout_exceeds_ses_receipt_rule"

// sesRequestResponse is the invocation type with which SES waits for the function.
const sesRequestResponse = "RequestResponse"

// SESLambdaAction is a function an SES receipt rule invokes and waits for.
type SESLambdaAction struct {
	Rule       *graph.Instance
	Invocation graph.Invocation
}

// SESRequestResponseActions returns the functions that enabled SES receipt rules invoke with
// invocation_type RequestResponse. lambda_action blocks are a set, so the planned n-th action is
// not the n-th configured block: an action is matched by its known ARN, or through the
// configuration, where a block's invocation_type literal and its function_arn references stand
// side by side. Actions written with `dynamic` are matched by their ARN only.
func SESRequestResponseActions(g *graph.Graph) []SESLambdaAction {
	var out []SESLambdaAction
	for _, rule := range g.ByType("aws_ses_receipt_rule") {
		if rule.Deleted() {
			continue
		}
		if enabled, ok := rule.Get("enabled").Bool(); ok && !enabled {
			continue
		}
		seen := map[*graph.Instance]bool{}
		add := func(invs []graph.Invocation) {
			for _, inv := range invs {
				if !seen[inv.Function] {
					seen[inv.Function] = true
					out = append(out, SESLambdaAction{Rule: rule, Invocation: inv})
				}
			}
		}
		actions, _ := rule.Get("lambda_action").List()
		for i := range actions {
			typ, ok := rule.Get("lambda_action", i, "invocation_type").String()
			if !ok || typ != sesRequestResponse {
				continue
			}
			if arn, ok := rule.Get("lambda_action", i, "function_arn").String(); ok {
				add(g.FunctionsByValue(arn))
			}
		}
		for _, block := range configuredBlocks(rule, "lambda_action.") {
			arn := block["function_arn"]
			if configuredLiteral(block["invocation_type"]) != sesRequestResponse || arn == nil {
				continue
			}
			// A function_arn that chooses between functions proves none of them.
			if invs := g.ReferencedFunctions(rule, arn.Path); len(invs) == 1 {
				add(invs)
			}
		}
	}
	return out
}

// SESReceiptRuleCallers is the CallerFinder of SES receipt rules.
func SESReceiptRuleCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, a := range SESRequestResponseActions(g) {
		out = append(out, CallerLimit{Function: a.Invocation.Function, Caller: a.Rule, Via: AliasAddress(a.Invocation),
			LimitMillis: platform.SESLambdaRequestResponseTimeoutSeconds * 1000, Label: "SES RequestResponse limit",
			Rule: SESReceiptRuleRule, Synchronous: true, Qualifier: versionReached(g, a.Invocation)})
	}
	return out
}
