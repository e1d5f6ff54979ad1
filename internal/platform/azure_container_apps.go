package platform

import (
	"fmt"
	"math"
)

// Azure Container Apps, Consumption workload profile (the container half on Azure).
const (
	// ContainerAppsMinVCPU is the smallest replica: 0.25 vCPU. Source: workload-profiles-overview
	// (Consumption profile 0.25-4 vCPU). Looked up 2026-11-25.
	ContainerAppsMinVCPU = 0.25

	// ContainerAppsMaxVCPU is the largest replica on the Consumption profile: 4 vCPU.
	// Source: https://learn.microsoft.com/azure/container-apps/workload-profiles-overview;
	// https://docs.azure.cn/en-us/container-apps/quotas (4 cores per replica). Looked up 2026-11-25.
	ContainerAppsMaxVCPU = 4

	// ContainerAppsVCPUStep is the CPU increment: 0.25 vCPU. Source: MicrosoftDocs/azure-docs
	// articles/container-apps/containers.md (allowed combinations). Looked up 2026-11-25.
	ContainerAppsVCPUStep = 0.25

	// ContainerAppsMiBPerVCPU is the memory that must come with each vCPU: 2 GiB (0.25 vCPU with
	// 0.5Gi, ... 4 vCPU with 8Gi). Source: containers.md allowed combinations; workload-profiles-
	// overview (0.5-8 GiB). Looked up 2026-11-25.
	ContainerAppsMiBPerVCPU = 2048

	// ContainerAppsMaxMemoryMiB is the largest replica memory on the Consumption profile: 8 GiB.
	// Source: workload-profiles-overview. Looked up 2026-11-25.
	ContainerAppsMaxMemoryMiB = 8192

	// ContainerAppsRequestTimeoutSeconds is the HTTP ingress request timeout: 240 s.
	// Source: https://learn.microsoft.com/azure/container-apps/ingress-overview. Looked up 2026-11-25.
	ContainerAppsRequestTimeoutSeconds = 240
)

// CheckContainerAppsSize explains why a replica's CPU and memory are not a valid Consumption-profile
// combination, or returns nil. CPU goes in steps of 0.25 vCPU from 0.25 to 4, and memory must be
// exactly 2 GiB per vCPU.
func CheckContainerAppsSize(vcpu float64, memoryMiB int) error {
	steps := vcpu / ContainerAppsVCPUStep
	if math.IsNaN(vcpu) || vcpu < ContainerAppsMinVCPU || vcpu > ContainerAppsMaxVCPU || math.Abs(steps-math.Round(steps)) > 1e-9 {
		return fmt.Errorf("cpu %g is not a Container Apps size: use %g to %g vCPU in steps of %g",
			vcpu, ContainerAppsMinVCPU, float64(ContainerAppsMaxVCPU), ContainerAppsVCPUStep)
	}
	want := int(math.Round(vcpu * ContainerAppsMiBPerVCPU))
	if memoryMiB != want {
		return fmt.Errorf("memory %d MiB does not match cpu %g on Container Apps, which needs exactly %d MiB (2 GiB per vCPU)",
			memoryMiB, vcpu, want)
	}
	return nil
}
