package serverless

import (
	"encoding/base64"
	"fmt"
	"math"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// This file finds the Google Cloud callers whose limit is written inside an embedded document or a
// fixed product limit: API Gateway configs (the OpenAPI document's x-google-backend deadline),
// Firebase Hosting versions (rewrites to a function or a Cloud Run service, 60 s), and Workflows
// (HTTP steps and their timeout). A document the plan does not know (it embeds a URL known only
// after apply) or cannot be read (bad base64, YAML or JSON) yields no caller: never a guess.

// gcpCallerRule is the timing rule the Google callers of this file report under.
const gcpCallerRule = "gcp_caller_deadline_below_timeout"

// GCPEmbeddedCallerFinders lists this file's finders, for the rule that reports them.
var GCPEmbeddedCallerFinders = []CallerFinder{GCPAPIGatewayCallers, GCPFirebaseHostingCallers, GCPWorkflowsCallers}

// gcpWorkloadURLs returns the URLs a workload answers on, as far as the plan knows them.
func gcpWorkloadURLs(w GCPWorkload) []string {
	var paths [][]any
	switch w.Kind {
	case GCPFunctionsGen1:
		paths = [][]any{{"https_trigger_url"}}
	case GCPFunctionsGen2:
		paths = [][]any{{"url"}, {"service_config", 0, "uri"}}
	case GCPCloudRunV1:
		paths = [][]any{{"status", 0, "url"}}
	case GCPCloudRunV2:
		paths = [][]any{{"uri"}}
		if urls, ok := w.Instance.Get("urls").List(); ok {
			for i := range urls {
				paths = append(paths, []any{"urls", i})
			}
		}
	}
	var out []string
	for _, p := range paths {
		if s, ok := w.Instance.Get(p...).String(); ok && strings.HasPrefix(s, "https://") {
			out = append(out, strings.TrimRight(s, "/"))
		}
	}
	return out
}

// gcpWorkloadsAt returns the workloads of the plan a URL is addressed to: the URL is one of theirs,
// or one of theirs followed by a path or a query.
func gcpWorkloadsAt(g *graph.Graph, url string) []GCPWorkload {
	url = strings.TrimSpace(url)
	if !strings.HasPrefix(url, "https://") {
		return nil
	}
	var out []GCPWorkload
	for _, w := range GCPWorkloads(g) {
		for _, base := range gcpWorkloadURLs(w) {
			if url == base || strings.HasPrefix(url, base+"/") || strings.HasPrefix(url, base+"?") {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

// liveOfType returns the instances of a resource type that the plan does not only delete.
func liveOfType(g *graph.Graph, typ string) []*graph.Instance {
	var out []*graph.Instance
	for _, inst := range g.ByType(typ) {
		if !inst.Deleted() {
			out = append(out, inst)
		}
	}
	return out
}

// knownText returns a string attribute the plan knows and does not mark sensitive.
func knownText(inst *graph.Instance, path ...any) (string, bool) {
	v := inst.Get(path...)
	if v.State != plan.Known {
		return "", false
	}
	return v.String()
}

// parseEmbeddedYAML reads a YAML or JSON document embedded in a plan. A document the parser cannot
// read, or one that makes it fail in any way, is reported as unreadable, never as a crash.
func parseEmbeddedYAML(text string) (doc any, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("unreadable document: %v", r)
		}
	}()
	err = yaml.Unmarshal([]byte(text), &doc)
	return doc, err
}

// seconds reads a YAML number of seconds into milliseconds; ok is false for anything else
// (a string, an expression, a negative or zero value).
func seconds(v any) (int, bool) {
	var f float64
	switch n := v.(type) {
	case int:
		f = float64(n)
	case float64:
		f = n
	default:
		return 0, false
	}
	if f <= 0 || math.IsInf(f, 0) || math.IsNaN(f) || f > 1e9 {
		return 0, false
	}
	return int(math.Round(f * 1000)), true
}

// tightest keeps, for each function, the caller limit with the shortest wait.
type tightest map[*graph.Instance]CallerLimit

func (t tightest) add(c CallerLimit) {
	if old, ok := t[c.Function]; !ok || c.LimitMillis < old.LimitMillis {
		t[c.Function] = c
	}
}

// list returns the limits in plan order of the functions.
func (t tightest) list(g *graph.Graph) []CallerLimit {
	out := make([]CallerLimit, 0, len(t))
	for _, c := range t {
		out = append(out, c)
	}
	order := map[*graph.Instance]int{}
	for i, inst := range g.Instances {
		order[inst] = i
	}
	sort.Slice(out, func(i, j int) bool { return order[out[i].Function] < order[out[j].Function] })
	return out
}

// GCPAPIGatewayCallers finds API Gateway configs whose OpenAPI documents route operations to a
// function or Cloud Run service of the plan, with the x-google-backend deadline of each (15 s when
// unset). Per function, the shortest deadline of the config is kept.
func GCPAPIGatewayCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, cfg := range liveOfType(g, "google_api_gateway_api_config") {
		docs, _ := cfg.Get("openapi_documents").List()
		found := tightest{}
		for i := range docs {
			encoded, ok := knownText(cfg, "openapi_documents", i, "document", 0, "contents")
			if !ok {
				continue
			}
			raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(encoded))
			if err != nil {
				continue
			}
			doc, err := parseEmbeddedYAML(string(raw))
			if err != nil {
				continue
			}
			for _, b := range openAPIBackends(doc) {
				for _, w := range gcpWorkloadsAt(g, b.address) {
					found.add(CallerLimit{Function: w.Instance, Caller: cfg, LimitMillis: b.deadlineMillis,
						Label: "x-google-backend deadline" + DefaultNote(b.isDefault) + " of " + b.operation, Rule: gcpCallerRule,
						Synchronous: true})
				}
			}
		}
		out = append(out, found.list(g)...)
	}
	return out
}

// openAPIBackend is one backend an OpenAPI document routes to.
type openAPIBackend struct {
	address        string
	deadlineMillis int
	isDefault      bool
	// operation names where the backend applies: "GET /reports", "every operation".
	operation string
}

var openAPIMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// openAPIBackends lists the backends of an OpenAPI 2 or 3 document: the top-level x-google-backend
// (for operations without their own), each operation's, and for OpenAPI 3 the named backends of
// x-google-api-management that an operation's x-google-backend names.
func openAPIBackends(doc any) []openAPIBackend {
	root, _ := doc.(map[string]any)
	named := map[string]any{}
	if mgmt, ok := root["x-google-api-management"].(map[string]any); ok {
		named, _ = mgmt["backends"].(map[string]any)
	}
	resolve := func(v any, operation string) (openAPIBackend, bool) {
		if name, ok := v.(string); ok {
			v = named[name]
		}
		m, ok := v.(map[string]any)
		if !ok {
			return openAPIBackend{}, false
		}
		address, _ := m["address"].(string)
		b := openAPIBackend{address: address, operation: operation}
		d, set := m["deadline"]
		if !set {
			b.deadlineMillis, b.isDefault = platform.APIGatewayDefaultDeadlineSeconds*1000, true
			return b, address != ""
		}
		b.deadlineMillis, ok = seconds(d)
		return b, ok && address != ""
	}
	var out []openAPIBackend
	top, hasTop := resolve(root["x-google-backend"], "")
	paths, _ := root["paths"].(map[string]any)
	names := make([]string, 0, len(paths))
	for p := range paths {
		names = append(names, p)
	}
	sort.Strings(names)
	usesTop := false
	for _, p := range names {
		ops, _ := paths[p].(map[string]any)
		for _, method := range openAPIMethods {
			op, ok := ops[method].(map[string]any)
			if !ok {
				continue
			}
			operation := strings.ToUpper(method) + " " + p
			if own, set := op["x-google-backend"]; set {
				if b, ok := resolve(own, operation); ok {
					out = append(out, b)
				}
				continue
			}
			usesTop = true
		}
	}
	if hasTop && (usesTop || len(paths) == 0) {
		top.operation = "every operation"
		out = append(out, top)
	}
	return out
}

// GCPFirebaseHostingCallers finds Firebase Hosting versions whose rewrites send requests to a
// function (`function`) or a Cloud Run service (`run`) of the plan: Hosting waits 60 s for them.
// A rewrite is paired with its target through the references of its configuration, else by name
// (and, for Cloud Run, region).
func GCPFirebaseHostingCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, version := range liveOfType(g, "google_firebase_hosting_version") {
		found := tightest{}
		add := func(w GCPWorkload) {
			found.add(CallerLimit{Function: w.Instance, Caller: version, LimitMillis: platform.FirebaseHostingRequestTimeoutSeconds * 1000,
				Label: "Firebase Hosting request timeout", Rule: gcpCallerRule, Synchronous: true})
		}
		for _, e := range g.Outgoing(version) {
			if w, ok := GCPWorkloadOf(e.To); ok && !e.To.Deleted() && strings.HasPrefix(e.Attribute, "config.0.rewrites.") &&
				(strings.HasSuffix(e.Attribute, ".function") || strings.Contains(e.Attribute, ".run.")) {
				add(w)
			}
		}
		rewrites, _ := version.Get("config", 0, "rewrites").List()
		for i := range rewrites {
			if name, ok := knownText(version, "config", 0, "rewrites", i, "function"); ok && name != "" {
				for _, w := range GCPWorkloads(g) {
					if n, _ := knownText(w.Instance, "name"); !w.IsService() && n == name {
						add(w)
					}
				}
			}
			service, ok := knownText(version, "config", 0, "rewrites", i, "run", 0, "service_id")
			if !ok || service == "" {
				continue
			}
			region, known := knownText(version, "config", 0, "rewrites", i, "run", 0, "region")
			if !known || region == "" {
				region = "us-central1" // the API's default region for a Cloud Run rewrite
			}
			for _, w := range GCPWorkloads(g) {
				n, _ := knownText(w.Instance, "name")
				loc, _ := knownText(w.Instance, "location")
				if w.IsService() && n == service && loc == region {
					add(w)
				}
			}
		}
		out = append(out, found.list(g)...)
	}
	return out
}

// workflowsHTTPCalls are the standard library calls that make an HTTP request.
var workflowsHTTPCalls = map[string]bool{"http.get": true, "http.post": true, "http.put": true, "http.patch": true,
	"http.delete": true, "http.request": true}

// GCPWorkflowsCallers finds workflows whose source makes HTTP calls to a function or Cloud Run
// service of the plan, with each call's timeout (300 s when unset). The URL is read as written, or
// through `${sys.get_env("NAME")}` from the workflow's user_env_vars; a URL built by any other
// expression is not followed.
func GCPWorkflowsCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, wf := range liveOfType(g, "google_workflows_workflow") {
		source, ok := knownText(wf, "source_contents")
		if !ok {
			continue
		}
		doc, err := parseEmbeddedYAML(source)
		if err != nil {
			continue
		}
		found := tightest{}
		walkWorkflowSteps(doc, func(call string, args map[string]any) {
			url, ok := workflowURL(wf, args["url"])
			if !ok {
				return
			}
			limit, isDefault := platform.WorkflowsHTTPDefaultTimeoutSeconds*1000, true
			if t, set := args["timeout"]; set {
				if limit, ok = seconds(t); !ok || limit > platform.WorkflowsHTTPMaxTimeoutSeconds*1000 {
					return // an expression, or a timeout the step refuses (ValueError)
				}
				isDefault = false
			}
			for _, w := range gcpWorkloadsAt(g, url) {
				found.add(CallerLimit{Function: w.Instance, Caller: wf, LimitMillis: limit,
					Label: call + " timeout" + DefaultNote(isDefault), Rule: gcpCallerRule, Synchronous: true})
			}
		})
		out = append(out, found.list(g)...)
	}
	return out
}

// walkWorkflowSteps calls visit for every HTTP call step of a workflow, at any depth (subworkflows,
// parallel branches, try/retry blocks, for loops).
func walkWorkflowSteps(node any, visit func(call string, args map[string]any)) {
	switch n := node.(type) {
	case map[string]any:
		if call, ok := n["call"].(string); ok && workflowsHTTPCalls[call] {
			if args, ok := n["args"].(map[string]any); ok {
				visit(call, args)
			}
		}
		keys := make([]string, 0, len(n))
		for k := range n {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walkWorkflowSteps(n[k], visit)
		}
	case []any:
		for _, v := range n {
			walkWorkflowSteps(v, visit)
		}
	}
}

// workflowURL reads the url argument of an HTTP step: a literal, or `${sys.get_env("NAME")}` read
// from the workflow's user_env_vars when the plan knows it.
func workflowURL(wf *graph.Instance, v any) (string, bool) {
	s, ok := v.(string)
	if !ok {
		return "", false
	}
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "${") {
		return s, true
	}
	expr := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "${"), "}"))
	for _, quote := range []string{`"`, `'`} {
		prefix := "sys.get_env(" + quote
		suffix := quote + ")"
		if strings.HasPrefix(expr, prefix) && strings.HasSuffix(expr, suffix) {
			name := strings.TrimSuffix(strings.TrimPrefix(expr, prefix), suffix)
			return knownText(wf, "user_env_vars", name)
		}
	}
	return "", false
}
