package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// userPool is a user pool whose lambda_config is known after apply, with the given triggers
// referenced in configuration ("pre_sign_up" -> references).
func userPool(addr string, triggers map[string][]string) plantest.Resource {
	refs := map[string][]string{}
	for trigger, r := range triggers {
		refs["lambda_config.0."+trigger] = r
	}
	return plantest.Resource{Address: addr, After: map[string]any{"name": "users"}, Unknown: []string{"lambda_config"}, Refs: refs}
}

func TestLambdaTimeoutExceedsCognitoTrigger(t *testing.T) {
	fnRef := plantest.Refs("aws_lambda_function.fn", "arn")
	pool := func(trigger string, refs ...string) plantest.Resource {
		return userPool("aws_cognito_user_pool.pool", map[string][]string{trigger: refs})
	}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "a pre sign-up trigger allowed 6s, one second over",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 6), pool("pre_sign_up", fnRef...)),
			want: []string{"error aws_lambda_function.fn: timeout 6s exceeds the 5s Cognito trigger limit of aws_cognito_user_pool.pool (pre_sign_up)"},
		},
		{
			name: "exactly 5s is within the limit",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 5), pool("pre_sign_up", fnRef...)),
			want: []string{},
		},
		{
			name: "4s is within the limit",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 4), pool("pre_sign_up", fnRef...)),
			want: []string{},
		},
		{
			name: "the pre token generation trigger's versioned block",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 10), pool("pre_token_generation_config.0.lambda_arn", fnRef...)),
			want: []string{"error aws_lambda_function.fn: timeout 10s exceeds the 5s Cognito trigger limit of aws_cognito_user_pool.pool (pre_token_generation_config)"},
		},
		{
			name: "a custom email sender",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 30), pool("custom_email_sender.0.lambda_arn", fnRef...)),
			want: []string{"error aws_lambda_function.fn: timeout 30s exceeds the 5s Cognito trigger limit of aws_cognito_user_pool.pool (custom_email_sender)"},
		},
		{
			name: "one function behind three triggers is one finding naming them",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 15), userPool("aws_cognito_user_pool.pool", map[string][]string{
				"define_auth_challenge": fnRef, "create_auth_challenge": fnRef, "verify_auth_challenge_response": fnRef})),
			want: []string{"error aws_lambda_function.fn: timeout 15s exceeds the 5s Cognito trigger limit of aws_cognito_user_pool.pool (define_auth_challenge, create_auth_challenge, verify_auth_challenge_response)"},
		},
		{
			name: "two triggers, two functions",
			plan: plantest.New().Add(lambda("aws_lambda_function.a", 10), lambda("aws_lambda_function.b", 3),
				userPool("aws_cognito_user_pool.pool", map[string][]string{
					"post_confirmation": plantest.Refs("aws_lambda_function.a", "arn"),
					"custom_message":    plantest.Refs("aws_lambda_function.b", "arn")})),
			want: []string{"error aws_lambda_function.a: timeout 10s exceeds the 5s Cognito trigger limit of aws_cognito_user_pool.pool (post_confirmation)"},
		},
		{
			name: "an unknown timeout is silent",
			plan: plantest.New().Add(unknownLambda("aws_lambda_function.fn"), pool("pre_sign_up", fnRef...)),
			want: []string{},
		},
		{
			name: "a sensitive timeout is silent",
			plan: plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.fn",
				After: map[string]any{"function_name": "fn", "runtime": "python3.12", "timeout": 60}, Sensitive: []string{"timeout"}},
				pool("pre_sign_up", fnRef...)),
			want: []string{},
		},
		{
			name: "an unknown trigger ARN that references no function is silent",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 60), pool("pre_sign_up", "var.trigger_arn")),
			want: []string{},
		},
		{
			name: "a function the pool does not name is silent",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 60), plantest.Resource{Address: "aws_cognito_user_pool.pool",
				After: map[string]any{"name": "users", "lambda_config": []any{map[string]any{"kms_key_id": "arn:aws:kms:eu-west-1:123456789012:key/k"}}}}),
			want: []string{},
		},
		{
			name: "through an alias",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 8),
				plantest.LambdaAlias("aws_lambda_alias.live", "aws_lambda_function.fn"),
				pool("pre_authentication", plantest.Refs("aws_lambda_alias.live", "arn")...)),
			want: []string{"error aws_lambda_function.fn: timeout 8s exceeds the 5s Cognito trigger limit of aws_cognito_user_pool.pool (pre_authentication)"},
		},
		{
			name: "through a module output",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.auth", Source: "./auth", Outputs: map[string][]string{"arn": plantest.Refs("aws_lambda_function.this", "arn")}}).
				Add(lambda("module.auth.aws_lambda_function.this", 20), pool("user_migration", "module.auth.arn", "module.auth")),
			want: []string{"error module.auth.aws_lambda_function.this: timeout 20s exceeds the 5s Cognito trigger limit of aws_cognito_user_pool.pool (user_migration)"},
		},
		{
			name: "for_each: each pool reaches its own function",
			plan: plantest.New().Add(lambda(`aws_lambda_function.fn["eu"]`, 10), lambda(`aws_lambda_function.fn["us"]`, 5),
				userPool(`aws_cognito_user_pool.pool["eu"]`, map[string][]string{"pre_sign_up": {"aws_lambda_function.fn", "each.key"}}),
				userPool(`aws_cognito_user_pool.pool["us"]`, map[string][]string{"pre_sign_up": {"aws_lambda_function.fn", "each.key"}})),
			want: []string{`error aws_lambda_function.fn["eu"]: timeout 10s exceeds the 5s Cognito trigger limit of aws_cognito_user_pool.pool["eu"] (pre_sign_up)`},
		},
		{
			name: "a hard-coded qualified ARN is matched by name",
			plan: plantest.New().Add(
				plantest.Resource{Address: "aws_lambda_function.fn", After: map[string]any{"function_name": "signup-check", "runtime": "nodejs22.x", "timeout": 12}},
				plantest.Resource{Address: "aws_cognito_user_pool.pool", After: map[string]any{"name": "users",
					"lambda_config": []any{map[string]any{"pre_sign_up": "arn:aws:lambda:eu-west-1:123456789012:function:signup-check:7"}}}}),
			want: []string{"error aws_lambda_function.fn: timeout 12s exceeds the 5s Cognito trigger limit of aws_cognito_user_pool.pool (pre_sign_up)"},
		},
		{
			name: "a sensitive hard-coded ARN is not read",
			plan: plantest.New().Add(
				plantest.Resource{Address: "aws_lambda_function.fn", After: map[string]any{"function_name": "signup-check", "runtime": "nodejs22.x", "timeout": 12}},
				plantest.Resource{Address: "aws_cognito_user_pool.pool", After: map[string]any{"name": "users",
					"lambda_config": []any{map[string]any{"pre_sign_up": "arn:aws:lambda:eu-west-1:123456789012:function:signup-check"}}},
					Sensitive: []string{"lambda_config"}}),
			want: []string{},
		},
		{
			name: "a pool the plan deletes is not reported",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 60), deleted(pool("pre_sign_up", fnRef...))),
			want: []string{},
		},
		{
			name: "a function the plan deletes is not reported",
			plan: plantest.New().Add(deleted(lambda("aws_lambda_function.fn", 60)), pool("pre_sign_up", fnRef...)),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaTimeoutExceedsCognitoTrigger, tt.plan)))
		})
	}
}

func TestLambdaTimeoutExceedsCognitoTriggerRelated(t *testing.T) {
	b := plantest.New().Add(lambda("aws_lambda_function.fn", 8),
		plantest.LambdaAlias("aws_lambda_alias.live", "aws_lambda_function.fn"),
		userPool("aws_cognito_user_pool.pool", map[string][]string{"pre_sign_up": plantest.Refs("aws_lambda_alias.live", "arn")}))
	fs := run(t, rules.LambdaTimeoutExceedsCognitoTrigger, b)
	require.Len(t, fs, 1)
	require.Equal(t, "timeout", fs[0].Attribute)
	require.Equal(t, []string{"aws_cognito_user_pool.pool", "aws_lambda_alias.live"}, fs[0].Related)
	require.Equal(t, "lower timeout to 5s or less, and move slow work out of the trigger", fs[0].Remediation)
}
