package platform

import (
	"fmt"
	"math"
)

// MemoryTier is a memory size and the vCPU that comes with it.
type MemoryTier struct {
	MemoryMiB int
	VCPU      float64
}

// GCPGen1MemoryTiers lists the 1st-gen memory sizes, each with its fixed CPU. No other memory value
// is accepted, and 4 and 8 vCPU are not available. Source:
// https://docs.cloud.google.com/functions/1stgendocs/configuring/memory (updated 2025-09-04). Read 2026-08.
func GCPGen1MemoryTiers() []MemoryTier {
	return []MemoryTier{
		{128, 0.083}, {256, 0.167}, {512, 0.333}, {1024, 0.583},
		{2048, 1}, {4096, 2}, {8192, 2},
	}
}

// GCPGen2MemoryTiers lists the 2nd-gen memory sizes and the minimum vCPU each needs; it is also the
// CPU a function gets when `available_cpu` is unset. Source:
// https://cloud.google.com/functions/docs/configuring/memory. Read 2026-08.
func GCPGen2MemoryTiers() []MemoryTier {
	return []MemoryTier{
		{128, 0.083}, {256, 0.167}, {512, 0.333}, {1024, 0.583},
		{2048, 1}, {4096, 2}, {8192, 2}, {16384, 4}, {32768, 8},
	}
}

// GCPGen1VCPU returns the CPU of a 1st-gen memory size, or false when the size is not a tier.
func GCPGen1VCPU(memoryMB int) (float64, bool) {
	for _, t := range GCPGen1MemoryTiers() {
		if t.MemoryMiB == memoryMB {
			return t.VCPU, true
		}
	}
	return 0, false
}

// GCPGen2DefaultVCPU returns the CPU a 2nd-gen function gets for a memory size when `available_cpu`
// is unset: the vCPU of the smallest tier at least that large. It reports false above 32 GiB.
func GCPGen2DefaultVCPU(memoryMiB int) (float64, bool) {
	for _, t := range GCPGen2MemoryTiers() {
		if memoryMiB <= t.MemoryMiB {
			return t.VCPU, true
		}
	}
	return 0, false
}

// CloudRunMemoryRangeMiB returns the memory a Cloud Run instance (a service, or a 2nd-gen function,
// which is one) may have with a CPU setting. ok is false for a CPU value Cloud Run does not accept:
// below 0.08, above 8, or above 1 and not one of 1, 2, 4, 6, 8.
// Source: https://cloud.google.com/run/docs/configuring/services/memory-limits ("Required
// memory when setting a CPU value": .08 vCPU up to 512 MiB, .5 up to 1 GiB, 1 up to 4 GiB, 2 up to
// 8 GiB, 4: 2-16 GiB, 6: 4-24 GiB, 8: 4-32 GiB); run/docs/configuring/services/cpu (fractional CPU
// from 0.08 to 1 in steps of 0.001, integers above 1). Read 2026-08, looked up again 2026-11-25.
func CloudRunMemoryRangeMiB(vcpu float64) (minMiB, maxMiB int, ok bool) {
	switch {
	case math.IsNaN(vcpu) || vcpu < CloudRunMinVCPU || vcpu > CloudRunMaxVCPU:
		return 0, 0, false
	case vcpu < 0.5:
		return CloudRunMinMemoryMiB, 512, true
	case vcpu < 1:
		return CloudRunMinMemoryMiB, 1024, true
	case vcpu == 1:
		return CloudRunMinMemoryMiB, 4096, true
	case vcpu == 2:
		return CloudRunMinMemoryMiB, 8192, true
	case vcpu == 4:
		return 2048, 16384, true
	case vcpu == 6:
		return 4096, 24576, true
	case vcpu == 8:
		return 4096, 32768, true
	}
	return 0, 0, false
}

// CheckCloudRunSize explains why a CPU/memory pair is not valid on Cloud Run or for a 2nd-gen
// function, or returns nil. The message names the numbers and what to change, so it can go into a
// finding or a plan diagnostic as is.
func CheckCloudRunSize(vcpu float64, memoryMiB int) error {
	minMiB, maxMiB, ok := CloudRunMemoryRangeMiB(vcpu)
	switch {
	case !ok:
		return fmt.Errorf("cpu %g is not a Cloud Run CPU setting: use a fraction from %g to 1, or 1, 2, 4, 6 or 8 vCPU",
			vcpu, CloudRunMinVCPU)
	case memoryMiB > CloudRunMaxMemoryMiB:
		return fmt.Errorf("memory %d MiB exceeds Cloud Run's %d MiB (32 GiB) maximum", memoryMiB, CloudRunMaxMemoryMiB)
	case memoryMiB > maxMiB:
		return fmt.Errorf("memory %d MiB needs more CPU than %g vCPU, which allows at most %d MiB: use at least %s",
			memoryMiB, vcpu, maxMiB, describeMinCPU(memoryMiB))
	case memoryMiB < minMiB:
		return fmt.Errorf("%g vCPU needs at least %d MiB of memory, got %d MiB", vcpu, minMiB, memoryMiB)
	}
	return nil
}

// describeMinCPU names the smallest CPU setting that allows a memory size.
func describeMinCPU(memoryMiB int) string {
	for _, v := range []float64{CloudRunMinVCPU, 0.5, 1, 2, 4, 6, 8} {
		if _, maxMiB, _ := CloudRunMemoryRangeMiB(v); memoryMiB <= maxMiB {
			return fmt.Sprintf("%g vCPU", v)
		}
	}
	return fmt.Sprintf("%d vCPU", CloudRunMaxVCPU)
}

// CheckCloudRunConcurrency explains why a fractional CPU cannot serve concurrent requests, or
// returns nil: below 1 vCPU, maximum concurrency must be 1 (and billing request-based, in the
// first-generation execution environment). Source:
// https://cloud.google.com/run/docs/configuring/services/cpu. Read 2026-08.
func CheckCloudRunConcurrency(vcpu float64, maxConcurrency int) error {
	if vcpu < 1 && maxConcurrency > 1 {
		return fmt.Errorf("cpu %g is fractional, which Cloud Run allows only with a maximum concurrency of 1, got %d: use at least 1 vCPU or set concurrency to 1",
			vcpu, maxConcurrency)
	}
	return nil
}
