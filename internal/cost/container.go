package cost

import (
	"fmt"
	"math"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// Container prices an always-on container, the half of a hybrid unit that takes the work a function
// cannot: minInstances copies of vcpu and memoryMB, running all month, whatever the traffic. The
// size must be one the platform runs (platform.CheckFargateSize, CheckCloudRunSize,
// CheckContainerAppsSize).
//
//   - aws_fargate: Linux/x86 task vCPU-hours and GB-hours.
//   - gcp_cloud_run: instance-based billing (CPU always allocated), no request fee.
//   - azure_container_apps: Consumption plan at the active rate. Idle replicas bill less, but no
//     source we could read gives the idle rate, so this is an upper bound.
func (p Prices) Container(pl platform.Platform, vcpu float64, memoryMB, minInstances int) (Option, error) {
	if minInstances < 1 {
		return Option{}, fmt.Errorf("container instances %d: an always-on container needs at least 1", minInstances)
	}
	if badNumber(vcpu) || vcpu <= 0 {
		return Option{}, fmt.Errorf("container cpu %g: use a positive number of vCPU", vcpu)
	}
	name := fmt.Sprintf("%s %g vCPU %d MB x %d", pl, vcpu, memoryMB, minInstances)
	switch pl {
	case platform.AWSFargate:
		units := vcpu * platform.FargateCPUUnitsPerVCPU
		if units != math.Round(units) {
			return Option{}, fmt.Errorf("fargate size: cpu %g vCPU is not a whole number of CPU units (%d = 1 vCPU)", vcpu, platform.FargateCPUUnitsPerVCPU)
		}
		if err := platform.CheckFargateSize(int(units), memoryMB); err != nil {
			return Option{}, fmt.Errorf("fargate size: %w", err)
		}
	case platform.GCPCloudRun:
		if err := platform.CheckCloudRunSize(vcpu, memoryMB); err != nil {
			return Option{}, fmt.Errorf("cloud run size: %w", err)
		}
	case platform.AzureContainerApps:
		if err := platform.CheckContainerAppsSize(vcpu, memoryMB); err != nil {
			return Option{}, fmt.Errorf("container apps size: %w", err)
		}
	}
	if parts := p.containerParts(nil, pl, vcpu, memoryMB, minInstances); parts != nil {
		return Option{Name: name, parts: parts}, nil
	}
	return Option{}, fmt.Errorf("%s is not a container platform: use one of %v", pl, platform.ContainerPlatforms())
}

// containerParts appends to dst what minInstances always-on instances of a size cost on a
// container platform, and returns nil for another platform. The size is not checked: Container
// does that. ContainerFor prices every size for every function into one small array on its stack.
func (p *Prices) containerParts(dst []part, pl platform.Platform, vcpu float64, memoryMB, minInstances int) []part {
	n := float64(minInstances)
	memGB := float64(memoryMB) / gb
	switch pl {
	case platform.AWSFargate:
		return append(dst,
			part{what: "task vCPU", price: p.FargateVCPUHour, fixed: n * vcpu * platform.HoursPerMonth},
			part{what: "task memory", price: p.FargateGBHour, fixed: n * memGB * platform.HoursPerMonth})
	case platform.GCPCloudRun:
		return append(dst,
			part{what: "instance CPU", price: p.CloudRunInstanceVCPUSecond, fixed: n * vcpu * platform.SecondsPerMonth},
			part{what: "instance memory", price: p.CloudRunInstanceGiBSecond, fixed: n * memGB * platform.SecondsPerMonth})
	case platform.AzureContainerApps:
		return append(dst,
			part{what: "replica CPU", price: p.ContainerAppsVCPUSecond, fixed: n * vcpu * platform.SecondsPerMonth},
			part{what: "replica memory", price: p.ContainerAppsGiBSecond, fixed: n * memGB * platform.SecondsPerMonth})
	}
	return nil
}
