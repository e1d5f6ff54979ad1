package serverless

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
)

// This file matches the rows of --metrics files (linter/metrics) to the functions of a plan: only
// the model knows how each platform names a function. A row is matched by what its file says
// the function is (a Lambda name, ARN or log group, a Google function or service name, an Azure
// resource id, or in the neutral CSV any of those or a plan address), through aliases, modules
// and for_each instances, and only by values the plan knows: a name known after apply matches
// nothing, and a name several functions share matches none of them.

// UnmatchedRow is a row that matches no function of the plan, and why.
type UnmatchedRow struct {
	// Index is the row's place in the rows given to MatchObservations.
	Index  int
	Row    metrics.Row
	Reason string
}

// Warning is the unmatched row as the CLI prints it:
// "metrics.json:12 (orders-api) matches no function in the plan: ...".
func (u UnmatchedRow) Warning() string { return u.Row.Describe() + " " + u.Reason }

// MatchObservations matches rows to the functions of g and merges the rows of each function
// (metrics.Merge; metrics.MergeRegions for a function a CloudFront distribution runs at the
// edge), by plan address; the rows that match nothing are returned, in file order.
func MatchObservations(g *graph.Graph, rows []metrics.Row) (map[string]metrics.Observation, []UnmatchedRow) {
	idx := newFunctionIndex(g)
	byFunction := map[*graph.Instance][]metrics.Row{}
	var unmatched []UnmatchedRow
	for i, r := range rows {
		fns := dedupe(idx.match(r))
		switch len(fns) {
		case 1:
			byFunction[fns[0]] = append(byFunction[fns[0]], r)
		case 0:
			unmatched = append(unmatched, UnmatchedRow{Index: i, Row: r, Reason: "matches no function in the plan: check the name, or give the function's address in a CSV"})
		default:
			addrs := make([]string, len(fns))
			for i, fn := range fns {
				addrs[i] = fn.Address
			}
			sort.Strings(addrs)
			unmatched = append(unmatched, UnmatchedRow{Index: i, Row: r, Reason: fmt.Sprintf("names %d functions in the plan (%s) and is used for none: give the address or ARN in a CSV",
				len(fns), strings.Join(addrs, ", "))})
		}
	}
	if len(byFunction) == 0 {
		return nil, unmatched
	}
	edge := map[*graph.Instance]bool{}
	for _, t := range EdgeTriggers(g) {
		edge[t.Invocation.Function] = true
	}
	out := make(map[string]metrics.Observation, len(byFunction))
	for fn, rs := range byFunction {
		if edge[fn] {
			// One export per Region where CloudFront ran it: the files add up.
			out[fn.Address] = metrics.MergeRegions(fn.Address, rs)
			continue
		}
		out[fn.Address] = metrics.Merge(fn.Address, rs)
	}
	return out, unmatched
}

// functionIndex finds functions by the known values rows name them by, built once per plan so
// that matching thousands of rows does not scan every function for each.
type functionIndex struct {
	g *graph.Graph
	// logGroups are the custom log groups of Lambda functions (logging_config.log_group).
	logGroups map[string][]*graph.Instance
	// google are the Google functions and services by the last part of their name.
	google map[string][]*graph.Instance
	// azureIDs are the function apps whose id the plan knows, by id in lower case; azureNames
	// every app by name in lower case.
	azureIDs, azureNames map[string][]*graph.Instance
}

var googleTypes = []string{"google_cloudfunctions_function", "google_cloudfunctions2_function", "google_cloud_run_v2_service", "google_cloud_run_service"}

func newFunctionIndex(g *graph.Graph) *functionIndex {
	idx := &functionIndex{g: g, logGroups: map[string][]*graph.Instance{}, google: map[string][]*graph.Instance{},
		azureIDs: map[string][]*graph.Instance{}, azureNames: map[string][]*graph.Instance{}}
	for _, fn := range g.ByType("aws_lambda_function") {
		if lg, ok := fn.Get("logging_config", 0, "log_group").String(); ok && lg != "" {
			idx.logGroups[lg] = append(idx.logGroups[lg], fn)
		}
	}
	for _, typ := range googleTypes {
		for _, fn := range g.ByType(typ) {
			if name, ok := fn.Get("name").String(); ok && name != "" {
				idx.google[lastSegment(name)] = append(idx.google[lastSegment(name)], fn)
			}
		}
	}
	for _, typ := range platform.FunctionResourceTypesIn(platform.Azure) {
		for _, fn := range g.ByType(typ) {
			if id, ok := fn.Get("id").String(); ok && id != "" {
				idx.azureIDs[strings.ToLower(id)] = append(idx.azureIDs[strings.ToLower(id)], fn)
			}
			if name, ok := fn.Get("name").String(); ok && name != "" {
				idx.azureNames[strings.ToLower(name)] = append(idx.azureNames[strings.ToLower(name)], fn)
			}
		}
	}
	return idx
}

func (idx *functionIndex) match(r metrics.Row) []*graph.Instance {
	switch r.Kind {
	case metrics.LambdaName:
		return idx.lambdasByValue(r.ID)
	case metrics.LambdaLogGroup:
		return idx.lambdasByLogGroup(r.ID)
	case metrics.GoogleFunction:
		return idx.googleByName(googleTypes[:1], r.ID, r.Project, r.Region)
	case metrics.GoogleService:
		return idx.googleByName(googleTypes[1:], r.ID, r.Project, r.Region)
	case metrics.AzureResourceID:
		return idx.azureByID(r.ID)
	case metrics.AnyID:
		return idx.matchAny(r.ID)
	}
	return nil
}

// matchAny reads a CSV's function column: an address, an ARN, a log group, a Google resource name,
// an Azure resource id, or a name, which must name one function on any cloud.
func (idx *functionIndex) matchAny(id string) []*graph.Instance {
	if inst := idx.g.ByAddress(id); inst != nil {
		return idx.functionOfAddress(inst)
	}
	switch {
	case strings.HasPrefix(id, "arn:"):
		return idx.lambdasByValue(id)
	case strings.HasPrefix(id, "/aws/lambda/"):
		return idx.lambdasByLogGroup(id)
	case strings.HasPrefix(strings.ToLower(id), "/subscriptions/"):
		return idx.azureByID(id)
	case strings.HasPrefix(id, "projects/"):
		return idx.googleByResourceName(id)
	}
	var out []*graph.Instance
	out = append(out, idx.lambdasByValue(id)...)
	out = append(out, idx.googleByName(googleTypes, id, "", "")...)
	out = append(out, idx.azureNames[strings.ToLower(id)]...)
	return out
}

// functionOfAddress is the function an address names: the function itself, or the function an
// alias points to.
func (idx *functionIndex) functionOfAddress(inst *graph.Instance) []*graph.Instance {
	switch {
	case platform.IsFunctionResourceType(inst.Type):
		return []*graph.Instance{inst}
	case inst.Type == "aws_lambda_alias":
		var out []*graph.Instance
		for _, e := range idx.g.Targets(inst, "function_name") {
			if e.To.Type == "aws_lambda_function" {
				out = append(out, e.To)
			}
		}
		if len(out) == 0 {
			if name, ok := inst.Get("function_name").String(); ok {
				out = idx.lambdasByValue(name)
			}
		}
		return out
	}
	return nil
}

// lambdasByValue finds the Lambda functions a name, name:qualifier, or (qualified or alias)
// ARN names.
func (idx *functionIndex) lambdasByValue(v string) []*graph.Instance {
	if !strings.HasPrefix(v, "arn:") {
		v, _, _ = strings.Cut(v, ":") // name:alias or name:version
		// A Lambda@Edge replica's metrics name it us-east-1.<name>; a function name has no dot.
		v = strings.TrimPrefix(v, platform.LambdaEdgeReplicaPrefix)
	}
	var out []*graph.Instance
	for _, inv := range idx.g.FunctionsByValue(v) {
		out = append(out, inv.Function)
	}
	return out
}

// lambdasByLogGroup finds the function that logs to a log group: the one whose logging_config
// names it, else the function of /aws/lambda/<name> (or a Lambda@Edge replica's
// /aws/lambda/us-east-1.<name>) unless that function logs elsewhere.
func (idx *functionIndex) lambdasByLogGroup(group string) []*graph.Instance {
	if custom := idx.logGroups[group]; len(custom) > 0 {
		return custom
	}
	name, ok := strings.CutPrefix(group, "/aws/lambda/")
	if !ok || name == "" {
		return nil
	}
	// Lambda@Edge replicas log to /aws/lambda/us-east-1.<name> in each region they run in; a
	// function name has no dot.
	if _, fn, edge := strings.Cut(name, "."); edge {
		name = fn
	}
	var out []*graph.Instance
	for _, fn := range idx.lambdasByValue(name) {
		// A replica logs under the prefix even when logging_config names the default group,
		// as the provider fills it in for an existing function.
		if lg, ok := fn.Get("logging_config", 0, "log_group").String(); ok && lg != "" && lg != group && lg != "/aws/lambda/"+name {
			continue // logs to its own group, not this one
		}
		out = append(out, fn)
	}
	return out
}

// googleByName finds the Google functions or services of the given types named name, in the
// project and region when the row gives them and the plan knows them.
func (idx *functionIndex) googleByName(types []string, name, project, region string) []*graph.Instance {
	var out []*graph.Instance
	for _, fn := range idx.google[name] {
		if !slices.Contains(types, fn.Type) {
			continue
		}
		if p, ok := fn.Get("project").String(); ok && project != "" && p != project {
			continue
		}
		if r, ok := googleRegion(fn); ok && region != "" && r != region {
			continue
		}
		out = append(out, fn)
	}
	return out
}

func googleRegion(fn *graph.Instance) (string, bool) {
	if fn.Type == "google_cloudfunctions_function" {
		return fn.Get("region").String()
	}
	return fn.Get("location").String()
}

// googleByResourceName reads projects/P/locations/L/functions/NAME (or .../services/NAME).
func (idx *functionIndex) googleByResourceName(id string) []*graph.Instance {
	parts := strings.Split(id, "/")
	if len(parts) != 6 || parts[0] != "projects" || parts[2] != "locations" {
		return nil
	}
	switch parts[4] {
	case "functions":
		return idx.googleByName(googleTypes[:2], parts[5], parts[1], parts[3])
	case "services":
		return idx.googleByName(googleTypes[2:], parts[5], parts[1], parts[3])
	}
	return nil
}

// azureByID finds the function app with a resource id (ids compare without regard to case); an
// app whose id the plan does not know yet matches by the name in the id.
func (idx *functionIndex) azureByID(id string) []*graph.Instance {
	out := append([]*graph.Instance(nil), idx.azureIDs[strings.ToLower(id)]...)
	i := strings.LastIndex(strings.ToLower(id), "/sites/")
	if i < 0 {
		return out
	}
	for _, fn := range idx.azureNames[strings.ToLower(id[i+len("/sites/"):])] {
		if have, ok := fn.Get("id").String(); !ok || have == "" {
			out = append(out, fn)
		}
	}
	return out
}

func lastSegment(s string) string {
	return s[strings.LastIndex(s, "/")+1:]
}

func dedupe(fns []*graph.Instance) []*graph.Instance {
	var out []*graph.Instance
	seen := map[*graph.Instance]bool{}
	for _, fn := range fns {
		if !seen[fn] {
			seen[fn] = true
			out = append(out, fn)
		}
	}
	return out
}

// ObservedTraffic is the traffic a function was observed to serve, as the cost model prices it:
// the invocations of the window scaled to a month (platform.HoursPerMonth), the average and p99
// durations. It is the one place the observed figure is computed; `hybridlint cost` and the cost
// rules read it through PlannedFunctions, after the usage file, which wins when both give a
// number. Values beyond what a usage file may give (usage.MaxRequestsPerMonth,
// usage.MaxDurationMs) are left out rather than priced. Its source reads
// "observed: metrics.json, 14 days".
func ObservedTraffic(o metrics.Observation) usage.Traffic {
	var t usage.Traffic
	if o.Invocations.Known && o.WindowDays > 0 {
		if perMonth := o.Invocations.Value / o.WindowDays * platform.HoursPerMonth / 24; perMonth <= usage.MaxRequestsPerMonth {
			t.RequestsPerMonth, t.HasRequests = perMonth, true
		}
	}
	if o.AvgMs.Known && o.AvgMs.Value > 0 && o.AvgMs.Value <= usage.MaxDurationMs {
		t.AvgDurationMs = o.AvgMs.Value
	}
	if o.P99Ms.Known && o.P99Ms.Value > 0 && o.P99Ms.Value <= usage.MaxDurationMs {
		t.P99DurationMs = o.P99Ms.Value
	}
	if t.HasRequests || t.AvgDurationMs > 0 || t.P99DurationMs > 0 {
		t.Sources = []string{ObservedSource(o)}
	}
	return t
}

// ObservedSource names where an observation comes from and over how long, for messages and
// the cost report: "observed: metrics.json, 14 days".
func ObservedSource(o metrics.Observation) string {
	var files []string
	for _, s := range o.Sources {
		if i := strings.LastIndex(s, ":"); i > 0 {
			s = s[:i]
		}
		if !slices.Contains(files, s) {
			files = append(files, s)
		}
	}
	return "observed: " + strings.Join(files, ", ") + ", " + windowLength(o.WindowDays)
}

// windowLength renders an observation window: "14 days", "1 day", "6.5 days".
func windowLength(days float64) string {
	s := strconv.FormatFloat(math.Round(days*10)/10, 'f', -1, 64)
	if s == "1" {
		return "1 day"
	}
	return s + " days"
}
