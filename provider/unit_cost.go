package provider

import (
	"fmt"
	"math"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/internal/schedule"
)

// unitCosts is a unit's monthly cost in USD, rounded to the cent. A nil pointer is a cost the model
// has no price for.
type unitCosts struct {
	functionUSD    float64
	keepWarmUSD    *float64
	provisionedUSD *float64
	containerUSD   float64
	totalUSD       float64
	priceDate      string
}

// costsFor prices a unit with a workload with internal/cost, the linter's cost model, at list
// prices. It also returns the cost model's recommendation between keep-warm pings and provisioned
// capacity (ok false when it has none), which placement follows.
func costsFor(in unitInputs, pingsPerSchedule float64) (out unitCosts, warm cost.Recommendation, ok bool, err error) {
	prices := cost.Default()
	fn, w := in.function, in.workload
	arch, err := cost.ParseArch(in.function.architecture)
	if err != nil {
		return out, warm, false, err
	}
	requests := float64(w.requestsPerMonth)

	onDemand, err := prices.OnDemand(fn.platform, int(fn.memoryMB), float64(w.avgDurationMS), arch)
	if err != nil {
		return out, warm, false, fmt.Errorf("pricing the function: %w", err)
	}
	out.functionUSD = cents(onDemand.At(requests).USD)

	configured := cost.Configured{}
	zero := 0.0
	out.keepWarmUSD = &zero
	if k := in.keepWarm; k != nil && k.enabled {
		configured.PingsPerMonth, configured.PingConcurrency = pingsPerSchedule, int(k.concurrency)
		out.keepWarmUSD = nil
		if billedMs, ok := cost.MinimumBilledMillis(fn.platform); ok {
			if kw, err := prices.KeepWarm(fn.platform, int(fn.memoryMB), arch, pingsPerSchedule, int(k.concurrency), billedMs); err == nil {
				usd := cents(kw.At(requests).USD)
				out.keepWarmUSD = &usd
			}
		}
	}

	workload := cost.Workload{RequestsPerMonth: requests, AvgDurationMs: float64(w.avgDurationMS)}
	if w.peakConcurrency != nil {
		workload.PeakConcurrency = int(*w.peakConcurrency)
	}
	comparison, err := prices.Compare(cost.Function{Platform: fn.platform, MemoryMB: int(fn.memoryMB), Arch: arch}, workload, configured)
	if err != nil {
		return out, warm, false, fmt.Errorf("comparing the function's options: %w", err)
	}
	if provisioned, err := comparison.Expected(cost.ProvisionedCapacity); err == nil {
		usd := cents(provisioned.Estimate.USD)
		out.provisionedUSD = &usd
	}
	if configured.PingsPerMonth > 0 {
		// An infinite margin leaves the container out: placement moves work to the container for
		// what the function can't run, not for price.
		warm, ok = comparison.Recommend(math.Inf(1), true)
	}

	if c := in.container; c != nil && c.minInstances > 0 {
		ct, err := prices.Container(c.platform, c.cpu, int(c.memoryMB), int(c.minInstances))
		if err != nil {
			return out, warm, false, fmt.Errorf("pricing the container: %w", err)
		}
		out.containerUSD = cents(ct.At(requests).USD)
	}

	out.totalUSD = out.functionUSD + out.containerUSD
	if out.keepWarmUSD != nil {
		out.totalUSD += *out.keepWarmUSD
	}
	out.totalUSD = cents(out.totalUSD)
	out.priceDate = prices.LatestDate() // one date per run: the table's, as the linter states it
	return out, warm, ok, nil
}

func cents(usd float64) float64 {
	return math.Round(usd*100) / 100
}

// functionMonthlyUSD prices a function served on demand, as monthly_cost.function_usd does.
func functionMonthlyUSD(platformID string, memoryMB, avgDurationMS, requests int64) (float64, error) {
	p, err := platform.ParsePlatform(platformID)
	if err != nil {
		return 0, err
	}
	option, err := cost.Default().OnDemand(p, int(memoryMB), float64(avgDurationMS), cost.X86_64)
	if err != nil {
		return 0, fmt.Errorf("pricing %s: %w", p, err)
	}
	return cents(option.At(float64(requests)).USD), nil
}

// keepWarmExpression renders "every interval minutes" in the schedule syntax of platformID.
func keepWarmExpression(platformID string, intervalMinutes int64) (string, error) {
	p, err := platform.ParsePlatform(platformID)
	if err != nil {
		return "", err
	}
	return schedule.RenderInterval(p, int(intervalMinutes))
}
