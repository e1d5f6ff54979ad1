package rules

import (
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaTimeoutExceedsConnect flags functions Amazon Connect invokes whose timeout outlasts the
// time a contact flow waits for them: at most 8 s, or 60 s for an asynchronous block.
var LambdaTimeoutExceedsConnect = &Rule{
	Name:     "aws_lambda_timeout_exceeds_connect",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "function timeout is longer than an Amazon Connect flow waits for it (8 s, 60 s asynchronously)",
	Doc: Doc{
		Why: "A contact flow's AWS Lambda function block (InvokeLambdaFunction) waits for the function for its time " +
			"limit, InvocationTimeLimitSeconds: at most 8 s in synchronous mode, the default, and at most 60 s in " +
			"asynchronous mode, where the contact moves on and a Wait block waits for the result. When the function " +
			"is slower, the contact is routed down the block's Error branch while the function runs on to its own " +
			"timeout, billed, its answer thrown away. A timeout above the limit promises time no caller gets.\n\n" +
			"The rule reads each flow (`aws_connect_contact_flow`, `aws_connect_contact_flow_module`) whose `content` " +
			"the plan knows, and holds every function it invokes to that block's limit. A function that is only " +
			"associated with an instance (`aws_connect_lambda_function_association`), with no flow in the plan that " +
			"invokes it, is held to the synchronous ceiling of 8 s. Flow content known only after apply (built from a " +
			"function's new ARN, say) is not guessed at, and a block that names its function from a contact attribute " +
			"names none the plan can check.",
		HowToFix: "- Lower the function's `timeout` to the block's time limit (8 s or less for a synchronous block), so " +
			"slow calls fail in the function's own logs too.\n" +
			"- Make the function answer within the limit: cache lookups, give it more memory (more CPU), keep it warm.\n" +
			"- For slower work, invoke the function asynchronously (`InvocationType` ASYNCHRONOUS, up to 60 s) and " +
			"wait for the result with a Wait block, or hand the work to a queue and tell the caller what happens next. " +
			"When the flows that do so live outside this configuration, suppress the finding with a reason " +
			"(`# hybridlint:ignore aws_lambda_timeout_exceeds_connect -- invoked asynchronously by the IVR flows` " +
			"above the function's `timeout`).",
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
