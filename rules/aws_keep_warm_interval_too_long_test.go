package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestKeepWarmIntervalTooLong(t *testing.T) {
	const fn = "aws_lambda_function.api"
	api := coldFn(fn, "python3.12", nil)
	arn := fnRefs(fn, "arn")
	warmer := `{"warmer":true,"concurrency":1}`
	rule := func(expr string, extra map[string]any) plantest.Resource {
		return eventRule("aws_cloudwatch_event_rule.ping", expr, extra)
	}
	target := func(input string, refs ...string) plantest.Resource {
		return eventTarget("aws_cloudwatch_event_target.ping", "aws_cloudwatch_event_rule.ping", input, refs...)
	}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "a warm-up payload every 15 minutes",
			plan: plantest.New().Add(api, rule("rate(15 minutes)", nil), target(warmer, arn...)),
			want: []string{"warning aws_cloudwatch_event_rule.ping: keep-warm schedule rate(15 minutes) pings aws_lambda_function.api " +
				"every 15 min, longer than the 5 min idle window: each ping finds it cold"},
		},
		{
			name: "a warm-up payload every 5 minutes keeps it warm",
			plan: plantest.New().Add(api, rule("rate(5 minutes)", nil), target(warmer, arn...)),
			want: []string{},
		},
		{
			name: "serverless-plugin-warmup's payload",
			plan: plantest.New().Add(api, rule("rate(10 minutes)", nil), target(`{"source":"serverless-plugin-warmup"}`, arn...)),
			want: []string{"warning aws_cloudwatch_event_rule.ping: keep-warm schedule rate(10 minutes) pings aws_lambda_function.api " +
				"every 10 min, longer than the 5 min idle window: each ping finds it cold"},
		},
		{
			name: "declared keep-warm by name",
			plan: plantest.New().Add(api, rule("rate(30 minutes)", map[string]any{"name": "api-keep-warm"}), target("", arn...)),
			want: []string{"warning aws_cloudwatch_event_rule.ping: keep-warm schedule rate(30 minutes) pings aws_lambda_function.api " +
				"every 30 min, longer than the 5 min idle window: each ping finds it cold"},
		},
		{
			name: "declared keep-warm by a tag",
			plan: plantest.New().Add(api, rule("rate(1 hour)", map[string]any{"tags": map[string]any{"Purpose": "keep-warm"}}), target("", arn...)),
			want: []string{"warning aws_cloudwatch_event_rule.ping: keep-warm schedule rate(1 hour) pings aws_lambda_function.api " +
				"every 60 min, longer than the 5 min idle window: each ping finds it cold"},
		},
		{
			name: "a scheduled job that is not a keep-warm is silent",
			plan: plantest.New().Add(api, rule("rate(15 minutes)", map[string]any{"name": "reconcile-invoices",
				"description": "reconcile invoices with the ledger"}), target(`{"job":"reconcile"}`, arn...)),
			want: []string{},
		},
		{
			name: "office hours every 5 minutes keeps it warm while it runs",
			plan: plantest.New().Add(api, rule("cron(0/5 8-17 ? * MON-FRI *)", nil), target(warmer, arn...)),
			want: []string{},
		},
		{
			name: "office hours every hour",
			plan: plantest.New().Add(api, rule("cron(0 8-17 ? * MON-FRI *)", nil), target(warmer, arn...)),
			want: []string{"warning aws_cloudwatch_event_rule.ping: keep-warm schedule cron(0 8-17 ? * MON-FRI *) pings " +
				"aws_lambda_function.api at gaps of 60 min to 2 d 15 h, longer than the 5 min idle window: each ping finds it cold"},
		},
		{
			name: "a Scheduler schedule whose flexible window stretches the gaps",
			plan: plantest.New().Add(api, schedulerSchedule("aws_scheduler_schedule.warm", "rate(5 minutes)", warmer, 15, arn...)),
			want: []string{"warning aws_scheduler_schedule.warm: keep-warm schedule rate(5 minutes) pings aws_lambda_function.api " +
				"every 20 min, counting its 15 min flexible time window, longer than the 5 min idle window: each ping finds it cold"},
		},
		{
			name: "a Scheduler schedule without a flexible window",
			plan: plantest.New().Add(api, schedulerSchedule("aws_scheduler_schedule.warm", "rate(5 minutes)", warmer, 0, arn...)),
			want: []string{},
		},
		{
			name: "a disabled rule pings nothing",
			plan: plantest.New().Add(api, rule("rate(15 minutes)", map[string]any{"state": "DISABLED"}), target(warmer, arn...)),
			want: []string{},
		},
		{
			name: "a schedule expression known after apply is silent",
			plan: plantest.New().Add(api, plantest.Resource{Address: "aws_cloudwatch_event_rule.ping",
				After: map[string]any{"name": "api-warmer", "state": "ENABLED"}, Unknown: []string{"schedule_expression"},
				Refs: map[string][]string{"schedule_expression": {"var.warm_schedule"}}}, target(warmer, arn...)),
			want: []string{},
		},
		{
			name: "a sensitive payload is not read",
			plan: plantest.New().Add(api, rule("rate(15 minutes)", nil), func() plantest.Resource {
				r := target(warmer, arn...)
				r.Sensitive = []string{"input"}
				return r
			}()),
			want: []string{},
		},
		{
			name: "one finding per rule, naming every function it pings",
			plan: plantest.New().Add(api, coldFn("aws_lambda_function.orders", "python3.12", nil), rule("rate(20 minutes)", nil),
				target(warmer, arn...),
				eventTarget("aws_cloudwatch_event_target.orders", "aws_cloudwatch_event_rule.ping", warmer, fnRefs("aws_lambda_function.orders", "arn")...)),
			want: []string{"warning aws_cloudwatch_event_rule.ping: keep-warm schedule rate(20 minutes) pings aws_lambda_function.api " +
				"and aws_lambda_function.orders every 20 min, longer than the 5 min idle window: each ping finds it cold"},
		},
		{
			name: "through a module output and an alias",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.api", Source: "./api",
					Outputs: map[string][]string{"alias_arn": fnRefs("aws_lambda_alias.live", "arn")}}).
				Add(coldFn("module.api.aws_lambda_function.this", "python3.12", map[string]any{"publish": true}),
					liveAlias("module.api.aws_lambda_alias.live", "aws_lambda_function.this"),
					rule("rate(15 minutes)", nil), target(warmer, "module.api.alias_arn", "module.api")),
			want: []string{"warning aws_cloudwatch_event_rule.ping: keep-warm schedule rate(15 minutes) pings " +
				"module.api.aws_lambda_function.this every 15 min, longer than the 5 min idle window: each ping finds it cold"},
		},
		{
			name: "count instances of the rule and its targets",
			plan: plantest.New().Add(api,
				eventRule("aws_cloudwatch_event_rule.ping[0]", "rate(10 minutes)", nil),
				eventRule("aws_cloudwatch_event_rule.ping[1]", "rate(2 minutes)", nil),
				plantest.Resource{Address: "aws_cloudwatch_event_target.ping[0]", After: map[string]any{"input": warmer}, Unknown: []string{"arn", "rule"},
					Refs: map[string][]string{"rule": {"aws_cloudwatch_event_rule.ping[count.index].name", "aws_cloudwatch_event_rule.ping"}, "arn": arn}},
				plantest.Resource{Address: "aws_cloudwatch_event_target.ping[1]", After: map[string]any{"input": warmer}, Unknown: []string{"arn", "rule"},
					Refs: map[string][]string{"rule": {"aws_cloudwatch_event_rule.ping[count.index].name", "aws_cloudwatch_event_rule.ping"}, "arn": arn}}),
			want: []string{"warning aws_cloudwatch_event_rule.ping[0]: keep-warm schedule rate(10 minutes) pings aws_lambda_function.api " +
				"every 10 min, longer than the 5 min idle window: each ping finds it cold"},
		},
		{
			name: "a target that names its rule by a literal",
			plan: plantest.New().Add(api, rule("rate(15 minutes)", map[string]any{"name": "api-warmer"}),
				plantest.Resource{Address: "aws_cloudwatch_event_target.ping", After: map[string]any{"rule": "api-warmer", "input": warmer},
					Unknown: []string{"arn"}, Refs: map[string][]string{"arn": arn}}),
			want: []string{"warning aws_cloudwatch_event_rule.ping: keep-warm schedule rate(15 minutes) pings aws_lambda_function.api " +
				"every 15 min, longer than the 5 min idle window: each ping finds it cold"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.KeepWarmIntervalTooLong, tt.plan)))
		})
	}
}

func TestKeepWarmIntervalTooLongIdleWindow(t *testing.T) {
	const fn = "aws_lambda_function.api"
	plan := plantest.New().Add(coldFn(fn, "python3.12", nil),
		eventRule("aws_cloudwatch_event_rule.ping", "rate(15 minutes)", map[string]any{"name": "api-warmer"}),
		eventTarget("aws_cloudwatch_event_target.ping", "aws_cloudwatch_event_rule.ping", "", fnRefs(fn, "arn")...))
	for window, want := range map[int]int{10: 1, 15: 0, 20: 0} {
		cfg := engine.Config{Settings: rules.Settings{IdleWindowMinutes: window}}
		res := engine.Run(plan.Graph(t), []*rules.Rule{rules.KeepWarmIntervalTooLong}, cfg)
		require.Empty(t, res.Errors)
		require.Len(t, res.Findings, want, "idle window %d min", window)
	}
}
