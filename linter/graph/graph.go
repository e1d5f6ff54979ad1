// Package graph turns a plan into resource instances joined by the references their configuration
// makes, followed across module boundaries in both directions: a `var.x` inside a module leads to the
// module call's argument, and a `module.m.out` leads through that module's output to the resource
// inside. Rules ask it two questions: what does attribute A of R point to, and what points to R.
package graph

import (
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// Instance is one resource instance in the plan.
type Instance struct {
	Address string
	// Module is the module instance address ("" for the root): module.a["eu"].module.b.
	Module string
	Mode   tfjson.ResourceMode
	Type   string
	Name   string
	// Key is the count index (float64) or for_each key (string), nil for a single instance.
	Key any
	// Config is the resource block in configuration, nil when the plan carries none.
	Config *plan.ConfigResource

	change *plan.ResourceChange
	out    []*Edge
	in     []*Edge
}

// Edge is a reference from an attribute of one instance to another instance.
type Edge struct {
	From *Instance
	// Attribute is the path of the referring attribute in From's configuration, nested blocks
	// with their index: "integration_uri", "default_cache_behavior.0.lambda_function_association.1.lambda_arn".
	Attribute string
	To        *Instance
	// ToAttribute is the attribute of To that the expression reads ("invoke_arn"), "" for the
	// whole object.
	ToAttribute string
}

// Actions are what the plan does to the instance, read from the plan's change rather than copied:
// a plan of 100,000 instances keeps 2.4 MB less alive.
func (i *Instance) Actions() tfjson.Actions { return i.change.Actions }

// Get returns the planned value at path (after, or before for a delete).
func (i *Instance) Get(path ...any) plan.Value { return i.change.Values().Get(path...) }

// Changes reports whether the plan creates, updates, replaces or deletes the instance.
func (i *Instance) Changes() bool { return i.change.Changes() }

// Deleted reports whether the plan deletes or forgets the instance: its values are the before
// state, and it will not be running (or not managed here) after apply.
func (i *Instance) Deleted() bool { return i.change.Leaving() }

// SetInConfig reports whether the attribute (a top-level name or a dotted path) is written in the
// resource's configuration, as opposed to taking the provider's default.
func (i *Instance) SetInConfig(attribute string) bool {
	if i.Config == nil {
		return false
	}
	for _, a := range i.Config.Attributes {
		if matchPath(a.Path, attribute) || strings.HasPrefix(a.Path, attribute+".") {
			return true
		}
	}
	return false
}

// HasConfig reports whether the plan carried the resource's configuration, without which
// references cannot be followed.
func (i *Instance) HasConfig() bool { return i.Config != nil }

// Graph holds every instance of one plan and the references between them.
type Graph struct {
	Plan      *plan.Plan
	Instances []*Instance

	byAddress   map[string]*Instance
	byType      map[string][]*Instance
	dataByType  map[string][]*Instance
	byResource  map[string]*keyed[*Instance]                        // by resourcePath
	modules     map[string]*plan.Module                             // config path -> module
	configs     map[*plan.Module]map[configKey]*plan.ConfigResource // a module's resource blocks
	refs        map[string][]step                                   // parsed reference strings, shared by all instances
	moduleInfos map[moduleInstance]*moduleInfo
	calls       map[string]*plan.ModuleCall           // config path of the called module -> call
	children    map[moduleCall]*keyed[moduleInstance] // a module call's instances within a module instance
	lambdas     *lambdaIndex
	memos       memos // see Memo
}

// New builds the graph of a plan.
func New(p *plan.Plan) *Graph {
	g := &Graph{
		Plan:        p,
		byAddress:   make(map[string]*Instance, len(p.Changes)),
		byType:      map[string][]*Instance{},
		dataByType:  map[string][]*Instance{},
		byResource:  make(map[string]*keyed[*Instance], len(p.Changes)),
		modules:     map[string]*plan.Module{},
		configs:     map[*plan.Module]map[configKey]*plan.ConfigResource{},
		refs:        map[string][]step{},
		moduleInfos: map[moduleInstance]*moduleInfo{},
		calls:       map[string]*plan.ModuleCall{},
		children:    map[moduleCall]*keyed[moduleInstance]{},
		lambdas:     &lambdaIndex{},
	}
	if p.Config != nil {
		g.indexModule("", p.Config)
	}
	seenModule := map[string]bool{"": true}
	var buf [256]byte
	g.Instances = make([]*Instance, 0, len(p.Changes))
	// One allocation for every instance: a plan of 100,000 instances is otherwise 100,000 small
	// objects for the collector to find.
	block := make([]Instance, len(p.Changes))
	for i, rc := range p.Changes {
		if _, dup := g.byAddress[rc.Address]; dup {
			continue
		}
		inst := &block[i]
		*inst = Instance{
			Address: rc.Address, Module: rc.ModuleAddress, Mode: rc.Mode, Type: rc.Type, Name: rc.Name, Key: rc.Index, change: rc,
		}
		if m := g.modules[g.module(moduleInstance(inst.Module)).configPath]; m != nil {
			inst.Config = g.configs[m][configKey{mode: rc.Mode, typ: inst.Type, name: inst.Name}]
		}
		g.Instances = append(g.Instances, inst)
		g.byAddress[inst.Address] = inst
		if rc.Mode == tfjson.DataResourceMode {
			g.dataByType[inst.Type] = append(g.dataByType[inst.Type], inst)
		} else {
			g.byType[inst.Type] = append(g.byType[inst.Type], inst)
		}
		rk := resourceKey(inst, buf[:0])
		g.byResource[rk] = g.byResource[rk].add(inst, inst.Key)
		for m := moduleInstance(inst.Module); !seenModule[string(m)]; {
			seenModule[string(m)] = true
			info := g.module(m)
			call := moduleCall{scope: info.parent, name: info.name}
			g.children[call] = g.children[call].add(m, info.key)
			m = info.parent
		}
	}
	for _, inst := range g.Instances {
		g.link(inst)
	}
	return g
}

func (g *Graph) indexModule(path string, m *plan.Module) {
	g.modules[path] = m
	// Calls of one module share its configuration (see plan.Module): index its blocks once.
	if g.configs[m] == nil {
		blocks := make(map[configKey]*plan.ConfigResource, len(m.Resources))
		for _, r := range m.Resources {
			k := configKey{mode: tfjson.ManagedResourceMode, typ: r.Type, name: r.Name}
			if strings.HasPrefix(r.Address, "data.") {
				k.mode = tfjson.DataResourceMode
			}
			if _, dup := blocks[k]; !dup {
				blocks[k] = r
			}
		}
		g.configs[m] = blocks
	}
	for name, call := range m.ModuleCalls {
		child := "module." + name
		if path != "" {
			child = path + "." + child
		}
		g.calls[child] = call
		if call.Module != nil {
			g.indexModule(child, call.Module)
		}
	}
}

// configKey identifies a resource block within a module's configuration.
type configKey struct {
	mode      tfjson.ResourceMode
	typ, name string
}

// resourcePath appends a resource's address without an instance key to buf:
// module.a["eu"].data.aws_x.y. It names the resource (all its instances) in byResource, a string
// rather than a struct of its four parts because on a plan of 60,000 resources the struct keys
// were 10 of the graph's 32 MB, and a smaller live heap is fewer collections under the memory
// limit (see tuneGC in main.go).
func resourcePath(buf []byte, module string, mode tfjson.ResourceMode, typ, name string) []byte {
	if module != "" {
		buf = append(append(buf, module...), '.')
	}
	if mode == tfjson.DataResourceMode {
		buf = append(buf, "data."...)
	}
	return append(append(append(buf, typ...), '.'), name...)
}

// resourceKey is the instance's resourcePath, a prefix of its address (so no new string) when
// the plan writes addresses as Terraform does.
func resourceKey(inst *Instance, buf []byte) string {
	path := resourcePath(buf, inst.Module, inst.Mode, inst.Type, inst.Name)
	if len(inst.Address) >= len(path) && inst.Address[:len(path)] == string(path) {
		return inst.Address[:len(path)]
	}
	return string(path)
}

// link resolves every reference in the instance's configuration.
func (g *Graph) link(inst *Instance) {
	if inst.Config == nil {
		return
	}
	for _, attr := range inst.Config.Attributes {
		if len(attr.References) == 0 {
			continue
		}
		// Terraform lists aws_x.y.arn and aws_x.y for one traversal: one edge per target, naming
		// the attribute read when there is one. The attribute's edges so far are inst.out[first:],
		// scanned while few (most attributes reach one or two targets), else kept in a map.
		first := len(inst.out)
		var byTarget map[*Instance]*Edge
		for _, t := range g.resolve(moduleInstance(inst.Module), attr.References, inst.Key, 0) {
			if t.inst == inst {
				continue
			}
			if byTarget == nil && len(inst.out)-first > 16 {
				byTarget = make(map[*Instance]*Edge, 2*(len(inst.out)-first))
				for _, e := range inst.out[first:] {
					byTarget[e.To] = e
				}
			}
			if e := edgeTo(inst.out[first:], byTarget, t.inst); e != nil {
				if e.ToAttribute == "" {
					e.ToAttribute = t.attr
				}
				continue
			}
			e := &Edge{From: inst, Attribute: attr.Path, To: t.inst, ToAttribute: t.attr}
			if byTarget != nil {
				byTarget[t.inst] = e
			}
			inst.out = append(inst.out, e)
			t.inst.in = append(t.inst.in, e)
		}
	}
}

// edgeTo finds the edge to an instance among edges, in byTarget when there is one.
func edgeTo(edges []*Edge, byTarget map[*Instance]*Edge, to *Instance) *Edge {
	if byTarget != nil {
		return byTarget[to]
	}
	for _, e := range edges {
		if e.To == to {
			return e
		}
	}
	return nil
}

// ByType returns the managed instances of a resource type, in plan order. Data sources are left
// out: a rule reports on what the configuration deploys, and a data source only reads something
// deployed elsewhere (references to data sources are still followed; see DataByType).
func (g *Graph) ByType(typ string) []*Instance { return g.byType[typ] }

// DataByType returns the data source instances of a type, in plan order.
func (g *Graph) DataByType(typ string) []*Instance { return g.dataByType[typ] }

// ByAddress returns the instance at an address.
func (g *Graph) ByAddress(addr string) *Instance { return g.byAddress[addr] }

// Targets returns the instances that the attribute of from refers to. attribute is a dotted path;
// block indices may be left out to match every block ("lambda_function_association.lambda_arn").
func (g *Graph) Targets(from *Instance, attribute string) []*Edge {
	var out []*Edge
	for _, e := range from.out {
		if matchPath(e.Attribute, attribute) {
			out = append(out, e)
		}
	}
	return out
}

// Referrers returns the edges that point at to, from any attribute of any instance.
func (g *Graph) Referrers(to *Instance) []*Edge { return to.in }

// Outgoing returns every edge from an instance.
func (g *Graph) Outgoing(from *Instance) []*Edge { return from.out }

// matchPath compares a configured attribute path with a query that may omit block indices.
func matchPath(path, query string) bool {
	if path == query {
		return true
	}
	return stripIndices(path) == query
}

func stripIndices(path string) string {
	if !strings.ContainsAny(path, "0123456789") {
		return path
	}
	parts := strings.Split(path, ".")
	kept := parts[:0]
	for _, p := range parts {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, ".")
}
