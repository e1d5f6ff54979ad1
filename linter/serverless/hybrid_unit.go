package serverless

import (
	"strconv"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/internal/schedule"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// This file resolves the hybrid provider's units (resource hybrid_unit, issue 5) in a plan: which
// function resource a unit's `function.target` is, and what that resource configures.

// HybridUnit is a hybrid_unit the plan does not only delete.
type HybridUnit struct {
	Instance *graph.Instance
	Platform platform.Platform
}

// HybridUnits lists the hybrid_unit resources the plan keeps whose function platform it knows.
func HybridUnits(g *graph.Graph) []HybridUnit {
	var out []HybridUnit
	for _, inst := range g.ByType("hybrid_unit") {
		if inst.Deleted() {
			continue
		}
		p, ok := inst.Get("function", "platform").String()
		if !ok {
			continue
		}
		out = append(out, HybridUnit{Instance: inst, Platform: platform.Platform(p)})
	}
	return out
}

// target returns the unit's function.target when the plan knows it.
func (u HybridUnit) Target() (string, bool) {
	return u.Instance.Get("function", "target").String()
}

// function resolves the function resource the unit's target names: through the references of the
// `function` argument (an alias leads to its function), or, when the target is a known string, by
// the identifier it holds (a Lambda name or ARN, a Google resource name, an Azure app name or
// resource ID). It returns nil when the plan does not hold the function or cannot tell which.
func (u HybridUnit) Function(g *graph.Graph) *graph.Instance {
	types := platform.FunctionResourceTypesOn(u.Platform)
	var cands []*graph.Instance
	add := func(inst *graph.Instance) {
		for _, c := range cands {
			if c == inst {
				return
			}
		}
		cands = append(cands, inst)
	}
	for _, e := range g.Targets(u.Instance, "function") {
		switch {
		case contains(types, e.To.Type):
			add(e.To)
		case e.To.Type == "aws_lambda_alias" && u.Platform == platform.AWSLambda:
			if fn := aliasOf(g, e.To); fn != nil {
				add(fn)
			}
		}
	}
	target, known := u.Target()
	if len(cands) == 1 {
		return cands[0]
	}
	if !known {
		return nil
	}
	// Several references (target and, say, memory_mb read from different resources), or none:
	// the target's own value decides.
	var byValue []*graph.Instance
	for _, inst := range u.functionsNamed(g, target) {
		if len(cands) == 0 || containsInst(cands, inst) {
			byValue = append(byValue, inst)
		}
	}
	if len(byValue) == 1 {
		return byValue[0]
	}
	return nil
}

// functionsNamed finds the unit platform's functions that a known target string identifies.
func (u HybridUnit) functionsNamed(g *graph.Graph, target string) []*graph.Instance {
	var out []*graph.Instance
	if u.Platform == platform.AWSLambda {
		for _, inv := range g.FunctionsByValue(target) {
			out = append(out, inv.Function)
		}
		return out
	}
	name := target[strings.LastIndexByte(target, '/')+1:]
	for _, typ := range platform.FunctionResourceTypesOn(u.Platform) {
		for _, inst := range g.ByType(typ) {
			if inst.Deleted() {
				continue
			}
			for _, attr := range []string{"id", "name"} {
				if v, ok := inst.Get(attr).String(); ok && (v == target || (attr == "name" && v == name)) {
					out = append(out, inst)
					break
				}
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsInst(list []*graph.Instance, inst *graph.Instance) bool {
	for _, x := range list {
		if x == inst {
			return true
		}
	}
	return false
}

// UnitKeepWarm is a unit's keep-warm declaration, when it is on and its interval is known.
type UnitKeepWarm struct {
	Interval time.Duration
	// Declared is how the unit says it: "interval_minutes 5" or "schedule rate(5 minutes)".
	Declared string
}

// keepWarmDeclaration reads keep_warm: nil when there is none, it is disabled, or the plan does not
// know enough (an unknown interval, or a schedule this version cannot read).
func (u HybridUnit) KeepWarm() *UnitKeepWarm {
	kw := u.Instance.Get("keep_warm")
	if kw.State != plan.Known {
		return nil
	}
	switch on := u.Instance.Get("keep_warm", "enabled"); on.State {
	case plan.Known:
		if b, _ := on.Bool(); !b {
			return nil
		}
	case plan.Unknown, plan.Sensitive:
		return nil
	}
	if minutes, ok := u.Instance.Get("keep_warm", "interval_minutes").Int(); ok && minutes > 0 {
		return &UnitKeepWarm{Interval: time.Duration(minutes) * time.Minute, Declared: "interval_minutes " + strconv.Itoa(minutes)}
	}
	expr, ok := u.Instance.Get("keep_warm", "schedule").String()
	if !ok {
		return nil
	}
	syntax, err := schedule.SyntaxOf(u.Platform)
	if err != nil {
		return nil
	}
	_, longest, ok := MeasureSchedule(syntax, expr)
	if !ok {
		return nil
	}
	return &UnitKeepWarm{Interval: longest, Declared: "schedule " + expr}
}

// MeasureSchedule measures a schedule's shortest and longest gaps over the reference month, so
// findings do not change with the day hybridlint runs.
func MeasureSchedule(syntax schedule.Syntax, expr string) (shortest, longest time.Duration, ok bool) {
	s, err := schedule.Parse(syntax, expr)
	if err != nil {
		return 0, 0, false
	}
	st := schedule.MonthStats(s, schedule.ReferenceStart)
	if st.Count < 2 || st.Shortest <= 0 {
		return 0, 0, false
	}
	return st.Shortest, st.Longest, true
}
