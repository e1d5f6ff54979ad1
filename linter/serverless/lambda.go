package serverless

import (
	"sync"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// LambdaTimeout returns a function's timeout in seconds when the plan knows it.
func LambdaTimeout(fn *graph.Instance) (int, bool) {
	return fn.Get("timeout").PositiveInt()
}

// AliasAddress is the address of the alias an invocation goes through, "" when it goes to the
// function itself.
func AliasAddress(inv graph.Invocation) string {
	if inv.Alias != nil {
		return inv.Alias.Address
	}
	return ""
}

// Timeouts remembers LambdaTimeout per function of a graph, shared by the rules that read it
// (TimeoutsOf): the queue, API and near-limit rules each read the timeout of every function they
// reach, which on the many-modules plan was three reads of each of 10,000 functions' values.
type Timeouts struct{ answers perFunction[knownInt] }

type knownInt struct {
	v  int
	ok bool
}

type timeoutsKey struct{}

// TimeoutsOf returns the graph's Timeouts.
func TimeoutsOf(g *graph.Graph) *Timeouts {
	return g.Memo(timeoutsKey{}, func() any {
		return &Timeouts{answers: newPerFunction[knownInt](g)}
	}).(*Timeouts)
}

// Of is LambdaTimeout(fn), read once.
func (t *Timeouts) Of(fn *graph.Instance) (int, bool) {
	k := t.answers.of(fn, func(fn *graph.Instance) (k knownInt) {
		k.v, k.ok = LambdaTimeout(fn)
		return k
	})
	return k.v, k.ok
}

type knownString struct {
	v  string
	ok bool
}

type runtimesKey struct{}

// RuntimeOf is a function's runtime when the plan knows it, read once per graph: the runtime,
// memory, cold-start and SnapStart rules each read it of every function they look at.
func RuntimeOf(g *graph.Graph, fn *graph.Instance) (string, bool) {
	k := perFunctionOf[knownString](g, runtimesKey{}).of(fn, func(fn *graph.Instance) (k knownString) {
		k.v, k.ok = fn.Get("runtime").String()
		return k
	})
	return k.v, k.ok
}

// perFunction remembers one answer per function of a graph, read on first use; rules may ask at
// the same time.
type perFunction[T any] struct {
	mu      sync.Mutex
	answers map[*graph.Instance]T
}

func newPerFunction[T any](g *graph.Graph) perFunction[T] {
	return perFunction[T]{answers: make(map[*graph.Instance]T, len(g.ByType("aws_lambda_function")))}
}

// perFunctionOf returns the graph's perFunction kept under key (graph.Memo).
func perFunctionOf[T any](g *graph.Graph, key any) *perFunction[T] {
	return g.Memo(key, func() any {
		p := newPerFunction[T](g)
		return &p
	}).(*perFunction[T])
}

func (p *perFunction[T]) of(fn *graph.Instance, read func(*graph.Instance) T) T {
	p.mu.Lock()
	defer p.mu.Unlock()
	a, seen := p.answers[fn]
	if !seen {
		a = read(fn)
		p.answers[fn] = a
	}
	return a
}
