package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
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

func checkLambdaTimeoutExceedsALB(pass *Pass) {
	for _, c := range serverless.Callers(pass.Graph, pass.Settings.Inputs(), serverless.ALBCallers) {
		idle := c.LimitMillis / 1000
		timeout, ok := serverless.LambdaTimeout(c.Function)
		if !ok || timeout <= idle {
			continue
		}
		lb, tg := c.Caller.Address, c.Through.Address
		pass.Report(finding.Finding{
			Address:   c.Function.Address,
			Attribute: "timeout",
			Related:   []string{lb, tg, c.Via},
			Message: fmt.Sprintf("timeout %s exceeds the %s %s of %s, which invokes it through %s",
				serverless.Seconds(timeout), serverless.Seconds(idle), c.Label, lb, tg),
			Remediation: fmt.Sprintf("raise idle_timeout of %s to at least %d, or lower timeout to %s or less",
				lb, timeout, serverless.Seconds(idle)),
		})
	}
}
