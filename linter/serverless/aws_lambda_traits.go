package serverless

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/internal/schedule"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// This file holds the three definitions the cold-start and keep-warm rules share (issue 3), each
// resolved through the resource graph, never by matching names:
//
//   - a function is on a synchronous path when something waits for its answer: an API Gateway
//     REST, HTTP or WebSocket integration or Lambda authorizer, a function URL, an ALB target group,
//     an AppSync data source, a CloudFront Lambda@Edge association, or any caller a CallerFinder
//     returns as synchronous (SyncCallerLimits);
//   - it has heavy initialisation when its runtime is Java or .NET without effective SnapStart, when
//     it is a container image, or when its known package is larger than 10 MB;
//   - it is kept warm when provisioned concurrency covers the version its callers invoke, or a
//     schedule pings that version at least once per idle window.
//
// Every answer can be "the plan does not say" (maybe): rules report only on certain answers.

// Answer is an answer the plan may not know.
type Answer uint8

const (
	No Answer = iota
	Yes
	Maybe
)

// ---------------------------------------------------------------------------------------------
// Qualifiers: which version of a function a caller, a ping or a configuration reaches.

// Qualifier is the version of a function that an invocation or a `qualifier` argument reaches.
type Qualifier struct {
	// Known is false when the plan does not say which version is reached.
	Known bool
	// Alias is the alias name when the qualifier is an alias ("" otherwise, or when unknown).
	Alias         string
	AliasInstance *graph.Instance
	// Version is "$LATEST", a version number, or "" when not known.
	Version string
	// published says whether the version reached is a published one ($LATEST is not).
	published Answer
	// Current is true when the qualifier is the function's own `version` attribute (qualified ARN):
	// two such references reach the same version even while the number is unknown.
	Current bool
}

// String names the qualifier for messages: "alias live", "version 3", "$LATEST".
func (q Qualifier) String() string {
	switch {
	case q.Alias != "":
		return "alias " + q.Alias
	case isDigits(q.Version):
		return "version " + q.Version
	case q.Version != "":
		return q.Version
	case q.Current:
		return "the published version"
	}
	return "an unknown qualifier"
}

var latestRef = Qualifier{Known: true, Version: "$LATEST", published: No}

// literalQualifier reads a qualifier written as a string: "$LATEST", a version number or an alias.
func literalQualifier(s string) Qualifier {
	switch {
	case s == "" || s == "$LATEST":
		return latestRef
	case isDigits(s):
		return Qualifier{Known: true, Version: s, published: Yes}
	}
	return Qualifier{Known: true, Alias: s, published: Maybe}
}

// versionReached is the qualifier of an invocation resolved without the attribute it was read
// from (an ARN inside a document): the alias, the ARN's qualifier, $LATEST for an unqualified ARN,
// or the function's current version for a reference to its qualified ARN.
func versionReached(g *graph.Graph, inv graph.Invocation) Qualifier {
	switch {
	case inv.Alias != nil:
		return aliasQualifier(g, inv.Alias)
	case inv.Qualifier != "":
		return bindAlias(g, inv.Function, literalQualifier(inv.Qualifier))
	case inv.ByValue:
		return latestRef
	}
	return functionVersion(inv.Function)
}

// functionVersion is the qualifier of a reference to fn.version or fn.qualified_arn.
func functionVersion(fn *graph.Instance) Qualifier {
	q := Qualifier{Known: true, Current: true, published: Maybe}
	if publish, ok := fn.Get("publish").Bool(); ok {
		if !publish {
			return Qualifier{Known: true, Current: true, Version: "$LATEST", published: No}
		}
		q.published = Yes
	}
	if v, ok := fn.Get("version").String(); ok && v != "" {
		q.Version = v
		q.published = Yes
		if v == "$LATEST" {
			q.published = No
		}
	}
	return q
}

// aliasQualifier is the qualifier of an aws_lambda_alias, with the version it points at when the
// plan knows it.
func aliasQualifier(g *graph.Graph, alias *graph.Instance) Qualifier {
	q := Qualifier{AliasInstance: alias, published: Maybe}
	if name, ok := alias.Get("name").String(); ok {
		q.Known, q.Alias = true, name
	}
	if v, ok := alias.Get("function_version").String(); ok {
		target := literalQualifier(v)
		q.Version, q.published = target.Version, target.published
		return q
	}
	for _, e := range g.Targets(alias, "function_version") {
		if e.To.Type == "aws_lambda_function" && e.ToAttribute == "version" {
			target := functionVersion(e.To)
			q.Version, q.published = target.Version, target.published
		}
	}
	return q
}

// invocationQualifier works out which version of inv.Function the attribute of from invokes:
// from the ARN the plan knows, else from what the configuration references. An ARN read from a
// reference may have a qualifier appended in text the plan does not record ("${fn.arn}:live"), so
// a bare function ARN counts as $LATEST only when nothing else in the expression could supply one.
func invocationQualifier(g *graph.Graph, from *graph.Instance, attribute string, inv graph.Invocation) Qualifier {
	if inv.Alias != nil {
		return aliasQualifier(g, inv.Alias)
	}
	if s, ok := from.Get(graph.PathSteps(attribute)...).String(); ok {
		if q, ok := qualifierOfARN(s); ok {
			return bindAlias(g, inv.Function, literalQualifier(q))
		}
	}
	edges := g.Targets(from, attribute)
	for _, e := range edges {
		// An expression that names an alias of the function composes the alias's ARN.
		if e.To.Type == "aws_lambda_alias" && aliasOf(g, e.To) == inv.Function {
			return aliasQualifier(g, e.To)
		}
	}
	for _, e := range edges {
		if e.To != inv.Function {
			continue
		}
		switch e.ToAttribute {
		case "qualified_arn", "qualified_invoke_arn", "version":
			return functionVersion(inv.Function)
		case "invoke_arn":
			// Ends in /invocations: no qualifier can follow it.
			return latestRef
		case "arn", "function_name":
			if strings.HasSuffix(attribute, "uri") || opaqueReferences(from, attribute) {
				// A *_uri wraps the ARN in text of its own, which may add a qualifier.
				return Qualifier{published: Maybe}
			}
			return latestRef
		}
		// The whole object (through a module output, say): which ARN is read is not recorded.
		return Qualifier{published: Maybe}
	}
	if inv.Qualifier == "" {
		return Qualifier{published: Maybe}
	}
	return bindAlias(g, inv.Function, literalQualifier(inv.Qualifier))
}

// qualifierOfARN reads the qualifier of a function ARN, also inside an API Gateway invoke ARN
// (".../functions/<function ARN>/invocations"): "$LATEST" when it has none.
func qualifierOfARN(s string) (string, bool) {
	if i := strings.Index(s, "/functions/"); i >= 0 {
		s = strings.TrimSuffix(s[i+len("/functions/"):], "/invocations")
	}
	parts := strings.Split(s, ":")
	for i := 0; i+1 < len(parts); i++ {
		if parts[i] == "function" {
			if i+2 < len(parts) {
				return parts[i+2], true
			}
			return "$LATEST", true
		}
	}
	return "", false
}

// bindAlias ties an alias name read from an ARN to the aws_lambda_alias of fn with that name, when
// the plan has it, so the version it points at is known too.
func bindAlias(g *graph.Graph, fn *graph.Instance, q Qualifier) Qualifier {
	if q.Alias == "" {
		return q
	}
	for _, a := range g.ByType("aws_lambda_alias") {
		if name, ok := a.Get("name").String(); ok && name == q.Alias && aliasOf(g, a) == fn {
			return aliasQualifier(g, a)
		}
	}
	return q
}

// aliasOf returns the function an alias belongs to, when the plan shows it.
func aliasOf(g *graph.Graph, alias *graph.Instance) *graph.Instance {
	for _, e := range g.Targets(alias, "function_name") {
		if e.To.Type == "aws_lambda_function" {
			return e.To
		}
	}
	return nil
}

// opaqueReferences reports whether the configured expression of attribute refers to locals or to
// root variables, whose values the plan's configuration does not record.
func opaqueReferences(from *graph.Instance, attribute string) bool {
	if from.Config == nil {
		return false
	}
	for _, a := range from.Config.Attributes {
		if a.Path != attribute && StripIndex(a.Path) != StripIndex(attribute) {
			continue
		}
		for _, r := range a.References {
			if strings.HasPrefix(r, "local.") || (from.Module == "" && strings.HasPrefix(r, "var.")) {
				return true
			}
		}
	}
	return false
}

// StripIndex drops block indices from a dotted path: "target.0.arn" -> "target.arn".
func StripIndex(path string) string {
	parts := strings.Split(path, ".")
	kept := parts[:0]
	for _, p := range parts {
		if !isDigits(p) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ".")
}

// configuredQualifier reads a `qualifier` argument (function URL, provisioned concurrency):
// a literal, a reference to an alias, or a reference to the function's version. def is what an
// unset argument means.
func configuredQualifier(g *graph.Graph, from *graph.Instance, attribute string, def Qualifier) Qualifier {
	for _, e := range g.Targets(from, attribute) {
		switch {
		case e.To.Type == "aws_lambda_alias":
			return aliasQualifier(g, e.To)
		case e.To.Type == "aws_lambda_function" && e.ToAttribute == "version":
			return functionVersion(e.To)
		}
	}
	v := from.Get(attribute)
	switch v.State {
	case plan.Known:
		s, ok := v.String()
		if !ok {
			return Qualifier{published: Maybe}
		}
		return literalQualifier(s)
	case plan.Null, plan.Absent:
		return def
	}
	return Qualifier{published: Maybe}
}

// sameVersion says whether two qualifiers of one function reach the same version.
func sameVersion(a, b Qualifier) Answer {
	if a.AliasInstance != nil && a.AliasInstance == b.AliasInstance {
		return Yes
	}
	if a.Alias != "" && b.Alias != "" {
		return boolTri(a.Alias == b.Alias)
	}
	if a.Version != "" && b.Version != "" {
		return boolTri(a.Version == b.Version)
	}
	if a.Current && b.Current {
		return Yes
	}
	if (a.Version == "$LATEST" && b.published == Yes) || (b.Version == "$LATEST" && a.published == Yes) {
		return No
	}
	return Maybe
}

func boolTri(b bool) Answer {
	if b {
		return Yes
	}
	return No
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------------------------------
// Synchronous path.

// SyncCall is a caller that waits for a function's answer.
type SyncCall struct {
	Caller *graph.Instance
	// Kind names the caller for a reader: "HTTP API integration", "function URL".
	Kind      string
	Function  *graph.Instance
	Qualifier Qualifier
	// Related are further resources worth naming (the API, the alias, the target group).
	Related []string
}

// syncCallSource is a resource type that invokes functions synchronously, and the attribute that
// names the function.
type syncCallSource struct {
	typ, attribute, kind string
}

var syncCallSources = []syncCallSource{
	{"aws_api_gateway_integration", "uri", "REST API integration"},
	{"aws_api_gateway_authorizer", "authorizer_uri", "REST API Lambda authorizer"},
	{"aws_apigatewayv2_integration", "integration_uri", ""},
	{"aws_apigatewayv2_authorizer", "authorizer_uri", ""},
	{"aws_lambda_function_url", "function_name", "function URL"},
	{"aws_lb_target_group_attachment", "target_id", "ALB target group"},
	{"aws_alb_target_group_attachment", "target_id", "ALB target group"},
	{"aws_appsync_datasource", "lambda_config.0.function_arn", "AppSync data source"},
}

// SyncCalls returns, for every function on a synchronous path, the callers that wait for it.
// Callers the plan deletes are left out, and so are REST integrations that invoke asynchronously.
// Besides the callers below, every synchronous caller of the serverless model's finders counts
// (SyncCallerLimits), once: a caller already found here is not added again.
func SyncCalls(g *graph.Graph, in Inputs) map[*graph.Instance][]SyncCall {
	out := map[*graph.Instance][]SyncCall{}
	seen := map[[2]*graph.Instance]bool{}
	add := func(c SyncCall) {
		if c.Function.Deleted() {
			return
		}
		seen[[2]*graph.Instance{c.Caller, c.Function}] = true
		out[c.Function] = append(out[c.Function], c)
	}
	for _, src := range syncCallSources {
		for _, caller := range g.ByType(src.typ) {
			if caller.Deleted() || !invokesSynchronously(caller) {
				continue
			}
			kind, related := src.kind, []string(nil)
			switch src.typ {
			case "aws_apigatewayv2_integration", "aws_apigatewayv2_authorizer":
				kind, related = v2Kind(g, caller, src.typ)
			case "aws_lb_target_group_attachment", "aws_alb_target_group_attachment":
				for _, e := range g.Targets(caller, "target_group_arn") {
					related = append(related, e.To.Address)
				}
			}
			for _, inv := range g.InvokedFunctions(caller, src.attribute) {
				q := invocationQualifier(g, caller, src.attribute, inv)
				if src.typ == "aws_lambda_function_url" {
					q = configuredQualifier(g, caller, "qualifier", latestRef)
				}
				rel := append([]string{}, related...)
				if q.AliasInstance != nil {
					rel = append(rel, q.AliasInstance.Address)
				}
				add(SyncCall{Caller: caller, Kind: kind, Function: inv.Function, Qualifier: q, Related: rel})
			}
		}
	}
	for _, assoc := range edgeCalls(g) {
		add(assoc)
	}
	for fn, limits := range SyncCallerLimits(g, in) {
		if fn.Type != "aws_lambda_function" {
			continue
		}
		for _, l := range limits {
			if seen[[2]*graph.Instance{l.Caller, fn}] {
				continue
			}
			var rel []string
			if l.Via != "" {
				rel = append(rel, l.Via)
			}
			add(SyncCall{Caller: l.Caller, Kind: strings.TrimSuffix(l.Label, " limit"), Function: fn,
				Qualifier: l.Qualifier, Related: rel})
		}
	}
	return out
}

// invokesSynchronously is false for a REST API (non-proxy) integration that sets the
// X-Amz-Invocation-Type header to 'Event': API Gateway then invokes the function asynchronously and
// answers at once. Source:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integration-async.html
func invokesSynchronously(caller *graph.Instance) bool {
	if caller.Type != "aws_api_gateway_integration" {
		return true
	}
	params := caller.Get("request_parameters")
	switch params.State {
	case plan.Null, plan.Absent:
		return true
	case plan.Known:
		m, _ := params.Map()
		for k, v := range m {
			if strings.EqualFold(k, "integration.request.header.X-Amz-Invocation-Type") {
				s, _ := v.(string)
				return !strings.EqualFold(strings.Trim(s, "'"), "Event")
			}
		}
		return true
	}
	return false // unknown or sensitive: the plan does not say
}

// v2Kind names an API Gateway v2 integration or authorizer by its API's protocol.
func v2Kind(g *graph.Graph, caller *graph.Instance, typ string) (string, []string) {
	protocol := "API Gateway v2"
	var related []string
	for _, e := range g.Targets(caller, "api_id") {
		if e.To.Type != "aws_apigatewayv2_api" {
			continue
		}
		related = append(related, e.To.Address)
		switch p, _ := e.To.Get("protocol_type").String(); p {
		case "HTTP":
			protocol = "HTTP API"
		case "WEBSOCKET":
			protocol = "WebSocket API"
		}
	}
	if typ == "aws_apigatewayv2_authorizer" {
		return protocol + " Lambda authorizer", related
	}
	return protocol + " integration", related
}

// edgeCalls returns the Lambda@Edge associations of CloudFront distributions (resolved in
// aws_edge.go): CloudFront waits for the function before it answers the viewer or goes on to the
// origin.
func edgeCalls(g *graph.Graph) []SyncCall {
	var out []SyncCall
	for _, t := range EdgeTriggers(g) {
		q := invocationQualifier(g, t.Distribution, t.attribute, t.Invocation)
		var rel []string
		if q.AliasInstance != nil {
			rel = append(rel, q.AliasInstance.Address)
		}
		out = append(out, SyncCall{Caller: t.Distribution, Kind: "Lambda@Edge, " + t.behavior,
			Function: t.Invocation.Function, Qualifier: q, Related: rel})
	}
	return out
}

// ---------------------------------------------------------------------------------------------
// Provisioned concurrency.

// ProvisionedConfig is an aws_lambda_provisioned_concurrency_config and what it covers.
type ProvisionedConfig struct {
	Config    *graph.Instance
	Function  *graph.Instance
	Qualifier Qualifier
}

// ProvisionedConfigs resolves every provisioned concurrency configuration the plan keeps.
func ProvisionedConfigs(g *graph.Graph) []ProvisionedConfig {
	var out []ProvisionedConfig
	for _, pc := range g.ByType("aws_lambda_provisioned_concurrency_config") {
		if pc.Deleted() {
			continue
		}
		q := configuredQualifier(g, pc, "qualifier", Qualifier{published: Maybe})
		for _, inv := range g.InvokedFunctions(pc, "function_name") {
			out = append(out, ProvisionedConfig{Config: pc, Function: inv.Function, Qualifier: q})
		}
	}
	return out
}

// CoveredByProvisioned says whether provisioned concurrency keeps the version q of fn initialised.
func CoveredByProvisioned(pcs []ProvisionedConfig, fn *graph.Instance, q Qualifier) (Answer, *graph.Instance) {
	answer := No
	var by *graph.Instance
	for _, pc := range pcs {
		if pc.Function != fn {
			continue
		}
		switch sameVersion(pc.Qualifier, q) {
		case Yes:
			return Yes, pc.Config
		case Maybe:
			answer, by = Maybe, pc.Config
		}
	}
	return answer, by
}

// ---------------------------------------------------------------------------------------------
// Heavy initialisation.

// InitFactor is one reason a function's cold start is slow.
type InitFactor struct {
	// Attribute is the function's attribute at fault: "runtime", "package_type", "source_code_size".
	Attribute string
	// Text says it for a message: "java21 runtime without SnapStart".
	Text string
}

// HeavyInit returns what makes cold starts of fn slow when it is invoked through q. A factor the
// plan cannot confirm (an unknown runtime or package type, SnapStart that may apply) is left out.
// SnapStart, where it applies, restores a snapshot of the initialised environment, so it cures a
// large package as well as a slow runtime.
func HeavyInit(g *graph.Graph, fn *graph.Instance, q Qualifier, pcs []ProvisionedConfig) []InitFactor {
	var out []InitFactor
	snap, why := snapStartEffect(g, fn, q, pcs)
	if rt, ok := RuntimeOf(g, fn); ok && platform.IsHeavyRuntime(rt) && snap == No {
		out = append(out, InitFactor{Attribute: "runtime", Text: rt + " runtime " + why})
	}
	if pt, ok := fn.Get("package_type").String(); ok && pt == "Image" {
		out = append(out, InitFactor{Attribute: "package_type", Text: "container image"})
	}
	if size, ok := fn.Get("source_code_size").Int(); ok && size > platform.LambdaHeavyPackageBytes && snap == No {
		out = append(out, InitFactor{Attribute: "source_code_size",
			Text: fmt.Sprintf("package of %s (over %s)", Megabytes(size), Megabytes(platform.LambdaHeavyPackageBytes))})
	}
	return out
}

// snapStartEffect says whether SnapStart restores fn's environments for invocations of q, and if
// not, why not in words that follow "<runtime> runtime".
func snapStartEffect(g *graph.Graph, fn *graph.Instance, q Qualifier, pcs []ProvisionedConfig) (Answer, string) {
	switch SnapStartOf(g, fn) {
	case Maybe:
		return Maybe, ""
	case No:
		return No, "without SnapStart"
	}
	rt, ok := RuntimeOf(g, fn)
	if !ok {
		return Maybe, ""
	}
	if !platform.SnapStartSupportsRuntime(rt) {
		return No, "with SnapStart, which does not support it"
	}
	if conflicts := SnapStartConflicts(g, fn, pcs); len(conflicts) > 0 {
		return No, "with SnapStart blocked by " + conflicts[0].What
	}
	if publish, ok := fn.Get("publish").Bool(); ok && !publish {
		return No, "with SnapStart that never runs (publish = false)"
	}
	switch q.published {
	case No:
		return No, "with SnapStart, which does not apply to " + q.String()
	case Yes:
		return Yes, ""
	}
	return Maybe, ""
}

type snapStartsKey struct{}

// SnapStartOf is SnapStartEnabled(fn), read once per graph: the cold-start and SnapStart rules
// both ask it of every function they look at.
func SnapStartOf(g *graph.Graph, fn *graph.Instance) Answer {
	return perFunctionOf[Answer](g, snapStartsKey{}).of(fn, SnapStartEnabled)
}

// SnapStartEnabled says whether a function asks for SnapStart on its published versions.
func SnapStartEnabled(fn *graph.Instance) Answer {
	v := fn.Get("snap_start")
	switch v.State {
	case plan.Null, plan.Absent:
		return No
	case plan.Known:
		l, _ := v.List()
		if len(l) == 0 {
			return No
		}
		on := fn.Get("snap_start", 0, "apply_on")
		if s, ok := on.String(); ok {
			return boolTri(s == "PublishedVersions")
		}
		if on.State == plan.Null || on.State == plan.Absent {
			return No
		}
	}
	return Maybe
}

// SnapStartConflict is a setting of a function that SnapStart cannot be combined with.
type SnapStartConflict struct {
	What string
	// Undo says how to remove the conflict: "remove file_system_config".
	Undo      string
	Attribute string
	// By is the resource that brings the conflict when it is not the function itself.
	By *graph.Instance
}

// SnapStartConflicts lists what the plan certainly sets on fn that SnapStart does not support.
// Source: platform.SnapStartConflict (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html).
func SnapStartConflicts(g *graph.Graph, fn *graph.Instance, pcs []ProvisionedConfig) []SnapStartConflict {
	var out []SnapStartConflict
	if pt, ok := fn.Get("package_type").String(); ok && pt == "Image" {
		out = append(out, SnapStartConflict{What: string(platform.SnapStartConflictContainerImage), Attribute: "package_type",
			Undo: "package the function as a .zip"})
	}
	if l, ok := fn.Get("file_system_config").List(); ok && len(l) > 0 {
		out = append(out, SnapStartConflict{What: string(platform.SnapStartConflictEFS), Attribute: "file_system_config",
			Undo: "remove file_system_config (move the data to S3 or /tmp)"})
	}
	if size, ok := fn.Get("ephemeral_storage", 0, "size").Int(); ok && size > platform.SnapStartMaxEphemeralStorageMB {
		out = append(out, SnapStartConflict{Attribute: "ephemeral_storage",
			What: fmt.Sprintf("ephemeral storage of %d MB (above %d MB)", size, platform.SnapStartMaxEphemeralStorageMB),
			Undo: fmt.Sprintf("set ephemeral_storage size to %d MB", platform.SnapStartMaxEphemeralStorageMB)})
	}
	for _, pc := range pcs {
		if pc.Function == fn {
			out = append(out, SnapStartConflict{What: "provisioned concurrency (" + pc.Config.Address + ")",
				Attribute: "snap_start", By: pc.Config, Undo: "keep either SnapStart or provisioned concurrency, not both"})
		}
	}
	return out
}

// JoinFactors renders factors for a message.
func JoinFactors(fs []InitFactor) string {
	texts := make([]string, len(fs))
	for i, f := range fs {
		texts[i] = f.Text
	}
	return strings.Join(texts, " and ")
}

// ---------------------------------------------------------------------------------------------
// Scheduled pings.

// SchedulePing is a schedule that invokes a function: an EventBridge rule with a target, or an EventBridge
// Scheduler schedule.
type SchedulePing struct {
	// Schedule is the aws_cloudwatch_event_rule or aws_scheduler_schedule.
	Schedule *graph.Instance
	// Target is the aws_cloudwatch_event_target (nil for a Scheduler schedule).
	Target    *graph.Instance
	Function  *graph.Instance
	Qualifier Qualifier
	// Expression is the known schedule expression.
	Expression string
	// gaps are the shortest and longest time between two pings, plus any flexible time window;
	// gapsKnown is false when the expression is unknown or not a recurring schedule.
	MinGap, MaxGap time.Duration
	gapsKnown      bool
	// Flexible is a Scheduler flexible time window, which delays each ping by up to this much.
	Flexible time.Duration
	// WarmUp is true when the payload or the schedule's name, description or tags say keep-warm.
	WarmUp bool
}

// SchedulePings returns every enabled schedule that invokes a function in the plan. Schedules the plan
// deletes or disables are left out; one whose state is unknown is kept (it is enabled by default).
func SchedulePings(g *graph.Graph) []SchedulePing {
	var out []SchedulePing
	measured := map[string]scheduleGaps{}
	for _, target := range g.ByType("aws_cloudwatch_event_target") {
		if target.Deleted() {
			continue
		}
		for _, rule := range EventRules(g, target) {
			if rule.Deleted() || ScheduleDisabled(rule) {
				continue
			}
			texts := knownStrings(rule, "name", "name_prefix", "description", "tags")
			texts = append(texts, knownStrings(target, "target_id")...)
			payload := knownStrings(target, "input", "input_transformer.0.input_template")
			for _, inv := range g.InvokedFunctions(target, "arn") {
				p := SchedulePing{Schedule: rule, Target: target, Function: inv.Function,
					Qualifier: invocationQualifier(g, target, "arn", inv),
					WarmUp:    anyMentionsWarm(texts, true) || anyMentionsWarm(payload, false)}
				p.setGaps(rule, 0, measured)
				out = append(out, p)
			}
		}
	}
	for _, sched := range g.ByType("aws_scheduler_schedule") {
		if sched.Deleted() || ScheduleDisabled(sched) {
			continue
		}
		texts := knownStrings(sched, "name", "name_prefix", "description")
		payload := knownStrings(sched, "target.0.input")
		var flexible time.Duration
		if mode, _ := sched.Get("flexible_time_window", 0, "mode").String(); mode == "FLEXIBLE" {
			minutes, ok := sched.Get("flexible_time_window", 0, "maximum_window_in_minutes").Int()
			if !ok {
				continue // the delay is unknown, so is every gap
			}
			flexible = time.Duration(minutes) * time.Minute
		}
		for _, inv := range g.InvokedFunctions(sched, "target.0.arn") {
			p := SchedulePing{Schedule: sched, Function: inv.Function,
				Qualifier: invocationQualifier(g, sched, "target.0.arn", inv),
				WarmUp:    anyMentionsWarm(texts, true) || anyMentionsWarm(payload, false)}
			p.setGaps(sched, flexible, measured)
			out = append(out, p)
		}
	}
	return out
}

// EventRules resolves the rule an EventBridge target belongs to: by reference, or by the known rule
// name (and event bus) when the target writes it as a literal.
func EventRules(g *graph.Graph, target *graph.Instance) []*graph.Instance {
	if out := targetsOfType(g, target, "rule", "aws_cloudwatch_event_rule"); len(out) > 0 {
		return out
	}
	name, ok := target.Get("rule").String()
	if !ok {
		return nil
	}
	bus, _ := target.Get("event_bus_name").String()
	var out []*graph.Instance
	for _, rule := range g.ByType("aws_cloudwatch_event_rule") {
		n, _ := rule.Get("name").String()
		b, _ := rule.Get("event_bus_name").String()
		if n == name && sameBus(b, bus) {
			out = append(out, rule)
		}
	}
	return out
}

func sameBus(a, b string) bool {
	if a == "" {
		a = "default"
	}
	if b == "" {
		b = "default"
	}
	return a == b
}

// disabled reports whether the plan certainly turns a rule or schedule off: state "DISABLED", or the
// older is_enabled = false of aws_cloudwatch_event_rule.
func ScheduleDisabled(inst *graph.Instance) bool {
	if s, ok := inst.Get("state").String(); ok && s == "DISABLED" {
		return true
	}
	if on, ok := inst.Get("is_enabled").Bool(); ok && !on {
		return true
	}
	return false
}

// setGaps reads the schedule expression and works out the gaps between pings.
// Gaps are measured once per distinct expression: a plan may hold thousands of targets on one rule.
func (p *SchedulePing) setGaps(sched *graph.Instance, flexible time.Duration, measured map[string]scheduleGaps) {
	expr, ok := sched.Get("schedule_expression").String()
	if !ok {
		return
	}
	p.Expression, p.Flexible = expr, flexible
	gaps, seen := measured[expr]
	if !seen {
		gaps.min, gaps.max, gaps.ok = AWSScheduleGaps(expr)
		measured[expr] = gaps
	}
	if gaps.ok {
		p.MinGap, p.MaxGap, p.gapsKnown = gaps.min+flexible, gaps.max+flexible, true
	}
}

// scheduleGaps are the measured gaps of one schedule expression.
type scheduleGaps struct {
	min, max time.Duration
	ok       bool
}

// keepsWarm says whether the ping reaches its function at least once per idle window while the
// schedule runs. A schedule that pings every 5 minutes during office hours keeps the function warm
// then, and is silent by design at night: its shortest gap decides.
func (p SchedulePing) KeepsWarm(window time.Duration) Answer {
	if !p.gapsKnown {
		return Maybe
	}
	return boolTri(p.MinGap <= window)
}

// PingedWarm says whether a schedule keeps version q of fn warm.
func PingedWarm(ps []SchedulePing, fn *graph.Instance, q Qualifier, window time.Duration) (Answer, *graph.Instance) {
	answer := No
	var by *graph.Instance
	for _, p := range ps {
		if p.Function != fn {
			continue
		}
		same := sameVersion(p.Qualifier, q)
		if same == No {
			continue
		}
		warm := p.KeepsWarm(window)
		if same == Yes && warm == Yes {
			return Yes, p.Schedule
		}
		if warm != No {
			answer, by = Maybe, p.Schedule
		}
	}
	return answer, by
}

// IdleWindow is the configured idle window, or the platform default.
func IdleWindow(minutes int) time.Duration {
	if minutes <= 0 {
		minutes = platform.LambdaIdleWindowMinutes
	}
	return time.Duration(minutes) * time.Minute
}

// ---------------------------------------------------------------------------------------------
// Keep-warm declarations.

// warmWords are words that, alone, say a schedule exists to keep a function warm.
var warmWords = map[string]bool{
	"warmer": true, "warmers": true, "warmup": true, "warmups": true, "prewarm": true,
	"prewarmer": true, "prewarming": true, "keepwarm": true, "keepwarmer": true,
}

// mentionsWarm reports whether text declares keep-warm intent: "keep-warm", "warmup", "lambda
// warmer", "keep the API warm", "pre-warm". In a payload (strict = false) a bare "warm" key or value
// counts too ({"warm": true}); in names and descriptions it needs "keep"/"pre" before it or "up"
// after it, so "warm storage tier" or "swarm" do not count.
func mentionsWarm(text string, strict bool) bool {
	words := splitWords(text)
	for i, w := range words {
		if warmWords[w] {
			return true
		}
		if w != "warm" && w != "warming" {
			continue
		}
		if !strict {
			return true
		}
		if i+1 < len(words) && words[i+1] == "up" {
			return true
		}
		for j := i - 1; j >= 0 && j >= i-4; j-- {
			switch words[j] {
			case "keep", "keeps", "keeping", "pre":
				return true
			}
		}
	}
	return false
}

// splitWords lowercases text and splits it into words at anything but letters and digits, and at
// camelCase boundaries ("keepWarm" -> keep, warm).
func splitWords(text string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	runes := []rune(text)
	for i, r := range runes {
		switch {
		case unicode.IsUpper(r):
			if i > 0 && unicode.IsLower(runes[i-1]) {
				flush()
			}
			cur = append(cur, unicode.ToLower(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return words
}

// knownStrings collects the known string values at the given attributes, and the keys and values
// of known string maps (tags).
func knownStrings(inst *graph.Instance, attributes ...string) []string {
	var out []string
	for _, a := range attributes {
		v := inst.Get(graph.PathSteps(a)...)
		if s, ok := v.String(); ok {
			out = append(out, s)
		}
		if m, ok := v.Map(); ok {
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				out = append(out, k)
				if s, ok := m[k].(string); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

func anyMentionsWarm(texts []string, strict bool) bool {
	for _, t := range texts {
		if mentionsWarm(t, strict) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------------------------
// Messages.

// AWSScheduleGaps returns the shortest and longest gap between the runs of an EventBridge
// schedule expression (rate() or cron()), measured by internal/schedule over a month in UTC, as
// EventBridge rules run; ok is false for expressions that do not parse and for schedules that fire
// fewer than twice in that month (one-time at() schedules, yearly crons).
func AWSScheduleGaps(expr string) (minGap, maxGap time.Duration, ok bool) {
	return MeasureSchedule(schedule.AWS, expr)
}
