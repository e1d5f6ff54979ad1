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
