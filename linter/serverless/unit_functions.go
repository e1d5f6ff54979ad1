package serverless

import (
	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
)

// unitFunctions are the functions hybrid_unit resources declare with a workload when the function
// itself is not in the plan (it lives in another stack): priced from the unit's own `function`
// block (platform, memory_mb, architecture, timeout_seconds), its workload and its keep_warm, so
// `hybridlint cost` prices a plan whose only workload is a unit. The unit is the instance named.
func unitFunctions(g *graph.Graph) []PlannedFunction {
	var out []PlannedFunction
	for _, u := range usage.Units(g) {
		if u.Function != nil {
			continue // priced as the function resource it targets
		}
		if pf, ok := unitFunction(u); ok {
			out = append(out, pf)
		}
	}
	return out
}

func unitFunction(u usage.Unit) (PlannedFunction, bool) {
	inst := u.Unit
	p, ok := inst.Get("function", "platform").String()
	if !ok {
		return PlannedFunction{}, false
	}
	memory, ok := inst.Get("function", "memory_mb").Int()
	if !ok || memory <= 0 {
		return PlannedFunction{}, false
	}
	arch := cost.X86_64
	if a, ok := inst.Get("function", "architecture").String(); ok && a != "" {
		if arch, ok = parseArch(a); !ok {
			return PlannedFunction{}, false
		}
	}
	pl := platform.Platform(p)
	pf := PlannedFunction{Instance: inst, Function: cost.Function{Platform: pl, MemoryMB: memory, Arch: arch},
		Traffic: u.Traffic, HasTraffic: true, MemoryNote: "the unit's function.memory_mb: the function is not in this plan"}
	if t, ok := inst.Get("function", "timeout_seconds").Int(); ok && t > 0 {
		pf.TimeoutSeconds = t
	}
	if kw := (HybridUnit{Instance: inst, Platform: pl}).KeepWarm(); kw != nil && kw.Interval > 0 {
		concurrency := 1
		if n, ok := inst.Get("keep_warm", "concurrency").Int(); ok && n > 0 {
			concurrency = n
		}
		pf.KeepWarm = []KeepWarmPing{{Schedule: inst, Expression: kw.Declared,
			PingsPerMonth: platform.HoursPerMonth * 60 / kw.Interval.Minutes(), Concurrency: concurrency}}
	}
	return pf, true
}
