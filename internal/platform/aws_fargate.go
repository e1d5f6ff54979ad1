package platform

import (
	"fmt"
	"strconv"
	"strings"
)

// FargateInvalidSizeMessage is what ECS answers at apply time for a task definition whose cpu and
// memory are not a valid pair; the plan itself succeeds. Source:
// https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html. Read 2026-08.
const FargateInvalidSizeMessage = "No Fargate configuration exists for given values"

// Fargate Windows tasks.
const (
	// FargateWindowsMinCPUUnits is the smallest task CPU for Windows containers on Fargate: 1,024
	// units (1 vCPU); 0.25 and 0.5 vCPU are Linux only. Source:
	// https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html (table column
	// "Operating systems supported for AWS Fargate"); the RegisterTaskDefinition API ("The CPU units
	// cannot be less than 1 vCPU when you use Windows containers on Fargate"). Looked up 2026-11-25.
	FargateWindowsMinCPUUnits = 1024

	// FargateWindowsMaxCPUUnits is the largest task CPU for Windows containers on Fargate:
	// 4,096 units (4 vCPU); 8 and 16 vCPU need Linux platform version 1.4.0 or later. Source:
	// https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html, as above.
	// Looked up 2026-11-25.
	FargateWindowsMaxCPUUnits = 4096
)

// fargateSize is the memory allowed for one task CPU size: every value from minMiB to maxMiB in
// steps of stepMiB.
type fargateSize struct{ cpuUnits, minMiB, maxMiB, stepMiB int }

// fargateSizes is the table of valid task sizes (Linux). 0.25 vCPU allows only 512, 1024 and 2048
// MiB, which the 512-MiB step from 512 to 2048 would overstate, so it is special-cased in
// FargateMemoryOptionsMiB. 8 and 16 vCPU need Linux platform version 1.4.0 or later.
// Source: https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html;
// ECS TaskDefinition memory API doc. Read 2026-08.
func fargateSizes() []fargateSize {
	return []fargateSize{
		{256, 512, 2048, 512},
		{512, 1024, 4096, 1024},
		{1024, 2048, 8192, 1024},
		{2048, 4096, 16384, 1024},
		{4096, 8192, 30720, 1024},
		{8192, 16384, 61440, 4096},
		{16384, 32768, 122880, 8192},
	}
}

// FargateCPUUnitsPerVCPU is how ECS counts task CPU: 1,024 CPU units make one vCPU.
// Source: https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html. Read 2026-11.
const FargateCPUUnitsPerVCPU = 1024

// FargateCPUUnits lists the valid task CPU values in CPU units (1,024 units = 1 vCPU).
func FargateCPUUnits() []int {
	var units []int
	for _, s := range fargateSizes() {
		units = append(units, s.cpuUnits)
	}
	return units
}

// FargateMemoryOptionsMiB lists the memory sizes valid with a task CPU value, ascending, or nil when
// the CPU value itself is not valid.
func FargateMemoryOptionsMiB(cpuUnits int) []int {
	if cpuUnits == 256 {
		return []int{512, 1024, 2048}
	}
	for _, s := range fargateSizes() {
		if s.cpuUnits != cpuUnits {
			continue
		}
		var opts []int
		for m := s.minMiB; m <= s.maxMiB; m += s.stepMiB {
			opts = append(opts, m)
		}
		return opts
	}
	return nil
}

// ValidFargateSize reports whether a task's cpu (units) and memory (MiB) are a valid Fargate pair.
func ValidFargateSize(cpuUnits, memoryMiB int) bool {
	return CheckFargateSize(cpuUnits, memoryMiB) == nil
}

// CheckFargateSize explains why a cpu/memory pair is not a valid Fargate task size, or returns nil.
// The message lists what would be valid, so it can go into a finding or a plan diagnostic as is.
func CheckFargateSize(cpuUnits, memoryMiB int) error {
	opts := FargateMemoryOptionsMiB(cpuUnits)
	if opts == nil {
		return fmt.Errorf("cpu %d is not a Fargate task size: use one of %s CPU units (1024 = 1 vCPU)",
			cpuUnits, joinInts(FargateCPUUnits()))
	}
	for _, m := range opts {
		if m == memoryMiB {
			return nil
		}
	}
	return fmt.Errorf("memory %d MiB is not valid with cpu %d on Fargate: use %s",
		memoryMiB, cpuUnits, describeMemoryOptions(opts))
}

// describeMemoryOptions writes the valid memory for a CPU size compactly ("512, 1024 or 2048 MiB",
// "4096 to 16384 MiB in steps of 1024").
func describeMemoryOptions(opts []int) string {
	if len(opts) <= 4 {
		return joinInts(opts) + " MiB"
	}
	return fmt.Sprintf("%d to %d MiB in steps of %d", opts[0], opts[len(opts)-1], opts[1]-opts[0])
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
