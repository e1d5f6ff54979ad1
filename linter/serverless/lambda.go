package serverless

import "github.com/hybridlint/terraform-provider-hybrid/linter/graph"

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

// Timeouts remembers LambdaTimeout per function for one rule's run: a rule that reaches one
// function from thousands of callers (an API, a queue per tenant) reads its timeout once.
type Timeouts map[*graph.Instance]knownInt

type knownInt struct {
	v  int
	ok bool
}

// Of is LambdaTimeout(fn), read once.
func (t Timeouts) Of(fn *graph.Instance) (int, bool) {
	k, seen := t[fn]
	if !seen {
		k.v, k.ok = LambdaTimeout(fn)
		t[fn] = k
	}
	return k.v, k.ok
}
