package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// functionTimeout returns a function's timeout in seconds when the plan knows it.
func functionTimeout(fn *graph.Instance) (int, bool) {
	return fn.Get("timeout").Int()
}

func aliasAddress(inv graph.Invocation) string {
	if inv.Alias != nil {
		return inv.Alias.Address
	}
	return ""
}

func seconds(n int) string { return fmt.Sprintf("%ds", n) }

// millisAsSeconds renders a millisecond limit as seconds, keeping fractions (29500 ms -> 29.5s).
func millisAsSeconds(ms int) string {
	if ms%1000 == 0 {
		return seconds(ms / 1000)
	}
	return fmt.Sprintf("%.1fs", float64(ms)/1000)
}
