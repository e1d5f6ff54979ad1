package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaTimeoutExceedsALB flags functions behind an Application Load Balancer whose timeout is
// longer than the load balancer's idle timeout.
var LambdaTimeoutExceedsALB = &Rule{
	Name:     "aws_lambda_timeout_exceeds_alb",
	Severity: finding.Warning,
	Category: finding.Timeout,
	Summary:  "function timeout is longer than the idle timeout of the load balancer that invokes it",
	Doc: Doc{
		Why: "An Application Load Balancer invokes a Lambda target synchronously and holds the client's connection " +
			"open until the function answers. Its connection idle timeout (`idle_timeout`, 60 s when unset) is, in " +
			"AWS's words, \"the period of time an existing client or target connection can remain inactive, with no " +
			"data being sent or received, before the load balancer closes the connection\"; AWS lists \"the target did " +
			"not respond before the idle timeout period elapsed\" among the causes of the HTTP 504 the load balancer " +
			"returns. While a Lambda target works nothing is sent on the client's connection, so a function that " +
			"needs longer than the idle timeout loses its client, and the time it goes on running is billed for an " +
			"answer nobody receives.\n\n" +
			"What AWS documents, and what it does not: the troubleshooting guide names two Lambda-specific outcomes, " +
			"HTTP 502 when \"the target is a Lambda function that did not respond before its configured timeout was " +
			"reached\" and HTTP 504 when \"the Lambda service did not respond before the connection timeout expired\". " +
			"It does not describe a Lambda target outliving the idle timeout in so many words (the load balancer " +
			"invokes the function directly, \"instead of using a network connection\"); the 504 comes from the general " +
			"idle-timeout rule above, which applies to the client's connection. So the premise that the client sees a " +
			"504 at the idle timeout rests on that general rule, and a function that reaches its own, shorter timeout " +
			"first gives a 502 instead. Either way a timeout above the idle timeout is time the client cannot use, " +
			"which is why this is a warning rather than an error.",
		HowToFix: "- If requests really need that long, raise the load balancer's `idle_timeout` to at least the function's " +
			"timeout (it costs nothing; it also keeps idle keep-alive connections open longer).\n" +
			"- Otherwise lower the function's `timeout` to the idle timeout or less, so slow requests fail where you " +
			"can see them.\n" +
			"- For work that takes minutes, answer 202 with a job id and hand the work to a queue or to the container " +
			"half of a hybrid unit.",
		Sources: []string{
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout (idle timeout applies to client and target connections; 60 s by default)",
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html (HTTP 502 and HTTP 504 causes, including the Lambda-specific ones)",
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html (the load balancer invokes the function directly, not over a network connection)",
			"https://docs.aws.amazon.com/lambda/latest/operatorguide/invocation-modes.html (Elastic Load Balancing invokes synchronously; synchronous callers may time out before the function)",
		},
		Example: Example{
			Note: "An Application Load Balancer left at the default idle timeout forwards to a report function allowed three minutes.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.report",
					After: map[string]any{
						"function_name": "report",
						"memory_size":   1024,
						"runtime":       "python3.12",
						"timeout":       180,
					},
				},
				{
					Address:  "aws_lb.public",
					After:    map[string]any{"idle_timeout": 60, "load_balancer_type": "application", "name": "public"},
					Unknown:  []string{"arn"},
					Defaults: []string{"idle_timeout"},
				},
				{
					Address: "aws_lb_target_group.report",
					After:   map[string]any{"name": "report", "target_type": "lambda"},
					Unknown: []string{"arn"},
				},
				{
					Address: "aws_lb_listener.https",
					After:   map[string]any{"port": 443, "protocol": "HTTPS"},
					Unknown: []string{"load_balancer_arn", "default_action"},
					Refs: map[string][]string{
						"default_action.0.target_group_arn": {"aws_lb_target_group.report.arn", "aws_lb_target_group.report"},
						"load_balancer_arn":                 {"aws_lb.public.arn", "aws_lb.public"},
					},
				},
				{
					Address: "aws_lb_target_group_attachment.report",
					After:   map[string]any{},
					Unknown: []string{"target_group_arn", "target_id"},
					Refs: map[string][]string{
						"target_group_arn": {"aws_lb_target_group.report.arn", "aws_lb_target_group.report"},
						"target_id":        {"aws_lambda_function.report.arn", "aws_lambda_function.report"},
					},
				},
			},
		},
	},
	Check: checkLambdaTimeoutExceedsALB,
}

// Resource types of the load balancer chain; the provider accepts the aws_alb_* names as aliases.
var (
	lbTypes            = []string{"aws_lb", "aws_alb"}
	lbTargetGroupTypes = []string{"aws_lb_target_group", "aws_alb_target_group"}
	lbAttachmentTypes  = []string{"aws_lb_target_group_attachment", "aws_alb_target_group_attachment"}
	lbListenerTypes    = []string{"aws_lb_listener", "aws_alb_listener"}
	lbRuleTypes        = []string{"aws_lb_listener_rule", "aws_alb_listener_rule"}
)

func checkLambdaTimeoutExceedsALB(pass *Pass) {
	g := pass.Graph
	for _, tg := range instancesOf(g, lbTargetGroupTypes) {
		if tt, ok := tg.Get("target_type").String(); !ok || tt != "lambda" || tg.Deleted() {
			continue
		}
		var invs []graph.Invocation
		for _, att := range instancesOf(g, lbAttachmentTypes) {
			if !att.Deleted() && containsInstance(refersTo(g, att, "target_group_arn", lbTargetGroupTypes), tg) {
				invs = append(invs, g.InvokedFunctions(att, "target_id")...)
			}
		}
		if len(invs) == 0 {
			continue
		}
		for _, lb := range loadBalancersOf(g, tg) {
			idle, isDefault, ok := albIdleTimeout(lb)
			if !ok {
				continue
			}
			for _, inv := range invs {
				timeout, ok := serverless.LambdaTimeout(inv.Function)
				if !ok || timeout <= idle || inv.Function.Deleted() {
					continue
				}
				label := "idle timeout"
				if isDefault {
					label = "default idle timeout"
				}
				pass.Report(finding.Finding{
					Address:   inv.Function.Address,
					Attribute: "timeout",
					Related:   []string{lb.Address, tg.Address, serverless.AliasAddress(inv)},
					Message: fmt.Sprintf("timeout %s exceeds the %s %s of %s, which invokes it through %s",
						serverless.Seconds(timeout), serverless.Seconds(idle), label, lb.Address, tg.Address),
					Remediation: fmt.Sprintf("raise idle_timeout of %s to at least %d, or lower timeout to %s or less",
						lb.Address, timeout, serverless.Seconds(idle)),
				})
			}
		}
	}
}

// albIdleTimeout reads a load balancer's idle timeout; unset means the 60 s default. isDefault is
// true when configuration does not set it (the plan then shows the provider's default). ok is false
// when the plan does not know it, or when the load balancer is not an application one.
func albIdleTimeout(lb *graph.Instance) (idle int, isDefault, ok bool) {
	if lb.Deleted() {
		return 0, false, false
	}
	if typ := lb.Get("load_balancer_type"); typ.State != plan.Null && typ.State != plan.Absent {
		if s, known := typ.String(); !known || s != "application" {
			return 0, false, false
		}
	}
	v := lb.Get("idle_timeout")
	switch v.State {
	case plan.Null, plan.Absent:
		return platform.ALBDefaultIdleTimeoutSeconds, true, true
	}
	n, known := v.Int()
	return n, lb.HasConfig() && !lb.SetInConfig("idle_timeout"), known
}

// loadBalancersOf finds the load balancers whose listeners forward to a target group, by default
// action or by listener rule, plain or weighted.
func loadBalancersOf(g *graph.Graph, tg *graph.Instance) []*graph.Instance {
	var listeners []*graph.Instance
	for _, l := range instancesOf(g, lbListenerTypes) {
		if !l.Deleted() && containsInstance(forwardTargets(g, l, "default_action"), tg) {
			listeners = append(listeners, l)
		}
	}
	for _, r := range instancesOf(g, lbRuleTypes) {
		if !r.Deleted() && containsInstance(forwardTargets(g, r, "action"), tg) {
			listeners = append(listeners, refersTo(g, r, "listener_arn", lbListenerTypes)...)
		}
	}
	var out []*graph.Instance
	for _, l := range listeners {
		for _, lb := range refersTo(g, l, "load_balancer_arn", lbTypes) {
			if !containsInstance(out, lb) {
				out = append(out, lb)
			}
		}
	}
	return out
}

// forwardTargets returns the target groups a listener's or rule's actions forward to:
// `target_group_arn` of an action, or each `forward.target_group.arn` of a weighted forward.
func forwardTargets(g *graph.Graph, from *graph.Instance, block string) []*graph.Instance {
	out := refersTo(g, from, block+".target_group_arn", lbTargetGroupTypes)
	out = append(out, refersTo(g, from, block+".forward.target_group.arn", lbTargetGroupTypes)...)
	if len(out) > 0 {
		return out
	}
	actions, _ := from.Get(block).List()
	for i := range actions {
		if arn, ok := from.Get(block, i, "target_group_arn").String(); ok {
			out = append(out, instancesWithARN(g, lbTargetGroupTypes, arn)...)
		}
		groups, _ := from.Get(block, i, "forward", 0, "target_group").List()
		for j := range groups {
			if arn, ok := from.Get(block, i, "forward", 0, "target_group", j, "arn").String(); ok {
				out = append(out, instancesWithARN(g, lbTargetGroupTypes, arn)...)
			}
		}
	}
	return out
}

// refersTo returns the instances of the given types that an attribute refers to: by reference, or,
// when the configuration makes none, by the attribute's known value matched against their `arn`.
func refersTo(g *graph.Graph, from *graph.Instance, attribute string, types []string) []*graph.Instance {
	var out []*graph.Instance
	for _, e := range g.Targets(from, attribute) {
		if containsString(types, e.To.Type) && !containsInstance(out, e.To) {
			out = append(out, e.To)
		}
	}
	if len(out) > 0 {
		return out
	}
	if arn, ok := from.Get(attribute).String(); ok {
		out = instancesWithARN(g, types, arn)
	}
	return out
}

func instancesWithARN(g *graph.Graph, types []string, arn string) []*graph.Instance {
	var out []*graph.Instance
	for _, inst := range instancesOf(g, types) {
		if a, ok := inst.Get("arn").String(); ok && a == arn {
			out = append(out, inst)
		}
	}
	return out
}

func instancesOf(g *graph.Graph, types []string) []*graph.Instance {
	var out []*graph.Instance
	for _, t := range types {
		out = append(out, g.ByType(t)...)
	}
	return out
}

func containsInstance(list []*graph.Instance, inst *graph.Instance) bool {
	for _, x := range list {
		if x == inst {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
