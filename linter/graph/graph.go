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

	byAddress  map[string]*Instance
	byType     map[string][]*Instance
	dataByType map[string][]*Instance
	// byResource finds a resource's instances by resourcePath. A resource whose one instance has
	// no key and is written at that path is left out, found in byAddress instead (see
	// resourceInstances): most resources of most plans are that, and a second map entry and a
	// keyed for each was 6 MB and a tenth of New's time on a plan of 60,000 of them.
	byResource  map[string]*keyed[*Instance]
	configPaths map[string]configEntry                           // config path -> module and call
	configs     map[*plan.Module]map[string]*plan.ConfigResource // a module's resource blocks
	refs        map[string][]step                                // parsed reference strings, shared by all instances
	moduleInfos map[moduleInstance]*moduleInfo
	children    map[moduleCall]*keyed[moduleInstance] // a module call's instances within a module instance; see moduleChildren
	edges       []Edge                                // where link takes its next edges from
	scratch     []target                              // link's resolve results, reused
	lambdas     *lambdaIndex
	memos       memos // see Memo
}

// configEntry is what the configuration holds at a module's config path: the call, and the
// module it calls (nil for a call whose module the plan leaves out; the root has no call).
type configEntry struct {
	module *plan.Module
	call   *plan.ModuleCall
}

// New builds the graph of a plan.
func New(p *plan.Plan) *Graph {
	g := &Graph{
		Plan:        p,
		byAddress:   make(map[string]*Instance, len(p.Changes)),
		byType:      map[string][]*Instance{},
		dataByType:  map[string][]*Instance{},
		byResource:  map[string]*keyed[*Instance]{},
		configs:     map[*plan.Module]map[string]*plan.ConfigResource{},
		refs:        map[string][]step{},
		moduleInfos: make(map[moduleInstance]*moduleInfo, moduleInstances(p.Changes)),
		lambdas:     &lambdaIndex{},
	}
	g.configPaths = make(map[string]configEntry, 1+countCalls(p.Config))
	if p.Config != nil {
		g.indexModule("", p.Config)
	}
	var buf [256]byte
	g.Instances = make([]*Instance, 0, len(p.Changes))
	// One allocation for every instance: a plan of 100,000 instances is otherwise 100,000 small
	// objects for the collector to find.
	block := make([]Instance, len(p.Changes))
	types := typeLists{of: make([]int32, 0, len(p.Changes))}
	var info *moduleInfo // of the previous instance: a module's instances come together
	for i, rc := range p.Changes {
		if _, dup := g.byAddress[rc.Address]; dup {
			continue
		}
		inst := &block[i]
		*inst = Instance{
			Address: rc.Address, Module: rc.ModuleAddress, Mode: rc.Mode, Type: rc.Type, Name: rc.Name, Key: rc.Index, change: rc,
		}
		if info == nil || info.self != moduleInstance(inst.Module) {
			info = g.module(moduleInstance(inst.Module))
		}
		rk := resourceKey(inst, buf[:0])
		if info.blocks != nil {
			inst.Config = info.configOf(inst, rk)
		}
		g.Instances = append(g.Instances, inst)
		g.byAddress[inst.Address] = inst
		types.add(inst.Type, rc.Mode == tfjson.DataResourceMode)
		g.addToResource(inst, rk)
	}
	types.fill(g)
	info = nil
	for _, inst := range g.Instances {
		if inst.Config == nil {
			continue
		}
		if info == nil || info.self != moduleInstance(inst.Module) {
			info = g.module(moduleInstance(inst.Module))
		}
		g.link(inst, info)
	}
	g.scratch, g.edges = nil, nil
	return g
}

// typeLists is the type of each instance New keeps, in order, and how many of each; fill makes
// each type's list once, with room for all of them: grown by append, a type of 100,000 instances
// allocated five times its list.
type typeLists struct {
	of            []int32 // index in types, per instance
	types         []typeList
	managed, data map[string]int32
}

type typeList struct {
	typ  string
	data bool
	n    int
}

func (t *typeLists) add(typ string, data bool) {
	index := &t.managed
	if data {
		index = &t.data
	}
	i, ok := (*index)[typ]
	if !ok {
		if *index == nil {
			*index = map[string]int32{}
		}
		i = int32(len(t.types))
		(*index)[typ] = i
		t.types = append(t.types, typeList{typ: typ, data: data})
	}
	t.types[i].n++
	t.of = append(t.of, i)
}

// fill sets g's byType and dataByType from g.Instances, which add was called for in order.
func (t *typeLists) fill(g *Graph) {
	lists := make([][]*Instance, len(t.types))
	for i, l := range t.types {
		lists[i] = make([]*Instance, 0, l.n)
	}
	for j, inst := range g.Instances {
		lists[t.of[j]] = append(lists[t.of[j]], inst)
	}
	for i, l := range t.types {
		if l.data {
			g.dataByType[l.typ] = lists[i]
		} else {
			g.byType[l.typ] = lists[i]
		}
	}
}

// addToResource indexes an instance under its resource's path rk (see byResource).
func (g *Graph) addToResource(inst *Instance, rk string) {
	k := g.byResource[rk]
	if inst.Key == nil && rk == inst.Address {
		if k != nil { // keyed instances of the same resource came first
			k.add(inst, nil)
		}
		return
	}
	if k == nil {
		// An instance without key at the same path came first: it joins byResource, ahead.
		if prev := g.byAddress[rk]; prev != nil && prev != inst && soleAt(prev, rk) {
			k = k.add(prev, nil)
		}
	}
	g.byResource[rk] = k.add(inst, inst.Key)
}

// soleAt reports whether byResource leaves inst, found at address path in byAddress, out: it has
// no key and path is its resource's path.
func soleAt(inst *Instance, path string) bool {
	var buf [256]byte
	return inst.Key == nil && resourceKey(inst, buf[:0]) == path
}

// moduleInstances is how many times the module address changes from one change to the next:
// at least the number of module instances (each comes in one run in plans Terraform writes).
func moduleInstances(changes []*plan.ResourceChange) int {
	n, prev := 0, ""
	for _, rc := range changes {
		if rc.ModuleAddress != prev {
			n++
			prev = rc.ModuleAddress
		}
	}
	return n + 1
}

// countCalls counts the module calls in a configuration, every level.
func countCalls(m *plan.Module) int {
	if m == nil {
		return 0
	}
	n := 0
	for _, call := range m.ModuleCalls {
		n += 1 + countCalls(call.Module)
	}
	return n
}

func (g *Graph) indexModule(path string, m *plan.Module) {
	e := g.configPaths[path]
	e.module = m
	g.configPaths[path] = e
	// Calls of one module share its configuration (see plan.Module): index its blocks once.
	if g.configs[m] == nil {
		blocks := make(map[string]*plan.ConfigResource, len(m.Resources))
		var buf [256]byte
		for _, r := range m.Resources {
			k := string(resourcePath(buf[:0], "", configMode(r), r.Type, r.Name))
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
		e := g.configPaths[child]
		e.call = call
		g.configPaths[child] = e
		if call.Module != nil {
			g.indexModule(child, call.Module)
		}
	}
}

// configMode is the mode of a resource block, read from its address as Terraform writes it.
func configMode(r *plan.ConfigResource) tfjson.ResourceMode {
	if strings.HasPrefix(r.Address, "data.") {
		return tfjson.DataResourceMode
	}
	return tfjson.ManagedResourceMode
}

// configOf returns the resource block of an instance of this module, whose resource path is rk.
// The blocks are keyed by their path within the module, which rk ends with; a type or name with
// a dot in it could make two blocks' paths equal, so the block found is checked, and the blocks
// are searched in order when it is not the one.
func (info *moduleInfo) configOf(inst *Instance, rk string) *plan.ConfigResource {
	path := rk
	if inst.Module != "" {
		if len(rk) <= len(inst.Module) {
			return nil
		}
		path = rk[len(inst.Module)+1:]
	}
	r := info.blocks[path]
	if r == nil || (configMode(r) == inst.Mode && r.Type == inst.Type && r.Name == inst.Name) {
		return r
	}
	for _, r := range info.module.Resources {
		if configMode(r) == inst.Mode && r.Type == inst.Type && r.Name == inst.Name {
			return r
		}
	}
	return nil
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

// link resolves every reference in the instance's configuration; info is its module's.
func (g *Graph) link(inst *Instance, info *moduleInfo) {
	for _, attr := range inst.Config.Attributes {
		if len(attr.References) == 0 {
			continue
		}
		// Terraform lists aws_x.y.arn and aws_x.y for one traversal: one edge per target, naming
		// the attribute read when there is one. The attribute's edges so far are inst.out[first:],
		// scanned while few (most attributes reach one or two targets), else kept in a map.
		first := len(inst.out)
		var byTarget map[*Instance]*Edge
		g.scratch = g.resolve(g.scratch[:0], info, attr.References, inst.Key, 0)
		for _, t := range g.scratch {
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
			e := g.newEdge()
			*e = Edge{From: inst, Attribute: attr.Path, To: t.inst, ToAttribute: t.attr}
			if byTarget != nil {
				byTarget[t.inst] = e
			}
			inst.out = append(inst.out, e)
			t.inst.in = append(t.inst.in, e)
		}
	}
}

// newEdge returns a zero edge from a block of them: one allocation for many edges, as for the
// instances.
func (g *Graph) newEdge() *Edge {
	if len(g.edges) == 0 {
		g.edges = make([]Edge, 256)
	}
	e := &g.edges[0]
	g.edges = g.edges[1:]
	return e
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
