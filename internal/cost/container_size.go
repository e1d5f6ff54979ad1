package cost

import (
	"fmt"
	"math"
	"slices"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// Function is what the cost model needs to know of a function: where it runs and how big one
// instance (execution environment) is.
type Function struct {
	Platform platform.Platform
	// MemoryMB is one instance's memory (MiB on Google Cloud). On Azure Consumption it is the
	// memory an execution is observed to use, which is what the plan bills.
	MemoryMB int
	Arch     Arch
	// VCPU is one instance's CPU when the configuration sets it (2nd gen functions, Cloud Run);
	// 0 means the platform's share for MemoryMB.
	VCPU float64
	// InstanceBased is true for a Cloud Run service under instance-based billing (CPU always
	// allocated: cpu_idle = false): its instances bill their whole life at the instance-based rate,
	// so a minimum instance has no idle rate. Only ProvisionedFor reads it.
	InstanceBased bool
}

// CPU returns the vCPU one instance of fn runs with: the configured CPU, or the platform's share
// for its memory (Lambda: memory / 1,769 MB; Google: the memory tier's CPU). Azure does not say
// what CPU an execution gets, so there it is 0 and memory alone sizes a container.
func (fn Function) CPU() float64 {
	if fn.VCPU > 0 {
		return fn.VCPU
	}
	switch fn.Platform {
	case platform.AWSLambda:
		return platform.LambdaVCPU(fn.MemoryMB)
	case platform.GCPFunctionsGen1:
		v, _ := platform.GCPGen1VCPU(fn.MemoryMB)
		return v
	case platform.GCPFunctionsGen2, platform.GCPCloudRun:
		return cloudRunVCPU(fn.Platform, fn.MemoryMB)
	}
	return 0
}

// ContainerPlatform returns the container half that pairs with a function platform: Fargate for
// Lambda, Cloud Run with instance-based billing for Google, Container Apps for Azure.
func ContainerPlatform(pl platform.Platform) (platform.Platform, bool) {
	if !slices.Contains(platform.FunctionPlatforms(), pl) {
		return "", false
	}
	switch pl.Cloud() {
	case platform.AWS:
		return platform.AWSFargate, true
	case platform.GCP:
		return platform.GCPCloudRun, true
	case platform.Azure:
		return platform.AzureContainerApps, true
	}
	return "", false
}

// ContainerSize is an always-on container deployment: Instances copies of one size.
type ContainerSize struct {
	Platform  platform.Platform
	VCPU      float64
	MemoryMB  int
	Instances int
	// PerInstance is how many function instances one container instance stands in for.
	PerInstance int
}

// String describes the size for messages: "2 x aws_fargate 0.5 vCPU / 1 GB".
func (s ContainerSize) String() string {
	return fmt.Sprintf("%d x %s %g vCPU / %s", s.Instances, s.Platform, s.VCPU, FormatMemory(s.MemoryMB))
}

// containerShape is one instance size a container platform offers.
type containerShape struct {
	vcpu     float64
	memoryMB int
}

// containerShapes lists the instance sizes of a container platform, smallest CPU first.
//
//   - aws_fargate: every valid Linux CPU/memory pair (platform.FargateCPUUnits).
//   - gcp_cloud_run: 1, 2, 4, 6 and 8 vCPU with memory in 256 MiB steps across the range each
//     allows. Fractional CPU is left out: it requires request-based billing
//     (https://cloud.google.com/run/docs/configuring/services/memory-limits), and an
//     always-on instance is billed instance-based.
//   - azure_container_apps: 0.25 to 4 vCPU in 0.25 steps, each with its fixed 2 GiB per vCPU.
func containerShapes(pl platform.Platform) []containerShape {
	var out []containerShape
	switch pl {
	case platform.AWSFargate:
		for _, units := range platform.FargateCPUUnits() {
			for _, mem := range platform.FargateMemoryOptionsMiB(units) {
				out = append(out, containerShape{vcpu: float64(units) / 1024, memoryMB: mem})
			}
		}
	case platform.GCPCloudRun:
		for _, v := range []float64{1, 2, 4, 6, 8} {
			minMiB, maxMiB, _ := platform.CloudRunMemoryRangeMiB(v)
			for mem := (minMiB + 255) / 256 * 256; mem <= maxMiB; mem += 256 {
				out = append(out, containerShape{vcpu: v, memoryMB: mem})
			}
		}
	case platform.AzureContainerApps:
		for steps := 1; float64(steps)*platform.ContainerAppsVCPUStep <= platform.ContainerAppsMaxVCPU+1e-9; steps++ {
			v := float64(steps) * platform.ContainerAppsVCPUStep
			out = append(out, containerShape{vcpu: v, memoryMB: int(math.Round(v * platform.ContainerAppsMiBPerVCPU))})
		}
	}
	return out
}

// capacity is how many instances of fn fit in one container instance of shape s: as many as its
// memory and CPU both hold.
func (s containerShape) capacity(memoryMB int, vcpu float64) int {
	n := s.memoryMB / memoryMB
	if vcpu > 0 {
		n = min(n, int(math.Floor(s.vcpu/vcpu+1e-9)))
	}
	return n
}

// ContainerFor prices the cheapest always-on container that stands in for concurrency instances
// of fn at once: n copies of one size of the paired container platform (ContainerPlatform), each
// holding as many function instances as its memory and CPU allow. Every function instance is
// given its full memory and CPU, although requests served by one process share its runtime, so
// the container is, if anything, oversized. One instance has no redundancy; add one for that.
func (p Prices) ContainerFor(fn Function, concurrency int) (Option, ContainerSize, error) {
	pl, ok := ContainerPlatform(fn.Platform)
	if !ok {
		return Option{}, ContainerSize{}, fmt.Errorf("%s has no container counterpart: use a function platform", fn.Platform)
	}
	if fn.MemoryMB < 1 {
		return Option{}, ContainerSize{}, fmt.Errorf("memory %d MB: use a positive size", fn.MemoryMB)
	}
	concurrency = max(concurrency, 1)
	vcpu := fn.CPU()
	var bestSize ContainerSize
	bestUSD := math.Inf(1)
	var parts [2]part
	for _, s := range containerShapes(pl) {
		perInstance := s.capacity(fn.MemoryMB, vcpu)
		if perInstance < 1 {
			continue
		}
		// The shapes are valid sizes: price them without naming and checking each (thousands of
		// functions times every size); the chosen one is checked below.
		one := Option{parts: p.containerParts(parts[:0], pl, s.vcpu, s.memoryMB, 1)}
		instances := (concurrency + perInstance - 1) / perInstance
		usd := float64(instances) * one.Curve().FixedUSD
		// Equal prices are common (Fargate charges vCPU and memory linearly): take fewer instances.
		if usd < bestUSD-1e-6 || (usd <= bestUSD+1e-6 && instances < bestSize.Instances) {
			bestUSD = usd
			bestSize = ContainerSize{Platform: pl, VCPU: s.vcpu, MemoryMB: s.memoryMB, Instances: instances,
				PerInstance: min(perInstance, (concurrency+instances-1)/instances)}
		}
	}
	if math.IsInf(bestUSD, 1) {
		what := FormatMemory(fn.MemoryMB)
		if vcpu > 0 {
			what += fmt.Sprintf(" and %.2f vCPU", vcpu)
		}
		return Option{}, ContainerSize{}, fmt.Errorf("no %s instance holds one %s instance of %s: the function is larger than the largest container size",
			pl, fn.Platform, what)
	}
	o, err := p.Container(pl, bestSize.VCPU, bestSize.MemoryMB, bestSize.Instances)
	return o, bestSize, err
}
