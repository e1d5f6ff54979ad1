// Package plantest builds plan JSON for tests and for the rules' documentation examples, in the
// shape `terraform show -json` writes (resource_changes with after/after_unknown/after_sensitive,
// and configuration with expressions, module calls and outputs), so that tests and doc pages
// exercise the real loader and graph rather than hand-made structs.
package plantest

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// Resource is one resource instance to put in the plan.
type Resource struct {
	// Address is the full instance address: module.a["x"].aws_lambda_function.fn[0].
	Address string
	// Actions defaults to ["create"].
	Actions []string
	// After are the planned values (Before for a delete).
	After map[string]any
	// Unknown lists attributes known only after apply: top-level names, or dotted paths into nested
	// blocks ("backend_address_pool.0.fqdns"), whose value in After is then left out.
	Unknown []string
	// Sensitive lists top-level attributes marked sensitive.
	Sensitive []string
	// Refs are configured attributes with the references their expressions make, as Terraform
	// lists them ("aws_lambda_function.fn.invoke_arn", "aws_lambda_function.fn").
	Refs map[string][]string
	// Defaults lists attributes of After that configuration does not set (provider defaults);
	// every other attribute of After is written into configuration as a constant.
	Defaults []string
	// Blocks are configured nested blocks in the shape Terraform writes them (a list of objects
	// of expressions, see Expr), replacing the constant that After would write for the same name:
	// what a test needs when the configuration's blocks, with their literals and references side
	// by side, are what it exercises.
	Blocks map[string]any
	// NoConfig leaves the resource out of configuration.
	NoConfig bool
}

// Expr is a configured expression: a literal when refs is empty, else the references it makes.
func Expr(constant any, refs ...string) map[string]any {
	if len(refs) > 0 {
		return map[string]any{"references": refs}
	}
	return map[string]any{"constant_value": constant}
}

// ModuleCall is a module block.
type ModuleCall struct {
	// Path is the called module's configuration path: module.a or module.a.module.b.
	Path    string
	Source  string
	Args    map[string][]string
	ForEach bool
	Count   bool
	// Outputs maps the module's output names to the references of their expressions.
	Outputs map[string][]string
}

// Builder accumulates a plan.
type Builder struct {
	FormatVersion    string
	TerraformVersion string
	resources        []Resource
	calls            []ModuleCall
}

// New starts a plan in the current format.
func New() *Builder { return &Builder{FormatVersion: "1.2", TerraformVersion: "1.9.8"} }

// Add adds resource instances.
func (b *Builder) Add(rs ...Resource) *Builder {
	b.resources = append(b.resources, rs...)
	return b
}

// Module adds a module call.
func (b *Builder) Module(calls ...ModuleCall) *Builder {
	b.calls = append(b.calls, calls...)
	return b
}

// JSON renders the plan.
func (b *Builder) JSON() []byte {
	var changes []map[string]any
	root := newModule()
	modules := map[string]map[string]any{"": root}
	// Module calls first, so resources can find their module's configuration.
	sort.Slice(b.calls, func(i, j int) bool { return len(b.calls[i].Path) < len(b.calls[j].Path) })
	for _, c := range b.calls {
		parentPath, name := splitModulePath(c.Path)
		parent := modules[parentPath]
		if parent == nil {
			panic("plantest: module call " + c.Path + " added before its parent")
		}
		child := newModule()
		for out, refs := range c.Outputs {
			child["outputs"].(map[string]any)[out] = map[string]any{"expression": map[string]any{"references": refs}}
		}
		exprs := map[string]any{}
		for arg, refs := range c.Args {
			exprs[arg] = map[string]any{"references": refs}
		}
		call := map[string]any{"source": c.Source, "expressions": exprs, "module": child}
		if c.ForEach {
			call["for_each_expression"] = map[string]any{"references": []string{"var.keys"}}
		}
		if c.Count {
			call["count_expression"] = map[string]any{"constant_value": 2}
		}
		parent["module_calls"].(map[string]any)[name] = call
		modules[c.Path] = child
	}
	configured := map[string]bool{}
	for _, r := range b.resources {
		moduleAddr, mode, typ, name, key := parseAddress(r.Address)
		actions := r.Actions
		if actions == nil {
			actions = []string{"create"}
		}
		after, unknown, sensitive := map[string]any{}, map[string]any{}, map[string]any{}
		for k, v := range r.After {
			after[k] = v
		}
		for _, k := range r.Unknown {
			if strings.Contains(k, ".") {
				markNestedUnknown(after, unknown, strings.Split(k, "."))
				continue
			}
			unknown[k] = true
			delete(after, k)
		}
		for _, k := range r.Sensitive {
			sensitive[k] = true
		}
		change := map[string]any{"actions": actions, "before": nil, "after": after, "after_unknown": unknown,
			"before_sensitive": false, "after_sensitive": sensitive}
		if len(actions) == 1 && (actions[0] == "delete" || actions[0] == "forget") {
			change["before"], change["after"], change["after_unknown"] = after, nil, map[string]any{}
			change["before_sensitive"], change["after_sensitive"] = sensitive, false
		}
		rc := map[string]any{"address": r.Address, "mode": mode, "type": typ, "name": name,
			"provider_name": "registry.terraform.io/hashicorp/" + strings.SplitN(typ, "_", 2)[0], "change": change}
		if moduleAddr != "" {
			rc["module_address"] = moduleAddr
		}
		if key != nil {
			rc["index"] = key
		}
		changes = append(changes, rc)

		cfgPath := configPath(moduleAddr)
		local := typ + "." + name
		if mode == "data" {
			local = "data." + local
		}
		if r.NoConfig || configured[cfgPath+"|"+local] {
			continue
		}
		configured[cfgPath+"|"+local] = true
		m := modules[cfgPath]
		if m == nil {
			panic("plantest: no module call for " + cfgPath)
		}
		exprs := map[string]any{}
		defaults := map[string]bool{}
		for _, d := range r.Defaults {
			defaults[d] = true
		}
		for k, v := range r.After {
			if !defaults[k] && !contains(r.Unknown, k) {
				exprs[k] = map[string]any{"constant_value": v}
			}
		}
		for k, refs := range r.Refs {
			exprs[k] = map[string]any{"references": refs}
		}
		for k, block := range r.Blocks {
			exprs[k] = block
		}
		cr := map[string]any{"address": local, "mode": mode, "type": typ, "name": name, "expressions": exprs}
		switch key.(type) {
		case string:
			cr["for_each_expression"] = map[string]any{"references": []string{"var.items"}}
		case int:
			cr["count_expression"] = map[string]any{"constant_value": 2}
		}
		m["resources"] = append(m["resources"].([]any), cr)
	}
	doc := map[string]any{
		"format_version":    b.FormatVersion,
		"terraform_version": b.TerraformVersion,
		"planned_values":    map[string]any{"root_module": map[string]any{}},
		"resource_changes":  changes,
		"configuration":     map[string]any{"root_module": root},
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err)
	}
	return out
}

// markNestedUnknown marks the attribute at path unknown in after_unknown and removes it from after.
// The blocks on the way are copied first, so the caller's fixture is left as it was.
func markNestedUnknown(after, unknown map[string]any, path []string) {
	after[path[0]] = deepCopy(after[path[0]])
	var value, mark any = after, unknown
	for i, step := range path {
		last := i == len(path)-1
		switch v := value.(type) {
		case map[string]any:
			m := mark.(map[string]any)
			if last {
				delete(v, step)
				m[step] = true
				return
			}
			if m[step] == nil {
				switch v[step].(type) {
				case []any:
					m[step] = make([]any, len(v[step].([]any)))
				default:
					m[step] = map[string]any{}
				}
			}
			value, mark = v[step], m[step]
		case []any:
			idx, err := strconv.Atoi(step)
			l := mark.([]any)
			if err != nil || idx < 0 || idx >= len(v) || last {
				panic("plantest: unknown path " + strings.Join(path, ".") + " does not lead through After")
			}
			if l[idx] == nil {
				l[idx] = map[string]any{}
			}
			value, mark = v[idx], l[idx]
		default:
			panic("plantest: unknown path " + strings.Join(path, ".") + " does not lead through After")
		}
	}
}

// deepCopy copies the maps and lists of a planned value.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

// Plan parses the rendered plan.
func (b *Builder) Plan(t testing.TB) *plan.Plan {
	t.Helper()
	p, err := plan.Parse("fixture.json", b.JSON())
	if err != nil {
		t.Fatalf("plantest: fixture does not load: %v", err)
	}
	return p
}

// Graph parses the plan and builds its graph.
func (b *Builder) Graph(t testing.TB) *graph.Graph {
	t.Helper()
	return graph.New(b.Plan(t))
}

func newModule() map[string]any {
	return map[string]any{"resources": []any{}, "module_calls": map[string]any{}, "outputs": map[string]any{}}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseAddress splits module.a["x"].aws_t.n[0] into its parts.
func parseAddress(addr string) (module, mode, typ, name string, key any) {
	parts := splitTop(addr)
	i := 0
	var mod []string
	for i+1 < len(parts) && parts[i] == "module" {
		mod = append(mod, "module."+parts[i+1])
		i += 2
	}
	module = strings.Join(mod, ".")
	mode = "managed"
	if parts[i] == "data" {
		mode = "data"
		i++
	}
	typ = parts[i]
	name = parts[i+1]
	if j := strings.IndexByte(name, '['); j >= 0 {
		raw := name[j+1 : len(name)-1]
		name = name[:j]
		if strings.HasPrefix(raw, `"`) {
			key = strings.Trim(raw, `"`)
		} else {
			var n int
			_ = json.Unmarshal([]byte(raw), &n)
			key = n
		}
	}
	return module, mode, typ, name, key
}

// splitTop splits on dots outside brackets.
func splitTop(addr string) []string {
	var parts []string
	depth, start := 0, 0
	inQuote := false
	for i := 0; i < len(addr); i++ {
		switch c := addr[i]; {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '.' && depth == 0:
			parts = append(parts, addr[start:i])
			start = i + 1
		}
	}
	return append(parts, addr[start:])
}

func configPath(moduleAddr string) string {
	var out []string
	for _, p := range splitTop(moduleAddr) {
		if i := strings.IndexByte(p, '['); i >= 0 {
			p = p[:i]
		}
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}

func splitModulePath(path string) (parent, name string) {
	i := strings.LastIndex(path, ".module.")
	if i < 0 {
		return "", strings.TrimPrefix(path, "module.")
	}
	return path[:i], path[i+len(".module."):]
}
