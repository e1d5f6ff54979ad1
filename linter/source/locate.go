package source

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// Placement is where a finding sits in the sources.
type Placement struct {
	// Location is where to fix it: the expression the value at fault comes from.
	Location *finding.Location
	// Resource is the resource block; Attribute the attribute in it, when configuration sets it.
	Resource, Attribute *finding.Location
	// Callers are the module calls from the root down, outermost first.
	Callers []finding.Caller
	// Anchors are the lines a `# hybridlint:ignore` comment may precede to suppress the finding.
	Anchors []Anchor
}

// Anchor is a line of a file that a finding can be suppressed on, with the instance key that an
// instance filter ([key="eu"]) compares with: the resource's key on the resource block and its
// attributes, the module instance's key on a module call, the for_each key on a for_each item.
type Anchor struct {
	File   string
	Line   int
	Key    any
	HasKey bool
}

// Apply copies the placement into the finding's location fields.
func (p Placement) Apply(f *finding.Finding) {
	f.Location, f.ResourceLocation, f.AttributeLocation, f.Callers = p.Location, p.Resource, p.Attribute, p.Callers
}

// maxHops bounds how many variables, locals and for_each items one value is followed through.
const maxHops = 64

// Locate places the finding at a resource instance address and attribute ("" for the whole
// resource). ok is false when the resource's module or block was not found in the sources.
func (c *Config) Locate(address, attribute string) (Placement, bool) {
	a, ok := graph.ParseInstanceAddress(address)
	if !ok {
		return Placement{}, false
	}
	m := c.Modules[moduleKey(a.Modules)]
	if m == nil {
		return Placement{}, false
	}
	b := m.resources[a.Resource]
	if b == nil {
		return Placement{}, false
	}
	t := &tracer{cfg: c, addr: a}
	var pl Placement
	pl.Resource = rangeLocation(b.file.Path, b.def)
	pl.Location = pl.Resource
	t.anchor(pl.Resource, a.Key, a.HasKey)
	pl.Callers = t.callers()

	if attribute != "" {
		if b.native == nil {
			if attrs, _ := b.body.JustAttributes(); attrs[firstSegment(attribute)] != nil {
				pl.Attribute = rangeLocation(b.file.Path, attrs[firstSegment(attribute)].Range)
				pl.Location = pl.Attribute
				t.anchor(pl.Attribute, a.Key, a.HasKey)
			}
		} else if attr, rest, rng := findAttribute(b.native.Body, strings.Split(attribute, ".")); rng != nil {
			pl.Attribute = rangeLocation(b.file.Path, *rng)
			pl.Location = pl.Attribute
			t.anchor(pl.Attribute, a.Key, a.HasKey)
			if attr != nil {
				start := cursor{
					expr: attr.Expr, rng: attr.SrcRange, file: b.file, path: pathOf(rest),
					depth: len(a.Modules), each: eachOf(b, len(a.Modules), a.Key, a.HasKey),
					key: a.Key, hasKey: a.HasKey,
				}
				end := t.trace(start)
				pl.Location = rangeLocation(end.file.Path, end.rng)
			}
		}
	}
	for i := range pl.Callers {
		if t.through[i] != nil {
			pl.Callers[i].Argument = t.through[i].name
			pl.Callers[i].Location = rangeLocation(t.through[i].file.Path, t.through[i].rng)
		}
	}
	pl.Anchors = t.anchors
	return pl, true
}

// MissingModule returns the module call path (module.api.module.fn) of an address whose module's
// sources were not found, "" when they were, when the address is in the root module, or when it
// is not a resource instance.
func (c *Config) MissingModule(address string) string {
	a, ok := graph.ParseInstanceAddress(address)
	if !ok || len(a.Modules) == 0 || c.Modules[moduleKey(a.Modules)] != nil {
		return ""
	}
	return graph.StripKeys(a.Modules[len(a.Modules)-1].Address)
}

func moduleKey(steps []graph.ModuleStep) string {
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = s.Name
	}
	return strings.Join(names, ".")
}

func firstSegment(p string) string {
	name, _, _ := strings.Cut(p, ".")
	return name
}

// findAttribute walks an attribute path ("timeout", "vpc_config.0.subnet_ids",
// "environment.variables.LOG_LEVEL") into a resource body. It returns the attribute when one is
// found (with the path left over inside its value), and the range to report: the attribute's,
// or the nested block's when the path names a block.
func findAttribute(body *hclsyntax.Body, segs []string) (*hclsyntax.Attribute, []string, *hcl.Range) {
	var found *hcl.Range
	for i := 0; i < len(segs); i++ {
		if a := body.Attributes[segs[i]]; a != nil {
			return a, segs[i+1:], &a.SrcRange
		}
		blocks := nestedBlocks(body, segs[i])
		if len(blocks) == 0 {
			return nil, nil, found
		}
		idx := 0
		if i+1 < len(segs) {
			if n, err := strconv.Atoi(segs[i+1]); err == nil {
				idx = n
				i++
			}
		}
		if idx >= len(blocks) {
			idx = 0
		}
		r := blocks[idx].DefRange()
		found = &r
		body = blocks[idx].Body
		if blocks[idx].Type == "dynamic" {
			for _, c := range blocks[idx].Body.Blocks {
				if c.Type == "content" {
					body = c.Body
				}
			}
		}
	}
	return nil, nil, found
}

// nestedBlocks returns the blocks of a type in body, counting `dynamic "type"` blocks too.
func nestedBlocks(body *hclsyntax.Body, typ string) []*hclsyntax.Block {
	var out []*hclsyntax.Block
	for _, b := range body.Blocks {
		if b.Type == typ || (b.Type == "dynamic" && len(b.Labels) == 1 && b.Labels[0] == typ) {
			out = append(out, b)
		}
	}
	return out
}

// step is one part of a path into a value: an attribute or map key, or a list index.
type step struct {
	name  string
	index int
	isIdx bool
}

func pathOf(segs []string) []step {
	out := make([]step, 0, len(segs))
	for _, s := range segs {
		if n, err := strconv.Atoi(s); err == nil {
			out = append(out, step{name: s, index: n, isIdx: true})
		} else {
			out = append(out, step{name: s})
		}
	}
	return out
}

// eachCtx is the for_each of the block whose expressions are being read: each.value stands for
// the element of that expression at key.
type eachCtx struct {
	expr   hclsyntax.Expression
	file   *File
	depth  int
	key    any
	hasKey bool
}

func eachOf(b *block, depth int, key any, hasKey bool) *eachCtx {
	if b.native == nil || !hasKey {
		return nil
	}
	fe := b.native.Body.Attributes["for_each"]
	if fe == nil {
		return nil
	}
	return &eachCtx{expr: fe.Expr, file: b.file, depth: depth, key: key, hasKey: hasKey}
}

// cursor is the expression being followed and where it stands.
type cursor struct {
	expr hclsyntax.Expression
	// rng is what to report when the trace stops here: the whole attribute or object item
	// ("timeout = 900"), not only the value.
	rng  hcl.Range
	file *File
	// path is what remains to be selected inside the expression's value.
	path []step
	// depth is the number of module calls enclosing the expression (0: root module).
	depth int
	each  *eachCtx
	// key is the instance key that suppressions on this line compare with.
	key    any
	hasKey bool
}

// passage records the module argument a value came through.
type passage struct {
	name string
	file *File
	rng  hcl.Range
}

type tracer struct {
	cfg     *Config
	addr    graph.InstanceAddress
	through map[int]*passage // module step index -> the argument the value came through
	anchors []Anchor
}

func (t *tracer) anchor(l *finding.Location, key any, hasKey bool) {
	t.anchors = append(t.anchors, Anchor{File: l.File, Line: l.Line, Key: key, HasKey: hasKey})
}

// callers lists the module calls of the address, each at its module block.
func (t *tracer) callers() []finding.Caller {
	out := make([]finding.Caller, len(t.addr.Modules))
	for i, st := range t.addr.Modules {
		out[i].Module = st.Address
		parent := t.cfg.Modules[moduleKey(t.addr.Modules[:i])]
		if parent == nil {
			continue
		}
		if cb := parent.calls[st.Name]; cb != nil {
			out[i].Location = rangeLocation(cb.file.Path, cb.def)
			t.anchor(out[i].Location, st.Key, st.HasKey)
		}
	}
	return out
}

// trace follows a value to where it is written and returns where it stopped.
func (t *tracer) trace(cur cursor) cursor {
	for hop := 0; hop < maxHops; hop++ {
		next, ok := t.next(cur)
		if !ok {
			return cur
		}
		if next.rng != cur.rng {
			t.anchor(rangeLocation(next.file.Path, next.rng), next.key, next.hasKey)
		}
		cur = next
	}
	return cur
}

// next takes one step: into a sub-expression, or through a reference to where it is defined.
func (t *tracer) next(cur cursor) (cursor, bool) {
	switch e := cur.expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		cur.expr = e.Expression
		return cur, true
	case *hclsyntax.TemplateWrapExpr:
		cur.expr = e.Wrapped
		return cur, true
	case *hclsyntax.ObjectConsExpr:
		if len(cur.path) == 0 {
			return cur, false
		}
		for _, item := range e.Items {
			if k, ok := objectKey(item.KeyExpr); ok && k == cur.path[0].name {
				cur.expr = item.ValueExpr
				cur.rng = hcl.RangeBetween(item.KeyExpr.Range(), item.ValueExpr.Range())
				cur.path = cur.path[1:]
				return cur, true
			}
		}
		return cur, false
	case *hclsyntax.TupleConsExpr:
		if len(cur.path) == 0 || !cur.path[0].isIdx || cur.path[0].index < 0 || cur.path[0].index >= len(e.Exprs) {
			return cur, false
		}
		cur.expr = e.Exprs[cur.path[0].index]
		cur.rng = cur.expr.Range()
		cur.path = cur.path[1:]
		return cur, true
	case *hclsyntax.ScopeTraversalExpr:
		return t.follow(cur, e.Traversal)
	case *hclsyntax.RelativeTraversalExpr:
		if src, ok := e.Source.(*hclsyntax.ScopeTraversalExpr); ok {
			return t.follow(cur, append(append(hcl.Traversal{}, src.Traversal...), e.Traversal...))
		}
		return cur, false
	case *hclsyntax.IndexExpr:
		src, ok := e.Collection.(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			return cur, false
		}
		k, diags := e.Key.Value(nil)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() {
			return cur, false
		}
		return t.follow(cur, append(append(hcl.Traversal{}, src.Traversal...), hcl.TraverseIndex{Key: k}))
	}
	// A computed expression (arithmetic, a function call, a conditional): when it reads exactly
	// one variable, local or each.value, the value is set where that one is.
	if len(cur.path) > 0 {
		return cur, false
	}
	var only hcl.Traversal
	for _, v := range cur.expr.Variables() {
		switch v.RootName() {
		case "var", "local", "each":
			if only != nil && !sameTraversal(only, v) {
				return cur, false
			}
			only = v
		default:
			return cur, false
		}
	}
	if only == nil {
		return cur, false
	}
	return t.follow(cur, only)
}

// follow resolves a reference made in cur's module: var.x to the module call's argument (or the
// variable's default), local.x to its definition, each.value to the for_each element.
func (t *tracer) follow(cur cursor, tr hcl.Traversal) (cursor, bool) {
	root := tr.RootName()
	steps := traversalSteps(tr[1:])
	if len(steps) == 0 {
		return cur, false
	}
	name, rest := steps[0].name, append(steps[1:len(steps):len(steps)], cur.path...)
	switch root {
	case "var":
		return t.followVar(cur, name, rest)
	case "local":
		m := t.cfg.Modules[moduleKey(t.addr.Modules[:cur.depth])]
		if m == nil || m.locals[name] == nil {
			return cur, false
		}
		l := m.locals[name]
		return cursor{expr: l.attr.Expr, rng: l.attr.SrcRange, file: l.file, path: rest,
			depth: cur.depth, key: cur.key, hasKey: cur.hasKey}, true
	case "each":
		if name != "value" || cur.each == nil {
			return cur, false
		}
		e := cur.each
		keyStep := step{name: KeyString(e.key)}
		if f, ok := e.key.(float64); ok {
			keyStep = step{name: keyStep.name, index: int(f), isIdx: true}
		}
		return cursor{expr: e.expr, rng: e.expr.Range(), file: e.file, path: append([]step{keyStep}, rest...),
			depth: e.depth, key: e.key, hasKey: e.hasKey}, true
	}
	return cur, false
}

func (t *tracer) followVar(cur cursor, name string, rest []step) (cursor, bool) {
	if cur.depth == 0 {
		return cur, false // a root variable: its value comes from outside the configuration
	}
	here := t.cfg.Modules[moduleKey(t.addr.Modules[:cur.depth])]
	parent := t.cfg.Modules[moduleKey(t.addr.Modules[:cur.depth-1])]
	st := t.addr.Modules[cur.depth-1]
	var call *block
	if parent != nil {
		call = parent.calls[st.Name]
	}
	if call != nil && call.native != nil {
		if arg := call.native.Body.Attributes[name]; arg != nil {
			if t.through == nil {
				t.through = map[int]*passage{}
			}
			t.through[cur.depth-1] = &passage{name: name, file: call.file, rng: arg.SrcRange}
			return cursor{expr: arg.Expr, rng: arg.SrcRange, file: call.file, path: rest,
				depth: cur.depth - 1, each: eachOf(call, cur.depth-1, st.Key, st.HasKey),
				key: st.Key, hasKey: st.HasKey}, true
		}
	}
	// Not passed by the caller: the variable's default applies.
	if here == nil || here.variables[name] == nil || here.variables[name].native == nil {
		return cur, false
	}
	v := here.variables[name]
	def := v.native.Body.Attributes["default"]
	if def == nil {
		return cur, false
	}
	return cursor{expr: def.Expr, rng: def.SrcRange, file: v.file, path: rest,
		depth: cur.depth, key: cur.key, hasKey: cur.hasKey}, true
}

func traversalSteps(tr hcl.Traversal) []step {
	var out []step
	for _, tv := range tr {
		switch s := tv.(type) {
		case hcl.TraverseAttr:
			out = append(out, step{name: s.Name})
		case hcl.TraverseIndex:
			if !s.Key.IsKnown() || s.Key.IsNull() {
				return out
			}
			switch s.Key.Type() {
			case cty.String:
				out = append(out, step{name: s.Key.AsString()})
			case cty.Number:
				bf := s.Key.AsBigFloat()
				if n, acc := bf.Int64(); acc == big.Exact {
					out = append(out, step{name: strconv.FormatInt(n, 10), index: int(n), isIdx: true})
				} else {
					return out
				}
			default:
				return out
			}
		default:
			return out
		}
	}
	return out
}

func sameTraversal(a, b hcl.Traversal) bool {
	sa, sb := traversalSteps(a[1:]), traversalSteps(b[1:])
	if a.RootName() != b.RootName() || len(sa) != len(sb) {
		return false
	}
	for i := range sa {
		if sa[i] != sb[i] {
			return false
		}
	}
	return true
}

// objectKey returns an object constructor item's key when it is a literal: a bare name (eu = …)
// or a quoted string ("eu" = …).
func objectKey(e hclsyntax.Expression) (string, bool) {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok && !k.ForceNonLiteral {
		if name := hcl.ExprAsKeyword(k.Wrapped); name != "" {
			return name, true
		}
		e = k.Wrapped
	}
	v, diags := e.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// KeyString renders an instance key as text: the key of a for_each map ("eu"), or a count index
// ("0"), the form instance filters ([key="eu"], [key=0]) are compared in.
func KeyString(key any) string {
	switch k := key.(type) {
	case string:
		return k
	case float64:
		return strconv.FormatFloat(k, 'f', -1, 64)
	}
	return ""
}
