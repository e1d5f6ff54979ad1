package rules

import (
	"fmt"
	"math"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// FunctionObservedMemoryNearLimit flags functions whose observed peak memory is above, or near,
// the memory the plan gives them.
var FunctionObservedMemoryNearLimit = &Rule{
	Name:     "function_observed_memory_near_limit",
	Severity: finding.Error,
	Category: finding.Memory,
	Summary:  "observed peak memory is above or near the memory the plan gives the function",
	Doc: Doc{
		Why: "A function that needs more memory than it has is killed mid-run (Lambda reports `Runtime exited` with " +
			"`Max Memory Used` equal to `Memory Size`; Cloud Run and Azure restart the instance). Configuration alone " +
			"cannot show it: a 1 GB function passes every check while it peaks at 1,000 MB. This rule reads the peak " +
			"from production metrics (`--metrics`: Lambda's `@maxMemoryUsed`, Cloud Functions' `user_memory_bytes`, " +
			"Cloud Run's `container/memory/utilizations`, Azure's `MemoryWorkingSet`) and compares it with the memory " +
			"the plan gives one instance: `memory_size`, `available_memory_mb`, the container's memory limit, Flex " +
			"Consumption's `instance_memory_in_mb`, or the instance of the Azure hosting plan.\n\n" +
			"It is an error when the plan sets memory below the observed peak (this change will run out of memory), " +
			"and a warning when the peak is at or above `warn_percent` (90 %) of the memory. A utilization without the " +
			"memory it was measured at is used only when the plan does not change the function. The two levels are options too: `error_severity` (error) " +
			"and `warning_severity` (warning).",
		HowToFix: "- Give the function at least the observed peak plus headroom (on Lambda more memory also brings more CPU).\n" +
			"- Shrink the working set: stream inputs instead of loading them whole, release caches between requests.\n" +
			"- Move memory-heavy work to the always-on container half of a hybrid unit, where memory is not capped per request.",
		Sources: []string{
			"https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html (Max Memory Used, Memory Size)",
			"https://cloud.google.com/monitoring/api/metrics_gcp (user_memory_bytes, container/memory/utilizations)",
			"https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-web-sites-metrics (MemoryWorkingSet)",
			"internal/platform (Lambda, Cloud Run and Azure memory defaults and instance sizes, with their sources)",
		},
		Example: Example{
			Note: "An image resizer configured with 1,024 MB peaked at 968 MB over the last 14 days.",
			Plan: []ExampleResource{
				plantest.LambdaFunction("aws_lambda_function.resize", "nodejs22.x", map[string]any{"memory_size": 1024}),
			},
			Observed: []metrics.Observation{{Function: "aws_lambda_function.resize", WindowDays: ExampleMetricsWindowDays,
				Invocations: metrics.Of(52000), MaxMemoryMB: metrics.Of(968)}},
		},
	},
	Options: func() any {
		return &ObservedLevelsOptions{WarnPercent: 90, ErrorSeverity: "error", WarningSeverity: "warning"}
	},
	Check: checkFunctionObservedMemoryNearLimit,
}

func checkFunctionObservedMemoryNearLimit(pass *Pass) {
	opts := pass.Options.(*ObservedLevelsOptions)
	errSev, warnSev, _ := opts.severities() // validated when the configuration was read
	for _, of := range serverless.ObservedFunctions(pass.Graph, pass.Settings.Inputs()) {
		if of.MemoryMB <= 0 {
			continue
		}
		peak, how, ok := observedPeakMB(of)
		if !ok {
			continue
		}
		memory := memoryText(of)
		window := serverless.WindowText(of.Observation.WindowDays)
		report := func(sev finding.Severity, msg, fix string) {
			pass.Report(finding.Finding{Severity: sev, Address: of.Instance.Address, Attribute: of.MemoryAttribute,
				Message: msg, Remediation: fix})
		}
		switch {
		case peak > float64(of.MemoryMB):
			report(errSev, fmt.Sprintf("%s is below the observed peak of %s %s%s: this change runs out of memory",
				memory, megabytes(peak, of), window, how),
				fmt.Sprintf("give the function at least %s plus headroom, or shrink its working set", megabytes(peak, of)))
		case peak*100 >= float64(opts.WarnPercent)*float64(of.MemoryMB):
			report(warnSev, fmt.Sprintf("observed peak memory %s is %.0f%% of %s %s%s: a larger input runs out of memory",
				megabytes(peak, of), math.Floor(peak*100/float64(of.MemoryMB)), memory, window, how),
				"raise the memory above the peak with headroom, shrink the working set, or move the heavy work to a container")
		}
	}
}

// observedPeakMB is the most memory the function used: measured in megabytes, or a utilization
// times the memory it was measured at (the metrics' memory size, or the plan's when the plan does
// not change the function). how says it was derived ("" when measured).
func observedPeakMB(of serverless.ObservedFunction) (peak float64, how string, ok bool) {
	o := of.Observation
	if o.MaxMemoryMB.Known {
		return o.MaxMemoryMB.Value, "", true
	}
	if !o.MaxMemoryUtilization.Known {
		return 0, "", false
	}
	measuredAt := float64(of.MemoryMB)
	switch {
	case o.MemorySizeMB.Known:
		measuredAt = o.MemorySizeMB.Value
	case of.Instance.Changes():
		return 0, "", false // the memory it was measured at is not known
	}
	return o.MaxMemoryUtilization.Value * measuredAt,
		fmt.Sprintf(" (%.0f%% utilization of %s)", o.MaxMemoryUtilization.Value*100, megabytes(measuredAt, of)), true
}

// memoryText names the function's memory for a message: "memory_size 1024 MB", "the 1536 MB memory
// of a Consumption instance".
func memoryText(of serverless.ObservedFunction) string {
	if of.MemoryAttribute != "" {
		return fmt.Sprintf("%s %s", of.MemoryText, megabytes(float64(of.MemoryMB), of))
	}
	return fmt.Sprintf("the %s %s", megabytes(float64(of.MemoryMB), of), of.MemoryText)
}

// megabytes renders memory in the unit the platform counts it in ("968 MB", "460 MiB").
func megabytes(mb float64, of serverless.ObservedFunction) string {
	unit := "MB"
	if limits, ok := platform.LimitsOf(of.Platform); ok && limits.MemoryUnit != "" {
		unit = limits.MemoryUnit
	}
	return fmt.Sprintf("%.0f %s", math.Round(mb), unit)
}
