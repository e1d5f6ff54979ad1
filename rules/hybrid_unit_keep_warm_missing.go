package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/schedule"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// HybridUnitKeepWarmMissing flags hybrid units that declare keep-warm while nothing in the plan
// sends the pings: the declaration (and the cost the provider computes for it) is a promise no
// resource keeps.
var HybridUnitKeepWarmMissing = &Rule{
	Name:     "hybrid_unit_keep_warm_missing",
	Severity: finding.Warning,
	Category: finding.KeepWarm,
	Summary:  "hybrid unit declares keep-warm but no schedule in the plan pings its function that often",
	Doc: Doc{
		Why: "A `hybrid_unit` with `keep_warm` says its function is pinged every `interval_minutes` (or on " +
			"its `schedule`), and the provider prices those pings. The unit itself sends nothing: a schedule " +
			"has to, an EventBridge rule or Scheduler schedule with the function as target on AWS, a Cloud " +
			"Scheduler job on Google Cloud, a timer-triggered function in the app on Azure. Without one, or " +
			"with one slower than declared, instances are reclaimed between calls and users pay the cold " +
			"starts the unit was meant to prevent. A schedule counts when it targets the function the unit's " +
			"`function.target` names (by reference or by its ARN, name or ID) or the unit itself. When the " +
			"function is not in the plan (it lives in another stack, which may hold its schedule) and nothing " +
			"here pings it, the rule only notes, as a notice, that it cannot check the pings.",
		HowToFix: "- Add the schedule, using the expression the unit computes, e.g. on AWS an " +
			"`aws_cloudwatch_event_rule` with `schedule_expression = hybrid_unit.<name>.keep_warm_schedule.aws` " +
			"and an `aws_cloudwatch_event_target` whose `arn` is the function (or alias) the unit targets.\n" +
			"- Or make an existing schedule at least as frequent as the declaration.\n" +
			"- Or set `keep_warm.enabled = false` if nothing should be pinged.",
		Sources: []string{"docs/resources/unit.md (`keep_warm` and the `keep_warm_schedule` it computes)"},
		Example: Example{
			Note: "A unit promises a ping every 5 minutes; the only schedule targeting its function runs every 15.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.thumbnails",
					After: map[string]any{
						"function_name": "thumbnails",
						"memory_size":   1536,
						"runtime":       "python3.12",
						"timeout":       60,
					},
					Unknown: []string{"arn"},
				},
				{
					Address: "hybrid_unit.thumbnails",
					After: map[string]any{
						"function": map[string]any{
							"memory_mb":       1536,
							"platform":        "aws_lambda",
							"runtime":         "python3.12",
							"target":          "arn:aws:lambda:eu-west-1:123456789012:function:thumbnails",
							"timeout_seconds": 60,
						},
						"keep_warm": map[string]any{"concurrency": 1, "enabled": true, "interval_minutes": 5},
						"name":      "thumbnails",
					},
					Unknown: []string{"id"},
					Refs: map[string][]string{
						"function": {"aws_lambda_function.thumbnails.arn", "aws_lambda_function.thumbnails"},
					},
				},
				{
					Address: "aws_cloudwatch_event_rule.warm",
					After: map[string]any{
						"name":                "thumbnails-warm",
						"schedule_expression": "rate(15 minutes)",
						"state":               "ENABLED",
					},
					Unknown: []string{"arn"},
				},
				{
					Address: "aws_cloudwatch_event_target.warm",
					After:   map[string]any{"target_id": "warm"},
					Unknown: []string{"arn", "rule"},
					Refs: map[string][]string{
						"arn":  {"aws_lambda_function.thumbnails.arn", "aws_lambda_function.thumbnails"},
						"rule": {"aws_cloudwatch_event_rule.warm.name", "aws_cloudwatch_event_rule.warm"},
					},
				},
			},
		},
	},
	Check: checkHybridUnitKeepWarmMissing,
}

// unitPing is a schedule that pings a unit's function, with the longest gap between its pings.
type unitPing struct {
	schedule *graph.Instance
	expr     string
	longest  time.Duration
	known    bool
}

func checkHybridUnitKeepWarmMissing(pass *Pass) {
	g := pass.Graph
	var awsPings []serverless.SchedulePing
	awsPingsRead := false
	for _, u := range serverless.HybridUnits(g) {
		kw := u.KeepWarm()
		if kw == nil {
			continue
		}
		target, targetKnown := u.Target()
		fn := u.Function(g)
		if fn == nil && !targetKnown {
			continue // nothing to look for
		}
		var pings []unitPing
		switch u.Platform.Cloud() {
		case "aws":
			if !awsPingsRead {
				awsPings, awsPingsRead = serverless.SchedulePings(g), true
			}
			pings = awsUnitPings(g, u, fn, target, awsPings)
		case "gcp":
			pings = gcpUnitPings(g, u, fn)
		case "azure":
			pings = azureUnitPings(g, u, fn)
		default:
			continue
		}
		what := target
		related := []string{}
		if fn != nil {
			what = fn.Address
			related = append(related, fn.Address)
		}
		best, anyUnknown := fastest(pings)
		if anyUnknown && (best == nil || best.longest > kw.Interval) {
			continue // a schedule the plan can't measure may well be the one
		}
		declared := fmt.Sprintf("keep_warm declares a ping at least every %s (%s)", serverless.DurationText(kw.Interval), kw.Declared)
		switch {
		case best == nil && fn == nil:
			// The function lives in another stack, which may well hold its schedule: nothing in
			// this plan can show the pings are missing, or fix it.
			pass.Report(finding.Finding{
				Address: u.Instance.Address, Attribute: "keep_warm", Related: related, Severity: finding.Notice,
				Message: fmt.Sprintf("%s for %s, which is not in this plan: no schedule here pings it, and a schedule in the stack that owns it cannot be checked from this plan",
					declared, what),
				Remediation: fmt.Sprintf("check that the stack owning %s schedules the pings with %s.keep_warm_schedule.%s, or lint that stack's plan together with this one",
					what, u.Instance.Address, u.Platform.Cloud()),
			})
		case best == nil:
			pass.Report(finding.Finding{
				Address: u.Instance.Address, Attribute: "keep_warm", Related: related,
				Message:     fmt.Sprintf("%s but no schedule in the plan pings %s", declared, what),
				Remediation: fmt.Sprintf("add a schedule with schedule_expression = %s.keep_warm_schedule.%s targeting %s", u.Instance.Address, u.Platform.Cloud(), what),
			})
		case best.longest > kw.Interval:
			for _, p := range pings {
				related = append(related, p.schedule.Address)
			}
			pass.Report(finding.Finding{
				Address: u.Instance.Address, Attribute: "keep_warm", Related: related,
				Message: fmt.Sprintf("%s but the most frequent schedule pinging %s, %s (%s), leaves gaps of up to %s",
					declared, what, best.schedule.Address, best.expr, serverless.DurationText(best.longest)),
				Remediation: fmt.Sprintf("set %s's expression to %s.keep_warm_schedule.%s", best.schedule.Address, u.Instance.Address, u.Platform.Cloud()),
			})
		}
	}
}

// fastest returns the measured ping with the shortest longest-gap, and whether any ping could not
// be measured.
func fastest(pings []unitPing) (*unitPing, bool) {
	var best *unitPing
	unknown := false
	for i := range pings {
		p := &pings[i]
		if !p.known {
			unknown = true
			continue
		}
		if best == nil || p.longest < best.longest {
			best = p
		}
	}
	return best, unknown
}

// awsUnitPings finds EventBridge rules and Scheduler schedules that invoke the unit's function: the
// function resource in the plan, the unit itself (a target whose arn reads the unit's
// function.target), or, for a function in another stack, the function its known target names.
func awsUnitPings(g *graph.Graph, u serverless.HybridUnit, fn *graph.Instance, target string, all []serverless.SchedulePing) []unitPing {
	var out []unitPing
	seen := map[*graph.Instance]bool{}
	addSchedule := func(sched *graph.Instance) {
		if seen[sched] {
			return
		}
		seen[sched] = true
		expr, ok := sched.Get("schedule_expression").String()
		p := unitPing{schedule: sched, expr: expr}
		if ok {
			_, p.longest, p.known = serverless.AWSScheduleGaps(expr)
		}
		out = append(out, p)
	}
	for _, p := range all {
		if fn != nil && p.Function == fn {
			addSchedule(p.Schedule)
		}
	}
	wantName := lambdaName(target)
	for _, t := range g.ByType("aws_cloudwatch_event_target") {
		if t.Deleted() || !pingsUnit(g, t, "arn", u, wantName) {
			continue
		}
		for _, rule := range serverless.EventRules(g, t) {
			if !rule.Deleted() && !serverless.ScheduleDisabled(rule) {
				addSchedule(rule)
			}
		}
	}
	for _, s := range g.ByType("aws_scheduler_schedule") {
		if !s.Deleted() && !serverless.ScheduleDisabled(s) && pingsUnit(g, s, "target.0.arn", u, wantName) {
			addSchedule(s)
		}
	}
	return out
}

// pingsUnit reports whether attribute of a schedule target refers to the unit, or holds a known
// ARN of the function named wantName.
func pingsUnit(g *graph.Graph, from *graph.Instance, attribute string, u serverless.HybridUnit, wantName string) bool {
	for _, e := range g.Targets(from, serverless.StripIndex(attribute)) {
		if e.To == u.Instance {
			return true
		}
	}
	if wantName == "" {
		return false
	}
	arn, ok := from.Get(graph.PathSteps(attribute)...).String()
	return ok && lambdaName(arn) == wantName
}

// lambdaName extracts the function name from a function name or (qualified) function ARN.
func lambdaName(s string) string {
	if i := strings.Index(s, ":function:"); i >= 0 {
		s = s[i+len(":function:"):]
		if j := strings.IndexByte(s, ':'); j >= 0 {
			s = s[:j]
		}
		return s
	}
	if strings.ContainsAny(s, ":/ ") {
		return ""
	}
	return s
}

// gcpUnitPings finds Cloud Scheduler jobs that refer to the unit's function (its URL or name) or to
// the unit.
func gcpUnitPings(g *graph.Graph, u serverless.HybridUnit, fn *graph.Instance) []unitPing {
	var out []unitPing
	for _, job := range g.ByType("google_cloud_scheduler_job") {
		if job.Deleted() {
			continue
		}
		hit := false
		for _, e := range g.Outgoing(job) {
			if e.To == u.Instance || (fn != nil && e.To == fn) {
				hit = true
			}
		}
		if !hit {
			continue
		}
		expr, ok := job.Get("schedule").String()
		p := unitPing{schedule: job, expr: expr}
		if ok {
			_, p.longest, p.known = serverless.MeasureSchedule(schedule.Unix, expr)
		}
		out = append(out, p)
	}
	return out
}

// azureUnitPings finds timer-triggered functions in the unit's function app.
func azureUnitPings(g *graph.Graph, u serverless.HybridUnit, app *graph.Instance) []unitPing {
	var out []unitPing
	for _, f := range g.ByType("azurerm_function_app_function") {
		if f.Deleted() {
			continue
		}
		inApp := false
		for _, e := range g.Targets(f, "function_app_id") {
			if e.To == app || e.To == u.Instance {
				inApp = true
			}
		}
		if !inApp {
			continue
		}
		cfg, ok := f.Get("config_json").String()
		p := unitPing{schedule: f}
		if !ok {
			out = append(out, p) // unknown config: it may be the timer
			continue
		}
		expr, isTimer := serverless.AzureTimerSchedule(cfg)
		if !isTimer {
			continue
		}
		p.expr = expr
		_, p.longest, p.known = serverless.MeasureSchedule(schedule.NCRONTAB, expr)
		out = append(out, p)
	}
	return out
}
