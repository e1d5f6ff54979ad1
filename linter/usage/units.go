package usage

import (
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// Unit is the workload a hybrid_unit declares, with the function resource its function.target
// names.
type Unit struct {
	Unit *graph.Instance
	// Function is nil when the target is not a function in this plan.
	Function *graph.Instance
	Traffic  Traffic
}

// Units returns the hybrid_unit resources of the plan that declare a known workload. A unit's
// function is found through the references of its `function` argument (`target =
// aws_lambda_function.api.arn`, through aliases and modules), or else by the target's known value:
// an ARN, ID or name of a function in the plan. Workload numbers that are unknown until apply or
// sensitive are left out.
func Units(g *graph.Graph) []Unit {
	var out []Unit
	for _, u := range g.ByType("hybrid_unit") {
		if u.Deleted() {
			continue
		}
		t := unitWorkload(u)
		if t.empty() {
			continue
		}
		t.Sources = []string{u.Address + " workload"}
		out = append(out, Unit{Unit: u, Function: unitFunction(g, u), Traffic: t})
	}
	return out
}

func unitWorkload(u *graph.Instance) Traffic {
	var t Traffic
	if n, ok := u.Get("workload", "requests_per_month").Float(); ok && n >= 0 {
		t.RequestsPerMonth, t.HasRequests = n, true
	}
	if n, ok := u.Get("workload", "avg_duration_ms").Float(); ok && n > 0 {
		t.AvgDurationMs = n
	}
	if n, ok := u.Get("workload", "p99_duration_ms").Float(); ok && n > 0 {
		t.P99DurationMs = n
	}
	if n, ok := u.Get("workload", "peak_concurrency").Int(); ok && n > 0 {
		t.PeakConcurrency = n
	}
	return t
}

// unitFunction finds the function a unit targets, or nil when it is not in the plan or the
// configuration names more than one.
func unitFunction(g *graph.Graph, u *graph.Instance) *graph.Instance {
	var found []*graph.Instance
	add := func(fn *graph.Instance) {
		for _, f := range found {
			if f == fn {
				return
			}
		}
		found = append(found, fn)
	}
	for _, e := range g.Outgoing(u) {
		if e.Attribute != "function" && !strings.HasPrefix(e.Attribute, "function.") {
			continue
		}
		switch {
		case platform.IsFunctionResourceType(e.To.Type):
			add(e.To)
		case e.To.Type == "aws_lambda_alias":
			for _, inv := range g.InvokedFunctions(u, e.Attribute) {
				add(inv.Function)
			}
		}
	}
	target, known := u.Get("function", "target").String()
	if len(found) == 1 {
		return found[0]
	}
	if !known {
		return nil
	}
	var byValue []*graph.Instance
	for _, typ := range platform.FunctionResourceTypes() {
		for _, fn := range g.ByType(typ) {
			if !fn.Deleted() && namesFunction(fn, target) {
				byValue = append(byValue, fn)
			}
		}
	}
	if len(byValue) == 1 {
		return byValue[0]
	}
	return nil
}

// namesFunction reports whether a known target string names fn: its ARN, ID or self link, its URL,
// or its name as the last part of an ARN (":function:NAME"), a Google resource name
// (".../functions/NAME", ".../services/NAME") or an Azure resource ID (".../sites/NAME").
func namesFunction(fn *graph.Instance, target string) bool {
	for _, attr := range []string{"arn", "qualified_arn", "invoke_arn", "id", "self_link", "url", "uri", "default_hostname"} {
		if v, ok := fn.Get(attr).String(); ok && v != "" && v == target {
			return true
		}
	}
	for _, attr := range []string{"function_name", "name"} {
		name, ok := fn.Get(attr).String()
		if !ok || name == "" {
			continue
		}
		if target == name {
			return true
		}
		for _, prefix := range []string{":function:", "/functions/", "/services/", "/sites/"} {
			if strings.HasSuffix(target, prefix+name) || strings.Contains(target, prefix+name+":") {
				return true
			}
		}
	}
	return false
}

// Lookup answers "what traffic is expected of this function" from a usage file and the plan's
// hybrid_unit workloads. The usage file, given for the run, wins field by field; the units fill
// what it leaves out.
type Lookup struct {
	file  *File
	units map[*graph.Instance]Traffic
}

// NewLookup prepares lookups in g; f may be nil (no --usage).
func NewLookup(g *graph.Graph, f *File) *Lookup {
	l := &Lookup{file: f, units: map[*graph.Instance]Traffic{}}
	for _, u := range Units(g) {
		if u.Function != nil {
			l.units[u.Function] = l.units[u.Function].Merge(u.Traffic)
		}
	}
	return l
}

// For returns the traffic expected of fn, and false when neither source gives any.
func (l *Lookup) For(fn *graph.Instance) (Traffic, bool) { return l.ForObserved(fn, Traffic{}) }

// ForObserved is For with the traffic fn was observed to serve (--metrics) between the two: the
// usage file wins field by field, the observed traffic fills what it leaves out, then the units.
func (l *Lookup) ForObserved(fn *graph.Instance, observed Traffic) (Traffic, bool) {
	t, _ := l.file.For(fn.Address, fn.Type)
	t = t.Merge(observed)
	t = t.Merge(l.units[fn])
	return t, !t.empty()
}
