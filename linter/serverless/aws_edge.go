package serverless

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// This file resolves CloudFront Lambda@Edge associations to the functions they run and the events
// they run on, for aws_lambda_edge_limits and for anything else that needs to know a function is
// invoked at the edge (the "synchronous path" of the cold-start rules).
//
// A cache behavior's lambda_function_association blocks are a set in the AWS provider, so the
// planned values list them in an order of their own, not in the configuration's order: the n-th
// association in `after` is not the n-th block whose references the configuration records. An
// association whose ARN the plan knows is matched to its function by that ARN. One whose ARN is
// known only after apply is matched through the configuration, which keeps each block whole: its
// event_type literal and the references of its lambda_arn side by side. What the configuration
// cannot pair that way (an event_type computed from a variable or each.value, a lambda_arn that
// chooses between functions) is matched through the references of the behavior as a whole, and
// then only the event class the unknown associations share is certain (all viewer, all origin, or
// mixed). Blocks written with `dynamic` are absent from a plan's configuration: their associations
// are paired only by a known ARN.

// EdgeEventClass is what CloudFront event a function certainly runs on.
type EdgeEventClass uint8

const (
	// EdgeMixed: the plan does not say whether the function runs on a viewer or an origin event.
	EdgeMixed EdgeEventClass = iota
	// EdgeViewer: the function runs on a viewer-request or viewer-response event.
	EdgeViewer
	// EdgeOrigin: the function runs only on origin-request or origin-response events.
	EdgeOrigin
)

// EdgeTrigger is a function that a cache behavior of a CloudFront distribution runs at the edge.
type EdgeTrigger struct {
	Distribution *graph.Instance
	// behavior names the cache behavior for a reader: "default cache behavior" or
	// `cache behavior "/api/*"`.
	behavior string
	// attribute is the configuration path of the association's ARN without block indices, as
	// Graph.Targets takes it: "default_cache_behavior.lambda_function_association.lambda_arn".
	attribute  string
	Invocation graph.Invocation
	// events are the event types the function runs on, or could run on when class is EdgeMixed
	// (empty when the plan does not know them), sorted.
	events []string
	Class  EdgeEventClass
}

// eventText renders the events for a message: "viewer-request", "origin-request or origin-response".
func (t EdgeTrigger) EventText() string {
	return strings.Join(t.events, " or ")
}

// where renders the distribution and behavior for a message.
func (t EdgeTrigger) Where() string {
	return t.Distribution.Address + ", " + t.behavior
}

// EdgeTriggers resolves every Lambda@Edge association of every CloudFront distribution the plan
// keeps, in plan order. Associations whose function is not in the plan, or that the plan cannot
// tie to one function for certain, are left out.
func EdgeTriggers(g *graph.Graph) []EdgeTrigger {
	var out []EdgeTrigger
	for _, dist := range g.ByType("aws_cloudfront_distribution") {
		if dist.Deleted() {
			continue
		}
		out = append(out, behaviorTriggers(g, dist, "default_cache_behavior", 0, "default cache behavior")...)
		ordered, _ := dist.Get("ordered_cache_behavior").List()
		for i := range ordered {
			label := fmt.Sprintf("ordered cache behavior %d", i)
			if p, ok := dist.Get("ordered_cache_behavior", i, "path_pattern").String(); ok {
				label = fmt.Sprintf("cache behavior %q", p)
			}
			out = append(out, behaviorTriggers(g, dist, "ordered_cache_behavior", i, label)...)
		}
	}
	return out
}

// edgeAssociation is one lambda_function_association block as planned.
type edgeAssociation struct {
	event string // "" when unknown
	// functions are the functions its known ARN names; nil when the ARN is unknown.
	functions  []graph.Invocation
	arnUnknown bool
}

func behaviorTriggers(g *graph.Graph, dist *graph.Instance, block string, index int, label string) []EdgeTrigger {
	attribute := block + ".lambda_function_association.lambda_arn"
	newTrigger := func(inv graph.Invocation, events []string, class EdgeEventClass) EdgeTrigger {
		return EdgeTrigger{Distribution: dist, behavior: label, attribute: attribute, Invocation: inv, events: events, Class: class}
	}
	assocs, assocsKnown := plannedAssociations(g, dist, block, index)
	var out []EdgeTrigger
	// matched are the functions some association is known to run, with the event ("" unknown).
	type pairing struct {
		fn    *graph.Instance
		event string
	}
	matched := map[pairing]bool{}
	byValue := map[*graph.Instance]bool{}
	var pending []edgeAssociation
	for _, a := range assocs {
		if a.arnUnknown {
			pending = append(pending, a)
			continue
		}
		for _, inv := range a.functions {
			byValue[inv.Function] = true
			matched[pairing{inv.Function, a.event}] = true
			if a.event == "" {
				out = append(out, newTrigger(inv, nil, EdgeMixed))
			} else {
				out = append(out, newTrigger(inv, []string{a.event}, classOf([]string{a.event}, true)))
			}
		}
	}
	if !configuredBehaviorAligned(dist, block, index) {
		return out
	}
	// Blocks the configuration pairs: an event_type literal and a lambda_arn that leads to one
	// function. Each accounts for one association whose ARN is unknown.
	var unpaired []configuredAssociation
	paired := map[*graph.Instance]bool{}
	for _, c := range configuredAssociations(g, dist, fmt.Sprintf("%s.%d.lambda_function_association.", block, index)) {
		if c.event == "" || len(c.functions) != 1 {
			unpaired = append(unpaired, c)
			continue
		}
		inv := c.functions[0]
		paired[inv.Function] = true
		if matched[pairing{inv.Function, c.event}] {
			continue
		}
		matched[pairing{inv.Function, c.event}] = true
		pending = withoutEvent(pending, c.event)
		out = append(out, newTrigger(inv, []string{c.event}, classOf([]string{c.event}, true)))
	}
	// The rest are matched through the references of the blocks left: the functions they
	// reference that neither a known ARN nor a paired block accounts for.
	var rest []graph.Invocation
	seen := map[*graph.Instance]bool{}
	blocks := 0
	for _, c := range unpaired {
		if c.references {
			blocks++
		}
		for _, inv := range c.functions {
			if !byValue[inv.Function] && !paired[inv.Function] && !seen[inv.Function] {
				seen[inv.Function] = true
				rest = append(rest, inv)
			}
		}
	}
	if len(rest) == 0 || (assocsKnown && len(pending) == 0) {
		return out
	}
	if len(rest) > blocks || (assocsKnown && len(rest) > len(pending)) {
		// More functions than associations to run them: some association chooses between
		// functions (a conditional), so none of them is certainly invoked.
		return out
	}
	var events []string
	for _, a := range pending {
		if a.event == "" {
			events = nil
			break
		}
		events = appendUnique(events, a.event)
	}
	sort.Strings(events)
	// A single function runs on every one of these events; several share them out in a way the
	// plan does not show.
	class := classOf(events, len(rest) == 1)
	for _, inv := range rest {
		out = append(out, newTrigger(inv, events, class))
	}
	return out
}

// withoutEvent drops one association on event from the list (the one a paired block accounts
// for), or the list as it is when none is on event.
func withoutEvent(assocs []edgeAssociation, event string) []edgeAssociation {
	for i, a := range assocs {
		if a.event == event {
			return append(assocs[:i:i], assocs[i+1:]...)
		}
	}
	return assocs
}

// plannedAssociations reads a behavior's associations from the planned values. known is false when
// the plan does not know the set of associations itself.
func plannedAssociations(g *graph.Graph, dist *graph.Instance, block string, index int) (assocs []edgeAssociation, known bool) {
	v := dist.Get(block, index, "lambda_function_association")
	list, ok := v.List()
	if !ok {
		return nil, v.State == plan.Null || v.State == plan.Absent
	}
	for i := range list {
		a := edgeAssociation{}
		if ev, ok := dist.Get(block, index, "lambda_function_association", i, "event_type").String(); ok {
			a.event = ev
		}
		arn := dist.Get(block, index, "lambda_function_association", i, "lambda_arn")
		if s, ok := arn.String(); ok {
			a.functions = LambdaFunctionsByRef(g, s)
		} else {
			a.arnUnknown = arn.State == plan.Unknown || arn.State == plan.Sensitive
		}
		assocs = append(assocs, a)
	}
	return assocs, true
}

// configuredAssociation is one lambda_function_association block as the configuration writes it.
type configuredAssociation struct {
	// event is the event_type literal, "" when the configuration computes it.
	event string
	// functions are the functions the references of lambda_arn lead to; references is set when
	// lambda_arn makes any reference at all (to a function or not).
	functions  []graph.Invocation
	references bool
}

// configuredAssociations reads the association blocks under prefix
// ("default_cache_behavior.0.lambda_function_association.") from the distribution's
// configuration, in the order they are written.
func configuredAssociations(g *graph.Graph, dist *graph.Instance, prefix string) []configuredAssociation {
	var out []configuredAssociation
	for _, block := range configuredBlocks(dist, prefix) {
		c := configuredAssociation{event: configuredLiteral(block["event_type"])}
		if arn := block["lambda_arn"]; arn != nil {
			c.references = len(arn.References) > 0
			c.functions = g.ReferencedFunctions(dist, arn.Path)
		}
		out = append(out, c)
	}
	return out
}

// configuredBlocks groups the configured attributes of the nested blocks under prefix
// ("default_cache_behavior.0.lambda_function_association.") by block, in the order the
// configuration writes them: each block maps a field name to its attribute. The planned values
// of a set of blocks come in an order of their own; the configuration keeps each block whole.
func configuredBlocks(inst *graph.Instance, prefix string) []map[string]*plan.Attribute {
	if inst.Config == nil {
		return nil
	}
	var out []map[string]*plan.Attribute
	at := map[string]int{} // block index as written -> position in out
	for _, a := range inst.Config.Attributes {
		rest, ok := strings.CutPrefix(a.Path, prefix)
		if !ok {
			continue
		}
		n, field, ok := strings.Cut(rest, ".")
		if !ok {
			continue
		}
		i, seen := at[n]
		if !seen {
			i = len(out)
			at[n] = i
			out = append(out, map[string]*plan.Attribute{})
		}
		out[i][field] = a
	}
	return out
}

// configuredLiteral returns the string literal a configured attribute holds, "" when it is
// computed (or not set).
func configuredLiteral(a *plan.Attribute) string {
	if a == nil || !a.Constant || len(a.References) > 0 {
		return ""
	}
	return a.ConstantString
}

// configuredBehaviorAligned reports whether the index-th block of a behavior type in the planned
// values is the index-th one the configuration writes. Blocks written with `dynamic` are left out
// of a plan's configuration, so when the configuration has fewer blocks than the plan, the
// indices no longer meet and the configuration says nothing about the planned block.
func configuredBehaviorAligned(dist *graph.Instance, block string, index int) bool {
	if block == "default_cache_behavior" {
		return true // exactly one, written as a block or not at all
	}
	planned, ok := dist.Get(block).List()
	if !ok || index >= len(planned) || dist.Config == nil {
		return false
	}
	written := map[string]bool{}
	for _, a := range dist.Config.Attributes {
		if rest, ok := strings.CutPrefix(a.Path, block+"."); ok {
			n, _, _ := strings.Cut(rest, ".")
			written[n] = true
		}
	}
	return len(written) == len(planned)
}

// classOf says which event class a function certainly runs on, given the events it runs on (all
// of them when exact, one or more of them otherwise): viewer when it surely runs on a viewer event,
// origin when it runs on origin events only.
func classOf(events []string, exact bool) EdgeEventClass {
	if len(events) == 0 {
		return EdgeMixed
	}
	viewer, origin := 0, 0
	for _, e := range events {
		switch {
		case strings.HasPrefix(e, "viewer-"):
			viewer++
		case strings.HasPrefix(e, "origin-"):
			origin++
		}
	}
	switch {
	case viewer == len(events) || (exact && viewer > 0):
		return EdgeViewer
	case origin == len(events):
		return EdgeOrigin
	}
	return EdgeMixed
}

// LambdaFunctionsByRef finds the functions in the plan that a known string names, in any form the
// Lambda API takes: a name ("resize"), a name with a qualifier ("resize:live"), a function ARN with
// or without a qualifier (arn:aws:lambda:region:account:function:resize[:3]) or a partial ARN
// (123456789012:function:resize).
func LambdaFunctionsByRef(g *graph.Graph, ref string) []graph.Invocation {
	name, qualifier := lambdaRefName(ref)
	if name == "" {
		return nil
	}
	var out []graph.Invocation
	for _, fn := range g.FunctionsNamed(name) {
		out = append(out, graph.Invocation{Function: fn, Qualifier: qualifier, ByValue: true})
	}
	return out
}

// lambdaRefName splits a function reference into name and qualifier ("$LATEST" when it has none);
// the name is "" when the string is not a function reference.
func lambdaRefName(ref string) (name, qualifier string) {
	if ref == "" || strings.ContainsAny(ref, "/ ${}") {
		return "", ""
	}
	parts := strings.Split(ref, ":")
	switch {
	case parts[0] == "arn":
		if len(parts) < 7 || len(parts) > 8 || parts[2] != "lambda" || parts[5] != "function" {
			return "", ""
		}
		parts = parts[6:]
	case len(parts) >= 3:
		if len(parts) > 4 || parts[1] != "function" {
			return "", ""
		}
		parts = parts[2:]
	}
	if len(parts) > 2 || parts[0] == "" {
		return "", ""
	}
	if len(parts) == 2 {
		return parts[0], parts[1]
	}
	return parts[0], "$LATEST"
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// EdgeCallers gives every Lambda@Edge trigger as a caller limit: CloudFront's 5 s for a function
// that runs on a viewer event, 30 s otherwise. The caller is the distribution; Detail is the
// EdgeTrigger.
func EdgeCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, t := range EdgeTriggers(g) {
		limit, label := platform.LambdaEdgeOriginMaxTimeoutSeconds, "Lambda@Edge limit"
		switch t.Class {
		case EdgeViewer:
			limit = platform.LambdaEdgeViewerMaxTimeoutSeconds
			label += " for " + t.EventText() + " triggers"
		case EdgeOrigin:
			label += " for " + t.EventText() + " triggers"
		}
		if c, ok := lambdaCallerLimit(t.Invocation, t.Distribution, limit*1000, label, "aws_lambda_edge_limits"); ok {
			c.Detail = t
			out = append(out, c)
		}
	}
	return out
}
