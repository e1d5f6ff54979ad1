package provider

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// functionLimits is what one function platform accepts, read from internal/platform. The provider
// writes no limit of its own: every number here is a constant or table of that package.
type functionLimits struct {
	// maxTimeoutSeconds is the hard cap, or 0 when the platform enforces none.
	maxTimeoutSeconds int
	// timeoutNotes are warnings for a timeout under the cap that still won't run as declared:
	// a cap that applies only to some triggers, or a guarantee that ends before the timeout.
	timeoutNotes []timeoutNote
	// checkMemory explains why a memory size is not one the platform offers, or returns nil.
	checkMemory func(memoryMB int) error
	// idleWindowMinutes is how long an idle instance stays warm, or 0 when no source gives one.
	idleWindowMinutes int
	// readyInstances names the platform's way of keeping instances ready without pings, or "" when it
	// has none.
	readyInstances string
}

// timeoutNote is a warning for timeouts above aboveSeconds.
type timeoutNote struct {
	aboveSeconds int
	message      string
}

// limitsFor returns the limits of a function platform; ok is false for a platform that cannot host
// a function.
func limitsFor(p platform.Platform) (functionLimits, bool) {
	switch p {
	case platform.AWSLambda:
		return functionLimits{
			maxTimeoutSeconds: platform.LambdaMaxTimeoutSeconds,
			checkMemory:       memoryRange("AWS Lambda", "MB", platform.LambdaMinMemoryMB, platform.LambdaMaxMemoryMB),
			idleWindowMinutes: platform.LambdaIdleWindowMinutes,
			readyInstances:    "provisioned concurrency",
		}, true
	case platform.GCPFunctionsGen1:
		return functionLimits{
			maxTimeoutSeconds: platform.GCPGen1MaxTimeoutSeconds,
			checkMemory:       memoryTiers("Cloud Functions (1st gen)", platform.GCPGen1MemoryTiers()),
			readyInstances:    "minimum instances",
		}, true
	case platform.GCPFunctionsGen2:
		return functionLimits{
			maxTimeoutSeconds: platform.GCPGen2HTTPMaxTimeoutSeconds,
			timeoutNotes: []timeoutNote{{
				aboveSeconds: platform.GCPGen2EventMaxTimeoutSeconds,
				message: fmt.Sprintf("only HTTP functions run longer than %d s on Cloud Run functions; an event-driven "+
					"function stops at %d s", platform.GCPGen2EventMaxTimeoutSeconds, platform.GCPGen2EventMaxTimeoutSeconds),
			}},
			checkMemory:    memoryRange("Cloud Run functions", "MiB", platform.GCPGen2MemoryTiers()[0].MemoryMiB, platform.GCPGen2MaxMemoryMiB),
			readyInstances: "minimum instances",
		}, true
	case platform.GCPCloudRun:
		return functionLimits{
			maxTimeoutSeconds: platform.CloudRunMaxTimeoutSeconds,
			checkMemory:       memoryRange("Cloud Run", "MiB", platform.CloudRunMinMemoryMiB, platform.CloudRunMaxMemoryMiB),
			readyInstances:    "minimum instances",
		}, true
	case platform.AzureFunctionsConsumption:
		maxTimeout, _ := platform.AzureMaxTimeout(platform.AzurePlanConsumption)
		return functionLimits{
			maxTimeoutSeconds: maxTimeout,
			timeoutNotes:      []timeoutNote{azureHTTPNote()},
			checkMemory:       memoryRange("Azure Functions Consumption", "MB", 1, platform.AzureConsumptionMemoryMB),
			idleWindowMinutes: platform.AzureConsumptionIdleMinutes,
		}, true
	case platform.AzureFunctionsFlex:
		return functionLimits{
			timeoutNotes:   []timeoutNote{azureHTTPNote()},
			checkMemory:    memoryOptions("Azure Functions Flex Consumption", platform.AzureFlexInstanceMemorySizesMB()),
			readyInstances: "always-ready instances",
		}, true
	case platform.AzureFunctionsPremium:
		skus := platform.AzurePremiumSKUs()
		return functionLimits{
			timeoutNotes: []timeoutNote{azureHTTPNote(), {
				aboveSeconds: platform.AzurePremiumGuaranteedTimeoutSeconds,
				message: fmt.Sprintf("the Premium plan guarantees only %d s of run time; longer runs can be cut short "+
					"when the platform recycles the instance", platform.AzurePremiumGuaranteedTimeoutSeconds),
			}},
			checkMemory:    memoryRange("Azure Functions Premium (largest plan "+skus[len(skus)-1].Name+")", "MB", 1, skus[len(skus)-1].MemoryMB),
			readyInstances: "always-ready instances",
		}, true
	}
	return functionLimits{}, false
}

func azureHTTPNote() timeoutNote {
	return timeoutNote{
		aboveSeconds: platform.AzureHTTPResponseLimitSeconds,
		message: fmt.Sprintf("an HTTP-triggered Azure function must respond within %d s whatever its timeout (the "+
			"load balancer's idle timeout); only other triggers can use the rest", platform.AzureHTTPResponseLimitSeconds),
	}
}

func memoryRange(name, unit string, minMB, maxMB int) func(int) error {
	return func(mb int) error {
		if mb < minMB || mb > maxMB {
			return fmt.Errorf("%d %s is outside the %d-%d %s that %s offers", mb, unit, minMB, maxMB, unit, name)
		}
		return nil
	}
}

func memoryTiers(name string, tiers []platform.MemoryTier) func(int) error {
	sizes := make([]int, len(tiers))
	for i, t := range tiers {
		sizes[i] = t.MemoryMiB
	}
	return memoryOptions(name, sizes)
}

func memoryOptions(name string, sizes []int) func(int) error {
	return func(mb int) error {
		if slices.Contains(sizes, mb) {
			return nil
		}
		return fmt.Errorf("%d MB is not a size %s offers: use %s MB", mb, name, joinInts(sizes))
	}
}

// checkContainerSize explains why cpu (vCPU) and memory are not a size the container platform
// offers, or returns nil, with the same checks as the linter's container rules. field names the
// argument at fault: "cpu" when no memory would do, else "memory_mb".
func checkContainerSize(p platform.Platform, vcpu float64, memoryMB int) (field string, err error) {
	switch p {
	case platform.AWSFargate:
		units := vcpu * platform.FargateCPUUnitsPerVCPU
		if units != math.Trunc(units) || platform.FargateMemoryOptionsMiB(int(units)) == nil {
			return "cpu", fmt.Errorf("cpu %g is not a Fargate task size: use %s vCPU", vcpu, fargateVCPUs())
		}
		return "memory_mb", platform.CheckFargateSize(int(units), memoryMB)
	case platform.GCPCloudRun:
		if _, _, ok := platform.CloudRunMemoryRangeMiB(vcpu); !ok {
			return "cpu", platform.CheckCloudRunSize(vcpu, memoryMB)
		}
		return "memory_mb", platform.CheckCloudRunSize(vcpu, memoryMB)
	case platform.AzureContainerApps:
		// With the memory that matches it, a valid CPU passes; so an error then is the CPU's.
		if err := platform.CheckContainerAppsSize(vcpu, int(math.Round(vcpu*platform.ContainerAppsMiBPerVCPU))); err != nil {
			return "cpu", err
		}
		return "memory_mb", platform.CheckContainerAppsSize(vcpu, memoryMB)
	}
	return "platform", fmt.Errorf("platform %s cannot host the container", p)
}

func fargateVCPUs() string {
	var out []string
	for _, u := range platform.FargateCPUUnits() {
		out = append(out, strconv.FormatFloat(float64(u)/platform.FargateCPUUnitsPerVCPU, 'f', -1, 64))
	}
	return joinOr(out)
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return joinOr(s)
}

// joinOr lists items as prose: "a", "a or b", "a, b or c".
func joinOr(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func functionPlatformIDs() []string  { return platformIDs(platform.FunctionPlatforms()) }
func containerPlatformIDs() []string { return platformIDs(platform.ContainerPlatforms()) }
