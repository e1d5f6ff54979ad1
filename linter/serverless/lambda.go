package serverless

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// LambdaTimeout returns a function's timeout in seconds when the plan knows it.
func LambdaTimeout(fn *graph.Instance) (int, bool) {
	return fn.Get("timeout").Int()
}

func AliasAddress(inv graph.Invocation) string {
	if inv.Alias != nil {
		return inv.Alias.Address
	}
	return ""
}

func Seconds(n int) string { return fmt.Sprintf("%ds", n) }

// MillisAsSeconds renders a millisecond limit as seconds, keeping fractions (29500 ms -> 29.5s).
func MillisAsSeconds(ms int) string {
	if ms%1000 == 0 {
		return Seconds(ms / 1000)
	}
	return fmt.Sprintf("%.1fs", float64(ms)/1000)
}
