package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestKeepWarmRedundant(t *testing.T) {
	const fn = "aws_lambda_function.api"
	const alias = "aws_lambda_alias.live"
	published := coldFn(fn, "java21", map[string]any{"publish": true})
	live := liveAlias(alias, fn)
	pc := provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, alias)
	warmer := `{"source":"serverless-plugin-warmup"}`
	rule := eventRule("aws_cloudwatch_event_rule.warm", "rate(5 minutes)", nil)
	target := func(input string, refs ...string) plantest.Resource {
		return eventTarget("aws_cloudwatch_event_target.warm", "aws_cloudwatch_event_rule.warm", input, refs...)
	}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "warm-up pings to the alias provisioned concurrency covers",
			plan: plantest.New().Add(published, live, pc, rule, target(warmer, fnRefs(alias, "arn")...)),
			want: []string{"warning aws_cloudwatch_event_rule.warm: keep-warm schedule rate(5 minutes) pings alias live of " +
				"aws_lambda_function.api, which aws_lambda_provisioned_concurrency_config.api already keeps warm " +
				"(2 provisioned environments): paying twice"},
		},
		{
			name: "pings to $LATEST warm another version",
			plan: plantest.New().Add(published, live, pc, rule, target(warmer, fnRefs(fn, "arn")...)),
			want: []string{},
		},
		{
			name: "a scheduled job on a provisioned alias is not a keep-warm",
			plan: plantest.New().Add(published, live, pc, rule, target(`{"job":"reindex"}`, fnRefs(alias, "arn")...)),
			want: []string{},
		},
		{
			name: "no provisioned concurrency",
			plan: plantest.New().Add(published, live, rule, target(warmer, fnRefs(alias, "arn")...)),
			want: []string{},
		},
		{
			name: "provisioned concurrency whose qualifier is known after apply is silent",
			plan: plantest.New().Add(published, live, plantest.Resource{Address: "aws_lambda_provisioned_concurrency_config.api",
				After: map[string]any{"function_name": "api", "provisioned_concurrent_executions": 2}, Unknown: []string{"qualifier"},
				Refs: map[string][]string{"function_name": fnRefs(fn, "function_name"), "qualifier": {"var.qualifier"}}},
				rule, target(warmer, fnRefs(alias, "arn")...)),
			want: []string{},
		},
		{
			name: "a Scheduler schedule pinging the alias through a module",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.api", Source: "./api",
					Outputs: map[string][]string{"alias_arn": fnRefs("aws_lambda_alias.live", "arn")}}).
				Add(coldFn("module.api.aws_lambda_function.this", "java21", map[string]any{"publish": true}),
					liveAlias("module.api.aws_lambda_alias.live", "aws_lambda_function.this"),
					plantest.Resource{Address: "module.api.aws_lambda_provisioned_concurrency_config.this",
						After: map[string]any{"function_name": "this", "qualifier": "live", "provisioned_concurrent_executions": 1},
						Refs: map[string][]string{"function_name": fnRefs("aws_lambda_function.this", "function_name"),
							"qualifier": fnRefs("aws_lambda_alias.live", "name")}},
					schedulerSchedule("aws_scheduler_schedule.api_warmup", "rate(5 minutes)", `{"warmup":true}`, 0, "module.api.alias_arn", "module.api")),
			want: []string{"warning aws_scheduler_schedule.api_warmup: keep-warm schedule rate(5 minutes) pings alias live of " +
				"module.api.aws_lambda_function.this, which module.api.aws_lambda_provisioned_concurrency_config.this already keeps warm " +
				"(1 provisioned environment): paying twice"},
		},
		{
			name: "a sensitive payload is not read",
			plan: plantest.New().Add(published, live, pc, rule, func() plantest.Resource {
				r := target(warmer, fnRefs(alias, "arn")...)
				r.Sensitive = []string{"input"}
				return r
			}()),
			want: []string{},
		},
		{
			name: "a schedule the plan deletes is silent",
			plan: plantest.New().Add(published, live, pc, func() plantest.Resource {
				r := rule
				r.Actions = []string{"delete"}
				return r
			}(), target(warmer, fnRefs(alias, "arn")...)),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.KeepWarmRedundant, tt.plan)))
		})
	}
}
