package provider

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/costreport"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

func TestComputeUnit_placement(t *testing.T) {
	fargate := &containerInputs{platform: platform.AWSFargate, cpu: 1, memoryMB: 2048, minInstances: 1}
	cases := []struct {
		name    string
		edit    func(*unitInputs)
		want    string
		reasons []string
	}{
		{"function alone", func(*unitInputs) {}, placementFunction,
			[]string{"no workload given; the function serves all work within its 30 s timeout"}},
		{"workload that fits", func(in *unitInputs) {
			in.workload = &workloadInputs{requestsPerMonth: 1000, avgDurationMS: 200, p99DurationMS: ptr[int64](2500)}
		}, placementFunction, []string{"average duration 200 ms and p99 duration 2.5 s are within the function timeout of 30 s"}},
		{"kept warm", func(in *unitInputs) {
			in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](5), concurrency: 2, enabled: true}
		}, placementFunctionKeptWarm, []string{"keep-warm pings every 5 minutes hold 2 instances warm"}},
		{"disabled keep-warm is no keep-warm", func(in *unitInputs) {
			in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](5), concurrency: 2, enabled: false}
		}, placementFunction, nil},
		{"peak beyond the warm instances", func(in *unitInputs) {
			in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](5), concurrency: 2, enabled: true}
			in.workload = &workloadInputs{requestsPerMonth: 1000, avgDurationMS: 200, peakConcurrency: ptr[int64](10)}
		}, placementProvisioned, []string{
			"keep-warm pings every 5 minutes hold 2 instances warm",
			"peak concurrency 10 exceeds those 2, so 8 start cold at peak; provisioned concurrency keeps them ready",
		}},
		{"steady traffic makes provisioned capacity cheaper than pings", func(in *unitInputs) {
			in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](5), concurrency: 1, enabled: true}
			in.workload = &workloadInputs{requestsPerMonth: 20_000_000, avgDurationMS: 1000}
		}, placementProvisioned, nil},
		{"peak beyond warm instances on a platform with no ready instances", func(in *unitInputs) {
			in.function = functionInputs{platform: platform.AzureFunctionsConsumption, memoryMB: 512, timeoutSeconds: 30}
			in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](5), concurrency: 2, enabled: true}
			in.workload = &workloadInputs{requestsPerMonth: 1000, avgDurationMS: 200, peakConcurrency: ptr[int64](10)}
		}, placementFunctionKeptWarm, nil},
		{"tail beyond the routing threshold", func(in *unitInputs) {
			in.container = fargate
			in.routing = &routingInputs{maxFunctionSeconds: ptr[int64](20)}
			in.workload = &workloadInputs{requestsPerMonth: 1000, avgDurationMS: 900, p99DurationMS: ptr[int64](25000)}
		}, placementHybrid, []string{"p99 duration 25 s exceeds routing.max_function_seconds of 20 s, so the slowest work goes to the container"}},
		{"tail beyond the timeout without a container", func(in *unitInputs) {
			in.workload = &workloadInputs{requestsPerMonth: 1000, avgDurationMS: 900, p99DurationMS: ptr[int64](45000)}
		}, placementHybrid, []string{"p99 duration 45 s exceeds the function timeout of 30 s, so the slowest work goes to the container; declare a container to take it"}},
		{"declared routing", func(in *unitInputs) {
			in.container = fargate
			in.routing = &routingInputs{maxFunctionMemoryMB: ptr[int64](512)}
		}, placementHybrid, []string{"routing sends work over 512 MB to the container"}},
		{"typical work beyond the timeout", func(in *unitInputs) {
			in.container = fargate
			in.workload = &workloadInputs{requestsPerMonth: 1000, avgDurationMS: 40000}
		}, placementContainer, []string{"average duration 40 s exceeds the function timeout of 30 s, so most work belongs in the container"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := lambdaUnit()
			tc.edit(&in)
			res, err := computeUnit(in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, res.placement)
			if tc.reasons != nil {
				assert.Equal(t, tc.reasons, res.reasons)
			}
			assert.NotEmpty(t, res.reasons, "every placement says why")
		})
	}
}

func TestComputeUnit_schedules(t *testing.T) {
	cases := []struct {
		name     string
		function platform.Platform
		keepWarm keepWarmInputs
		want     map[string]string
		pings    int64
	}{
		{"interval on Lambda", platform.AWSLambda,
			keepWarmInputs{intervalMinutes: ptr[int64](10), concurrency: 3, enabled: true},
			map[string]string{"aws": "rate(10 minutes)", "gcp": "*/10 * * * *", "azure": "0 */10 * * * *"},
			platform.HoursPerMonth * 6 * 3},
		{"interval only a rate can hold", platform.AWSLambda,
			keepWarmInputs{intervalMinutes: ptr[int64](7), concurrency: 1, enabled: true},
			map[string]string{"aws": "rate(7 minutes)"},
			platform.HoursPerMonth * 60 / 7},
		{"unix cron on Google, normalised", platform.GCPFunctionsGen2,
			keepWarmInputs{schedule: ptr("*/15  * * * *"), concurrency: 1, enabled: true},
			map[string]string{"aws": "rate(15 minutes)", "gcp": "*/15 * * * *", "azure": "0 */15 * * * *"},
			platform.HoursPerMonth * 4},
		{"NCRONTAB on Azure", platform.AzureFunctionsFlex,
			keepWarmInputs{schedule: ptr("0 */4 * * * *"), concurrency: 2, enabled: true},
			map[string]string{"aws": "rate(4 minutes)", "gcp": "*/4 * * * *", "azure": "0 */4 * * * *"},
			platform.HoursPerMonth * 15 * 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := unitInputs{function: functionInputs{platform: tc.function, memoryMB: 2048, timeoutSeconds: 60}, keepWarm: &tc.keepWarm}
			require.False(t, checkUnit(in).HasError())
			res, err := computeUnit(in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, res.schedules)
			assert.Equal(t, tc.pings, res.pingsPerMonth)
		})
	}
}

func TestComputeUnit_costs(t *testing.T) {
	in := lambdaUnit()
	in.function.architecture = "arm64"
	in.container = &containerInputs{platform: platform.AWSFargate, cpu: 0.5, memoryMB: 1024, minInstances: 2}
	in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](5), concurrency: 2, enabled: true}
	in.workload = &workloadInputs{requestsPerMonth: 2_000_000, avgDurationMS: 300}
	res, err := computeUnit(in)
	require.NoError(t, err)
	require.NotNil(t, res.costs)
	c := res.costs

	prices := cost.Default()
	onDemand, err := prices.OnDemand(platform.AWSLambda, 1024, 300, cost.ARM64)
	require.NoError(t, err)
	assert.Equal(t, cents(onDemand.At(2e6).USD), c.functionUSD, "arm64 prices apply")
	billedMs, _ := cost.MinimumBilledMillis(platform.AWSLambda)
	keepWarm, err := prices.KeepWarm(platform.AWSLambda, 1024, cost.ARM64, platform.HoursPerMonth*12, 2, billedMs)
	require.NoError(t, err)
	require.NotNil(t, c.keepWarmUSD)
	assert.Equal(t, cents(keepWarm.At(0).USD), *c.keepWarmUSD)
	comparison, err := prices.Compare(cost.Function{Platform: platform.AWSLambda, MemoryMB: 1024, Arch: cost.ARM64},
		cost.Workload{RequestsPerMonth: 2e6, AvgDurationMs: 300},
		cost.Configured{PingsPerMonth: platform.HoursPerMonth * 12, PingConcurrency: 2})
	require.NoError(t, err)
	provisioned, err := comparison.Expected(cost.ProvisionedCapacity)
	require.NoError(t, err)
	require.NotNil(t, c.provisionedUSD)
	assert.Equal(t, cents(provisioned.Estimate.USD), *c.provisionedUSD, "the cost model's provisioned option for this workload")
	container, err := prices.Container(platform.AWSFargate, 0.5, 1024, 2)
	require.NoError(t, err)
	assert.Equal(t, cents(container.At(0).USD), c.containerUSD)
	assert.InDelta(t, c.functionUSD+*c.keepWarmUSD+c.containerUSD, c.totalUSD, 0.005)
	assert.Equal(t, platform.DateMinInstanceRatesLookedUp, c.priceDate, "the date of the price table, its latest price (the Cloud Run minimum-instance rates), as the linter states it")
}

func TestComputeUnit_costsWithoutAPrice(t *testing.T) {
	unit := func(p platform.Platform, memoryMB int64) unitInputs {
		return unitInputs{
			function:  functionInputs{platform: p, memoryMB: memoryMB, timeoutSeconds: 60},
			keepWarm:  &keepWarmInputs{intervalMinutes: ptr[int64](10), concurrency: 1, enabled: true},
			workload:  &workloadInputs{requestsPerMonth: 1000, avgDurationMS: 100},
			container: &containerInputs{platform: platform.AzureContainerApps, cpu: 0.5, memoryMB: 1024, minInstances: 0},
		}
	}
	res, err := computeUnit(unit(platform.AzureFunctionsConsumption, 512))
	require.NoError(t, err)
	assert.NotNil(t, res.costs.keepWarmUSD)
	assert.Nil(t, res.costs.provisionedUSD, "Consumption has no ready instances")
	assert.Zero(t, res.costs.containerUSD, "a container that scales to zero has no always-on cost")
	assert.InDelta(t, res.costs.functionUSD+*res.costs.keepWarmUSD, res.costs.totalUSD, 0.005)

	res, err = computeUnit(unit(platform.AzureFunctionsFlex, 2048))
	require.NoError(t, err)
	assert.Nil(t, res.costs.keepWarmUSD, "no source gives the shortest duration Flex Consumption bills")
	assert.NotNil(t, res.costs.provisionedUSD, "Flex has always-ready instances")
	assert.Equal(t, res.costs.functionUSD, res.costs.totalUSD, "an unpriced keep-warm counts as 0")

	res, err = computeUnit(unit(platform.GCPFunctionsGen1, 256))
	require.NoError(t, err)
	assert.Nil(t, res.costs.provisionedUSD, "no source gives the idle rate of a 1st gen minimum instance")

	// A 2nd gen function's minimum instance, as the linter prices it: 0.333 vCPU and 0.5 GiB idle
	// all month, (0.333 + 0.5) x 2,628,000 s x $0.0000025 = $5.47281, and 1,000 requests of 100 ms
	// as on demand, $0.0013242: $5.47.
	res, err = computeUnit(unit(platform.GCPFunctionsGen2, 512))
	require.NoError(t, err)
	require.NotNil(t, res.costs.provisionedUSD)
	assert.Equal(t, 5.47, *res.costs.provisionedUSD)
}

// TestKeepWarm_oneJudgement: the plan-time warning about pings slower than the idle window and
// placement_reasons come from one judgement, so a unit never hears both "most pings find the
// function cold" and "pings hold instances warm".
func TestKeepWarm_oneJudgement(t *testing.T) {
	for _, pl := range []platform.Platform{platform.AWSLambda, platform.AzureFunctionsConsumption} {
		for minutes := int64(1); minutes <= 30; minutes++ {
			in := unitInputs{function: functionInputs{platform: pl, memoryMB: 1024, timeoutSeconds: 30}}
			in.keepWarm = &keepWarmInputs{intervalMinutes: ptr(minutes), concurrency: 2, enabled: true}
			diags := checkUnit(in)
			if diags.HasError() {
				continue // an interval the platform's schedule syntax cannot hold
			}
			warned := false
			for _, d := range diags {
				warned = warned || d.Summary() == "Keep-warm interval longer than the idle window"
			}
			res, err := computeUnit(in)
			require.NoError(t, err)
			holds := false
			for _, r := range res.reasons {
				holds = holds || strings.Contains(r, "hold 2 instances warm")
			}
			assert.NotEqual(t, warned, holds, "%s every %d minutes: warned %v, reasons %q", pl, minutes, warned, res.reasons)
			assert.Equal(t, warned, res.placement != placementFunctionKeptWarm, "%s every %d minutes: placement %s", pl, minutes, res.placement)
		}
	}
}

// TestComputeUnit_costsEqualTheLinters drives the provider and `hybridlint cost` on the same unit:
// the provider computes it, the linter prices the same unit from a plan (its function lives in
// another stack, so the unit's own function block is priced). Every amount they share agrees.
func TestComputeUnit_costsEqualTheLinters(t *testing.T) {
	cases := []struct {
		name     string
		function functionInputs
		keepWarm *keepWarmInputs
		workload workloadInputs
	}{
		{"Lambda kept warm", functionInputs{platform: platform.AWSLambda, memoryMB: 1536, timeoutSeconds: 60, architecture: "arm64"},
			&keepWarmInputs{intervalMinutes: ptr[int64](5), concurrency: 3, enabled: true},
			workloadInputs{requestsPerMonth: 4_000_000, avgDurationMS: 900, peakConcurrency: ptr[int64](20)}},
		{"Lambda on demand", functionInputs{platform: platform.AWSLambda, memoryMB: 512, timeoutSeconds: 30},
			nil, workloadInputs{requestsPerMonth: 50_000_000, avgDurationMS: 120}},
		{"Cloud Functions 2nd gen", functionInputs{platform: platform.GCPFunctionsGen2, memoryMB: 2048, timeoutSeconds: 540},
			nil, workloadInputs{requestsPerMonth: 3000, avgDurationMS: 120_000}},
		{"Flex Consumption kept warm", functionInputs{platform: platform.AzureFunctionsFlex, memoryMB: 2048, timeoutSeconds: 600},
			&keepWarmInputs{intervalMinutes: ptr[int64](5), concurrency: 1, enabled: true},
			workloadInputs{requestsPerMonth: 30_000_000, avgDurationMS: 300}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := unitInputs{function: tc.function, keepWarm: tc.keepWarm, workload: &tc.workload}
			res, err := computeUnit(in)
			require.NoError(t, err)
			require.NotNil(t, res.costs)

			fn := map[string]any{"platform": string(tc.function.platform), "memory_mb": tc.function.memoryMB,
				"timeout_seconds": tc.function.timeoutSeconds, "target": "in-another-stack"}
			if tc.function.architecture != "" {
				fn["architecture"] = tc.function.architecture
			}
			workload := map[string]any{"requests_per_month": tc.workload.requestsPerMonth, "avg_duration_ms": tc.workload.avgDurationMS}
			if tc.workload.peakConcurrency != nil {
				workload["peak_concurrency"] = *tc.workload.peakConcurrency
			}
			after := map[string]any{"name": "u", "function": fn, "workload": workload}
			if k := tc.keepWarm; k != nil {
				after["keep_warm"] = map[string]any{"enabled": true, "interval_minutes": *k.intervalMinutes, "concurrency": k.concurrency}
			}
			g := plantest.New().Add(plantest.Resource{Address: "hybrid_unit.u", After: after}).Graph(t)
			rep := costreport.Build([]costreport.Plan{{Name: "plan.json", Graph: g}},
				costreport.Options{Settings: serverless.Inputs{IdleWindowMinutes: 5}, MarginPercent: 30})
			require.Len(t, rep.Functions, 1)
			amounts := map[string]float64{}
			for _, o := range rep.Functions[0].Options {
				if o.MonthlyUSD != nil && !o.SizedToPeak {
					amounts[o.Kind] = *o.MonthlyUSD
				}
			}
			c := res.costs
			assert.Equal(t, amounts["on_demand"], c.functionUSD, "function_usd is the on-demand option")
			if c.provisionedUSD != nil {
				assert.Equal(t, amounts["provisioned"], *c.provisionedUSD, "provisioned_usd is the provisioned option")
			} else {
				assert.NotContains(t, amounts, "provisioned")
			}
			if tc.keepWarm != nil && c.keepWarmUSD != nil {
				assert.InDelta(t, amounts["keep_warm"], c.functionUSD+*c.keepWarmUSD, 0.011, "function_usd + keep_warm_usd is the keep-warm option")
			}
			assert.Equal(t, strings.TrimPrefix(rep.PriceDate, "list prices of "), c.priceDate, "one price date")
		})
	}
}
