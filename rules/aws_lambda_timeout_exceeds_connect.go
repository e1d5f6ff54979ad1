package rules

import (
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaTimeoutExceedsConnect flags functions Amazon Connect invokes whose timeout outlasts the
// time a contact flow waits for them: at most 8 s.
var LambdaTimeoutExceedsConnect = &Rule{
	Name:     "aws_lambda_timeout_exceeds_connect",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "function timeout is longer than Amazon Connect waits for it (at most 8 s)",
	Doc: Doc{
		Why: "A contact flow's AWS Lambda function block (InvokeLambdaFunction) waits for the function for its time " +
			"limit, InvocationTimeLimitSeconds, which must be a whole number of seconds from 1 to 8. When the function " +
			"is slower, the caller on the line is routed down the block's Error branch while the function runs on to its " +
			"own timeout. A function associated with a Connect instance (`aws_connect_lambda_function_association`) " +
			"can therefore never be waited for longer than 8 s, and a flow in the plan whose block sets a shorter limit " +
			"is held to that. A timeout above the limit promises time no caller gets. Flows are read from their " +
			"`content` when the plan knows it (a flow built from a function's new ARN is known only after apply and is " +
			"not guessed at); blocks that invoke asynchronously, or name the function from a contact attribute, are " +
			"left out.",
		HowToFix: "- Lower the function's `timeout` to the flow's time limit (8 s or less), so slow calls fail in the " +
			"function's own logs too.\n" +
			"- Make the function answer within the limit: cache lookups, give it more memory (more CPU), keep it warm.\n" +
			"- For slower work, invoke the function asynchronously (`InvocationType` ASYNCHRONOUS) and wait for the " +
			"result with a Wait block, or hand the work to a queue and tell the caller what happens next.",
		Sources: []string{
			platform.SourceConnectLambda,
			"https://docs.aws.amazon.com/connect/latest/adminguide/invoke-lambda-function-block.html (the AWS Lambda function block, its Timeout and Error branch)",
		},
		Example: Example{
			Note: "A function looks up the caller's account for a contact center and may take 20 s.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.account_lookup",
					After: map[string]any{
						"function_name": "account-lookup",
						"memory_size":   512,
						"runtime":       "python3.13",
						"timeout":       20,
					},
				},
				{
					Address: "aws_connect_instance.support",
					After:   map[string]any{"identity_management_type": "CONNECT_MANAGED", "instance_alias": "support"},
				},
				{
					Address: "aws_connect_lambda_function_association.account_lookup",
					Unknown: []string{"function_arn", "instance_id"},
					Refs: map[string][]string{
						"function_arn": {"aws_lambda_function.account_lookup.arn", "aws_lambda_function.account_lookup"},
						"instance_id":  {"aws_connect_instance.support.id", "aws_connect_instance.support"},
					},
				},
			},
		},
	},
	Check: checkLambdaTimeoutExceedsConnect,
}

func checkLambdaTimeoutExceedsConnect(pass *Pass) {
	for _, f := range serverless.TimeoutFindings(serverless.ConnectCalls(pass.Graph),
		"lower timeout to %s or less, or invoke the function asynchronously from the flow") {
		pass.Report(f)
	}
}
