package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// albChain builds a load balancer, a listener forwarding to a Lambda target group, and an
// attachment of the function at fnRefs; idle is the load balancer's idle_timeout (nil: unset).
func albChain(prefix string, idle any, fnRefs ...string) []plantest.Resource {
	lb := plantest.Resource{Address: prefix + "aws_lb.public", After: map[string]any{"name": "public", "load_balancer_type": "application", "internal": false},
		Unknown: []string{"arn"}}
	if idle != nil {
		lb.After["idle_timeout"] = idle
	}
	return []plantest.Resource{
		lb,
		{Address: prefix + "aws_lb_target_group.api", After: map[string]any{"name": "api", "target_type": "lambda"}, Unknown: []string{"arn"}},
		{Address: prefix + "aws_lb_listener.https", After: map[string]any{"port": 443, "protocol": "HTTPS"},
			Unknown: []string{"load_balancer_arn", "default_action"},
			Refs: map[string][]string{
				"load_balancer_arn":                 {"aws_lb.public.arn", "aws_lb.public"},
				"default_action.0.target_group_arn": {"aws_lb_target_group.api.arn", "aws_lb_target_group.api"},
			}},
		{Address: prefix + "aws_lb_target_group_attachment.api", After: map[string]any{},
			Unknown: []string{"target_group_arn", "target_id"},
			Refs: map[string][]string{
				"target_group_arn": {"aws_lb_target_group.api.arn", "aws_lb_target_group.api"},
				"target_id":        fnRefs,
			}},
	}
}

func TestLambdaTimeoutExceedsALB(t *testing.T) {
	fnRef := []string{"aws_lambda_function.fn.arn", "aws_lambda_function.fn"}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "the default 60s idle timeout",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 120)).Add(albChain("", nil, fnRef...)...),
			want: []string{"warning aws_lambda_function.fn: timeout 120s exceeds the 60s default idle timeout of aws_lb.public, which invokes it through aws_lb_target_group.api"},
		},
		{
			name: "the default as the provider writes it into the plan",
			plan: func() *plantest.Builder {
				chain := albChain("", 60, fnRef...)
				chain[0].Defaults = []string{"idle_timeout"}
				return plantest.New().Add(lambda("aws_lambda_function.fn", 120)).Add(chain...)
			}(),
			want: []string{"warning aws_lambda_function.fn: timeout 120s exceeds the 60s default idle timeout of aws_lb.public, which invokes it through aws_lb_target_group.api"},
		},
		{
			name: "a configured idle timeout",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 120)).Add(albChain("", 30, fnRef...)...),
			want: []string{"warning aws_lambda_function.fn: timeout 120s exceeds the 30s idle timeout of aws_lb.public, which invokes it through aws_lb_target_group.api"},
		},
		{
			name: "an idle timeout raised to the function's timeout is enough",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 120)).Add(albChain("", 120, fnRef...)...),
			want: []string{},
		},
		{
			name: "a function within the default is silent",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 60)).Add(albChain("", nil, fnRef...)...),
			want: []string{},
		},
		{
			name: "an unknown idle timeout is silent",
			plan: func() *plantest.Builder {
				chain := albChain("", nil, fnRef...)
				chain[0].Unknown = append(chain[0].Unknown, "idle_timeout")
				return plantest.New().Add(lambda("aws_lambda_function.fn", 120)).Add(chain...)
			}(),
			want: []string{},
		},
		{
			name: "a load balancer whose type is known only after apply is not assumed to be an ALB",
			plan: func() *plantest.Builder {
				chain := albChain("", nil, fnRef...)
				delete(chain[0].After, "load_balancer_type")
				chain[0].Unknown = append(chain[0].Unknown, "load_balancer_type")
				return plantest.New().Add(lambda("aws_lambda_function.fn", 120)).Add(chain...)
			}(),
			want: []string{},
		},
		{
			name: "a sensitive idle timeout is neither read nor repeated",
			plan: func() *plantest.Builder {
				chain := albChain("", 30, fnRef...)
				chain[0].Sensitive = []string{"idle_timeout"}
				return plantest.New().Add(lambda("aws_lambda_function.fn", 120)).Add(chain...)
			}(),
			want: []string{},
		},
		{
			name: "count: each attachment registers its own function",
			plan: func() *plantest.Builder {
				chain := albChain("", nil)
				att := chain[3]
				return plantest.New().Add(lambda("aws_lambda_function.fn[0]", 30), lambda("aws_lambda_function.fn[1]", 90)).
					Add(chain[:3]...).
					Add(plantest.Resource{Address: "aws_lb_target_group_attachment.api[0]", After: att.After, Unknown: att.Unknown,
						Refs: map[string][]string{"target_group_arn": att.Refs["target_group_arn"], "target_id": {"aws_lambda_function.fn", "count.index"}}},
						plantest.Resource{Address: "aws_lb_target_group_attachment.api[1]", After: att.After, Unknown: att.Unknown,
							Refs: map[string][]string{"target_group_arn": att.Refs["target_group_arn"], "target_id": {"aws_lambda_function.fn", "count.index"}}})
			}(),
			want: []string{"warning aws_lambda_function.fn[1]: timeout 90s exceeds the 60s default idle timeout of aws_lb.public, which invokes it through aws_lb_target_group.api"},
		},
		{
			name: "an unknown function timeout is silent",
			plan: plantest.New().Add(unknownLambda("aws_lambda_function.fn")).Add(albChain("", nil, fnRef...)...),
			want: []string{},
		},
		{
			name: "a target group that is not of type lambda is ignored",
			plan: func() *plantest.Builder {
				chain := albChain("", nil, fnRef...)
				chain[1].After["target_type"] = "instance"
				return plantest.New().Add(lambda("aws_lambda_function.fn", 120)).Add(chain...)
			}(),
			want: []string{},
		},
		{
			name: "a target group no listener forwards to says nothing about idle timeouts",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 120)).Add(albChain("", nil, fnRef...)[1], albChain("", nil, fnRef...)[3]),
			want: []string{},
		},
		{
			name: "through a listener rule with a weighted forward, aws_alb names and an alias",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 300),
				plantest.Resource{Address: "aws_lambda_alias.live", After: map[string]any{"name": "live"}, Unknown: []string{"arn", "function_name"},
					Refs: map[string][]string{"function_name": {"aws_lambda_function.fn.function_name", "aws_lambda_function.fn"}}},
				plantest.Resource{Address: "aws_alb.main", After: map[string]any{"name": "main", "idle_timeout": 120}, Unknown: []string{"arn"}},
				plantest.Resource{Address: "aws_alb_listener.http", After: map[string]any{"port": 80}, Unknown: []string{"arn", "load_balancer_arn"},
					Refs: map[string][]string{"load_balancer_arn": {"aws_alb.main.arn", "aws_alb.main"}}},
				plantest.Resource{Address: "aws_alb_target_group.reports", After: map[string]any{"name": "reports", "target_type": "lambda"}, Unknown: []string{"arn"}},
				plantest.Resource{Address: "aws_lb_listener_rule.reports", After: map[string]any{"priority": 10}, Unknown: []string{"listener_arn", "action"},
					Refs: map[string][]string{
						"listener_arn":                          {"aws_alb_listener.http.arn", "aws_alb_listener.http"},
						"action.0.forward.0.target_group.0.arn": {"aws_alb_target_group.reports.arn", "aws_alb_target_group.reports"},
					}},
				plantest.Resource{Address: "aws_alb_target_group_attachment.reports", After: map[string]any{}, Unknown: []string{"target_group_arn", "target_id"},
					Refs: map[string][]string{
						"target_group_arn": {"aws_alb_target_group.reports.arn", "aws_alb_target_group.reports"},
						"target_id":        {"aws_lambda_alias.live.arn", "aws_lambda_alias.live"},
					}}),
			want: []string{"warning aws_lambda_function.fn: timeout 300s exceeds the 120s idle timeout of aws_alb.main, which invokes it through aws_alb_target_group.reports"},
		},
		{
			name: "in a module, with the function from another module",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.api", Source: "./api", Args: map[string][]string{"function_arn": {"module.fn.arn", "module.fn"}}},
					plantest.ModuleCall{Path: "module.fn", Source: "./fn", Outputs: map[string][]string{"arn": {"aws_lambda_function.this.arn", "aws_lambda_function.this"}}}).
				Add(lambda("module.fn.aws_lambda_function.this", 90)).
				Add(albChain("module.api.", nil, "var.function_arn")...),
			want: []string{"warning module.fn.aws_lambda_function.this: timeout 90s exceeds the 60s default idle timeout of module.api.aws_lb.public, which invokes it through module.api.aws_lb_target_group.api"},
		},
		{
			name: "known ARNs are matched by value",
			plan: plantest.New().Add(
				plantest.Resource{Address: "aws_lambda_function.fn", After: map[string]any{"function_name": "report", "runtime": "python3.12", "timeout": 75}},
				plantest.Resource{Address: "aws_lb.public", After: map[string]any{"name": "public", "idle_timeout": 60,
					"arn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/public/50dc6c495c0c9188"}},
				plantest.Resource{Address: "aws_lb_target_group.api", After: map[string]any{"name": "api", "target_type": "lambda",
					"arn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/73e2d6bc24d8a067"}},
				plantest.Resource{Address: "aws_lb_listener.https", After: map[string]any{"port": 443,
					"load_balancer_arn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/public/50dc6c495c0c9188",
					"default_action": []any{map[string]any{"type": "forward",
						"target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/73e2d6bc24d8a067"}}}},
				plantest.Resource{Address: "aws_lb_target_group_attachment.api", After: map[string]any{
					"target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/73e2d6bc24d8a067",
					"target_id":        "arn:aws:lambda:eu-west-1:123456789012:function:report"}}),
			want: []string{"warning aws_lambda_function.fn: timeout 75s exceeds the 60s idle timeout of aws_lb.public, which invokes it through aws_lb_target_group.api"},
		},
		{
			name: "a function the plan deletes is not reported",
			plan: plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.fn", Actions: []string{"delete"},
				After: map[string]any{"function_name": "fn", "timeout": 120}}).Add(albChain("", nil, fnRef...)...),
			want: []string{},
		},
		{
			name: "a load balancer the plan deletes is not reported",
			plan: func() *plantest.Builder {
				chain := albChain("", nil, fnRef...)
				chain[0].Actions = []string{"delete"}
				return plantest.New().Add(lambda("aws_lambda_function.fn", 120)).Add(chain...)
			}(),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaTimeoutExceedsALB, tt.plan)))
		})
	}
}
