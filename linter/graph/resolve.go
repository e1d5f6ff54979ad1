package graph

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
	keyed := map[string]bool{}
	parsed := make([][]step, len(refs))
	for i, r := range refs {
		parsed[i] = splitAddress(r)
		if base, st, ok := refBase(parsed[i]); ok && st.hasKey && !st.dynamic {
			keyed[base] = true
		}
	}
	var out []target
	seen := map[target]bool{}
	add := func(ts []target) {
		for _, t := range ts {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	for i, steps := range parsed {
		base, st, ok := refBase(steps)
		if !ok {
			continue
		}
		if keyed[base] && (!st.hasKey || st.dynamic) {
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
		_ = i
	}
	return out
}

// refBase returns the resource or module a reference names (type.name, data.type.name,
// module.name, var.name) and the step that carries its instance key.
func refBase(steps []step) (string, step, bool) {
	if len(steps) < 2 {
		return "", step{}, false
	}
	switch steps[0].name {
	case "local", "each", "count", "path", "terraform", "self":
		return "", step{}, false
	case "var", "module":
		return steps[0].name + "." + steps[1].name, steps[1], true
	case "data":
		if len(steps) < 3 {
			return "", step{}, false
		}
		return "data." + steps[1].name + "." + steps[2].name, steps[2], true
	}
	return steps[0].name + "." + steps[1].name, steps[1], true
}

func (g *Graph) resolveVar(scope moduleInstance, name string, depth int) []target {
	if scope == "" {
		return nil // a root variable comes from outside the configuration
	}
	call := g.calls[scope.configPath()]
	if call == nil {
		return nil
	}
	arg := call.Arguments[name]
	if arg == nil {
		return nil
	}
	parent, _ := scope.parent()
	return g.resolve(parent, arg.References, lastKey(scope), depth+1)
}

func (g *Graph) resolveOutput(scope moduleInstance, steps []step, key any, perKey bool, depth int) []target {
	if len(steps) < 3 {
		return nil
	}
	name, output := steps[1], steps[2].name
	var out []target
	children := g.childModules(scope, name.name)
	for _, child := range pickInstances(children, name, key, perKey, lastKey) {
		m := g.modules[child.configPath()]
		if m == nil {
			continue
		}
		expr := m.Outputs[output]
		if expr == nil {
			continue
		}
		out = append(out, g.resolve(child, expr.References, lastKey(child), depth+1)...)
	}
	return out
}

func (g *Graph) childModules(scope moduleInstance, name string) []moduleInstance {
	var out []moduleInstance
	for _, c := range g.children[string(scope)] {
		m := moduleInstance(c)
		if _, n := m.parent(); n == name {
			out = append(out, m)
		}
	}
	return out
}

func (g *Graph) resolveResource(scope moduleInstance, steps []step, key any, perKey bool) []target {
	var addr string
	var st step
	attrAt := 2
	if steps[0].name == "data" {
		if len(steps) < 3 {
			return nil
		}
		addr, st, attrAt = "data."+steps[1].name+"."+steps[2].name, steps[2], 3
	} else {
		addr, st = steps[0].name+"."+steps[1].name, steps[1]
	}
	attr := ""
	if len(steps) > attrAt {
		attr = steps[attrAt].name
	}
	insts := g.byResource[string(scope)+"|"+addr]
	var out []target
	for _, inst := range pickInstances(insts, st, key, perKey, func(i *Instance) any { return i.Key }) {
		out = append(out, target{inst: inst, attr: attr})
	}
	return out
}

// pickInstances narrows candidates by the reference's own key, or by the referrer's key when the
// expression indexes with count.index / each.key. When neither tells them apart, every candidate
// is kept: an edge to each possible instance is better than none.
func pickInstances[T any](cands []T, st step, key any, perKey bool, keyOf func(T) any) []T {
	if st.hasKey && !st.dynamic {
		var out []T
		for _, c := range cands {
			if keyOf(c) == st.key {
				out = append(out, c)
			}
		}
		return out
	}
	if len(cands) > 1 && perKey && key != nil {
		var out []T
		for _, c := range cands {
			if keyOf(c) == key {
				out = append(out, c)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return cands
}

func lastKey(m moduleInstance) any {
	steps := splitAddress(string(m))
	if len(steps) == 0 {
		return nil
	}
	return steps[len(steps)-1].key
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
