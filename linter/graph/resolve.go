package graph

import tfjson "github.com/hashicorp/terraform-json"

// target is an instance reached from a reference, and the attribute read of it.
type target struct {
	inst *Instance
	attr string
}

// maxDepth bounds how many module variables and outputs one reference may pass through.
const maxDepth = 32

// resolve follows a list of references (one expression's) made in a module instance. key is the
// instance key of the referring object (a resource's count/for_each key, or the module instance's
// key once resolution has climbed into the caller), used to pick the matching instance when the
// expression indexes with count.index or each.key.
func (g *Graph) resolve(scope moduleInstance, refs []string, key any, depth int) []target {
	if depth > maxDepth {
		return nil
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
	parsed := make([][]step, len(refs))
	for i, r := range refs {
		parsed[i] = g.parseRef(r)
		if n, st, ok := refBase(parsed[i]); ok && st.hasKey && !st.dynamic {
			keyed = append(keyed, baseName(parsed[i], n))
		}
	}
	var out []target
	var seen map[target]bool // only once out is long enough for a scan to cost more than a map
	add := func(ts []target) {
		for _, t := range ts {
			if seen == nil && len(out) >= 16 {
				seen = make(map[target]bool, 2*len(out))
				for _, o := range out {
					seen[o] = true
				}
			}
			if seen != nil {
				if seen[t] {
					continue
				}
				seen[t] = true
			} else if containsTarget(out, t) {
				continue
			}
			out = append(out, t)
		}
	}
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
			add(g.resolveVar(scope, steps[1].name, depth))
		case "module":
			add(g.resolveOutput(scope, steps, key, perKey, depth))
		default:
			add(g.resolveResource(scope, steps, key, perKey))
		}
	}
	return out
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

func (g *Graph) resolveVar(scope moduleInstance, name string, depth int) []target {
	if scope == "" {
		return nil // a root variable comes from outside the configuration
	}
	info := g.module(scope)
	call := g.calls[info.configPath]
	if call == nil {
		return nil
	}
	arg := call.Arguments[name]
	if arg == nil {
		return nil
	}
	return g.resolve(info.parent, arg.References, info.key, depth+1)
}

func (g *Graph) resolveOutput(scope moduleInstance, steps []step, key any, perKey bool, depth int) []target {
	if len(steps) < 3 {
		return nil
	}
	name, output := steps[1], steps[2].name
	var out []target
	for _, child := range g.children[moduleCall{scope: scope, name: name.name}].pick(name, key, perKey) {
		info := g.module(child)
		m := g.modules[info.configPath]
		if m == nil {
			continue
		}
		expr := m.Outputs[output]
		if expr == nil {
			continue
		}
		out = append(out, g.resolve(child, expr.References, info.key, depth+1)...)
	}
	return out
}

func (g *Graph) resolveResource(scope moduleInstance, steps []step, key any, perKey bool) []target {
	mode, typ, st, attrAt := tfjson.ManagedResourceMode, steps[0].name, steps[1], 2
	if steps[0].name == "data" {
		if len(steps) < 3 {
			return nil
		}
		mode, typ, st, attrAt = tfjson.DataResourceMode, steps[1].name, steps[2], 3
	}
	attr := ""
	if len(steps) > attrAt {
		attr = steps[attrAt].name
	}
	var buf [256]byte
	var out []target
	for _, inst := range g.byResource[string(resourcePath(buf[:0], string(scope), mode, typ, st.name))].pick(st, key, perKey) {
		out = append(out, target{inst: inst, attr: attr})
	}
	return out
}

// moduleCall names the instances of one module call made in a module instance.
type moduleCall struct {
	scope moduleInstance
	name  string
}

// keyed holds the instances of one resource or module call, and finds them by instance key
// without a scan: a for_each of thousands of keys, each referring to its own counterpart, would
// otherwise cost the square of its size.
type keyed[T any] struct {
	all   []T
	byKey map[any][]T
}

// add appends an instance with its key (nil for none) and returns k, made when nil.
func (k *keyed[T]) add(item T, key any) *keyed[T] {
	if k == nil {
		k = &keyed[T]{}
	}
	k.all = append(k.all, item)
	if key != nil {
		if k.byKey == nil {
			k.byKey = map[any][]T{}
		}
		k.byKey[key] = append(k.byKey[key], item)
	}
	return k
}

// pick narrows the instances by the reference's own key, or by the referrer's key when the
// expression indexes with count.index / each.key. When neither tells them apart, every instance
// is kept: an edge to each possible instance is better than none.
func (k *keyed[T]) pick(st step, key any, perKey bool) []T {
	if k == nil {
		return nil
	}
	if st.hasKey && !st.dynamic {
		return k.byKey[st.key]
	}
	if len(k.all) > 1 && perKey && key != nil {
		if out := k.byKey[key]; len(out) > 0 {
			return out
		}
	}
	return k.all
}

// moduleInfo is what resolution needs to know of a module instance, parsed once.
type moduleInfo struct {
	configPath string
	parent     moduleInstance
	name       string
	key        any
}

func (g *Graph) module(m moduleInstance) *moduleInfo {
	if info, ok := g.moduleInfos[m]; ok {
		return info
	}
	info := &moduleInfo{configPath: m.configPath()}
	info.parent, info.name = m.parent()
	if steps := splitAddress(string(m)); len(steps) > 0 {
		info.key = steps[len(steps)-1].key
	}
	g.moduleInfos[m] = info
	return info
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
