package cost

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

func TestAzureConsumptionBillsAtLeast100ms(t *testing.T) {
	// 1,000,000 executions of 40 ms at 256 MB bill as 100 ms: 1,000,000 x 0.1 s x 0.25 GB = 25,000
	// GB-s x $0.000016 = $0.40; executions $0.20.
	o, err := Default().OnDemand(platform.AzureFunctionsConsumption, 256, 40, X86_64)
	require.NoError(t, err)
	assert.InDelta(t, 0.60, o.At(1e6).USD, 1e-9)

	ms, ok := MinimumBilledMillis(platform.AzureFunctionsConsumption)
	assert.True(t, ok)
	assert.Equal(t, 100.0, ms)
	_, ok = MinimumBilledMillis(platform.AzureFunctionsPremium)
	assert.False(t, ok, "Premium bills instances, not executions")
}

func TestKeepWarmOnGoogleBillsEachPing100ms(t *testing.T) {
	// 8,760 pings a month to a 256 MB 1st gen function (400 MHz), each billed 100 ms:
	// invocations 8,760 x $0.40/M = $0.003504; memory 876 s x 0.25 GB = 219 GB-s x $0.0000025 =
	// $0.0005475; CPU 876 s x 0.4 GHz = 350.4 GHz-s x $0.00001 = $0.003504.
	ms, ok := MinimumBilledMillis(platform.GCPFunctionsGen1)
	require.True(t, ok)
	kw, err := Default().KeepWarm(platform.GCPFunctionsGen1, 256, X86_64, 8760, 1, ms)
	require.NoError(t, err)
	assert.InDelta(t, 0.003504+0.0005475+0.003504, kw.At(0).USD, 1e-12)
}

func TestFunctionCPU(t *testing.T) {
	tests := []struct {
		fn   Function
		want float64
	}{
		{Function{Platform: platform.AWSLambda, MemoryMB: 1769}, 1},
		{Function{Platform: platform.AWSLambda, MemoryMB: 10240}, platform.LambdaVCPU(10240)},
		{Function{Platform: platform.GCPFunctionsGen1, MemoryMB: 256}, 0.167},
		{Function{Platform: platform.GCPFunctionsGen2, MemoryMB: 512}, 0.333},
		{Function{Platform: platform.GCPFunctionsGen2, MemoryMB: 512, VCPU: 2}, 2},
		{Function{Platform: platform.GCPCloudRun, MemoryMB: 512}, 1},
		{Function{Platform: platform.AzureFunctionsFlex, MemoryMB: 2048}, 0},
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.want, tt.fn.CPU(), 1e-9, "%+v", tt.fn)
	}
}

func TestContainerFor(t *testing.T) {
	p := Default()
	tests := []struct {
		name        string
		fn          Function
		concurrency int
		want        ContainerSize
		usd         float64
	}{
		{
			// A 512 MB Lambda has 0.289 vCPU: a 0.25 vCPU task cannot hold it; 0.5 vCPU / 1 GB holds
			// one. 0.5 x 730 x $0.04048 + 1 x 730 x $0.004445 = $14.7752 + $3.24485.
			name: "lambda 512 MB alone", fn: Function{Platform: platform.AWSLambda, MemoryMB: 512}, concurrency: 1,
			want: ContainerSize{Platform: platform.AWSFargate, VCPU: 0.5, MemoryMB: 1024, Instances: 1, PerInstance: 1},
			usd:  18.02005,
		},
		{
			// Ten 128 MB (0.072 vCPU) instances: three fit a 0.25 vCPU task ($9.010025), so four of those,
			// two 0.5 vCPU tasks or one 1 vCPU / 2 GB task ($36.0401) cost the same; fewer instances win.
			name: "lambda 128 MB x 10", fn: Function{Platform: platform.AWSLambda, MemoryMB: 128}, concurrency: 10,
			want: ContainerSize{Platform: platform.AWSFargate, VCPU: 1, MemoryMB: 2048, Instances: 1, PerInstance: 10},
			usd:  36.0401,
		},
		{
			// A 2nd gen 512 MiB function (0.333 vCPU) on an always-on Cloud Run instance, which needs a
			// whole vCPU: 2,628,000 s x ($0.000018 + 0.5 x $0.000002) = $47.304 + $2.628.
			name: "gen2 on cloud run", fn: Function{Platform: platform.GCPFunctionsGen2, MemoryMB: 512}, concurrency: 1,
			want: ContainerSize{Platform: platform.GCPCloudRun, VCPU: 1, MemoryMB: 512, Instances: 1, PerInstance: 1},
			usd:  49.932,
		},
		{
			// Three 2 GB Flex instances: Container Apps replicas come with 2 GiB per vCPU, so 3 vCPU /
			// 6 GiB holds all three: 2,628,000 s x (3 x $0.000024 + 6 x $0.000003) = $236.52.
			name: "flex on container apps", fn: Function{Platform: platform.AzureFunctionsFlex, MemoryMB: 2048}, concurrency: 3,
			want: ContainerSize{Platform: platform.AzureContainerApps, VCPU: 3, MemoryMB: 6144, Instances: 1, PerInstance: 3},
			usd:  236.52,
		},
		{
			// More than the largest Fargate task holds: 40 instances of a 3 GB Lambda (1.74 vCPU each)
			// need 70 vCPU; 16 vCPU / 120 GB tasks hold 9 each (CPU-bound), so 5 tasks.
			name: "spread over tasks", fn: Function{Platform: platform.AWSLambda, MemoryMB: 3072}, concurrency: 40,
			want: ContainerSize{Platform: platform.AWSFargate, VCPU: 16, MemoryMB: 30720, Instances: 5, PerInstance: 8},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, size, err := p.ContainerFor(tt.fn, tt.concurrency)
			require.NoError(t, err)
			if tt.usd > 0 {
				assert.Equal(t, tt.want, size)
				assert.InDelta(t, tt.usd, o.At(0).USD, 1e-6)
			}
			assert.GreaterOrEqual(t, size.Instances*size.PerInstance, tt.concurrency, "the instances hold the concurrency")
			assert.InDelta(t, o.At(0).USD, o.At(1e9).USD, 1e-9, "always on: no charge per request")
		})
	}

	_, _, err := p.ContainerFor(Function{Platform: platform.AzureFunctionsPremium, MemoryMB: 14336}, 1)
	assert.ErrorContains(t, err, "no azure_container_apps instance holds one azure_functions_premium instance of 14 GB: the function is larger")
	_, _, err = p.ContainerFor(Function{Platform: platform.AWSFargate, MemoryMB: 512}, 1)
	assert.ErrorContains(t, err, "has no container counterpart")
	_, _, err = p.ContainerFor(Function{Platform: platform.AWSLambda}, 1)
	assert.ErrorContains(t, err, "use a positive size")
}

func TestContainerForPicksTheCheapestSpread(t *testing.T) {
	// Whatever the concurrency, no other way to spread it over one size is cheaper than the choice.
	p := Default()
	fn := Function{Platform: platform.AWSLambda, MemoryMB: 1024}
	for _, k := range []int{1, 2, 3, 7, 20, 64, 500} {
		o, size, err := p.ContainerFor(fn, k)
		require.NoError(t, err)
		for _, s := range containerShapes(platform.AWSFargate) {
			per := s.capacity(fn.MemoryMB, fn.CPU())
			if per < 1 {
				continue
			}
			other, err := p.Container(platform.AWSFargate, s.vcpu, s.memoryMB, (k+per-1)/per)
			require.NoError(t, err)
			assert.GreaterOrEqual(t, other.At(0).USD, o.At(0).USD-1e-6, "k=%d: %+v is cheaper than %s", k, s, size)
		}
	}
}

func TestConcurrencyAt(t *testing.T) {
	// 4,000,000 requests of 900 ms: 3,600,000 s of work in 2,628,000 s, 1.37 on average; a peak of 20
	// is 14.6 times that, and the ratio holds as traffic grows.
	w := Workload{RequestsPerMonth: 4e6, AvgDurationMs: 900, PeakConcurrency: 20}
	assert.InDelta(t, 1.36986, w.AverageConcurrency(), 1e-5)
	assert.Equal(t, 20, w.ConcurrencyAt(4e6))
	assert.Equal(t, 40, w.ConcurrencyAt(8e6))
	assert.Equal(t, 1, w.ConcurrencyAt(0))
	assert.Equal(t, 2, Workload{RequestsPerMonth: 4e6, AvgDurationMs: 900}.ConcurrencyAt(4e6), "the average, rounded up, without a peak")
	assert.Equal(t, 5, Workload{PeakConcurrency: 5, AvgDurationMs: 100}.ConcurrencyAt(0), "a peak without traffic still counts")
	assert.Equal(t, math.MaxInt32, Workload{RequestsPerMonth: 1, AvgDurationMs: 1e300}.ConcurrencyAt(1e300))
}

func TestCompareOptions(t *testing.T) {
	p := Default()
	fn := Function{Platform: platform.AWSLambda, MemoryMB: 512, Arch: X86_64}
	w := Workload{RequestsPerMonth: 50e6, AvgDurationMs: 120}
	c, err := p.Compare(fn, w, Configured{PingsPerMonth: 8760, PingConcurrency: 2, IdlePingsPerMonth: 8760})
	require.NoError(t, err)

	// On demand: 50M x ($0.0000002 + 0.06 GB-s x $0.0000166667) = $60.0001.
	od, err := c.Expected(OnDemand)
	require.NoError(t, err)
	assert.InDelta(t, 60.0001, od.Estimate.USD, 1e-6)

	// Kept warm: plus 8,760 x 2 pings of 1 ms at 0.5 GB: 17,520 x $0.0000002 + 8.76 GB-s x
	// $0.0000166667.
	kw, err := c.Expected(KeptWarm)
	require.NoError(t, err)
	assert.InDelta(t, 60.0001+0.003504+0.000146000292, kw.Estimate.USD, 1e-9)
	assert.Equal(t, "8,760 pings x 2 a month", kw.Basis)

	// 50M x 120 ms is 2.28 busy instances on average: 3 provisioned environments of 0.5 GB,
	// 3 x 0.5 x 2,628,000 x $0.0000041667 = $16.4251314; duration 3,000,000 GB-s x $0.0000097222 =
	// $29.1666; requests $10.
	pc, err := c.Expected(ProvisionedCapacity)
	require.NoError(t, err)
	assert.Equal(t, 3, pc.Instances)
	assert.InDelta(t, 16.4251314+29.1666+10, pc.Estimate.USD, 1e-6)

	// Three 0.289 vCPU instances fit one 1 vCPU / 2 GB task: $36.0401.
	box, err := c.Expected(AlwaysOnContainer)
	require.NoError(t, err)
	assert.Equal(t, "1 x aws_fargate 1 vCPU / 2 GB", box.Basis)
	assert.InDelta(t, 36.0401, box.Estimate.USD, 1e-6)

	rec, ok := c.Recommend(30, false)
	require.True(t, ok)
	assert.Equal(t, AlwaysOnContainer, rec.Kind)
	assert.Equal(t, OnDemand, rec.Versus)
	assert.Equal(t, "$36.04 a month, 40% less than $60.00 on demand", rec.Reason)

	rec, _ = c.Recommend(45, false)
	assert.Equal(t, OnDemand, rec.Kind, "a 40% saving is below a 45% margin")
	assert.Equal(t, "$60.00 a month; the container would cost $36.04", rec.Reason)

	// Kept warm, 50M requests pay the on-demand duration price; provisioned concurrency's cheaper
	// duration more than pays for its 3 environments.
	rec, _ = c.Recommend(90, true)
	assert.Equal(t, ProvisionedCapacity, rec.Kind)
	assert.Equal(t, "keeps it warm for $55.59 a month, $4.41 less than with keep-warm", rec.Reason)
	c, err = p.Compare(fn, Workload{RequestsPerMonth: 1e6, AvgDurationMs: 120}, Configured{PingsPerMonth: 8760, PingConcurrency: 2})
	require.NoError(t, err)
	rec, _ = c.Recommend(90, true)
	assert.Equal(t, KeptWarm, rec.Kind, "at 1M requests the pings cost less than an idle environment")
}

func TestComparisonBreakEven(t *testing.T) {
	p := Default()
	// Lambda 512 MB, 120 ms: $0.000001200002 a request. One 0.5 vCPU / 1 GB task, $18.02005 a month,
	// holds the traffic until the average concurrency passes 1 (21.9M requests), so the two cost the
	// same at 18.02005 / 0.000001200002 = 15,016,683 requests.
	c, err := p.Compare(Function{Platform: platform.AWSLambda, MemoryMB: 512}, Workload{RequestsPerMonth: 1e6, AvgDurationMs: 120}, Configured{})
	require.NoError(t, err)
	r, ok := c.BreakEven(OnDemand, AlwaysOnContainer)
	require.True(t, ok)
	assert.InEpsilon(t, 15016683, r, 1e-4)
	r2, ok := c.BreakEven(AlwaysOnContainer, OnDemand)
	require.True(t, ok)
	assert.InEpsilon(t, r, r2, 1e-4, "symmetric")

	_, ok = c.BreakEven(OnDemand, KeptWarm)
	assert.False(t, ok, "no schedule to price: keep-warm is not available without pings")

	c, err = p.Compare(Function{Platform: platform.AWSLambda, MemoryMB: 512}, Workload{RequestsPerMonth: 1e6, AvgDurationMs: 120}, Configured{IdlePingsPerMonth: 8760})
	require.NoError(t, err)
	_, ok = c.BreakEven(OnDemand, KeptWarm)
	assert.False(t, ok, "pings only ever add cost")

	// Provisioned concurrency bills duration at $0.0000097222 instead of $0.0000166667 a GB-s, so
	// with enough traffic it overtakes plain on demand: one environment ($5.4750 a month at 0.5 GB)
	// pays off at 5.4750 / (0.06 x 0.0000069445) = 13.14M requests, still within one environment.
	r, ok = c.BreakEven(OnDemand, ProvisionedCapacity)
	require.True(t, ok)
	assert.InEpsilon(t, 0.5*platform.SecondsPerMonth*platform.LambdaX86ProvisionedUSDPerGBSecond/
		(0.06*(platform.LambdaX86USDPerGBSecond-platform.LambdaX86ProvisionedDurationUSDPerGBSecond)), r, 1e-4)
}

func TestCompareExplainsMissingOptions(t *testing.T) {
	p := Default()
	w := Workload{RequestsPerMonth: 1e6, AvgDurationMs: 200}
	gen1, err := p.Compare(Function{Platform: platform.GCPFunctionsGen1, MemoryMB: 512}, w, Configured{IdlePingsPerMonth: 8760})
	require.NoError(t, err)
	assert.ErrorContains(t, gen1.Err(ProvisionedCapacity), "no provisioned capacity this model can price")
	assert.NoError(t, gen1.Err(KeptWarm))

	// A 2nd-gen function's minimum instance is priced: 0.333 vCPU and 0.5 GiB idle all month,
	// (0.333 + 0.5) x 2,628,000 x $0.0000025 = $5.47281, plus 1M requests of 200 ms as on demand:
	// $0.40 + 1M x 0.2 x 0.333 x $0.000024 = $1.5984 + 1M x 0.2 x 0.5 x $0.0000025 = $0.25.
	gen2, err := p.Compare(Function{Platform: platform.GCPFunctionsGen2, MemoryMB: 512}, w, Configured{IdlePingsPerMonth: 8760})
	require.NoError(t, err)
	minimum, err := gen2.Expected(ProvisionedCapacity)
	require.NoError(t, err)
	assert.Equal(t, "1 instance", minimum.Basis)
	assert.InDelta(t, 5.47281+0.40+1.5984+0.25, minimum.Estimate.USD, 1e-9)
	usd, ok := gen2.USD(ProvisionedCapacity, w.RequestsPerMonth)
	require.True(t, ok)
	assert.InDelta(t, minimum.Estimate.USD, usd, 1e-9, "USD and At agree")

	flex, err := p.Compare(Function{Platform: platform.AzureFunctionsFlex, MemoryMB: 2048}, w, Configured{IdlePingsPerMonth: 8760})
	require.NoError(t, err)
	assert.ErrorContains(t, flex.Err(KeptWarm), "no source gives the shortest duration azure_functions_flex bills")
	assert.NoError(t, flex.Err(ProvisionedCapacity))

	premium, err := p.Compare(Function{Platform: platform.AzureFunctionsPremium, MemoryMB: 3584}, w, Configured{IdlePingsPerMonth: 8760})
	require.NoError(t, err)
	assert.ErrorContains(t, premium.Err(KeptWarm), "keeps at least one instance warm already")
	// An EP1 costs $157.7165 a month; a 1.75 vCPU / 3.5 GiB replica 2,628,000 s x (1.75 x $0.000024 +
	// 3.5 x $0.000003) = $137.97, 12.5% less.
	rec, ok := premium.Recommend(10, true)
	require.True(t, ok)
	assert.Equal(t, AlwaysOnContainer, rec.Kind)
	assert.Equal(t, "$137.97 a month, 13% less than $157.72 on demand", rec.Reason)
	rec, _ = premium.Recommend(30, true)
	assert.Equal(t, OnDemand, rec.Kind, "a Premium plan is warm already; 12.5% is below the margin")

	_, err = p.Compare(Function{Platform: platform.AWSLambda, MemoryMB: 64}, w, Configured{})
	assert.ErrorContains(t, err, "Lambda runs 128 to 10240 MB")
	_, err = p.Compare(Function{Platform: platform.AWSLambda, MemoryMB: 512}, Workload{RequestsPerMonth: -1}, Configured{})
	assert.ErrorContains(t, err, "requests per month -1")
}

func TestSaving(t *testing.T) {
	assert.InDelta(t, 40, Saving(100, 60), 1e-12)
	assert.InDelta(t, -50, Saving(100, 150), 1e-12)
	assert.Equal(t, 0.0, Saving(0, 0))
	assert.True(t, math.IsInf(Saving(0, 1), -1))
}

func TestFormat(t *testing.T) {
	for usd, want := range map[float64]string{
		1234.567: "$1,234.57", 0.53: "$0.53", 0.0066: "$0.0066", 0.00123: "$0.0012", 0: "$0", -5: "-$5.00",
		10950.0876: "$10,950.09", 1e6: "$1,000,000.00", 0.999: "$1.00",
		// A cent is the boundary between cents and significant digits.
		0.01: "$0.01", 0.0099: "$0.0099", 0.011: "$0.01", -0.0066: "-$0.0066", -1234.5: "-$1,234.50",
	} {
		assert.Equal(t, want, FormatUSD(usd), "%g", usd)
	}
	for n, want := range map[float64]string{8760: "8,760", 21.75: "21.75", 1e9: "1,000,000,000", 2.5e3: "2,500", 0.5: "0.5", 730.0 / 24: "30.42",
		99.5: "99.5", 100: "100", 100.5: "101", -1234: "-1,234", -21.75: "-21.75", -123456.4: "-123,456"} {
		assert.Equal(t, want, FormatCount(n), "%g", n)
	}
	for mb, want := range map[int]string{512: "512 MB", 1024: "1 GB", 1536: "1.5 GB", 1769: "1.73 GB", 30720: "30 GB"} {
		assert.Equal(t, want, FormatMemory(mb), "%d", mb)
	}
	for n, want := range map[float64]string{4e6: "4M", 1.25e6: "1.25M", 950: "950", 12e3: "12K", 1.2e9: "1.2B", 3e12: "3T",
		999: "999", 999.6: "1K", 1000: "1K", 999999: "1M", 1e6: "1M", 999.5e6: "1B", 1e9: "1B", 1e12: "1T"} {
		assert.Equal(t, want, FormatRequests(n), "%g", n)
	}
}

func TestPriceDate(t *testing.T) {
	p := Default()
	od, err := p.OnDemand(platform.AWSLambda, 512, 100, X86_64)
	require.NoError(t, err)
	assert.Equal(t, "list prices of "+platform.DateLimitsRead, PriceDate(od.At(1)))
	box, err := p.Container(platform.AWSFargate, 1, 2048, 1)
	require.NoError(t, err)
	assert.Equal(t, "list prices of "+platform.DateLookedUp, PriceDate(od.At(1), box.At(1)), "the latest date")
	require.NoError(t, p.Override("aws_fargate_vcpu_hour", 0.03))
	box, err = p.Container(platform.AWSFargate, 1, 2048, 1)
	require.NoError(t, err)
	assert.Equal(t, "list prices of "+platform.DateLookedUp+", with overrides", PriceDate(od.At(1), box.At(1)))

	// Only a team's own prices, which carry no date; a price the estimate did not use does not count.
	own := Estimate{Items: []Item{{Quantity: 1, Price: Price{Name: "x", Overridden: true}}, {Quantity: 0, Price: Price{Name: "y", Date: "2030-01-01"}}}}
	assert.Equal(t, "overridden prices", PriceDate(own))
}

func TestConfiguredCPUIsBilled(t *testing.T) {
	// A 2nd gen function with 512 MiB but 1 vCPU configured: 1M x 0.2 s x 1 vCPU x $0.000024 = $4.80,
	// memory 100,000 GiB-s x $0.0000025 = $0.25, requests $0.40. At its tier's 0.333 vCPU the CPU
	// would cost $1.5984.
	fn := Function{Platform: platform.GCPFunctionsGen2, MemoryMB: 512, VCPU: 1}
	o, err := Default().OnDemandFor(fn, 200)
	require.NoError(t, err)
	assert.InDelta(t, 5.45, o.At(1e6).USD, 1e-9)
	tier, err := Default().OnDemand(platform.GCPFunctionsGen2, 512, 200, X86_64)
	require.NoError(t, err)
	assert.InDelta(t, 0.4+1.5984+0.25, tier.At(1e6).USD, 1e-9)

	// A ping bills 100 ms of the configured CPU: 8,760 x 0.1 s x $0.000024 = $0.021024, plus memory
	// 438 GiB-s x $0.0000025 and requests 8,760 x $0.40/M.
	kw, err := Default().KeepWarmFor(fn, 8760, 1, 100)
	require.NoError(t, err)
	assert.InDelta(t, 0.021024+0.001095+0.003504, kw.At(0).USD, 1e-12)
}

func TestRecommendWithOneWayToStayWarm(t *testing.T) {
	// Google has no provisioned capacity to price: the pings are the only way to stay warm here.
	c, err := Default().Compare(Function{Platform: platform.GCPFunctionsGen1, MemoryMB: 256},
		Workload{RequestsPerMonth: 3e5, AvgDurationMs: 200}, Configured{PingsPerMonth: 8760, PingConcurrency: 1})
	require.NoError(t, err)
	rec, ok := c.Recommend(30, true)
	require.True(t, ok)
	assert.Equal(t, KeptWarm, rec.Kind)
	assert.Equal(t, "$0.41 a month; the container would cost $48.62", rec.Reason)

	// Provisioned capacity priced as an alternative covers what the pings keep warm.
	c, err = Default().Compare(Function{Platform: platform.AWSLambda, MemoryMB: 1024},
		Workload{RequestsPerMonth: 1e6, AvgDurationMs: 80}, Configured{PingsPerMonth: 8760, PingConcurrency: 3})
	require.NoError(t, err)
	pc, err := c.Expected(ProvisionedCapacity)
	require.NoError(t, err)
	assert.Equal(t, 3, pc.Instances)
	assert.Equal(t, "3 instances", pc.Basis)
}

func TestUSDAgreesWithTheEstimates(t *testing.T) {
	// USD takes shortcuts for speed; at every traffic it must give the total of At.
	p := Default()
	cases := []struct {
		fn Function
		w  Workload
		c  Configured
	}{
		{Function{Platform: platform.AWSLambda, MemoryMB: 512, Arch: X86_64}, Workload{RequestsPerMonth: 5e7, AvgDurationMs: 120, PeakConcurrency: 9},
			Configured{PingsPerMonth: 8760, PingConcurrency: 2, Provisioned: 3, IdlePingsPerMonth: 8760}},
		{Function{Platform: platform.AWSLambda, MemoryMB: 2048, Arch: ARM64}, Workload{RequestsPerMonth: 1e6, AvgDurationMs: 400},
			Configured{IdlePingsPerMonth: 8760}},
		{Function{Platform: platform.GCPFunctionsGen2, MemoryMB: 512, VCPU: 1}, Workload{RequestsPerMonth: 2e8, AvgDurationMs: 60, PeakConcurrency: 6},
			Configured{IdlePingsPerMonth: 8760}},
		{Function{Platform: platform.GCPFunctionsGen1, MemoryMB: 256}, Workload{RequestsPerMonth: 3e5, AvgDurationMs: 200},
			Configured{PingsPerMonth: 8760, PingConcurrency: 1}},
		{Function{Platform: platform.AzureFunctionsFlex, MemoryMB: 2048}, Workload{RequestsPerMonth: 3e7, AvgDurationMs: 300},
			Configured{Provisioned: 2, IdlePingsPerMonth: 8760}},
		{Function{Platform: platform.AzureFunctionsConsumption, MemoryMB: 256}, Workload{RequestsPerMonth: 5e5, AvgDurationMs: 1500},
			Configured{PingsPerMonth: 4380, PingConcurrency: 1}},
		{Function{Platform: platform.AzureFunctionsPremium, MemoryMB: 3584}, Workload{RequestsPerMonth: 1e6, AvgDurationMs: 100},
			Configured{Provisioned: 2}},
	}
	for _, tc := range cases {
		c, err := p.Compare(tc.fn, tc.w, tc.c)
		require.NoError(t, err)
		for _, k := range Kinds() {
			for r := 1.0; r < 1e12; r *= 3.7 {
				pr, err := c.At(k, r)
				usd, ok := c.USD(k, r)
				assert.Equal(t, err == nil, ok, "%s %s at %g", tc.fn.Platform, k, r)
				if err == nil {
					assert.InEpsilon(t, pr.Estimate.USD, usd, 1e-9, "%s %s at %g", tc.fn.Platform, k, r)
				}
			}
		}
	}
	_, ok := (&Comparison{}).USD(Kind(9), 1)
	assert.False(t, ok)
}

func TestRowsAddThePeakSizedRowWhenThePlanProvisionsTooFew(t *testing.T) {
	// Lambda 512 MB, 120 ms: one instance busy all month serves 2,628,000 s / 0.12 s = 21.9M
	// requests, so 65.7M requests keep 3 busy. One provisioned instance at 0.5 GB costs 0.5 x
	// 2,628,000 x $0.0000041667 = $5.4750438 a month.
	fn := Function{Platform: platform.AWSLambda, MemoryMB: 512, Arch: X86_64}
	c, err := Default().Compare(fn, Workload{RequestsPerMonth: 65.7e6, AvgDurationMs: 120}, Configured{Provisioned: 2, IdlePingsPerMonth: 8760})
	require.NoError(t, err)
	type row struct {
		kind        Kind
		basis       string
		instances   int
		sizedToPeak bool
	}
	var got []row
	for _, r := range c.Rows() {
		require.NoError(t, r.Err)
		got = append(got, row{r.Kind, r.Basis, r.Instances, r.SizedToPeak})
	}
	assert.Equal(t, []row{
		{OnDemand, "per request", 0, false},
		{KeptWarm, "8,760 pings x 3 a month", 0, false},
		{ProvisionedCapacity, "2 instances; 21.9M requests a month above their capacity billed on demand", 2, false},
		{ProvisionedCapacity, "3 instances, sized to the expected peak instead of the planned 2", 3, true},
		{AlwaysOnContainer, "1 x aws_fargate 1 vCPU / 2 GB", 0, false},
	}, got)

	// As planned: 2 x $5.4750438, 43.8M requests served at $0.0000002 + 0.06 GB-s x $0.0000097222,
	// 21.9M overflow at $0.0000002 + 0.06 GB-s x $0.0000166667.
	planned, err := c.Expected(ProvisionedCapacity)
	require.NoError(t, err)
	assert.InDelta(t, 10.9500876+8.76+25.5499416+4.38+21.9000438, planned.Estimate.USD, 1e-6)
	// Sized to the peak: 3 x $5.4750438 and all 65.7M requests at the provisioned price.
	peak, ok := c.PeakSized(c.Workload.RequestsPerMonth)
	require.True(t, ok)
	assert.InDelta(t, 16.4251314+13.14+38.3249124, peak.Estimate.USD, 1e-6)

	rec, ok := c.Recommend(90, true)
	require.True(t, ok)
	assert.Equal(t, Recommendation{Kind: ProvisionedCapacity, USD: peak.Estimate.USD, Versus: ProvisionedCapacity,
		VersusUSD: peak.Estimate.USD, SizedToPeak: true,
		Reason: "keeps it warm for $67.89 a month sized to the peak (3 instances), $10.96 less than with keep-warm"}, rec)

	// Provisioning the peak (or more) leaves no second row.
	for _, provisioned := range []int{3, 4} {
		c, err := Default().Compare(fn, Workload{RequestsPerMonth: 65.7e6, AvgDurationMs: 120}, Configured{Provisioned: provisioned})
		require.NoError(t, err)
		_, ok := c.PeakSized(c.Workload.RequestsPerMonth)
		assert.False(t, ok, "provisioned %d", provisioned)
		assert.Len(t, c.Rows(), 4, "provisioned %d", provisioned)
	}
}

func TestProvisionedInstances(t *testing.T) {
	// 219M requests of 120 ms keep 10 instances busy. A Premium plan provisions what the plan
	// says, at least one (it scales out by itself); Flex provisions the plan's always-ready
	// instances, or as many as the peak keeps busy when the plan sets none.
	tests := []struct {
		platform    platform.Platform
		provisioned int
		want        int
	}{
		{platform.AzureFunctionsPremium, 0, 1},
		{platform.AzureFunctionsPremium, 1, 1},
		{platform.AzureFunctionsPremium, 2, 2},
		{platform.AzureFunctionsFlex, 0, 10},
		{platform.AzureFunctionsFlex, 1, 1},
		{platform.AzureFunctionsFlex, 2, 2},
	}
	for _, tt := range tests {
		c, err := Default().Compare(Function{Platform: tt.platform, MemoryMB: 2048}, Workload{RequestsPerMonth: 219e6, AvgDurationMs: 120}, Configured{Provisioned: tt.provisioned})
		require.NoError(t, err)
		p, err := c.Expected(ProvisionedCapacity)
		require.NoError(t, err)
		assert.Equal(t, tt.want, p.Instances, "%s with %d provisioned", tt.platform, tt.provisioned)
	}
}
