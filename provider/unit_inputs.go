package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// unitInputs is a hybrid_unit's arguments as plain Go values, for the checks and computations,
// which are pure functions of them. A nil pointer is an absent block or argument.
type unitInputs struct {
	function  functionInputs
	container *containerInputs
	routing   *routingInputs
	keepWarm  *keepWarmInputs
	workload  *workloadInputs
}

type functionInputs struct {
	platform            platform.Platform
	architecture        string
	memoryMB            int64
	timeoutSeconds      int64
	reservedConcurrency *int64
}

type containerInputs struct {
	platform     platform.Platform
	cpu          float64
	memoryMB     int64
	minInstances int64
}

type routingInputs struct {
	maxFunctionSeconds  *int64
	maxFunctionMemoryMB *int64
}

type keepWarmInputs struct {
	intervalMinutes *int64
	schedule        *string
	concurrency     int64
	enabled         bool
}

type workloadInputs struct {
	requestsPerMonth int64
	avgDurationMS    int64
	p99DurationMS    *int64
	peakConcurrency  *int64
}

// inputs converts the model. known is false when a value the checks or computations need is not
// known yet ("known after apply"): then nothing is checked and the computed attributes stay unknown,
// so an unknown value never causes a diagnostic.
func (m unitModelV0) inputs(ctx context.Context) (in unitInputs, known bool, diags diag.Diagnostics) {
	objects := []types.Object{m.Function, m.Container, m.Routing, m.KeepWarm, m.Workload}
	for _, o := range objects {
		if o.IsUnknown() {
			return in, false, nil
		}
	}
	if m.Function.IsNull() {
		return in, false, nil // required: the framework reports it
	}

	var fn unitFunctionModelV0
	diags.Append(m.Function.As(ctx, &fn, asOptions)...)
	if diags.HasError() {
		return in, false, diags
	}
	if anyUnknown(fn.Platform, fn.Architecture, fn.MemoryMB, fn.TimeoutSeconds, fn.ReservedConcurrency) {
		return in, false, diags
	}
	in.function = functionInputs{
		platform:            platform.Platform(fn.Platform.ValueString()),
		architecture:        fn.Architecture.ValueString(),
		memoryMB:            fn.MemoryMB.ValueInt64(),
		timeoutSeconds:      fn.TimeoutSeconds.ValueInt64(),
		reservedConcurrency: fn.ReservedConcurrency.ValueInt64Pointer(),
	}

	if !m.Container.IsNull() {
		var c unitContainerModelV0
		diags.Append(m.Container.As(ctx, &c, asOptions)...)
		if diags.HasError() || anyUnknown(c.Platform, c.CPU, c.MemoryMB, c.MinInstances) {
			return in, false, diags
		}
		in.container = &containerInputs{
			platform: platform.Platform(c.Platform.ValueString()),
			cpu:      c.CPU.ValueFloat64(),
			memoryMB: c.MemoryMB.ValueInt64(),
			// Defaults apply in the plan but not in the configuration ValidateConfig sees.
			minInstances: valueOr(c.MinInstances, defaultContainerMinInstances),
		}
	}

	if !m.Routing.IsNull() {
		var r unitRoutingModelV0
		diags.Append(m.Routing.As(ctx, &r, asOptions)...)
		if diags.HasError() || anyUnknown(r.MaxFunctionSeconds, r.MaxFunctionMemoryMB) {
			return in, false, diags
		}
		in.routing = &routingInputs{
			maxFunctionSeconds:  r.MaxFunctionSeconds.ValueInt64Pointer(),
			maxFunctionMemoryMB: r.MaxFunctionMemoryMB.ValueInt64Pointer(),
		}
	}

	if !m.KeepWarm.IsNull() {
		var k unitKeepWarmModelV0
		diags.Append(m.KeepWarm.As(ctx, &k, asOptions)...)
		if diags.HasError() || anyUnknown(k.IntervalMinutes, k.Schedule, k.Concurrency, k.Enabled) {
			return in, false, diags
		}
		in.keepWarm = &keepWarmInputs{
			intervalMinutes: k.IntervalMinutes.ValueInt64Pointer(),
			schedule:        k.Schedule.ValueStringPointer(),
			concurrency:     valueOr(k.Concurrency, defaultKeepWarmConcurrency),
			enabled:         k.Enabled.IsNull() || k.Enabled.ValueBool(),
		}
	}

	if !m.Workload.IsNull() {
		var w unitWorkloadModelV0
		diags.Append(m.Workload.As(ctx, &w, asOptions)...)
		if diags.HasError() || anyUnknown(w.RequestsPerMonth, w.AvgDurationMS, w.P99DurationMS, w.PeakConcurrency) {
			return in, false, diags
		}
		in.workload = &workloadInputs{
			requestsPerMonth: w.RequestsPerMonth.ValueInt64(),
			avgDurationMS:    w.AvgDurationMS.ValueInt64(),
			p99DurationMS:    w.P99DurationMS.ValueInt64Pointer(),
			peakConcurrency:  w.PeakConcurrency.ValueInt64Pointer(),
		}
	}
	return in, true, diags
}

var asOptions = basetypes.ObjectAsOptions{}

func anyUnknown(values ...attr.Value) bool {
	for _, v := range values {
		if v.IsUnknown() {
			return true
		}
	}
	return false
}

func valueOr(v types.Int64, fallback int64) int64 {
	if v.IsNull() {
		return fallback
	}
	return v.ValueInt64()
}
