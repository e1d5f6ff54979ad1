package provider

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
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
	assert.Equal(t, platform.DateLookedUp, c.priceDate, "the Fargate prices are the most recent used")
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
}
