package graph

import (
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// target is an instance reached from a reference, and the attribute read of it.
type target struct {
	inst *Instance
	attr string
}

// maxDepth bounds how many module variables and outputs one reference may pass through.
const maxDepth = 32

// resolve follows a list of references (one expression's) made in the module instance scope and
// appends the targets to out. key is the instance key of the referring object (a resource's
// count/for_each key, or the module instance's key once resolution has climbed into the caller),
// used to pick the matching instance when the expression indexes with count.index or each.key.
func (g *Graph) resolve(out []target, scope *moduleInfo, refs []string, key any, depth int) []target {
	if depth > maxDepth {
		return out
	}
	perKey := false
	for _, r := range refs {
		if r == "count.index" || r == "each.key" || r == "each.value" || hasPrefix(r, "each.value.") {
			perKey = true
		}
	}
	// Terraform lists both aws_x.y["k"].attr and aws_x.y for one traversal; when a keyed form is
	// present the bare one must not widen the edge to every instance.
	var keyed []string
	var few [4][]step
	parsed := few[:0]
	if len(refs) > len(few) {
		parsed = make([][]step, 0, len(refs))
	}
	for _, r := range refs {
		steps := g.parseRef(r)
		parsed = append(parsed, steps)
		if n, st, ok := refBase(steps); ok && st.hasKey && !st.dynamic {
			keyed = append(keyed, baseName(steps, n))
		}
	}
	ts := targets{list: out, from: len(out)}
	for _, steps := range parsed {
		n, st, ok := refBase(steps)
		if !ok {
			continue
		}
		if (!st.hasKey || st.dynamic) && len(keyed) > 0 && containsString(keyed, baseName(steps, n)) {
			continue
		}
		switch steps[0].name {
		case "var":
			for _, t := range g.resolveVar(scope, steps[1].name, depth) {
				ts.add(t)
			}
		case "module":
			for _, t := range g.resolveOutput(scope, steps, key, perKey, depth) {
				ts.add(t)
			}
		default:
			sole, all, attr := g.resourceInstances(scope.self, steps, key, perKey)
			if sole != nil {
				ts.add(target{inst: sole, attr: attr})
			}
			for _, inst := range all {
				ts.add(target{inst: inst, attr: attr})
			}
		}
	}
	return ts.list
}

// targets collects the targets of one resolve, each once, appended to list after its first
// from: a scan finds a repeat while they are few, a map once scanning would cost more.
type targets struct {
	list []target
	from int
	seen map[target]bool
}

func (ts *targets) add(t target) {
	found := ts.list[ts.from:]
	if ts.seen == nil && len(found) >= 16 {
		ts.seen = make(map[target]bool, 2*len(found))
		for _, o := range found {
			ts.seen[o] = true
		}
	}
	if ts.seen != nil {
		if ts.seen[t] {
			return
		}
		ts.seen[t] = true
	} else if containsTarget(found, t) {
		return
	}
	ts.list = append(ts.list, t)
}

// refBase returns how many steps name the resource or module a reference names (type.name,
// data.type.name, module.name, var.name) and the step that carries its instance key.
func refBase(steps []step) (int, step, bool) {
	if len(steps) < 2 {
		return 0, step{}, false
	}
	switch steps[0].name {
	case "local", "each", "count", "path", "terraform", "self":
		return 0, step{}, false
	case "data":
		if len(steps) < 3 {
			return 0, step{}, false
		}
		return 3, steps[2], true
	}
	return 2, steps[1], true
}

// baseName is the name of the first n steps ("aws_x.y", "data.aws_x.y"), built only when a
// keyed reference needs comparing: most references have no key.
func baseName(steps []step, n int) string {
	if n == 3 {
		return steps[0].name + "." + steps[1].name + "." + steps[2].name
	}
	return steps[0].name + "." + steps[1].name
}

func (g *Graph) resolveVar(scope *moduleInfo, name string, depth int) []target {
	if scope.self == "" || scope.call == nil {
		return nil // a root variable comes from outside the configuration
	}
	arg := scope.call.Arguments[name]
	if arg == nil {
		return nil
	}
	return g.resolve(nil, g.module(scope.parent), arg.References, scope.key, depth+1)
}

func (g *Graph) resolveOutput(scope *moduleInfo, steps []step, key any, perKey bool, depth int) []target {
	if len(steps) < 3 {
		return nil
	}
	name, output := steps[1], steps[2].name
	var out []target
	for _, child := range g.moduleChildren()[moduleCall{scope: scope.self, name: name.name}].pick(name, key, perKey) {
		info := g.module(child)
		if info.module == nil {
			continue
		}
		expr := info.module.Outputs[output]
		if expr == nil {
			continue
		}
		out = g.resolve(out, info, expr.References, info.key, depth+1)
	}
	return out
}

// resourceInstances returns the instances of the resource a reference made in scope names,
// picked by key as keyed.pick does, and the attribute it reads: sole when the resource is one
// instance without key that byResource leaves out, else all.
func (g *Graph) resourceInstances(scope moduleInstance, steps []step, key any, perKey bool) (sole *Instance, all []*Instance, attr string) {
	mode, typ, st, attrAt := tfjson.ManagedResourceMode, steps[0].name, steps[1], 2
	if steps[0].name == "data" {
		if len(steps) < 3 {
			return nil, nil, ""
		}
		mode, typ, st, attrAt = tfjson.DataResourceMode, steps[1].name, steps[2], 3
	}
	if len(steps) > attrAt {
		attr = steps[attrAt].name
	}
	var buf [256]byte
	path := resourcePath(buf[:0], string(scope), mode, typ, st.name)
	if k := g.byResource[string(path)]; k != nil {
		return nil, k.pick(st, key, perKey), attr
	}
	inst := g.byAddress[string(path)]
	if inst == nil || (st.hasKey && !st.dynamic) || !soleAt(inst, inst.Address) {
		return nil, nil, attr // a key names none of a resource without keys
	}
	return inst, nil, attr
}

// moduleCall names the instances of one module call made in a module instance.
type moduleCall struct {
	scope moduleInstance
	name  string
}

// keyed holds the instances of one resource or module call, and finds them by instance key
// without a scan: a for_each of thousands of keys, each referring to its own counterpart, would
// otherwise cost the square of its size.
//
// A key names one instance (Terraform's keys are unique within a resource), so the index keeps
// its position in all, and a list only for a key seen twice: a list per key was an allocation
// per instance, 12.5 MB of the live heap of the fan-in shape at 32,000 callers.
type keyed[T any] struct {
	all   []T
	first map[any]int32 // position in all of the key's first instance
	more  map[any][]T   // every instance of a key seen more than once
}

// add appends an instance with its key (nil for none) and returns k, made when nil.
func (k *keyed[T]) add(item T, key any) *keyed[T] {
	if k == nil {
		k = &keyed[T]{}
	}
	k.all = append(k.all, item)
	if key == nil {
		return k
	}
	if k.first == nil {
		k.first = map[any]int32{}
	}
	i, seen := k.first[key]
	switch {
	case !seen:
		k.first[key] = int32(len(k.all) - 1)
	case k.more == nil:
		k.more = map[any][]T{key: {k.all[i], item}}
	case k.more[key] == nil:
		k.more[key] = []T{k.all[i], item}
	default:
		k.more[key] = append(k.more[key], item)
	}
	return k
}

// byKey returns the instances with the key, nil for none; the caller does not append to it.
func (k *keyed[T]) byKey(key any) []T {
	if list, ok := k.more[key]; ok {
		return list
	}
	if i, ok := k.first[key]; ok {
		return k.all[i : i+1 : i+1]
	}
	return nil
}

// pick narrows the instances by the reference's own key, or by the referrer's key when the
// expression indexes with count.index / each.key. When neither tells them apart, every instance
// is kept: an edge to each possible instance is better than none.
func (k *keyed[T]) pick(st step, key any, perKey bool) []T {
	if k == nil {
		return nil
	}
	if st.hasKey && !st.dynamic {
		return k.byKey(st.key)
	}
	if len(k.all) > 1 && perKey && key != nil {
		if out := k.byKey(key); len(out) > 0 {
			return out
		}
	}
	return k.all
}

// moduleInfo is what resolution needs to know of a module instance, parsed once.
type moduleInfo struct {
	self       moduleInstance
	configPath string
	parent     moduleInstance
	name       string
	key        any
	// module is its configuration, nil when the plan has none; call is the module block that
	// calls it, nil for the root; blocks are the module's resource blocks (see configOf).
	module *plan.Module
	call   *plan.ModuleCall
	blocks map[string]*plan.ConfigResource
}

func (g *Graph) module(m moduleInstance) *moduleInfo {
	if info, ok := g.moduleInfos[m]; ok {
		return info
	}
	steps := splitAddress(string(m))
	info := &moduleInfo{self: m, configPath: m.configPathOf(steps)}
	info.parent, info.name = m.parentOf(steps)
	if len(steps) > 0 {
		info.key = steps[len(steps)-1].key
	}
	e := g.configPaths[info.configPath]
	info.module, info.call = e.module, e.call
	if info.module != nil {
		info.blocks = g.configs[info.module]
	}
	g.moduleInfos[m] = info
	return info
}

// moduleChildren returns the instances of each module call within each module instance, built
// on first use: only references to a module's outputs need it.
func (g *Graph) moduleChildren() map[moduleCall]*keyed[moduleInstance] {
	if g.children != nil {
		return g.children
	}
	g.children = map[moduleCall]*keyed[moduleInstance]{}
	seen := map[moduleInstance]bool{"": true}
	for _, inst := range g.Instances {
		for m := moduleInstance(inst.Module); !seen[m]; {
			seen[m] = true
			info := g.module(m)
			call := moduleCall{scope: info.parent, name: info.name}
			g.children[call] = g.children[call].add(m, info.key)
			m = info.parent
		}
	}
	return g.children
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// parseRef splits a reference once; the same strings recur in every instance of a module.
func (g *Graph) parseRef(ref string) []step {
	if steps, ok := g.refs[ref]; ok {
		return steps
	}
	steps := splitAddress(ref)
	g.refs[ref] = steps
	return steps
}

func containsTarget(list []target, t target) bool {
	for _, x := range list {
		if x == t {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
