package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaTimeoutExceedsLexFulfillment flags code hook functions of a Lex V2 bot whose timeout
// outlasts the time Lex waits for an intent's fulfillment.
var LambdaTimeoutExceedsLexFulfillment = &Rule{
	Name:     "aws_lambda_timeout_exceeds_lex_fulfillment",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "function timeout is longer than Amazon Lex V2 waits for an intent's fulfillment code hook",
	Doc: Doc{
		Why: "A Lex V2 bot alias runs one Lambda function per locale for the code hooks of its intents. When an intent " +
			"fulfills through that function, Lex waits 30 s for it, unless the intent turns on fulfillment updates (streaming " +
			"conversations only), which set a timeout of their own of up to 900 s. A function that runs longer is cut off " +
			"by Lex: the user gets the intent's timeout response, or an error, while the function goes on running to its own " +
			"timeout, billed, its result thrown away.\n\n" +
			"The rule reads the function from the bot alias's locale settings (`awscc_lex_bot_alias`: the AWS provider " +
			"has no Lex V2 bot alias resource yet) and the intents from `aws_lexv2models_intent` or the intents inline in an " +
			"`awscc_lex_bot`, tied to the alias by their bot. It reports only when an intent of that bot is known to enable " +
			"its fulfillment code hook, and takes the longest wait of all the bot's intents, so a timeout it reports is too " +
			"long for every one of them. The dialog code hook has no documented limit of its own, so it is not checked; an " +
			"intent whose fulfillment timeout is known only after apply keeps the rule silent for its bot.",
		HowToFix: "- Lower the function's `timeout` to what Lex waits (30 s without fulfillment updates).\n" +
			"- For long fulfillment in streaming conversations, turn on the intent's fulfillment updates " +
			"(`fulfillment_updates_specification` with `active = true` and a `timeout_in_seconds` at least the function's).\n" +
			"- Or fulfill asynchronously: let the function start the work (a queue, Step Functions, or the container half of " +
			"a hybrid unit) and answer at once.",
		Sources: []string{
			"https://docs.aws.amazon.com/lexv2/latest/dg/streaming-progress.html (without fulfillment updates, the default timeout of 30 seconds is used)",
			"https://docs.aws.amazon.com/lexv2/latest/APIReference/API_FulfillmentUpdatesSpecification.html (timeoutInSeconds 1 to 900)",
			"https://docs.aws.amazon.com/lexv2/latest/dg/intent-fulfillment.html (timeout response when the fulfillment function does not finish in time)",
			"https://github.com/hashicorp/terraform-provider-aws/issues/35780 (no aws_lexv2models_bot_alias in the AWS provider)",
		},
		Example: Example{
			Note: "An order bot fulfills through a function that may take two minutes, and no intent turns fulfillment updates on.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.orders",
					After: map[string]any{
						"function_name": "orders",
						"memory_size":   512,
						"runtime":       "python3.12",
						"timeout":       120,
					},
				},
				{
					Address: "aws_lexv2models_bot.orders",
					After:   map[string]any{"name": "orders", "idle_session_ttl_in_seconds": 300},
				},
				{
					Address: "aws_lexv2models_intent.place_order",
					After: map[string]any{
						"name": "PlaceOrder", "bot_version": "DRAFT", "locale_id": "en_US",
						"fulfillment_code_hook": []any{map[string]any{"enabled": true, "fulfillment_updates_specification": []any{}}},
					},
					Unknown: []string{"bot_id"},
					Refs:    map[string][]string{"bot_id": {"aws_lexv2models_bot.orders.id", "aws_lexv2models_bot.orders"}},
				},
				{
					Address: "awscc_lex_bot_alias.live",
					After: map[string]any{
						"bot_alias_name": "live",
						"bot_alias_locale_settings": []any{map[string]any{
							"locale_id": "en_US",
							"bot_alias_locale_setting": map[string]any{
								"enabled": true,
								"code_hook_specification": map[string]any{"lambda_code_hook": map[string]any{
									"code_hook_interface_version": "1.0",
									"lambda_arn":                  "arn:aws:lambda:us-east-1:123456789012:function:orders",
								}},
							},
						}},
					},
					Unknown: []string{"bot_id"},
					Refs: map[string][]string{
						"bot_id":                    {"aws_lexv2models_bot.orders.id", "aws_lexv2models_bot.orders"},
						"bot_alias_locale_settings": {"aws_lambda_function.orders.arn", "aws_lambda_function.orders"},
					},
				},
			},
		},
	},
	Check: checkLambdaTimeoutExceedsLexFulfillment,
}

func checkLambdaTimeoutExceedsLexFulfillment(pass *Pass) {
	for _, h := range serverless.LexFulfillmentHooks(pass.Graph) {
		fn := h.Invocation.Function
		timeout, ok := serverless.LambdaTimeout(fn)
		if !ok || timeout <= h.LimitSeconds || fn.Deleted() {
			continue
		}
		related := []string{h.Alias.Address, serverless.AliasAddress(h.Invocation)}
		for _, intent := range h.Intents {
			related = append(related, intent.Address)
		}
		remediation := fmt.Sprintf("lower timeout to %s or less, or turn on the intent's fulfillment updates with a timeout_in_seconds of at least %d",
			serverless.Seconds(h.LimitSeconds), timeout)
		if h.LimitSeconds > platform.LexV2FulfillmentDefaultTimeoutSeconds {
			remediation = fmt.Sprintf("lower timeout to %s or less, or raise the intents' fulfillment timeout_in_seconds to at least %d",
				serverless.Seconds(h.LimitSeconds), timeout)
		}
		pass.Report(finding.Finding{
			Address:   fn.Address,
			Attribute: "timeout",
			Related:   related,
			Message: fmt.Sprintf("timeout %s exceeds the %s Lex V2 fulfillment limit of %s",
				serverless.Seconds(timeout), serverless.Seconds(h.LimitSeconds), h.Alias.Address),
			Remediation: remediation,
		})
	}
}
