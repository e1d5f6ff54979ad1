package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// KeepWarmIntervalTooLong flags keep-warm schedules that ping less often than an idle environment
// survives: each ping finds the function cold and keeps nothing warm.
var KeepWarmIntervalTooLong = &Rule{
	Name:     "aws_keep_warm_interval_too_long",
	Severity: finding.Warning,
	Category: finding.KeepWarm,
	Summary:  "keep-warm schedule pings a function less often than the idle window, so it keeps nothing warm",
	Doc: Doc{
		Why: "Lambda reclaims an execution environment after a period without invocations. AWS calls the period " +
			"non-deterministic; measurements put it at about 5 to 7 minutes, and the usual keep-warm advice (quoted " +
			"from AWS's Chris Munns) is a ping at least every 5 minutes. A keep-warm schedule that fires every 15 " +
			"minutes or every hour pays for an invocation each time and still finds the function cold.\n\n" +
			"The rule looks at EventBridge rules with a Lambda target and at EventBridge Scheduler schedules that " +
			"are meant to keep a function warm: the target's input is a warm-up payload (`{\"warmer\": true}`, " +
			"`{\"source\": \"serverless-plugin-warmup\"}`, ...), or the rule's name, description or tags say " +
			"keep-warm. It reports those whose shortest gap between pings (plus any flexible time window) is " +
			"longer than the idle window: 5 minutes by default, `--idle-window` to change it. A schedule that pings " +
			"every 5 minutes in office hours and pauses at night is fine: it keeps the function warm while it runs.",
		HowToFix: "- Ping at least once per idle window: `schedule_expression = \"rate(5 minutes)\"` (with " +
			"Scheduler, also `flexible_time_window { mode = \"OFF\" }`).\n" +
			"- If the function only needs to be fast for some callers, consider SnapStart (Java, Python, .NET) or " +
			"provisioned concurrency on the alias they invoke instead of pings.\n" +
			"- If nobody waits for the function, delete the schedule: it costs invocations for nothing.",
		Sources: []string{
			platform.SourceLambdaIdle,
			"https://aws.amazon.com/blogs/compute/operating-lambda-performance-optimization-part-1/",
			platform.SourceEventBridge,
		},
		Example: Example{
			Note: "A serverless-plugin-warmup style ping every 15 minutes, three times the 5-minute idle window.",
			Plan: []ExampleResource{
				plantest.LambdaFunction("aws_lambda_function.checkout", "nodejs22.x", nil),
				plantest.EventRule("aws_cloudwatch_event_rule.checkout_warmer", "rate(15 minutes)", map[string]any{"name": "checkout-warmer"}),
				plantest.EventTarget("aws_cloudwatch_event_target.checkout_warmer", "aws_cloudwatch_event_rule.checkout_warmer",
					`{"source":"serverless-plugin-warmup"}`, plantest.Refs("aws_lambda_function.checkout", "arn")...),
			},
		},
	},
	Check: checkKeepWarmIntervalTooLong,
}

func checkKeepWarmIntervalTooLong(pass *Pass) {
	window := serverless.IdleWindow(pass.Settings.IdleWindowMinutes)
	bySchedule := map[*graph.Instance][]serverless.SchedulePing{}
	var order []*graph.Instance
	for _, p := range serverless.SchedulePings(pass.Graph) {
		if !p.WarmUp || p.KeepsWarm(window) != serverless.No {
			continue
		}
		if bySchedule[p.Schedule] == nil {
			order = append(order, p.Schedule)
		}
		bySchedule[p.Schedule] = append(bySchedule[p.Schedule], p)
	}
	for _, sched := range order {
		ps := bySchedule[sched]
		var fns, related []string
		seen := map[string]bool{}
		for _, p := range ps {
			if !seen[p.Function.Address] {
				seen[p.Function.Address] = true
				fns = append(fns, p.Function.Address)
			}
			related = append(related, p.Function.Address)
			if p.Target != nil {
				related = append(related, p.Target.Address)
			}
		}
		p := ps[0]
		gap := "every " + serverless.DurationText(p.MinGap)
		if p.MaxGap != p.MinGap {
			gap = fmt.Sprintf("at gaps of %s to %s", serverless.DurationText(p.MinGap), serverless.DurationText(p.MaxGap))
		}
		flexible := ""
		if p.Flexible > 0 {
			flexible = fmt.Sprintf(", counting its %s flexible time window", serverless.DurationText(p.Flexible))
		}
		pass.Report(finding.Finding{
			Address:   sched.Address,
			Attribute: "schedule_expression",
			Related:   related,
			Message: fmt.Sprintf("keep-warm schedule %s pings %s %s%s, longer than the %s idle window: each ping finds it cold",
				p.Expression, serverless.ListAddresses(fns), gap, flexible, serverless.DurationText(window)),
			Remediation: fmt.Sprintf("ping at least every %s (rate(%d minutes)), or drop the pings for SnapStart or provisioned concurrency",
				serverless.DurationText(window), int(window.Minutes())),
		})
	}
}
