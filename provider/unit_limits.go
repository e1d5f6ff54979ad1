package provider

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// functionLimits is what one function platform accepts, as internal/platform states it, plus the
// warnings the provider gives for a timeout under the cap that still won't run as declared. The
// provider writes no limit of its own.
type functionLimits struct {
	platform.FunctionLimits
	// timeoutNotes are warnings for a timeout under the cap that still won't run as declared:
	// a cap that applies only to some triggers, or a guarantee that ends before the timeout.
	timeoutNotes []timeoutNote
}

// timeoutNote is a warning for timeouts above aboveSeconds.
type timeoutNote struct {
	aboveSeconds int
	message      string
}

// limitsFor returns the limits of a function platform; ok is false for a platform that cannot host
// a function.
func limitsFor(p platform.Platform) (functionLimits, bool) {
	l, ok := platform.LimitsOf(p)
	if !ok {
		return functionLimits{}, false
	}
	var notes []timeoutNote
	if l.EventMaxTimeoutSeconds > 0 {
		notes = append(notes, timeoutNote{
			aboveSeconds: l.EventMaxTimeoutSeconds,
			message: fmt.Sprintf("only HTTP functions run longer than %d s on %s; an event-driven "+
				"function stops at %d s", l.EventMaxTimeoutSeconds, l.Name, l.EventMaxTimeoutSeconds),
		})
	}
	if l.HTTPResponseSeconds > 0 {
		notes = append(notes, timeoutNote{
			aboveSeconds: l.HTTPResponseSeconds,
			message: fmt.Sprintf("an HTTP-triggered Azure function must respond within %d s whatever its timeout (the "+
				"load balancer's idle timeout); only other triggers can use the rest", l.HTTPResponseSeconds),
		})
	}
	if l.GuaranteedTimeoutSeconds > 0 {
		notes = append(notes, timeoutNote{
			aboveSeconds: l.GuaranteedTimeoutSeconds,
			message: fmt.Sprintf("the Premium plan guarantees only %d s of run time; longer runs can be cut short "+
				"when the platform recycles the instance", l.GuaranteedTimeoutSeconds),
		})
	}
	return functionLimits{FunctionLimits: l, timeoutNotes: notes}, true
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

// joinOr lists items as prose: "a", "a or b", "a, b or c".
func joinOr(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func functionPlatformIDs() []string  { return platformIDs(platform.FunctionPlatforms()) }
func containerPlatformIDs() []string { return platformIDs(platform.ContainerPlatforms()) }
