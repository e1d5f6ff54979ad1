package cost

import (
	"fmt"
	"math"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// Arch is a Lambda instruction set; other platforms price one architecture only.
type Arch string

// Lambda architectures, as `aws_lambda_function.architectures` writes them.
const (
	X86_64 Arch = "x86_64"
	ARM64  Arch = "arm64"
)

// ParseArch reads an architecture; "" is x86_64, Lambda's default. Source:
// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go,
// https://github.com/hashicorp/terraform-provider-aws/blob/034814b/website/docs/r/lambda_function.html.markdown
// terraform-provider-aws lambda_function docs (architectures default ["x86_64"]). Read 2026-08.
func ParseArch(s string) (Arch, error) {
	switch Arch(s) {
	case "", X86_64:
		return X86_64, nil
	case ARM64:
		return ARM64, nil
	}
	return "", fmt.Errorf("unknown architecture %q: use x86_64 or arm64", s)
}

const (
	gb      = 1024.0 // MB per GB (GiB); AWS, Google and Azure all count 1,024 MB to the GB in prices
	million = 1e6
)

// OnDemand prices invocations with nothing kept warm: per request and per GB-second (or vCPU- and
// GiB-second) of billed duration. Durations are rounded up the way each platform bills: to 1 ms on
// Lambda, 100 ms on Google; Azure's rounding is not modelled. arch matters on Lambda only.
//
// Google bills a request's instance time; with concurrency above 1 several requests share it, so
// the compute part here, which assumes one request per instance at a time, is an upper bound.
// Premium has no per-execution price: on demand it costs one always-ready instance, the minimum
// a Premium plan bills.
func (p Prices) OnDemand(pl platform.Platform, memoryMB int, avgDurationMs float64, arch Arch) (Option, error) {
	return p.OnDemandFor(Function{Platform: pl, MemoryMB: memoryMB, Arch: arch}, avgDurationMs)
}

// OnDemandFor is OnDemand for a Function, whose configured CPU (2nd gen functions and Cloud Run
// set it apart from memory) replaces the platform's share for its memory.
func (p Prices) OnDemandFor(fn Function, avgDurationMs float64) (Option, error) {
	pl, memoryMB, arch := fn.Platform, fn.MemoryMB, fn.Arch
	if err := checkFunctionInputs(pl, memoryMB, avgDurationMs, arch); err != nil {
		return Option{}, err
	}
	name := string(pl) + " on demand"
	switch pl {
	case platform.AWSLambda:
		perGBs := p.LambdaX86GBSecond
		if arch == ARM64 {
			perGBs = p.LambdaARMGBSecond
		}
		seconds := roundUpMillis(avgDurationMs, platform.LambdaBillingGranularityMillis) / 1000
		return Option{Name: name, parts: []part{
			{what: "requests", price: p.LambdaRequests, perRequest: 1 / million},
			{what: "duration", price: perGBs, perRequest: seconds * float64(memoryMB) / gb},
		}}, nil
	case platform.GCPFunctionsGen1:
		vcpu, _ := platform.GCPGen1VCPU(memoryMB)
		seconds := roundUpMillis(avgDurationMs, platform.GCPBillingGranularityMillis) / 1000
		return Option{Name: name, parts: []part{
			{what: "invocations", price: p.GCPGen1Invocations, perRequest: 1 / million},
			{what: "memory", price: p.GCPGen1GBSecond, perRequest: seconds * float64(memoryMB) / gb},
			{what: "CPU", price: p.GCPGen1GHzSecond, perRequest: seconds * gen1GHz(vcpu)},
		}}, nil
	case platform.GCPFunctionsGen2, platform.GCPCloudRun:
		vcpu := fn.CPU()
		seconds := roundUpMillis(avgDurationMs, platform.GCPBillingGranularityMillis) / 1000
		return Option{Name: name, parts: []part{
			{what: "requests", price: p.CloudRunRequests, perRequest: 1 / million},
			{what: "CPU", price: p.CloudRunRequestVCPUSecond, perRequest: seconds * vcpu},
			{what: "memory", price: p.CloudRunRequestGiBSecond, perRequest: seconds * float64(memoryMB) / gb},
		}}, nil
	case platform.AzureFunctionsConsumption:
		billedMB := math.Ceil(float64(memoryMB)/platform.AzureConsumptionMemoryRoundingMB) * platform.AzureConsumptionMemoryRoundingMB
		billedMs := math.Max(avgDurationMs, azureConsumptionMinimumMillis)
		return Option{Name: name, parts: []part{
			{what: "executions", price: p.AzureConsumptionExecutions, perRequest: 1 / million},
			{what: "execution time", price: p.AzureConsumptionGBSecond, perRequest: billedMs / 1000 * billedMB / gb},
		}}, nil
	case platform.AzureFunctionsFlex:
		return Option{Name: name, parts: []part{
			{what: "executions", price: p.AzureFlexExecutions, perRequest: 1 / million},
			{what: "execution time", price: p.AzureFlexGBSecond, perRequest: avgDurationMs / 1000 * float64(memoryMB) / gb},
		}}, nil
	case platform.AzureFunctionsPremium:
		o, err := p.Provisioned(pl, memoryMB, 1, avgDurationMs, arch)
		o.Name = name
		return o, err
	}
	return Option{}, fmt.Errorf("%s is not a function platform: use one of %v", pl, platform.FunctionPlatforms())
}

// KeepWarm prices keep-warm pings alone: pingsPerMonth schedule activations, each invoking
// concurrency copies of the function (one ping warms one execution environment), each billed for
// billedMs, the duration of a warm-up invocation that returns at once. The result is a fixed
// monthly amount; add it to OnDemand with Plus for "on demand, kept warm". Use
// schedule.InvocationsPerMonth for pingsPerMonth and MinimumBilledMillis for billedMs when the
// ping's duration is not known. Source for the model:
// https://npmjs.com/package/lambda-warmer (one ping keeps one environment warm). Read 2026-08.
func (p Prices) KeepWarm(pl platform.Platform, memoryMB int, arch Arch, pingsPerMonth float64, concurrency int, billedMs float64) (Option, error) {
	return p.KeepWarmFor(Function{Platform: pl, MemoryMB: memoryMB, Arch: arch}, pingsPerMonth, concurrency, billedMs)
}

// KeepWarmFor is KeepWarm for a Function, with its configured CPU.
func (p Prices) KeepWarmFor(fn Function, pingsPerMonth float64, concurrency int, billedMs float64) (Option, error) {
	pl := fn.Platform
	switch {
	case pl == platform.AzureFunctionsPremium:
		return Option{}, fmt.Errorf("%s keeps at least one instance warm already: keep-warm pings add cost and no warmth", pl)
	case badNumber(pingsPerMonth) || pingsPerMonth < 0:
		return Option{}, fmt.Errorf("keep-warm pings per month %g: use 0 or more", pingsPerMonth)
	case concurrency < 1:
		return Option{}, fmt.Errorf("keep-warm concurrency %d: use at least 1 (one ping warms one environment)", concurrency)
	case badNumber(billedMs) || billedMs <= 0:
		return Option{}, fmt.Errorf("billed duration of a ping %g ms: use more than 0", billedMs)
	}
	od, err := p.OnDemandFor(fn, billedMs)
	if err != nil {
		return Option{}, err
	}
	pings := pingsPerMonth * float64(concurrency)
	o := Option{Name: fmt.Sprintf("%s keep-warm (%g pings x %d)", pl, pingsPerMonth, concurrency)}
	for _, pt := range od.parts {
		o.parts = append(o.parts, part{what: "keep-warm " + pt.what, price: pt.price, fixed: pt.perRequest * pings})
	}
	return o, nil
}

// azureConsumptionMinimumMillis is the shortest execution the Consumption plan bills: "The minimum
// execution time and memory for a single function execution is 100 ms and 128 mb respectively"
// (the 128 MB floor is already the first step of platform.AzureConsumptionMemoryRoundingMB).
// Source: https://azure.microsoft.com/en-us/pricing/details/functions/, as quoted in Microsoft's
// own MicrosoftDocs azure-stack "Usage API related FAQs" (meter D1D04836, Functions - Compute).
// Looked up 2026-11-25. It belongs beside the other billing granularities in internal/platform.
const azureConsumptionMinimumMillis = 100

// MinimumBilledMillis returns the shortest duration a platform bills an invocation for, and false
// where no source for it was found (Flex Consumption, and Premium, which bills instances rather
// than executions). Source: platform.LambdaBillingGranularityMillis,
// platform.GCPBillingGranularityMillis, azureConsumptionMinimumMillis.
func MinimumBilledMillis(pl platform.Platform) (float64, bool) {
	switch {
	case pl.Cloud() == platform.AWS:
		return platform.LambdaBillingGranularityMillis, true
	case pl.Cloud() == platform.GCP:
		return platform.GCPBillingGranularityMillis, true
	case pl == platform.AzureFunctionsConsumption:
		return azureConsumptionMinimumMillis, true
	}
	return 0, false
}

// Provisioned prices capacity kept ready all month: Lambda provisioned concurrency (instances
// environments), Azure Flex always-ready instances, Azure Premium instances, or the minimum
// instances of a Cloud Run service or 2nd-gen function. Requests are assumed to fit within that
// capacity; spill-over would be billed on demand.
func (p Prices) Provisioned(pl platform.Platform, memoryMB, instances int, avgDurationMs float64, arch Arch) (Option, error) {
	return p.ProvisionedFor(Function{Platform: pl, MemoryMB: memoryMB, Arch: arch}, instances, avgDurationMs)
}

// ProvisionedFor is Provisioned for a Function, whose configured CPU and billing (Cloud Run) size
// a minimum instance.
//
// A Cloud Run minimum instance (2nd-gen functions are Cloud Run services) under request-based
// billing bills its CPU and memory every second of the month at the idle minimum-instance rates,
// and each request as on demand (request fee, CPU and memory at the active rates, 100 ms
// rounding). Busy seconds are thus billed at both rates: an upper bound by the busy time at the
// idle rates, about a tenth of the active CPU rate. Under instance-based billing the instance
// bills its whole life at the instance-based rates and requests add nothing (no request fee, the
// time is already billed): a minimum instance costs what an always-on container does. 1st-gen
// functions' minimum instances have an idle rate of their own that no two sources we read agree
// on, so they are refused.
func (p Prices) ProvisionedFor(fn Function, instances int, avgDurationMs float64) (Option, error) {
	pl, memoryMB, arch := fn.Platform, fn.MemoryMB, fn.Arch
	if err := checkFunctionInputs(pl, memoryMB, avgDurationMs, arch); err != nil {
		return Option{}, err
	}
	if instances < 1 {
		return Option{}, fmt.Errorf("provisioned instances %d: use at least 1", instances)
	}
	n := float64(instances)
	memGB := float64(memoryMB) / gb
	seconds := avgDurationMs / 1000
	name := fmt.Sprintf("%s provisioned x %d", pl, instances)
	switch pl {
	case platform.AWSLambda:
		capacity, duration := p.LambdaX86Provisioned, p.LambdaX86ProvisionedDuration
		if arch == ARM64 {
			capacity, duration = p.LambdaARMProvisioned, p.LambdaARMProvisionedDuration
		}
		seconds = roundUpMillis(avgDurationMs, platform.LambdaBillingGranularityMillis) / 1000
		return Option{Name: name, parts: []part{
			{what: "provisioned capacity", price: capacity, fixed: n * memGB * platform.SecondsPerMonth},
			{what: "requests", price: p.LambdaRequests, perRequest: 1 / million},
			{what: "duration", price: duration, perRequest: seconds * memGB},
		}}, nil
	case platform.GCPFunctionsGen2, platform.GCPCloudRun:
		return p.minInstances(fn, instances, avgDurationMs)
	case platform.AzureFunctionsFlex:
		return Option{Name: name, parts: []part{
			{what: "always-ready baseline", price: p.AzureFlexAlwaysReadyBaseline, fixed: n * memGB * platform.SecondsPerMonth},
			{what: "executions", price: p.AzureFlexExecutions, perRequest: 1 / million},
			{what: "execution time", price: p.AzureFlexAlwaysReadyGBSecond, perRequest: seconds * memGB},
		}}, nil
	case platform.AzureFunctionsPremium:
		sku, _ := platform.SmallestAzurePremiumSKU(memoryMB)
		return Option{Name: fmt.Sprintf("%s %s x %d", pl, sku.Name, instances), parts: []part{
			{what: sku.Name + " cores", price: p.AzurePremiumVCPUHour, fixed: n * float64(sku.Cores) * platform.HoursPerMonth},
			{what: sku.Name + " memory", price: p.AzurePremiumGBHour, fixed: n * float64(sku.MemoryMB) / gb * platform.HoursPerMonth},
		}}, nil
	case platform.GCPFunctionsGen1:
		return Option{}, fmt.Errorf("%s has no provisioned capacity this model can price: the idle rate of a 1st gen minimum instance is not in the price table (no two sources agree on it); a 2nd gen function or the always-on container is the priced alternative", pl)
	}
	if pl.Cloud() == platform.Azure {
		return Option{}, fmt.Errorf("%s has no provisioned capacity this model can price: always-ready instances need Flex Consumption or Premium", pl)
	}
	return Option{}, fmt.Errorf("%s has no provisioned capacity this model can price: use aws_lambda, gcp_functions_gen2, gcp_cloud_run, azure_functions_flex or azure_functions_premium, or Container for an always-on instance", pl)
}

// minInstances prices minimum instances of a Cloud Run service or 2nd-gen function, as
// ProvisionedFor describes.
func (p Prices) minInstances(fn Function, instances int, avgDurationMs float64) (Option, error) {
	vcpu, gib := fn.CPU(), float64(fn.MemoryMB)/gb
	if badNumber(vcpu) || vcpu <= 0 || vcpu > platform.CloudRunMaxVCPU {
		return Option{}, fmt.Errorf("cpu %g vCPU: use more than 0 and at most %g", vcpu, float64(platform.CloudRunMaxVCPU))
	}
	n := float64(instances)
	month := n * platform.SecondsPerMonth
	if fn.InstanceBased {
		return Option{Name: fmt.Sprintf("%s %g vCPU minimum instances x %d, instance-based billing", fn.Platform, vcpu, instances), parts: []part{
			{what: "minimum instance CPU", price: p.CloudRunInstanceVCPUSecond, fixed: month * vcpu},
			{what: "minimum instance memory", price: p.CloudRunInstanceGiBSecond, fixed: month * gib},
		}}, nil
	}
	seconds := roundUpMillis(avgDurationMs, platform.GCPBillingGranularityMillis) / 1000
	return Option{Name: fmt.Sprintf("%s %g vCPU minimum instances x %d", fn.Platform, vcpu, instances), parts: []part{
		{what: "idle minimum instance CPU", price: p.CloudRunMinInstanceIdleVCPUSecond, fixed: month * vcpu},
		{what: "idle minimum instance memory", price: p.CloudRunMinInstanceIdleGiBSecond, fixed: month * gib},
		{what: "requests", price: p.CloudRunRequests, perRequest: 1 / million},
		{what: "CPU", price: p.CloudRunRequestVCPUSecond, perRequest: seconds * vcpu},
		{what: "memory", price: p.CloudRunRequestGiBSecond, perRequest: seconds * gib},
	}}, nil
}

// checkFunctionInputs rejects numbers no platform can bill and memory the platform cannot run.
func checkFunctionInputs(pl platform.Platform, memoryMB int, avgDurationMs float64, arch Arch) error {
	if _, err := ParseArch(string(arch)); err != nil {
		return err
	}
	if badNumber(avgDurationMs) || avgDurationMs < 0 {
		return fmt.Errorf("average duration %g ms: use 0 or more", avgDurationMs)
	}
	if memoryMB < 1 {
		return fmt.Errorf("memory %d MB: use a positive size", memoryMB)
	}
	switch pl {
	case platform.AWSLambda:
		if memoryMB < platform.LambdaMinMemoryMB || memoryMB > platform.LambdaMaxMemoryMB {
			return fmt.Errorf("memory %d MB: Lambda runs %d to %d MB", memoryMB, platform.LambdaMinMemoryMB, platform.LambdaMaxMemoryMB)
		}
	case platform.GCPFunctionsGen1:
		if _, ok := platform.GCPGen1VCPU(memoryMB); !ok {
			gen1, _ := platform.LimitsOf(pl)
			return fmt.Errorf("memory %d MB is not a 1st gen tier: use %s", memoryMB, platform.JoinSizes(gen1.MemorySizesMB))
		}
	case platform.GCPFunctionsGen2, platform.GCPCloudRun:
		if memoryMB > platform.CloudRunMaxMemoryMiB {
			return fmt.Errorf("memory %d MiB exceeds the %d MiB maximum", memoryMB, platform.CloudRunMaxMemoryMiB)
		}
	case platform.AzureFunctionsConsumption:
		if memoryMB > platform.AzureConsumptionMemoryMB {
			return fmt.Errorf("memory %d MB exceeds the %d MB of a Consumption instance", memoryMB, platform.AzureConsumptionMemoryMB)
		}
	case platform.AzureFunctionsFlex:
		if !platform.ValidAzureFlexInstanceMemory(memoryMB) {
			return fmt.Errorf("memory %d MB is not a Flex instance size: use %v", memoryMB, platform.AzureFlexInstanceMemorySizesMB())
		}
	case platform.AzureFunctionsPremium:
		if _, ok := platform.SmallestAzurePremiumSKU(memoryMB); !ok {
			return fmt.Errorf("memory %d MB exceeds the largest Premium instance (EP3, 14336 MB)", memoryMB)
		}
	}
	return nil
}

// cloudRunVCPU is the CPU a request is billed for: a 2nd-gen function's CPU follows its memory tier;
// a Cloud Run service has 1 vCPU unless its memory needs more.
func cloudRunVCPU(pl platform.Platform, memoryMiB int) float64 {
	if pl == platform.GCPFunctionsGen2 {
		v, _ := platform.GCPGen2DefaultVCPU(memoryMiB)
		return v
	}
	for _, v := range []float64{platform.CloudRunDefaultVCPU, 2, 4, 6, 8} {
		if platform.CheckCloudRunSize(v, memoryMiB) == nil {
			return v
		}
	}
	return platform.CloudRunMaxVCPU
}

// gen1GHz converts a 1st-gen tier's vCPU to the GHz its CPU price is quoted in (1 vCPU = 2.4 GHz),
// rounded to 100 MHz: the vCPU figures (.083, .167, ...) are rounded fractions of whole 100-MHz
// clocks, so .167 x 2.4 = 0.4008 is the 400 MHz tier.
func gen1GHz(vcpu float64) float64 {
	return math.Round(vcpu*platform.GCPGHzPerVCPU*10) / 10
}

func roundUpMillis(ms, granularity float64) float64 {
	return math.Ceil(ms/granularity) * granularity
}

func badNumber(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) }
