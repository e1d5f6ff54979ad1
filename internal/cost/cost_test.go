package cost

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

func nan() float64 { return math.NaN() }
func inf() float64 { return math.Inf(1) }

// item returns the USD of the estimate line named what.
func item(t *testing.T, e Estimate, what string) float64 {
	t.Helper()
	for _, it := range e.Items {
		if it.What == what {
			return it.USD
		}
	}
	t.Fatalf("no item %q in %+v", what, e.Items)
	return 0
}

func TestOnDemandWorkedExamples(t *testing.T) {
	p := Default()
	tests := []struct {
		name      string
		platform  platform.Platform
		memoryMB  int
		ms        float64
		requests  float64
		arch      Arch
		want      float64
		breakdown map[string]float64
	}{
		{
			// AWS Lambda pricing page, example 1 (US East, without the free tier): 512 MB, 3 million
			// requests of 120 ms. 3,000,000 x 0.120 s x 0.5 GB = 180,000 GB-s x $0.0000166667 =
			// $3.000006; requests 3 x $0.20 = $0.60.
			name: "lambda x86 example", platform: platform.AWSLambda, memoryMB: 512, ms: 120, requests: 3e6, arch: X86_64,
			want: 3.600006, breakdown: map[string]float64{"duration": 3.000006, "requests": 0.60},
		},
		{
			// The same on arm64: 180,000 GB-s x $0.0000133334 = $2.400012.
			name: "lambda arm64 example", platform: platform.AWSLambda, memoryMB: 512, ms: 120, requests: 3e6, arch: ARM64,
			want: 3.000012, breakdown: map[string]float64{"duration": 2.400012},
		},
		{
			// Billed duration rounds up to the next millisecond: 120.2 ms bills as 121 ms.
			// 1,000,000 x 0.121 s x 1 GB = 121,000 GB-s x $0.0000166667 = $2.01667070.
			name: "lambda rounds to 1 ms", platform: platform.AWSLambda, memoryMB: 1024, ms: 120.2, requests: 1e6, arch: X86_64,
			want: 2.0166707 + 0.2,
		},
		{
			// Cloud Functions 1st gen: 256 MB (0.167 vCPU = 400 MHz), 10 million invocations of 260 ms,
			// billed as 300 ms. Memory 10,000,000 x 0.3 s x 0.25 GB = 750,000 GB-s x $0.0000025 = $1.875;
			// CPU 10,000,000 x 0.3 s x 0.4 GHz = 1,200,000 GHz-s x $0.00001 = $12.00; invocations
			// 10 x $0.40 = $4.00.
			name: "gcp gen1", platform: platform.GCPFunctionsGen1, memoryMB: 256, ms: 260, requests: 1e7,
			want: 17.875, breakdown: map[string]float64{"memory": 1.875, "CPU": 12, "invocations": 4},
		},
		{
			// 2nd gen, 512 MiB with its tier's 0.333 vCPU, 10 million requests of 200 ms:
			// CPU 10,000,000 x 0.2 s x 0.333 = 666,000 vCPU-s x $0.000024 = $15.984; memory
			// 10,000,000 x 0.2 s x 0.5 GiB = 1,000,000 GiB-s x $0.0000025 = $2.50; requests $4.00.
			name: "gcp gen2", platform: platform.GCPFunctionsGen2, memoryMB: 512, ms: 200, requests: 1e7,
			want: 22.484, breakdown: map[string]float64{"CPU": 15.984, "memory": 2.5, "requests": 4},
		},
		{
			// A Cloud Run service has 1 vCPU by default: CPU 2,000,000 vCPU-s x $0.000024 = $48.00.
			name: "cloud run request-based", platform: platform.GCPCloudRun, memoryMB: 512, ms: 200, requests: 1e7,
			want: 54.5, breakdown: map[string]float64{"CPU": 48},
		},
		{
			// 6 GiB needs 2 vCPU on Cloud Run: 1,000,000 x 1 s x 2 = 2,000,000 vCPU-s x $0.000024 = $48;
			// memory 1,000,000 x 6 GiB = 6,000,000 GiB-s x $0.0000025 = $15; requests $0.40.
			name: "cloud run needs more cpu", platform: platform.GCPCloudRun, memoryMB: 6144, ms: 1000, requests: 1e6,
			want: 63.4, breakdown: map[string]float64{"CPU": 48, "memory": 15},
		},
		{
			// Azure Consumption, the example in modal.com's guide before its free grant: 3 million
			// executions of 1 s at 1.5 GB = 4,500,000 GB-s x $0.000016 = $72.00; executions
			// 3 x $0.20 = $0.60.
			name: "azure consumption", platform: platform.AzureFunctionsConsumption, memoryMB: 1536, ms: 1000, requests: 3e6,
			want: 72.6, breakdown: map[string]float64{"execution time": 72, "executions": 0.6},
		},
		{
			// Observed memory rounds up to 128 MB: 200 MB bills as 256 MB.
			// 1,000,000 x 1 s x 0.25 GB = 250,000 GB-s x $0.000016 = $4.00; executions $0.20.
			name: "azure consumption rounds memory", platform: platform.AzureFunctionsConsumption, memoryMB: 200, ms: 1000, requests: 1e6,
			want: 4.2,
		},
		{
			// Flex on demand, 2,048 MB instances, 1 million executions of 500 ms:
			// 1,000,000 x 0.5 s x 2 GB = 1,000,000 GB-s x $0.000026 = $26.00; executions $0.40.
			name: "azure flex", platform: platform.AzureFunctionsFlex, memoryMB: 2048, ms: 500, requests: 1e6,
			want: 26.4,
		},
		{
			// Premium bills one EP1 (1 core, 3.5 GB) all month whatever the traffic:
			// 730 h x $0.173 = $126.29; 3.5 GB x 730 h x $0.0123 = $31.4265.
			name: "azure premium", platform: platform.AzureFunctionsPremium, memoryMB: 1536, ms: 1000, requests: 5e6,
			want: 157.7165, breakdown: map[string]float64{"EP1 cores": 126.29, "EP1 memory": 31.4265},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := p.OnDemand(tt.platform, tt.memoryMB, tt.ms, tt.arch)
			require.NoError(t, err)
			e := o.At(tt.requests)
			assert.InDelta(t, tt.want, e.USD, 1e-6)
			for what, usd := range tt.breakdown {
				assert.InDelta(t, usd, item(t, e, what), 1e-6, what)
			}
			assert.InDelta(t, e.USD, o.Curve().At(tt.requests), 1e-9, "the curve and the estimate agree")
		})
	}
}

func TestKeepWarm(t *testing.T) {
	p := Default()
	// rate(5 minutes) pings 8,760 times a month; 3 concurrent pings each billed 100 ms at 128 MB:
	// 26,280 invocations x $0.20/M = $0.005256; 26,280 x 0.1 s x 0.125 GB = 328.5 GB-s x
	// $0.0000166667 = $0.00547501095.
	kw, err := p.KeepWarm(platform.AWSLambda, 128, X86_64, 8760, 3, 100)
	require.NoError(t, err)
	assert.InDelta(t, 0.005256+0.00547501095, kw.At(0).USD, 1e-12)
	assert.Equal(t, kw.At(0).USD, kw.At(1e9).USD, "pings cost the same whatever the traffic")
	c := kw.Curve()
	assert.Zero(t, c.USDPerRequest)

	// Kept warm = on demand plus the pings.
	od, err := p.OnDemand(platform.AWSLambda, 128, 50, X86_64)
	require.NoError(t, err)
	both := od.Plus(kw)
	assert.InDelta(t, od.At(1e6).USD+kw.At(1e6).USD, both.At(1e6).USD, 1e-12)
	assert.Contains(t, both.Name, "keep-warm")

	// Cloud Functions 1st gen bills the ping at least 100 ms.
	ms, ok := MinimumBilledMillis(platform.GCPFunctionsGen1)
	assert.True(t, ok)
	assert.Equal(t, 100.0, ms)
	_, ok = MinimumBilledMillis(platform.AzureFunctionsFlex)
	assert.False(t, ok)

	_, err = p.KeepWarm(platform.AzureFunctionsPremium, 1536, X86_64, 8760, 1, 100)
	assert.ErrorContains(t, err, "keeps at least one instance warm already")
	_, err = p.KeepWarm(platform.AWSLambda, 128, X86_64, 8760, 0, 100)
	assert.ErrorContains(t, err, "concurrency 0")
	_, err = p.KeepWarm(platform.AWSLambda, 128, X86_64, nan(), 1, 100)
	assert.Error(t, err)
	_, err = p.KeepWarm(platform.AWSLambda, 128, X86_64, 8760, 1, 0)
	assert.ErrorContains(t, err, "billed duration")

	// Each input's bound: just below is refused with its own message, the bound itself is priced.
	bounds := []struct {
		name        string
		pings       float64
		concurrency int
		billedMs    float64
		err         string
	}{
		{"pings -1", -1, 1, 100, "keep-warm pings per month -1: use 0 or more"},
		{"pings 0", 0, 1, 100, ""},
		{"concurrency 0", 8760, 0, 100, "keep-warm concurrency 0: use at least 1 (one ping warms one environment)"},
		{"concurrency 1", 8760, 1, 100, ""},
		{"billed -1 ms", 8760, 1, -1, "billed duration of a ping -1 ms: use more than 0"},
		{"billed 0 ms", 8760, 1, 0, "billed duration of a ping 0 ms: use more than 0"},
		{"billed 1 ms", 8760, 1, 1, ""},
	}
	for _, tt := range bounds {
		_, err := p.KeepWarm(platform.AWSLambda, 128, X86_64, tt.pings, tt.concurrency, tt.billedMs)
		if tt.err == "" {
			assert.NoError(t, err, tt.name)
		} else {
			assert.EqualError(t, err, tt.err, tt.name)
		}
	}
}

func TestProvisioned(t *testing.T) {
	p := Default()
	tests := []struct {
		name      string
		platform  platform.Platform
		memoryMB  int
		instances int
		ms        float64
		requests  float64
		arch      Arch
		want      float64
		fixed     float64
	}{
		{
			// AWS's provisioned concurrency example scaled from 2 hours to a month: 1,024 MB,
			// concurrency 1,000: 1,000 x 1 GB x 2,628,000 s = 2,628,000,000 GB-s x $0.0000041667 =
			// $10,950.0876 (the 2-hour example's $30.00 x 365); 1.2 million requests of 1 s:
			// 1,200,000 GB-s x $0.0000097222 = $11.66664, requests $0.24.
			name: "lambda x86", platform: platform.AWSLambda, memoryMB: 1024, instances: 1000, ms: 1000, requests: 1.2e6, arch: X86_64,
			want: 10950.0876 + 11.66664 + 0.24, fixed: 10950.0876,
		},
		{
			// One arm64 environment of 2 GB: 2 x 2,628,000 = 5,256,000 GB-s x $0.0000033334 =
			// $17.5203504; no requests.
			name: "lambda arm64 idle", platform: platform.AWSLambda, memoryMB: 2048, instances: 1, ms: 100, requests: 0, arch: ARM64,
			want: 17.5203504, fixed: 17.5203504,
		},
		{
			// Flex, one always-ready 2 GB instance: baseline 2 x 2,628,000 x $0.000004 = $21.024;
			// 1 million executions of 500 ms: 1,000,000 GB-s x $0.000016 = $16.00, executions $0.40.
			name: "flex always ready", platform: platform.AzureFunctionsFlex, memoryMB: 2048, instances: 1, ms: 500, requests: 1e6,
			want: 37.424, fixed: 21.024,
		},
		{
			// Two EP2 instances (2 cores, 7 GB) for 4 GB of memory: 2 x (2 x 730 x $0.173 +
			// 7 x 730 x $0.0123) = 2 x (252.58 + 62.853) = $630.866.
			name: "premium", platform: platform.AzureFunctionsPremium, memoryMB: 4096, instances: 2, ms: 500, requests: 1e6,
			want: 630.866, fixed: 630.866,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := p.Provisioned(tt.platform, tt.memoryMB, tt.instances, tt.ms, tt.arch)
			require.NoError(t, err)
			assert.InDelta(t, tt.want, o.At(tt.requests).USD, 1e-6)
			assert.InDelta(t, tt.fixed, o.Curve().FixedUSD, 1e-6)
		})
	}
	_, err := p.Provisioned(platform.GCPFunctionsGen1, 512, 1, 100, X86_64)
	assert.ErrorContains(t, err, "no provisioned capacity this model can price: the idle rate of a 1st gen minimum instance")
	_, err = p.Provisioned(platform.AWSLambda, 512, 0, 100, X86_64)
	assert.ErrorContains(t, err, "use at least 1")
}

// A Cloud Run minimum instance (or a 2nd-gen function's) bills every second of a 2,628,000-second
// month at the idle rates, $0.0000025 a vCPU-second and $0.0000025 a GiB-second, and requests as
// on demand; under instance-based billing, the instance-based rates ($0.000018, $0.000002) and
// nothing per request.
func TestProvisionedMinInstances(t *testing.T) {
	p := Default()
	tests := []struct {
		name      string
		fn        Function
		instances int
		ms        float64
		requests  float64
		want      float64
		fixed     float64
		err       string
	}{
		{
			name: "no instance", fn: Function{Platform: platform.GCPCloudRun, MemoryMB: 512}, instances: 0,
			err: "provisioned instances 0: use at least 1",
		},
		{
			// The service defaults, 1 vCPU and 512 MiB: CPU 1 x 2,628,000 x $0.0000025 = $6.57,
			// memory 0.5 x 2,628,000 x $0.0000025 = $3.285.
			name: "one default service instance", fn: Function{Platform: platform.GCPCloudRun, MemoryMB: 512}, instances: 1,
			want: 9.855, fixed: 9.855,
		},
		{
			// Three instances of 2 vCPU and 1 GiB: CPU 3 x 2 x 2,628,000 x $0.0000025 = $39.42, memory
			// 3 x 1 x 2,628,000 x $0.0000025 = $19.71; 1M requests of 250 ms, billed as 300 ms:
			// $0.40 + 1M x 0.3 s x 2 x $0.000024 = $14.40 + 1M x 0.3 x 1 x $0.0000025 = $0.75.
			name: "n instances with traffic", fn: Function{Platform: platform.GCPCloudRun, MemoryMB: 1024, VCPU: 2}, instances: 3,
			ms: 250, requests: 1e6, want: 59.13 + 0.40 + 14.40 + 0.75, fixed: 59.13,
		},
		{
			// 8 GiB needs 2 vCPU when the CPU is not set: CPU 2 x 2,628,000 x $0.0000025 = $13.14,
			// memory 8 x 2,628,000 x $0.0000025 = $52.56.
			name: "memory sets the default CPU", fn: Function{Platform: platform.GCPCloudRun, MemoryMB: 8192}, instances: 1,
			want: 65.70, fixed: 65.70,
		},
		{
			// A 2nd-gen function of 256 MiB gets 0.167 vCPU: 0.167 x 2,628,000 x $0.0000025 =
			// $1.09719, memory 0.25 x 2,628,000 x $0.0000025 = $1.6425.
			name: "2nd gen function, fractional CPU", fn: Function{Platform: platform.GCPFunctionsGen2, MemoryMB: 256}, instances: 1,
			want: 2.73969, fixed: 2.73969,
		},
		{
			// Instance-based billing, 1 vCPU and 512 MiB: 2,628,000 x $0.000018 = $47.304 and
			// 0.5 x 2,628,000 x $0.000002 = $2.628, whatever the traffic (no request fee).
			name: "instance-based billing", fn: Function{Platform: platform.GCPCloudRun, MemoryMB: 512, InstanceBased: true}, instances: 1,
			ms: 250, requests: 1e6, want: 49.932, fixed: 49.932,
		},
		{
			name: "1st gen", fn: Function{Platform: platform.GCPFunctionsGen1, MemoryMB: 256}, instances: 1,
			err: "gcp_functions_gen1 has no provisioned capacity this model can price: the idle rate of a 1st gen minimum instance is not in the price table",
		},
		{
			name: "CPU above Cloud Run's", fn: Function{Platform: platform.GCPCloudRun, MemoryMB: 512, VCPU: 9}, instances: 1,
			err: "cpu 9 vCPU: use more than 0 and at most 8",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := p.ProvisionedFor(tt.fn, tt.instances, tt.ms)
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.InDelta(t, tt.want, o.At(tt.requests).USD, 1e-6)
			assert.InDelta(t, tt.fixed, o.Curve().FixedUSD, 1e-6)
		})
	}

	// Under instance-based billing a minimum instance costs what the always-on container of the
	// same size does: one figure for one instance.
	minimum, err := p.ProvisionedFor(Function{Platform: platform.GCPCloudRun, MemoryMB: 2048, VCPU: 2, InstanceBased: true}, 2, 0)
	require.NoError(t, err)
	box, err := p.Container(platform.GCPCloudRun, 2, 2048, 2)
	require.NoError(t, err)
	assert.InDelta(t, box.At(0).USD, minimum.At(0).USD, 1e-9)

	// An override of the idle rates reaches the amount.
	require.NoError(t, p.Override("gcp_cloud_run_min_instance_idle_vcpu_second", 0.000005))
	o, err := p.ProvisionedFor(Function{Platform: platform.GCPCloudRun, MemoryMB: 512}, 1, 0)
	require.NoError(t, err)
	assert.InDelta(t, 13.14+3.285, o.At(0).USD, 1e-9)
}

func TestContainer(t *testing.T) {
	p := Default()
	tests := []struct {
		name      string
		platform  platform.Platform
		vcpu      float64
		memoryMB  int
		instances int
		want      float64
	}{
		// 1 vCPU x 730 h x $0.04048 = $29.5504; 2 GB x 730 h x $0.004445 = $6.4897.
		{"fargate 1 vCPU 2 GB", platform.AWSFargate, 1, 2048, 1, 36.0401},
		// 0.25 x 730 x 0.04048 = 7.3876; 0.5 x 730 x 0.004445 = 1.622425; three tasks.
		{"fargate 3 small tasks", platform.AWSFargate, 0.25, 512, 3, 3 * 9.010025},
		// 2,628,000 s x (1 x $0.000018 + 0.5 x $0.000002) = 47.304 + 2.628.
		{"cloud run 1 vCPU 512 MiB", platform.GCPCloudRun, 1, 512, 1, 49.932},
		// 2,628,000 s x (0.5 x $0.000024 + 1 x $0.000003) = 31.536 + 7.884.
		{"container apps 0.5 vCPU 1 GiB", platform.AzureContainerApps, 0.5, 1024, 1, 39.42},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := p.Container(tt.platform, tt.vcpu, tt.memoryMB, tt.instances)
			require.NoError(t, err)
			assert.InDelta(t, tt.want, o.At(0).USD, 1e-6)
			assert.InDelta(t, tt.want, o.At(1e9).USD, 1e-6, "an always-on container does not charge per request")
		})
	}

	bad := []struct {
		platform  platform.Platform
		vcpu      float64
		memoryMB  int
		instances int
		want      string
	}{
		{platform.AWSFargate, 0.25, 4096, 1, "fargate size: memory 4096 MiB is not valid with cpu 256 on Fargate: use 512, 1024 or 2048 MiB"},
		{platform.AWSFargate, 0.3, 1024, 1, "not a whole number of CPU units"},
		{platform.GCPCloudRun, 1, 8192, 1, "cloud run size: memory 8192 MiB needs more CPU than 1 vCPU"},
		{platform.AzureContainerApps, 1, 1024, 1, "container apps size: memory 1024 MiB does not match cpu 1"},
		{platform.AWSLambda, 1, 1024, 1, "aws_lambda is not a container platform"},
		{platform.AWSFargate, 1, 2048, 0, "needs at least 1"},
		{platform.AWSFargate, nan(), 2048, 1, "use a positive number of vCPU"},
	}
	for _, tt := range bad {
		_, err := p.Container(tt.platform, tt.vcpu, tt.memoryMB, tt.instances)
		assert.ErrorContains(t, err, tt.want)
	}
}

func TestOnDemandRejectsWhatThePlatformCannotRun(t *testing.T) {
	p := Default()
	tests := []struct {
		platform platform.Platform
		memoryMB int
		ms       float64
		arch     Arch
		want     string
	}{
		{platform.AWSLambda, 64, 100, X86_64, "Lambda runs 128 to 10240 MB"},
		{platform.AWSLambda, 20480, 100, X86_64, "Lambda runs 128 to 10240 MB"},
		{platform.AWSLambda, 512, -1, X86_64, "average duration -1 ms"},
		{platform.AWSLambda, 512, nan(), X86_64, "average duration"},
		{platform.AWSLambda, 512, 100, "sparc", `unknown architecture "sparc"`},
		{platform.GCPFunctionsGen1, 300, 100, X86_64, "not a 1st gen tier"},
		{platform.GCPCloudRun, 65536, 100, X86_64, "exceeds the 32768 MiB maximum"},
		{platform.AzureFunctionsConsumption, 2048, 100, X86_64, "exceeds the 1536 MB of a Consumption instance"},
		{platform.AzureFunctionsFlex, 1024, 100, X86_64, "not a Flex instance size: use [512 2048 4096]"},
		{platform.AzureFunctionsPremium, 20000, 100, X86_64, "exceeds the largest Premium instance"},
		{platform.AWSFargate, 1024, 100, X86_64, "aws_fargate is not a function platform"},
		{platform.AWSLambda, 0, 100, X86_64, "use a positive size"},
	}
	for _, tt := range tests {
		_, err := p.OnDemand(tt.platform, tt.memoryMB, tt.ms, tt.arch)
		assert.ErrorContains(t, err, tt.want, "%s %d MB", tt.platform, tt.memoryMB)
	}
	arch, err := ParseArch("")
	require.NoError(t, err)
	assert.Equal(t, X86_64, arch, "Lambda's default architecture")
}

func TestEstimateItemsCarryPricesAndSources(t *testing.T) {
	o, err := Default().Container(platform.AWSFargate, 1, 2048, 2)
	require.NoError(t, err)
	e := o.At(0)
	require.Len(t, e.Items, 2)
	assert.Equal(t, "task vCPU", e.Items[0].What)
	assert.InDelta(t, 2*730.0, e.Items[0].Quantity, 1e-9, "vCPU-hours")
	assert.Equal(t, "vCPU-hour", e.Items[0].Price.Unit)
	assert.Equal(t, platform.SourceFargatePricing, e.Items[0].Price.Source)
	assert.Equal(t, platform.DateLookedUp, e.Items[1].Price.Date)
}

func TestMinimumBilledMillis(t *testing.T) {
	tests := []struct {
		platform platform.Platform
		ms       float64
		ok       bool
	}{
		{platform.AWSLambda, platform.LambdaBillingGranularityMillis, true},
		{platform.GCPFunctionsGen1, platform.GCPBillingGranularityMillis, true},
		{platform.GCPFunctionsGen2, platform.GCPBillingGranularityMillis, true},
		{platform.GCPCloudRun, platform.GCPBillingGranularityMillis, true},
		{platform.AzureFunctionsConsumption, 100, true},
		{platform.AzureFunctionsFlex, 0, false},
		{platform.AzureFunctionsPremium, 0, false},
	}
	for _, tt := range tests {
		ms, ok := MinimumBilledMillis(tt.platform)
		assert.Equal(t, tt.ok, ok, tt.platform)
		assert.Equal(t, tt.ms, ms, tt.platform)
	}
}
