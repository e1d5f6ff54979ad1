package graph

import (
	"strings"
	"sync"
)

// Invocation is a Lambda function that an attribute invokes, with the qualifier it invokes it
// through: an alias name, a version number, "$LATEST", or "" when the plan does not say.
type Invocation struct {
	Function  *Instance
	Alias     *Instance
	Qualifier string
	// ByValue is true when no reference led to the function and it was found instead by the known
	// ARN or name the attribute holds (hard-coded ARNs, or references through locals, which the
	// plan's configuration does not record).
	ByValue bool
}

// InvokedFunctions resolves what an attribute of from invokes: a reference to an aws_lambda_alias,
// or to a function's ARN, qualified ARN, invoke ARN or name, resolves to the function, through
// modules and aliases. When references lead nowhere, the attribute's known value (an ARN or a
// function name) is matched against the functions in the plan.
func (g *Graph) InvokedFunctions(from *Instance, attribute string) []Invocation {
	if out := g.ReferencedFunctions(from, attribute); len(out) > 0 {
		return out
	}
	if s, ok := from.Get(PathSteps(attribute)...).String(); ok {
		return g.functionsByValue(s)
	}
	return nil
}

// ReferencedFunctions is InvokedFunctions without the fallback to the attribute's planned value:
// only what the configured references lead to. It is the question to ask of a configured path
// whose block indices do not address the planned values (the blocks of a set).
func (g *Graph) ReferencedFunctions(from *Instance, attribute string) []Invocation {
	var out []Invocation
	seen := map[*Instance]bool{}
	for _, e := range g.Targets(from, attribute) {
		if e.To.Type == "aws_lambda_function" { // most references: no list of one to make
			if inv := functionInvocation(e.To, e.ToAttribute); !seen[inv.Function] {
				seen[inv.Function] = true
				out = append(out, inv)
			}
			continue
		}
		for _, inv := range g.invocationsOf(e.To, e.ToAttribute) {
			if !seen[inv.Function] {
				seen[inv.Function] = true
				out = append(out, inv)
			}
		}
	}
	return out
}

// functionInvocation is the invocation of a function that a reference to its attribute toAttr
// makes: the version it names, $LATEST for the function's own ARN or name.
func functionInvocation(to *Instance, toAttr string) Invocation {
	q := "$LATEST"
	switch toAttr {
	case "qualified_arn", "qualified_invoke_arn", "version":
		q = ""
		if v, ok := to.Get("version").String(); ok {
			q = v
		}
	}
	return Invocation{Function: to, Qualifier: q}
}

func (g *Graph) invocationsOf(to *Instance, toAttr string) []Invocation {
	switch to.Type {
	case "aws_lambda_function":
		return []Invocation{functionInvocation(to, toAttr)}
	case "aws_lambda_alias":
		name, _ := to.Get("name").String()
		var out []Invocation
		for _, e := range g.Targets(to, "function_name") {
			if e.To.Type == "aws_lambda_function" {
				out = append(out, Invocation{Function: e.To, Alias: to, Qualifier: name})
			}
		}
		if len(out) == 0 {
			if fn, ok := to.Get("function_name").String(); ok {
				for _, inv := range g.functionsByValue(fn) {
					inv.Alias, inv.Qualifier = to, name
					out = append(out, inv)
				}
			}
		}
		return out
	}
	return nil
}

// lambdaIndex maps known function names to functions, and known alias ARNs to aliases.
type lambdaIndex struct {
	once      sync.Once
	functions map[string][]*Instance
	aliases   map[string]*Instance
}

func (g *Graph) lambdaIndex() *lambdaIndex {
	idx := g.lambdas
	idx.once.Do(func() {
		idx.functions = map[string][]*Instance{}
		idx.aliases = map[string]*Instance{}
		for _, fn := range g.ByType("aws_lambda_function") {
			if name, ok := fn.Get("function_name").String(); ok {
				idx.functions[name] = append(idx.functions[name], fn)
			}
		}
		for _, a := range g.ByType("aws_lambda_alias") {
			if arn, ok := a.Get("arn").String(); ok {
				idx.aliases[arn] = a
			}
		}
	})
	return idx
}

// functionsByValue finds functions named by a known string: a function name, a function ARN
// (optionally qualified), or an API Gateway invoke ARN wrapping one.
func (g *Graph) functionsByValue(v string) []Invocation {
	idx := g.lambdaIndex()
	if a, ok := idx.aliases[v]; ok {
		return g.invocationsOf(a, "")
	}
	name, qualifier := parseFunctionRef(v)
	if name == "" {
		return nil
	}
	var out []Invocation
	for _, fn := range idx.functions[name] {
		if !sameFunctionARN(fn, v) {
			continue
		}
		out = append(out, Invocation{Function: fn, Qualifier: qualifier, ByValue: true})
	}
	if len(out) > 1 {
		// One name in several regions or accounts (provider aliases) and nothing in the plan to
		// tell which: matching them all would blame the wrong function, so match none.
		return nil
	}
	return out
}

// sameFunctionARN reports whether fn can be the function a value names: when the value is an ARN
// and fn's own ARN is known, their region, account and name must agree.
func sameFunctionARN(fn *Instance, v string) bool {
	want := functionARNPrefix(v)
	if want == "" {
		return true
	}
	have, ok := fn.Get("arn").String()
	if !ok {
		return true
	}
	return functionARNPrefix(have) == want
}

// functionARNPrefix returns "arn:partition:lambda:region:account:function:name" of an ARN, also
// inside an invoke ARN, or "" when v holds none.
func functionARNPrefix(v string) string {
	if i := strings.Index(v, "/functions/"); i >= 0 {
		v = strings.TrimSuffix(v[i+len("/functions/"):], "/invocations")
	}
	if !strings.HasPrefix(v, "arn:") {
		return ""
	}
	parts := strings.Split(v, ":")
	if len(parts) < 7 || parts[5] != "function" {
		return ""
	}
	return strings.Join(parts[:7], ":")
}

// parseFunctionRef extracts the function name and qualifier from a name, a function ARN
// (arn:aws:lambda:region:account:function:name[:qualifier]) or an invoke ARN
// (arn:aws:apigateway:region:lambda:path/2015-03-31/functions/<function ARN>/invocations).
func parseFunctionRef(v string) (name, qualifier string) {
	if i := strings.Index(v, "/functions/"); i >= 0 {
		v = strings.TrimSuffix(v[i+len("/functions/"):], "/invocations")
	}
	if !strings.HasPrefix(v, "arn:") {
		if strings.ContainsAny(v, "/: ") {
			return "", ""
		}
		return v, "$LATEST"
	}
	parts := strings.Split(v, ":")
	for i := 0; i+1 < len(parts); i++ {
		if parts[i] == "function" {
			name = parts[i+1]
			qualifier = "$LATEST"
			if i+2 < len(parts) {
				qualifier = parts[i+2]
			}
			return name, qualifier
		}
	}
	return "", ""
}

// PathSteps turns a dotted attribute path ("a.0.b") into Get arguments: numbers index lists.
func PathSteps(path string) []any {
	var out []any
	for _, p := range strings.Split(path, ".") {
		if n, ok := atoi(p); ok {
			out = append(out, n)
		} else {
			out = append(out, p)
		}
	}
	return out
}

func atoi(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// FunctionsNamed returns the Lambda functions whose known function_name is name, in plan order,
// from an index built once (rules that look functions up by name for each of thousands of
// callers would otherwise scan every function each time).
func (g *Graph) FunctionsNamed(name string) []*Instance { return g.lambdaIndex().functions[name] }

// FunctionsByValue finds the Lambda functions in the plan that a known string names: a function
// name, a function ARN (optionally qualified) or an API Gateway invoke ARN wrapping one.
func (g *Graph) FunctionsByValue(v string) []Invocation { return g.functionsByValue(v) }
