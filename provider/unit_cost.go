package provider

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/internal/schedule"
)

// unitCosts is a unit's monthly cost in USD.
type unitCosts struct {
	functionUSD, keepWarmUSD, containerUSD, totalUSD float64
	// provisionedUSD is nil where the platform has no way to keep instances ready.
	provisionedUSD *float64
	priceDate      string
}

// costsFor prices a unit with a workload. TODO: internal/cost.
func costsFor(in unitInputs, pingsPerMonth int64) (unitCosts, error) {
	return unitCosts{}, fmt.Errorf("cost model not available")
}

// functionMonthlyUSD prices a function alone. TODO: internal/cost.
func functionMonthlyUSD(platformID string, memoryMB, avgDurationMS, requests int64) (float64, error) {
	return 0, fmt.Errorf("cost model not available")
}

// keepWarmExpression renders "every interval minutes" in the schedule syntax of platformID.
func keepWarmExpression(platformID string, intervalMinutes int64) (string, error) {
	p, err := platform.ParsePlatform(platformID)
	if err != nil {
		return "", err
	}
	return schedule.RenderInterval(p, int(intervalMinutes))
}
