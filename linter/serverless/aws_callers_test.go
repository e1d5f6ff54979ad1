package serverless_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// Values of the wrong shape where the Lex and SES finders read are skipped, never a crash, and
// never a caller: a limit read from a value that is not one would be a guess.
func TestLexAndSESFindersSkipWrongShapes(t *testing.T) {
	fn := plantest.Resource{Address: "aws_lambda_function.f", After: map[string]any{"function_name": "f", "timeout": 900}}
	fnRefs := plantest.Refs("aws_lambda_function.f", "arn")
	bot := plantest.Resource{Address: "aws_lexv2models_bot.b", After: map[string]any{"name": "b"}, Unknown: []string{"id"}}
	botRefs := map[string][]string{"bot_id": plantest.Refs("aws_lexv2models_bot.b", "id")}
	aliases := []any{
		"x", 7, []any{"x"}, []any{map[string]any{"bot_alias_locale_setting": 5}},
		[]any{map[string]any{"bot_alias_locale_setting": map[string]any{"enabled": "yes"}}},
		[]any{map[string]any{"bot_alias_locale_setting": map[string]any{"enabled": true, "code_hook_specification": []any{1}}}},
		[]any{map[string]any{"bot_alias_locale_setting": map[string]any{"enabled": true,
			"code_hook_specification": map[string]any{"lambda_code_hook": map[string]any{"lambda_arn": 7}}}}},
	}
	hooks := []any{"on", 3, []any{"x"}, []any{map[string]any{"enabled": "true"}},
		[]any{map[string]any{"enabled": true, "fulfillment_updates_specification": []any{map[string]any{"active": "yes"}}}},
		[]any{map[string]any{"enabled": true, "fulfillment_updates_specification": []any{map[string]any{"active": true, "timeout_in_seconds": -3}}}},
		[]any{map[string]any{"enabled": true, "fulfillment_updates_specification": []any{map[string]any{"active": true, "timeout_in_seconds": "9"}}}},
	}
	actions := []any{"x", map[string]any{"a": 1}, []any{7}, []any{map[string]any{"invocation_type": 3, "function_arn": "f"}},
		[]any{map[string]any{"invocation_type": "RequestResponse", "function_arn": []any{"f"}}}}
	for i, settings := range aliases {
		resources := []plantest.Resource{fn, bot,
			{Address: "awscc_lex_bot_alias.a", After: map[string]any{"bot_alias_locale_settings": settings}, Unknown: []string{"bot_id"},
				Refs: map[string][]string{"bot_id": botRefs["bot_id"], "bot_alias_locale_settings": fnRefs}},
			{Address: "aws_lexv2models_intent.i", After: map[string]any{"fulfillment_code_hook": hooks[i%len(hooks)]},
				Unknown: []string{"bot_id"}, Refs: botRefs},
			{Address: "aws_ses_receipt_rule.r", After: map[string]any{"enabled": "yes", "lambda_action": actions[i%len(actions)]}},
		}
		g := plantest.New().Add(resources...).Graph(t)
		require.NotPanics(t, func() { serverless.CallerLimits(g, serverless.Inputs{}) }, "case %d", i)
		for _, c := range serverless.CallerLimits(g, serverless.Inputs{}) {
			assert.NotContains(t, []string{serverless.SESReceiptRuleRule, serverless.LexFulfillmentRule}, c.Rule,
				"case %d: a caller read from values of the wrong shape", i)
		}
	}
}
