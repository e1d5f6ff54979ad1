package provider

import (
	"context"
	"fmt"
	"math"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/internal/schedule"
)

// Placements, the values of the placement attribute.
const (
	placementFunction         = "function"
	placementFunctionKeptWarm = "function_kept_warm"
	placementProvisioned      = "provisioned"
	placementContainer        = "container"
	placementHybrid           = "hybrid"
)

// scheduleClouds is one platform per cloud, to render a keep-warm interval in each cloud's syntax.
var scheduleClouds = []struct {
	attr     string
	platform platform.Platform
}{
	{"aws", platform.AWSLambda},
	{"gcp", platform.GCPFunctionsGen2},
	{"azure", platform.AzureFunctionsConsumption},
}

var keepWarmScheduleAttrTypes = map[string]attr.Type{
	"aws":   types.StringType,
	"gcp":   types.StringType,
	"azure": types.StringType,
}

var monthlyCostAttrTypes = map[string]attr.Type{
	"function_usd":    types.Float64Type,
	"keep_warm_usd":   types.Float64Type,
	"provisioned_usd": types.Float64Type,
	"container_usd":   types.Float64Type,
	"total_usd":       types.Float64Type,
	"price_date":      types.StringType,
}

// unitResult is everything a unit computes from its arguments.
type unitResult struct {
	// schedules maps "aws", "gcp", "azure" to the keep-warm expression in that cloud's syntax, with
	// "" where the syntax can't express the schedule evenly; nil without active keep-warm.
	schedules     map[string]string
	pingsPerMonth int64
	costs         *unitCosts
	placement     string
	reasons       []string
}

// computeUnit derives the computed attributes. Its inputs have passed checkUnit, so an error here
// means a check is missing.
func computeUnit(in unitInputs) (unitResult, error) {
	var res unitResult
	var kw keepWarmPlan
	var schedulesPerMonth float64
	if k := in.keepWarm; k != nil && k.enabled {
		var err error
		if kw, _, err = keepWarmPlanFor(in.function.platform, k); err != nil {
			return res, err
		}
		res.schedules = renderSchedules(in.function.platform, kw)
		schedulesPerMonth = schedule.InvocationsPerMonth(kw.expr, schedule.ReferenceStart)
		res.pingsPerMonth = int64(math.Round(schedulesPerMonth * float64(k.concurrency)))
	}
	var warm *cost.Recommendation
	if in.workload != nil {
		costs, rec, ok, err := costsFor(in, schedulesPerMonth)
		if err != nil {
			return res, err
		}
		res.costs = &costs
		if ok {
			warm = &rec
		}
	}
	res.placement, res.reasons = place(in, kw, warm)
	return res, nil
}

// renderSchedules writes the keep-warm schedule in every cloud's syntax: the function's own cloud
// gets the expression itself, the others an equivalent where the gap is constant and expressible.
func renderSchedules(p platform.Platform, kw keepWarmPlan) map[string]string {
	own, _ := schedule.SyntaxOf(p)
	out := map[string]string{}
	for _, c := range scheduleClouds {
		syntax, _ := schedule.SyntaxOf(c.platform)
		switch {
		case syntax == own:
			out[c.attr] = kw.expr.String()
		case kw.evenMinutes > 0:
			if expr, err := schedule.RenderInterval(c.platform, kw.evenMinutes); err == nil {
				out[c.attr] = expr
			}
		}
	}
	return out
}

// place decides where the unit's work is best served, and says why with the numbers. The first rule
// that applies wins: work that doesn't fit the function goes to the container, the tail of it makes
// the unit hybrid, and otherwise the question is how to keep the function warm: pings, or, when
// they leave instances cold at peak or the cost model finds it cheaper (warm), ready instances.
func place(in unitInputs, kw keepWarmPlan, warm *cost.Recommendation) (string, []string) {
	fn, w := in.function, in.workload
	limitSeconds, limitName := fn.timeoutSeconds, "the function timeout"
	if r := in.routing; r != nil && r.maxFunctionSeconds != nil {
		limitSeconds, limitName = *r.maxFunctionSeconds, "routing.max_function_seconds"
	}
	var reasons []string
	noContainer := ""
	if in.container == nil {
		noContainer = "; declare a container to take it"
	}

	if w != nil && w.avgDurationMS > limitSeconds*1000 {
		reasons = append(reasons, fmt.Sprintf("average duration %s exceeds %s of %d s, so most work belongs in the container%s",
			formatMillis(w.avgDurationMS), limitName, limitSeconds, noContainer))
		return placementContainer, reasons
	}
	if w != nil && w.p99DurationMS != nil && *w.p99DurationMS > limitSeconds*1000 {
		reasons = append(reasons, fmt.Sprintf("p99 duration %s exceeds %s of %d s, so the slowest work goes to the container%s",
			formatMillis(*w.p99DurationMS), limitName, limitSeconds, noContainer))
		return placementHybrid, append(reasons, keepWarmReasons(in, kw)...)
	}
	if in.container != nil && in.routing != nil && (in.routing.maxFunctionSeconds != nil || in.routing.maxFunctionMemoryMB != nil) {
		reasons = append(reasons, "routing sends "+describeRouting(in.routing)+" to the container")
		return placementHybrid, append(reasons, keepWarmReasons(in, kw)...)
	}
	if k := in.keepWarm; k != nil && k.enabled {
		reasons := keepWarmReasons(in, kw)
		if pingsTooSlow(fn.platform, kw) {
			return placementFunction, reasons
		}
		if coldAtPeak(in) > 0 {
			return placementProvisioned, reasons
		}
		if warm != nil && warm.Kind == cost.ProvisionedCapacity {
			limits, _ := limitsFor(fn.platform)
			return placementProvisioned, append(reasons, limits.ReadyInstances+" "+warm.Reason)
		}
		return placementFunctionKeptWarm, reasons
	}
	switch {
	case w != nil && w.p99DurationMS != nil:
		reasons = append(reasons, fmt.Sprintf("average duration %s and p99 duration %s are within %s of %d s",
			formatMillis(w.avgDurationMS), formatMillis(*w.p99DurationMS), limitName, limitSeconds))
	case w != nil:
		reasons = append(reasons, fmt.Sprintf("average duration %s is within %s of %d s",
			formatMillis(w.avgDurationMS), limitName, limitSeconds))
	default:
		reasons = append(reasons, fmt.Sprintf("no workload given; the function serves all work within its %d s timeout", fn.timeoutSeconds))
	}
	return placementFunction, reasons
}

func keepWarmReasons(in unitInputs, kw keepWarmPlan) []string {
	k := in.keepWarm
	if k == nil || !k.enabled {
		return nil
	}
	if pingsTooSlow(in.function.platform, kw) {
		limits, _ := limitsFor(in.function.platform)
		return []string{fmt.Sprintf("keep-warm pings up to %s apart come after the %d-minute idle window of %s, so they hold no instance warm "+
			"and the function is served on demand; ping at least every %d minutes to keep %s warm",
			formatDuration(kw.longestGap), limits.IdleWindowMinutes, in.function.platform, limits.IdleWindowMinutes, plural(k.concurrency, "instance"))}
	}
	reasons := []string{fmt.Sprintf("keep-warm pings every %s hold %s warm", formatDuration(kw.longestGap), plural(k.concurrency, "instance"))}
	if cold := coldAtPeak(in); cold > 0 {
		limits, _ := limitsFor(in.function.platform)
		reasons = append(reasons, fmt.Sprintf("peak concurrency %d exceeds those %d, so %d start cold at peak; %s keeps them ready",
			*in.workload.peakConcurrency, k.concurrency, cold, limits.ReadyInstances))
	}
	return reasons
}

// coldAtPeak is how many instances start cold at peak although keep-warm is on, counted only where
// the platform has a way to keep them ready instead.
func coldAtPeak(in unitInputs) int64 {
	k, w := in.keepWarm, in.workload
	if k == nil || !k.enabled || w == nil || w.peakConcurrency == nil {
		return 0
	}
	if limits, _ := limitsFor(in.function.platform); limits.ReadyInstances == "" {
		return 0
	}
	return max(*w.peakConcurrency-k.concurrency, 0)
}

func describeRouting(r *routingInputs) string {
	switch {
	case r.maxFunctionSeconds != nil && r.maxFunctionMemoryMB != nil:
		return fmt.Sprintf("work over %d s or %d MB", *r.maxFunctionSeconds, *r.maxFunctionMemoryMB)
	case r.maxFunctionSeconds != nil:
		return fmt.Sprintf("work over %d s", *r.maxFunctionSeconds)
	default:
		return fmt.Sprintf("work over %d MB", *r.maxFunctionMemoryMB)
	}
}

func formatMillis(ms int64) string {
	if ms < 1000 {
		return fmt.Sprintf("%d ms", ms)
	}
	return fmt.Sprintf("%g s", float64(ms)/1000)
}

// fillComputed sets every computed attribute of m from its arguments, or marks them unknown when an
// argument is not known yet.
func (m *unitModelV0) fillComputed(ctx context.Context) diag.Diagnostics {
	var diags diag.Diagnostics
	if !m.Name.IsUnknown() {
		m.ID = m.Name
	}
	in, known, d := m.inputs(ctx)
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	if !known {
		m.KeepWarmSchedule = types.ObjectUnknown(keepWarmScheduleAttrTypes)
		m.KeepWarmPingsPerMonth = types.Int64Unknown()
		m.MonthlyCost = types.ObjectUnknown(monthlyCostAttrTypes)
		m.Placement = types.StringUnknown()
		m.PlacementReasons = types.ListUnknown(types.StringType)
		return diags
	}
	res, err := computeUnit(in)
	if err != nil {
		diags.AddError("Computing the hybrid unit", fmt.Sprintf("%s. Fix the argument named above; "+
			"if it looks right, report this as a bug in the hybrid provider.", err))
		return diags
	}

	m.KeepWarmSchedule = types.ObjectNull(keepWarmScheduleAttrTypes)
	if res.schedules != nil {
		values := map[string]attr.Value{}
		for _, c := range scheduleClouds {
			values[c.attr] = types.StringNull()
			if expr := res.schedules[c.attr]; expr != "" {
				values[c.attr] = types.StringValue(expr)
			}
		}
		m.KeepWarmSchedule, d = types.ObjectValue(keepWarmScheduleAttrTypes, values)
		diags.Append(d...)
	}
	m.KeepWarmPingsPerMonth = types.Int64Value(res.pingsPerMonth)

	m.MonthlyCost = types.ObjectNull(monthlyCostAttrTypes)
	if c := res.costs; c != nil {
		m.MonthlyCost, d = types.ObjectValue(monthlyCostAttrTypes, map[string]attr.Value{
			"function_usd":    types.Float64Value(c.functionUSD),
			"keep_warm_usd":   types.Float64PointerValue(c.keepWarmUSD),
			"provisioned_usd": types.Float64PointerValue(c.provisionedUSD),
			"container_usd":   types.Float64Value(c.containerUSD),
			"total_usd":       types.Float64Value(c.totalUSD),
			"price_date":      types.StringValue(c.priceDate),
		})
		diags.Append(d...)
	}

	m.Placement = types.StringValue(res.placement)
	m.PlacementReasons, d = types.ListValueFrom(ctx, types.StringType, res.reasons)
	diags.Append(d...)
	return diags
}
