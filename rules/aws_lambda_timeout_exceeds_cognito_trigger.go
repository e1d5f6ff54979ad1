package rules

import (
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaTimeoutExceedsCognitoTrigger flags the Lambda triggers of a Cognito user pool whose timeout
// outlasts the 5 s Cognito waits for a trigger.
var LambdaTimeoutExceedsCognitoTrigger = &Rule{
	Name:     "aws_lambda_timeout_exceeds_cognito_trigger",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "function timeout is longer than the 5 s a Cognito user pool waits for its Lambda triggers",
	Doc: Doc{
		Why: "Amazon Cognito invokes a user pool's Lambda triggers (pre sign-up, pre and post authentication, post " +
			"confirmation, pre token generation, custom message, the define, create and verify auth challenge triggers, " +
			"user migration, the custom email and SMS senders) synchronously and waits 5 s for each answer. The limit " +
			"cannot be changed. When the function is slower, Cognito retries the call, and after three unsuccessful " +
			"attempts the user's sign-up, sign-in, token refresh or message fails, while the function may go on running " +
			"(and being billed) to its own timeout. A trigger timeout above 5 s promises time Cognito never gives; the " +
			"retries also run the trigger's side effects up to three times.",
		HowToFix: "- Lower the function's `timeout` to 5 s or less, so a slow trigger fails in its own logs rather than " +
			"as a generic sign-in error.\n" +
			"- Make the trigger fast: move slow lookups out of the sign-in path (cache them, precompute claims), give the " +
			"function more memory (more CPU), and keep it warm if cold starts eat into the 5 s.\n" +
			"- Move work that need not block the user (welcome mails, analytics, provisioning) to a queue or an " +
			"EventBridge event that the trigger only publishes.",
		Sources: []string{
			platform.SourceCognitoTriggers,
			"https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/cognitoidp/user_pool.go (the lambda_config arguments that name a function)",
		},
		Example: Example{
			Note: "A pre sign-up trigger checks new users against a CRM and is allowed 30 s.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.pre_sign_up",
					After: map[string]any{
						"function_name": "pre-sign-up",
						"memory_size":   256,
						"runtime":       "nodejs22.x",
						"timeout":       30,
					},
				},
				{
					Address: "aws_cognito_user_pool.users",
					After:   map[string]any{"name": "users"},
					Unknown: []string{"lambda_config"},
					Refs: map[string][]string{
						"lambda_config.0.pre_sign_up": {"aws_lambda_function.pre_sign_up.arn", "aws_lambda_function.pre_sign_up"},
					},
				},
			},
		},
	},
	Check: checkLambdaTimeoutExceedsCognitoTrigger,
}

func checkLambdaTimeoutExceedsCognitoTrigger(pass *Pass) {
	for _, f := range serverless.TimeoutFindings(serverless.CognitoTriggers(pass.Graph),
		"lower timeout to %s or less, and move slow work out of the trigger") {
		pass.Report(f)
	}
}
