package serverless

import (
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// cognitoTriggerPaths are the arguments of an aws_cognito_user_pool's lambda_config block that name
// a Lambda function (terraform-provider-aws, internal/service/cognitoidp/user_pool.go): every one
// is a trigger Cognito waits for. kms_key_id, the other string there, is not a function.
var cognitoTriggerPaths = []string{
	"lambda_config.0.pre_sign_up",
	"lambda_config.0.pre_authentication",
	"lambda_config.0.post_authentication",
	"lambda_config.0.post_confirmation",
	"lambda_config.0.pre_token_generation",
	"lambda_config.0.pre_token_generation_config.0.lambda_arn",
	"lambda_config.0.custom_message",
	"lambda_config.0.define_auth_challenge",
	"lambda_config.0.create_auth_challenge",
	"lambda_config.0.verify_auth_challenge_response",
	"lambda_config.0.user_migration",
	"lambda_config.0.custom_email_sender.0.lambda_arn",
	"lambda_config.0.custom_sms_sender.0.lambda_arn",
	"lambda_config.0.inbound_federation.0.lambda_arn",
}

// cognitoTriggerName names a trigger path for messages: "pre_sign_up", "custom_email_sender".
func cognitoTriggerName(path string) string {
	name := strings.TrimPrefix(path, "lambda_config.0.")
	return strings.TrimSuffix(name, ".0.lambda_arn")
}

// CognitoTriggers returns the Lambda triggers of every Cognito user pool the plan keeps, each with
// the 5 s Cognito waits for it (platform.CognitoTriggerTimeoutSeconds). Functions are followed the
// way every caller's are (graph.InvokedFunctions: references through aliases, modules, count and
// for_each, or the known ARN); one function behind several triggers of a pool is one site naming
// them all.
func CognitoTriggers(g *graph.Graph) []CallSite {
	var c siteCollector
	for _, pool := range g.ByType("aws_cognito_user_pool") {
		if pool.Deleted() {
			continue
		}
		for _, path := range cognitoTriggerPaths {
			for _, inv := range g.InvokedFunctions(pool, path) {
				c.add(CallSite{Part: cognitoTriggerName(path), CallerLimit: CallerLimit{
					Function: inv.Function, Caller: pool, Via: AliasAddress(inv),
					Synchronous: true, Qualifier: invocationQualifier(g, pool, path, inv),
					LimitMillis: platform.CognitoTriggerTimeoutSeconds * 1000,
					Label:       "Cognito trigger limit",
					Rule:        "aws_lambda_timeout_exceeds_cognito_trigger",
				}})
			}
		}
	}
	return c.sites
}

// CognitoTriggerCallers is CognitoTriggers as a CallerFinder.
func CognitoTriggerCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	return limitsOf(CognitoTriggers(g))
}
