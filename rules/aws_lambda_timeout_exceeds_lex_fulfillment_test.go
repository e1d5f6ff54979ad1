package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// lexIntent is an aws_lexv2models_intent of aws_lexv2models_bot.orders; updates nil means no
// fulfillment updates, else their timeout_in_seconds (a number, or "unknown").
func lexIntent(addr string, enabled bool, updates any) plantest.Resource {
	spec := []any{}
	var unknown []string
	if updates != nil {
		u := map[string]any{"active": true, "timeout_in_seconds": updates}
		if updates == "unknown" {
			// Only the whole hook can be marked unknown with plantest: enough to hide the timeout.
			unknown = []string{"fulfillment_code_hook"}
		}
		spec = []any{u}
	}
	return plantest.Resource{Address: addr, After: map[string]any{"name": addr, "bot_version": "DRAFT", "locale_id": "en_US",
		"fulfillment_code_hook": []any{map[string]any{"enabled": enabled, "fulfillment_updates_specification": spec}}},
		Unknown: append(unknown, "bot_id"), Refs: map[string][]string{"bot_id": plantest.Refs("aws_lexv2models_bot.orders", "id")}}
}

// lexAlias is an awscc_lex_bot_alias of aws_lexv2models_bot.orders whose en_US locale runs the
// function the references lead to (or the known ARN, when arn is not "").
func lexAlias(addr, arn string, enabled bool, fnRefs ...string) plantest.Resource {
	hook := map[string]any{"code_hook_interface_version": "1.0"}
	if arn != "" {
		hook["lambda_arn"] = arn
	}
	r := plantest.Resource{Address: addr, After: map[string]any{"bot_alias_name": "live",
		"bot_alias_locale_settings": []any{map[string]any{"locale_id": "en_US", "bot_alias_locale_setting": map[string]any{
			"enabled": enabled, "code_hook_specification": map[string]any{"lambda_code_hook": hook}}}}},
		Unknown: []string{"bot_id"}, Refs: map[string][]string{"bot_id": plantest.Refs("aws_lexv2models_bot.orders", "id")}}
	if len(fnRefs) > 0 {
		r.Refs["bot_alias_locale_settings"] = fnRefs
	}
	return r
}

func lexBot() plantest.Resource {
	return plantest.Resource{Address: "aws_lexv2models_bot.orders", After: map[string]any{"name": "orders"}, Unknown: []string{"id"}}
}

func TestLambdaTimeoutExceedsLexFulfillment(t *testing.T) {
	require.Equal(t, serverless.LexFulfillmentRule, rules.LambdaTimeoutExceedsLexFulfillment.Name,
		"the caller finder names the rule that reports it")
	fnRefs := plantest.Refs("aws_lambda_function.orders", "arn")
	const fired = "error aws_lambda_function.orders: timeout 31s exceeds the 30s Lex V2 fulfillment limit of awscc_lex_bot_alias.live"
	plan := func(timeout any, extra ...plantest.Resource) *plantest.Builder {
		return plantest.New().Add(lambda("aws_lambda_function.orders", timeout), lexBot(),
			lexAlias("awscc_lex_bot_alias.live", "", true, fnRefs...)).Add(extra...)
	}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{"31s is one second over the 30s fulfillment default", plan(31, lexIntent("aws_lexv2models_intent.order", true, nil)), []string{fired}},
		{"30s is the limit", plan(30, lexIntent("aws_lexv2models_intent.order", true, nil)), []string{}},
		{"29s is under it", plan(29, lexIntent("aws_lexv2models_intent.order", true, nil)), []string{}},
		{
			name: "fulfillment updates set the limit: 61s over 60s",
			plan: plan(61, lexIntent("aws_lexv2models_intent.order", true, 60)),
			want: []string{"error aws_lambda_function.orders: timeout 61s exceeds the 60s Lex V2 fulfillment limit of awscc_lex_bot_alias.live"},
		},
		{"fulfillment updates of 60s: 60s fits", plan(60, lexIntent("aws_lexv2models_intent.order", true, 60)), []string{}},
		{
			name: "the longest wait of the bot's intents is the limit: another intent waits 120s",
			plan: plan(90, lexIntent("aws_lexv2models_intent.order", true, nil), lexIntent("aws_lexv2models_intent.refund", false, 120)),
			want: []string{},
		},
		{"no intent enables its fulfillment code hook: only dialog hooks, no documented limit",
			plan(120, lexIntent("aws_lexv2models_intent.order", false, nil)), []string{}},
		{"no intent in the plan: silent", plan(120), []string{}},
		{"a fulfillment timeout known only after apply keeps the bot silent",
			plan(120, lexIntent("aws_lexv2models_intent.order", true, nil), lexIntent("aws_lexv2models_intent.refund", true, "unknown")), []string{}},
		{"an unknown function timeout is silent", plantest.New().Add(unknownLambda("aws_lambda_function.orders"), lexBot(),
			lexAlias("awscc_lex_bot_alias.live", "", true, fnRefs...), lexIntent("aws_lexv2models_intent.order", true, nil)), []string{}},
		{
			name: "an intent of another bot does not count",
			plan: plan(120, func() plantest.Resource {
				r := lexIntent("aws_lexv2models_intent.other", true, nil)
				r.Refs["bot_id"] = plantest.Refs("aws_lexv2models_bot.support", "id")
				return r
			}(), plantest.Resource{Address: "aws_lexv2models_bot.support", After: map[string]any{"name": "support"}, Unknown: []string{"id"}}),
			want: []string{},
		},
		{
			name: "the function found by the known ARN of the locale",
			plan: plantest.New().Add(lambda("aws_lambda_function.orders", 31), lexBot(),
				lexAlias("awscc_lex_bot_alias.live", "arn:aws:lambda:us-east-1:123456789012:function:aws_lambda_function.orders", true),
				lexIntent("aws_lexv2models_intent.order", true, nil)),
			want: []string{fired},
		},
		{
			name: "a disabled locale runs nothing",
			plan: plantest.New().Add(lambda("aws_lambda_function.orders", 120), lexBot(),
				lexAlias("awscc_lex_bot_alias.live", "", false, fnRefs...), lexIntent("aws_lexv2models_intent.order", true, nil)),
			want: []string{},
		},
		{
			name: "through a Lambda alias",
			plan: plantest.New().Add(lambda("aws_lambda_function.orders", 31), lexBot(),
				plantest.LambdaAlias("aws_lambda_alias.live", "aws_lambda_function.orders"),
				lexAlias("awscc_lex_bot_alias.live", "", true, plantest.Refs("aws_lambda_alias.live", "arn")...),
				lexIntent("aws_lexv2models_intent.order", true, nil)),
			want: []string{fired},
		},
		{
			name: "the alias in a module, the function passed in from the root",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.bot", Source: "./bot", Args: map[string][]string{"fulfillment_arn": fnRefs}}).
				Add(lambda("aws_lambda_function.orders", 31), lexBot(),
					func() plantest.Resource {
						r := lexAlias("module.bot.awscc_lex_bot_alias.live", "", true, "var.fulfillment_arn")
						r.Refs["bot_id"] = []string{"var.bot_id"}
						r.After["bot_id"] = "BOT123"
						r.Unknown = nil
						return r
					}(),
					func() plantest.Resource {
						r := lexIntent("aws_lexv2models_intent.order", true, nil)
						r.After["bot_id"], r.Unknown, r.Refs = "BOT123", nil, nil
						return r
					}()),
			want: []string{"error aws_lambda_function.orders: timeout 31s exceeds the 30s Lex V2 fulfillment limit of module.bot.awscc_lex_bot_alias.live"},
		},
		{
			name: "intents inline in an awscc_lex_bot",
			plan: plantest.New().Add(lambda("aws_lambda_function.orders", 31),
				plantest.Resource{Address: "awscc_lex_bot.orders", After: map[string]any{"name": "orders", "bot_locales": []any{
					map[string]any{"locale_id": "en_US", "intents": []any{
						map[string]any{"name": "PlaceOrder", "fulfillment_code_hook": map[string]any{"enabled": true}},
					}}}}, Unknown: []string{"id"}},
				func() plantest.Resource {
					r := lexAlias("awscc_lex_bot_alias.live", "", true, fnRefs...)
					r.Refs["bot_id"] = plantest.Refs("awscc_lex_bot.orders", "id")
					return r
				}()),
			want: []string{fired},
		},
		{"a function the plan deletes is not reported", plantest.New().Add(deleted(lambda("aws_lambda_function.orders", 120)), lexBot(),
			lexAlias("awscc_lex_bot_alias.live", "", true, fnRefs...), lexIntent("aws_lexv2models_intent.order", true, nil)), []string{}},
		{"an alias the plan deletes calls nothing", plantest.New().Add(lambda("aws_lambda_function.orders", 120), lexBot(),
			deleted(lexAlias("awscc_lex_bot_alias.live", "", true, fnRefs...)), lexIntent("aws_lexv2models_intent.order", true, nil)), []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaTimeoutExceedsLexFulfillment, tt.plan)))
		})
	}
}

// requireOneCaller checks that serverless.CallerLimits, which function_observed_duration_near_limit
// reads, lists the caller the timing rule reports, with its limit.
func requireOneCaller(t *testing.T, b *plantest.Builder, rule, function, caller string, limitMillis int) {
	t.Helper()
	var got []serverless.CallerLimit
	for _, c := range serverless.CallerLimits(b.Graph(t), serverless.Inputs{}) {
		if c.Rule == rule {
			got = append(got, c)
		}
	}
	require.Len(t, got, 1)
	require.Equal(t, function, got[0].Function.Address)
	require.Equal(t, caller, got[0].Caller.Address)
	require.Equal(t, limitMillis, got[0].LimitMillis)
}

func TestLexFulfillmentIsACaller(t *testing.T) {
	requireOneCaller(t, plantest.New().Add(lambda("aws_lambda_function.orders", 31), lexBot(),
		lexAlias("awscc_lex_bot_alias.live", "", true, plantest.Refs("aws_lambda_function.orders", "arn")...),
		lexIntent("aws_lexv2models_intent.order", true, 45)),
		serverless.LexFulfillmentRule, "aws_lambda_function.orders", "awscc_lex_bot_alias.live", 45000)
}
