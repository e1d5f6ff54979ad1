package provider

import (
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/internal/schedule"
)

// checkUnit returns the plan-time diagnostics of a unit whose arguments are all known: errors for
// what the platform can't run, warnings for what runs but won't do what the unit declares. Each
// diagnostic points at the argument to change.
func checkUnit(in unitInputs) diag.Diagnostics {
	var diags diag.Diagnostics
	limits, ok := limitsFor(in.function.platform)
	if !ok {
		return diags // the platform's OneOf validator has reported it
	}
	checkFunction(&diags, in, limits)
	checkContainer(&diags, in)
	checkRouting(&diags, in)
	checkKeepWarm(&diags, in, limits)
	checkWorkload(&diags, in)
	return diags
}

func checkFunction(diags *diag.Diagnostics, in unitInputs, limits functionLimits) {
	fn := in.function
	timeoutPath := path.Root("function").AtName("timeout_seconds")
	if limits.MaxTimeoutSeconds > 0 && fn.timeoutSeconds > int64(limits.MaxTimeoutSeconds) {
		diags.AddAttributeError(timeoutPath, "Function timeout above the platform limit",
			fmt.Sprintf("function.timeout_seconds is %d s, but %s stops a function at %d s. Lower the timeout, and "+
				"send longer work to the container with routing.max_function_seconds.",
				fn.timeoutSeconds, fn.platform, limits.MaxTimeoutSeconds))
	} else {
		for _, note := range limits.timeoutNotes {
			if fn.timeoutSeconds > int64(note.aboveSeconds) {
				diags.AddAttributeWarning(timeoutPath, "Function timeout may not be honoured",
					fmt.Sprintf("function.timeout_seconds is %d s: %s.", fn.timeoutSeconds, note.message))
			}
		}
	}
	if fn.architecture != "" && fn.platform != platform.AWSLambda {
		diags.AddAttributeError(path.Root("function").AtName("architecture"), "Architecture applies to AWS Lambda only",
			fmt.Sprintf("function.architecture is %q, but %s prices one architecture only. Remove function.architecture.",
				fn.architecture, fn.platform))
	}
	if err := limits.CheckMemory(int(fn.memoryMB)); err != nil {
		diags.AddAttributeError(path.Root("function").AtName("memory_mb"), "Function memory not offered by the platform",
			fmt.Sprintf("function.memory_mb: %s. Pick a size the platform offers (data.hybrid_platform lists them), "+
				"and send work that needs more memory to the container with routing.max_function_memory_mb.", err))
	}
}

func checkContainer(diags *diag.Diagnostics, in unitInputs) {
	c := in.container
	if c == nil {
		return
	}
	field, err := checkContainerSize(c.platform, c.cpu, int(c.memoryMB))
	if err != nil {
		diags.AddAttributeError(path.Root("container").AtName(field), "Container size not offered by the platform",
			fmt.Sprintf("container.%s: %s (container.cpu = %g, container.memory_mb = %d).", field, err, c.cpu, c.memoryMB))
	}
}

func checkRouting(diags *diag.Diagnostics, in unitInputs) {
	r := in.routing
	if r == nil {
		return
	}
	if r.maxFunctionSeconds == nil && r.maxFunctionMemoryMB == nil {
		diags.AddAttributeError(path.Root("routing"), "Routing without a threshold",
			"routing sets neither max_function_seconds nor max_function_memory_mb, so no work would go to the "+
				"container. Set one of them, or remove routing.")
	}
	if in.container == nil {
		diags.AddAttributeError(path.Root("routing"), "Routing without a container",
			"routing sends work to the container, but the unit has no container. Add a container block, or "+
				"remove routing.")
	}
	if r.maxFunctionSeconds != nil && *r.maxFunctionSeconds >= in.function.timeoutSeconds {
		diags.AddAttributeError(path.Root("routing").AtName("max_function_seconds"), "Routing threshold at or above the function timeout",
			fmt.Sprintf("routing.max_function_seconds is %d s, but the function times out at %d s "+
				"(function.timeout_seconds), so work between the two would fail instead of going to the container. "+
				"Set it below %d.", *r.maxFunctionSeconds, in.function.timeoutSeconds, in.function.timeoutSeconds))
	}
	if r.maxFunctionMemoryMB != nil && *r.maxFunctionMemoryMB > in.function.memoryMB {
		diags.AddAttributeError(path.Root("routing").AtName("max_function_memory_mb"), "Routing threshold above the function memory",
			fmt.Sprintf("routing.max_function_memory_mb is %d MB, but the function has %d MB (function.memory_mb), "+
				"so work between the two would run out of memory instead of going to the container. Set it to at most %d.",
				*r.maxFunctionMemoryMB, in.function.memoryMB, in.function.memoryMB))
	}
}

func checkKeepWarm(diags *diag.Diagnostics, in unitInputs, limits functionLimits) {
	k := in.keepWarm
	if k == nil {
		return
	}
	plan, attr, err := keepWarmPlanFor(in.function.platform, k)
	if err != nil {
		diags.AddAttributeError(path.Root("keep_warm").AtName(attr), "Keep-warm schedule not usable", err.Error())
		return
	}
	if !k.enabled {
		return
	}
	if pingsTooSlow(in.function.platform, plan) {
		diags.AddAttributeWarning(path.Root("keep_warm").AtName(attr), "Keep-warm interval longer than the idle window",
			fmt.Sprintf("keep_warm.%s: pings come up to %s apart, but %s reclaims an instance idle for about %d minutes, "+
				"so most pings find the function cold. Ping at least every %d minutes, or keep instances ready with %s.",
				attr, formatDuration(plan.longestGap), in.function.platform, limits.IdleWindowMinutes, limits.IdleWindowMinutes,
				orDefault(limits.ReadyInstances, "a platform that offers ready instances")))
	}
	if in.function.platform == platform.AzureFunctionsPremium {
		diags.AddAttributeWarning(path.Root("keep_warm"), "Keep-warm pings on a plan that stays warm",
			"the Premium plan keeps at least one instance warm at all times, so keep-warm pings add cost and no "+
				"warmth. Remove keep_warm, or raise the plan's always-ready instances instead.")
	}
	if rc := in.function.reservedConcurrency; rc != nil && k.concurrency > *rc {
		diags.AddAttributeWarning(path.Root("keep_warm").AtName("concurrency"), "Keep-warm concurrency above reserved concurrency",
			fmt.Sprintf("keep_warm.concurrency is %d, but the function's reserved concurrency is %d "+
				"(function.reserved_concurrency): at most %d instances can run at once, so the other pings are throttled "+
				"and warm nothing. Lower keep_warm.concurrency to %d or raise the reserved concurrency.",
				k.concurrency, *rc, *rc, *rc))
	}
}

func checkWorkload(diags *diag.Diagnostics, in unitInputs) {
	w := in.workload
	if w == nil || in.container != nil {
		return
	}
	timeoutMS := in.function.timeoutSeconds * 1000
	switch {
	case w.avgDurationMS > timeoutMS:
		diags.AddAttributeWarning(path.Root("workload").AtName("avg_duration_ms"), "Typical work exceeds the function timeout",
			fmt.Sprintf("workload.avg_duration_ms is %d ms, above the function's %d s timeout, so most invocations "+
				"would time out. Declare a container for this work.", w.avgDurationMS, in.function.timeoutSeconds))
	case w.p99DurationMS != nil && *w.p99DurationMS > timeoutMS:
		diags.AddAttributeWarning(path.Root("workload").AtName("p99_duration_ms"), "Slowest work exceeds the function timeout",
			fmt.Sprintf("workload.p99_duration_ms is %d ms, above the function's %d s timeout, so the slowest "+
				"invocations would time out. Declare a container and send them to it with routing.max_function_seconds.",
				*w.p99DurationMS, in.function.timeoutSeconds))
	}
}

// keepWarmPlan is a unit's keep-warm schedule in the function platform's syntax, measured.
type keepWarmPlan struct {
	expr       schedule.Schedule
	longestGap time.Duration
	// evenMinutes is the constant gap in whole minutes, or 0 when the gap varies.
	evenMinutes int
}

// keepWarmPlanFor parses or renders the keep-warm schedule; on error it also names the argument
// (interval_minutes or schedule) at fault.
func keepWarmPlanFor(p platform.Platform, k *keepWarmInputs) (keepWarmPlan, string, error) {
	attr, text := "schedule", ""
	switch {
	case k.intervalMinutes != nil && k.schedule != nil:
		return keepWarmPlan{}, attr, errors.New("keep_warm sets both interval_minutes and schedule: keep one of them")
	case k.intervalMinutes != nil:
		attr = "interval_minutes"
		rendered, err := schedule.RenderInterval(p, int(*k.intervalMinutes))
		if err != nil {
			return keepWarmPlan{}, attr, fmt.Errorf("keep_warm.interval_minutes on %s: %w", p, err)
		}
		text = rendered
	case k.schedule != nil:
		text = *k.schedule
	default:
		msg := "keep_warm needs interval_minutes or schedule: set one of them"
		if l, _ := limitsFor(p); l.IdleWindowMinutes > 0 {
			msg += fmt.Sprintf(", for example interval_minutes = %d (the idle window of %s)", l.IdleWindowMinutes, p)
		}
		return keepWarmPlan{}, "interval_minutes", errors.New(msg)
	}
	syntax, err := schedule.SyntaxOf(p)
	if err != nil {
		return keepWarmPlan{}, attr, err
	}
	expr, err := schedule.Parse(syntax, text)
	if err != nil {
		return keepWarmPlan{}, attr, fmt.Errorf("keep_warm.%s is not %s, the schedule syntax of %s: %w", attr, describeSyntax(syntax), p, err)
	}
	stats := schedule.MonthStats(expr, schedule.ReferenceStart)
	if stats.Never || stats.Count < 2 {
		return keepWarmPlan{}, attr, fmt.Errorf("keep_warm.%s %q fires fewer than twice a month, which keeps nothing warm", attr, text)
	}
	plan := keepWarmPlan{expr: expr, longestGap: stats.Longest}
	if stats.Shortest == stats.Longest && stats.Longest%time.Minute == 0 {
		plan.evenMinutes = int(stats.Longest / time.Minute)
	}
	return plan, attr, nil
}

// pingsTooSlow is the one judgement of whether keep-warm pings keep anything warm: false when they
// come within the platform's idle window (or no source gives one). The plan-time warning and
// placement_reasons both read it, so they cannot disagree.
func pingsTooSlow(p platform.Platform, plan keepWarmPlan) bool {
	limits, _ := limitsFor(p)
	idle := time.Duration(limits.IdleWindowMinutes) * time.Minute
	return idle > 0 && plan.longestGap > idle
}

func describeSyntax(s schedule.Syntax) string {
	switch s {
	case schedule.AWS:
		return "an EventBridge rate() or cron() expression"
	case schedule.Unix:
		return "a five-field unix cron expression"
	case schedule.NCRONTAB:
		return "a six-field NCRONTAB expression"
	}
	return string(s)
}

func formatDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return plural(int64(d/time.Hour), "hour")
	case d%time.Minute == 0:
		return plural(int64(d/time.Minute), "minute")
	}
	return d.String()
}

func plural(n int64, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func orDefault(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
