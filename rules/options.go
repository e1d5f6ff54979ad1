package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// inRange checks one option's value.
func inRange(name string, v, lo, hi int, unit string) error {
	if v < lo || v > hi {
		return fmt.Errorf("%s = %d is out of range: use %d to %d%s", name, v, lo, hi, unit)
	}
	return nil
}

// Validate checks threshold_percent.
func (o *NearLimitOptions) Validate() error {
	return inRange("threshold_percent", o.ThresholdPercent, 1, 100, " (percent of the cap)")
}

// Validate checks threshold_mb against what Lambda can have.
func (o *MemoryNearLimitOptions) Validate() error {
	return inRange("threshold_mb", o.ThresholdMB, platform.LambdaMinMemoryMB, platform.LambdaMaxMemoryMB, " MB")
}

// Validate checks min_memory_mb against what Lambda can have.
func (o *HeavyRuntimeLowMemoryOptions) Validate() error {
	return inRange("min_memory_mb", o.MinMemoryMB, platform.LambdaMinMemoryMB, platform.LambdaMaxMemoryMB, " MB")
}

// Validate checks margin_percent.
func (o *ContainerCheaperOptions) Validate() error {
	return inRange("margin_percent", o.MarginPercent, 0, 100, " percent")
}
