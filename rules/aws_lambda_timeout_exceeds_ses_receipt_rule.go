package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaTimeoutExceedsSESReceiptRule flags functions that an SES receipt rule invokes
// synchronously with a timeout above the 30 s SES waits.
var LambdaTimeoutExceedsSESReceiptRule = &Rule{
	Name:     "aws_lambda_timeout_exceeds_ses_receipt_rule",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "function timeout is longer than the 30 s an SES receipt rule waits for a RequestResponse Lambda action",
	Doc: Doc{
		Why: "An SES receipt rule's `lambda_action` with `invocation_type = \"RequestResponse\"` waits for the function to " +
			"decide the mail flow (stop the rule set, or go on), and SES gives it 30 s. A function that may run longer is " +
			"cut off by SES while it goes on running to its own timeout, billed; its decision never arrives. The default " +
			"invocation type, `Event`, is asynchronous and not checked.\n\n" +
			"The rule follows `function_arn` to the function through ARNs, aliases, modules and for_each. `lambda_action` " +
			"blocks are a set: an action whose ARN is known only after apply is paired with its invocation type through " +
			"the configuration, where each block keeps its `invocation_type` literal next to its `function_arn` " +
			"references; actions written with `dynamic` are checked only when the plan knows their ARN. Disabled rules " +
			"are skipped.",
		HowToFix: "- Lower the function's `timeout` to 30 s or less: a mail flow decision should be quick.\n" +
			"- If the function does more than decide, split it: keep the decision synchronous and do the rest in a " +
			"second action with `invocation_type = \"Event\"` (or behind a queue).",
		Sources: []string{
			"https://docs.aws.amazon.com/ses/latest/APIReference/API_LambdaAction.html (a 30-second timeout on RequestResponse invocations; Event is the default)",
			"https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-lambda.html",
		},
		Example: Example{
			Note: "A spam filter decides the mail flow synchronously but was given two minutes.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.spam_filter",
					After: map[string]any{
						"function_name": "spam-filter",
						"memory_size":   256,
						"runtime":       "python3.12",
						"timeout":       120,
					},
				},
				{
					Address: "aws_ses_receipt_rule.inbound",
					After: map[string]any{
						"enabled":       true,
						"name":          "inbound",
						"rule_set_name": "default",
						"lambda_action": []any{map[string]any{
							"function_arn":    "arn:aws:lambda:us-east-1:123456789012:function:spam-filter",
							"invocation_type": "RequestResponse",
							"position":        1,
						}},
					},
				},
			},
		},
	},
	Check: checkLambdaTimeoutExceedsSESReceiptRule,
}

func checkLambdaTimeoutExceedsSESReceiptRule(pass *Pass) {
	limit := platform.SESLambdaRequestResponseTimeoutSeconds
	for _, a := range serverless.SESRequestResponseActions(pass.Graph) {
		fn := a.Invocation.Function
		timeout, ok := serverless.LambdaTimeout(fn)
		if !ok || timeout <= limit || fn.Deleted() {
			continue
		}
		pass.Report(finding.Finding{
			Address:   fn.Address,
			Attribute: "timeout",
			Related:   []string{a.Rule.Address, serverless.AliasAddress(a.Invocation)},
			Message: fmt.Sprintf("timeout %s exceeds the %s SES RequestResponse limit of %s",
				serverless.Seconds(timeout), serverless.Seconds(limit), a.Rule.Address),
			Remediation: fmt.Sprintf("lower timeout to %s or less, or move the work that is not the mail flow decision to an Event action",
				serverless.Seconds(limit)),
		})
	}
}
