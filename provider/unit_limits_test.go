package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// Every limit the unit applies is tested one below, at and one above it: at the limit the unit is
// accepted (the platforms accept their own maximum), one above it is not.

// functionAt is a unit on platform p with a memory size p offers and the given timeout.
func functionAt(p platform.Platform, memoryMB, timeoutSeconds int) unitInputs {
	return unitInputs{function: functionInputs{platform: p, memoryMB: int64(memoryMB), timeoutSeconds: int64(timeoutSeconds)}}
}

func TestCheckUnit_timeoutAtEachLimit(t *testing.T) {
	timeout := path.Root("function").AtName("timeout_seconds")
	above := func(p platform.Platform, seconds, limit int) diagAt {
		return diagAt{diag.SeverityError, timeout, fmt.Sprintf("function.timeout_seconds is %d s, but %s stops a function at %d s", seconds, p, limit)}
	}
	eventNote := diagAt{diag.SeverityWarning, timeout, "an event-driven function stops at 540 s"}
	httpNote := diagAt{diag.SeverityWarning, timeout, "must respond within 230 s"}
	premiumNote := diagAt{diag.SeverityWarning, timeout, "the Premium plan guarantees only 3600 s of run time"}
	lambda, gen1, gen2, run := platform.AWSLambda, platform.GCPFunctionsGen1, platform.GCPFunctionsGen2, platform.GCPCloudRun
	consumption, flex, premium := platform.AzureFunctionsConsumption, platform.AzureFunctionsFlex, platform.AzureFunctionsPremium
	cases := []struct {
		platform platform.Platform
		memoryMB int
		seconds  int
		want     []diagAt
	}{
		{lambda, 1024, platform.LambdaMinTimeoutSeconds, nil},
		{lambda, 1024, 899, nil},
		{lambda, 1024, 900, nil},
		{lambda, 1024, 901, []diagAt{above(lambda, 901, 900)}},
		{gen1, 256, 539, nil},
		{gen1, 256, 540, nil},
		{gen1, 256, 541, []diagAt{above(gen1, 541, 540)}},
		{gen2, 256, 539, nil},
		{gen2, 256, 540, nil},
		{gen2, 256, 541, []diagAt{eventNote}},
		{gen2, 256, 3599, []diagAt{eventNote}},
		{gen2, 256, 3600, []diagAt{eventNote}},
		{gen2, 256, 3601, []diagAt{above(gen2, 3601, 3600)}},
		{run, 512, 3599, nil},
		{run, 512, 3600, nil},
		{run, 512, 3601, []diagAt{above(run, 3601, 3600)}},
		{consumption, 1536, 229, nil},
		{consumption, 1536, 230, nil},
		{consumption, 1536, 231, []diagAt{httpNote}},
		{consumption, 1536, 599, []diagAt{httpNote}},
		{consumption, 1536, 600, []diagAt{httpNote}},
		{consumption, 1536, 601, []diagAt{above(consumption, 601, 600)}},
		{flex, 2048, 230, nil},
		{flex, 2048, 231, []diagAt{httpNote}},
		{flex, 2048, 86400, []diagAt{httpNote}}, // no cap on Flex
		{premium, 3584, 230, nil},
		{premium, 3584, 231, []diagAt{httpNote}},
		{premium, 3584, 3599, []diagAt{httpNote}},
		{premium, 3584, 3600, []diagAt{httpNote}},
		{premium, 3584, 3601, []diagAt{httpNote, premiumNote}},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s %ds", tc.platform, tc.seconds), func(t *testing.T) {
			assertDiags(t, checkUnit(functionAt(tc.platform, tc.memoryMB, tc.seconds)), tc.want...)
		})
	}
}

func TestCheckUnit_memoryAtEachLimit(t *testing.T) {
	memory := path.Root("function").AtName("memory_mb")
	lambda, gen1, gen2, run := platform.AWSLambda, platform.GCPFunctionsGen1, platform.GCPFunctionsGen2, platform.GCPCloudRun
	consumption, flex, premium := platform.AzureFunctionsConsumption, platform.AzureFunctionsFlex, platform.AzureFunctionsPremium
	largestPremium := platform.AzurePremiumSKUs()[len(platform.AzurePremiumSKUs())-1].MemoryMB
	cases := []struct {
		platform platform.Platform
		memoryMB int
		reject   string // a substring of the error, "" when the size is accepted
	}{
		{lambda, platform.LambdaMinMemoryMB - 1, "127 MB is outside the 128-10240 MB that AWS Lambda offers"},
		{lambda, platform.LambdaMinMemoryMB, ""},
		{lambda, platform.LambdaMinMemoryMB + 1, ""},
		{lambda, platform.LambdaMaxMemoryMB - 1, ""},
		{lambda, platform.LambdaMaxMemoryMB, ""},
		{lambda, platform.LambdaMaxMemoryMB + 1, "10241 MB is outside the 128-10240 MB"},
		{gen1, 127, "127 MB is not a size Cloud Functions (1st gen) offers: use 128, 256, 512, 1024, 2048, 4096 or 8192 MB"},
		{gen1, 128, ""},
		{gen1, 129, "129 MB is not a size Cloud Functions (1st gen) offers"},
		{gen1, 8191, "8191 MB is not a size"},
		{gen1, 8192, ""},
		{gen1, 8193, "8193 MB is not a size"},
		{gen2, 127, "127 MiB is outside the 128-32768 MiB that Cloud Run functions offers"},
		{gen2, 128, ""},
		{gen2, platform.GCPGen2MaxMemoryMiB, ""},
		{gen2, platform.GCPGen2MaxMemoryMiB + 1, "32769 MiB is outside the 128-32768 MiB"},
		{run, platform.CloudRunMinMemoryMiB - 1, "127 MiB is outside the 128-32768 MiB that Cloud Run offers"},
		{run, platform.CloudRunMinMemoryMiB, ""},
		{run, platform.CloudRunMaxMemoryMiB, ""},
		{run, platform.CloudRunMaxMemoryMiB + 1, "32769 MiB is outside the 128-32768 MiB that Cloud Run offers"},
		{consumption, 0, "0 MB is outside the 1-1536 MB that Azure Functions Consumption offers"},
		{consumption, 1, ""},
		{consumption, platform.AzureConsumptionMemoryMB, ""},
		{consumption, platform.AzureConsumptionMemoryMB + 1, "1537 MB is outside the 1-1536 MB"},
		{flex, 511, "511 MB is not a size Azure Functions Flex Consumption offers: use 512, 2048 or 4096 MB"},
		{flex, 512, ""},
		{flex, 513, "513 MB is not a size"},
		{flex, 4096, ""},
		{flex, 4097, "4097 MB is not a size"},
		{premium, 0, "0 MB is outside the 1-14336 MB that Azure Functions Premium (largest plan EP3) offers"},
		{premium, largestPremium, ""},
		{premium, largestPremium + 1, "14337 MB is outside the 1-14336 MB"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s %dMB", tc.platform, tc.memoryMB), func(t *testing.T) {
			got := checkUnit(functionAt(tc.platform, tc.memoryMB, 60))
			if tc.reject == "" {
				assert.Empty(t, got)
				return
			}
			assertDiags(t, got, diagAt{diag.SeverityError, memory, tc.reject})
		})
	}
}

// The routing thresholds are bounded by the function: max_function_seconds must stay below its
// timeout, max_function_memory_mb may equal its memory.
func TestCheckUnit_routingAtTheFunctionLimits(t *testing.T) {
	seconds := path.Root("routing").AtName("max_function_seconds")
	memory := path.Root("routing").AtName("max_function_memory_mb")
	cases := []struct {
		name    string
		routing routingInputs
		want    []diagAt
	}{
		{"seconds one below the timeout", routingInputs{maxFunctionSeconds: ptr[int64](29)}, nil},
		{"seconds at the timeout", routingInputs{maxFunctionSeconds: ptr[int64](30)},
			[]diagAt{{diag.SeverityError, seconds, "routing.max_function_seconds is 30 s, but the function times out at 30 s"}}},
		{"seconds one above the timeout", routingInputs{maxFunctionSeconds: ptr[int64](31)},
			[]diagAt{{diag.SeverityError, seconds, "routing.max_function_seconds is 31 s"}}},
		{"memory one below the function's", routingInputs{maxFunctionMemoryMB: ptr[int64](1023)}, nil},
		{"memory at the function's", routingInputs{maxFunctionMemoryMB: ptr[int64](1024)}, nil},
		{"memory one above the function's", routingInputs{maxFunctionMemoryMB: ptr[int64](1025)},
			[]diagAt{{diag.SeverityError, memory, "routing.max_function_memory_mb is 1025 MB, but the function has 1024 MB"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := lambdaUnit() // 1024 MB, 30 s
			in.container = &containerInputs{platform: platform.AWSFargate, cpu: 1, memoryMB: 2048, minInstances: 1}
			in.routing = &tc.routing
			assertDiags(t, checkUnit(in), tc.want...)
		})
	}
}

// Work exactly as long as the timeout still fits; one millisecond more does not.
func TestCheckUnit_workloadAtTheTimeout(t *testing.T) {
	avg := path.Root("workload").AtName("avg_duration_ms")
	p99 := path.Root("workload").AtName("p99_duration_ms")
	cases := []struct {
		name     string
		workload workloadInputs
		want     []diagAt
	}{
		{"average one below the timeout", workloadInputs{avgDurationMS: 29999}, nil},
		{"average at the timeout", workloadInputs{avgDurationMS: 30000}, nil},
		{"average one above the timeout", workloadInputs{avgDurationMS: 30001},
			[]diagAt{{diag.SeverityWarning, avg, "workload.avg_duration_ms is 30001 ms, above the function's 30 s timeout"}}},
		{"p99 at the timeout", workloadInputs{avgDurationMS: 100, p99DurationMS: ptr[int64](30000)}, nil},
		{"p99 one above the timeout", workloadInputs{avgDurationMS: 100, p99DurationMS: ptr[int64](30001)},
			[]diagAt{{diag.SeverityWarning, p99, "workload.p99_duration_ms is 30001 ms"}}},
		{"p99 absent", workloadInputs{avgDurationMS: 100}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := lambdaUnit()
			tc.workload.requestsPerMonth = 1000
			in.workload = &tc.workload
			assertDiags(t, checkUnit(in), tc.want...)
		})
	}
}

// Pings at the idle window keep the function warm; a minute more and they don't. Keep-warm
// concurrency may reach the reserved concurrency, not pass it.
func TestCheckUnit_keepWarmAtTheLimits(t *testing.T) {
	keepWarm := path.Root("keep_warm")
	cases := []struct {
		name     string
		interval int64
		reserved *int64
		want     []diagAt
	}{
		{"interval one below the idle window", platform.LambdaIdleWindowMinutes - 1, nil, nil},
		{"interval at the idle window", platform.LambdaIdleWindowMinutes, nil, nil},
		{"interval one above the idle window", platform.LambdaIdleWindowMinutes + 1, nil,
			[]diagAt{{diag.SeverityWarning, keepWarm.AtName("interval_minutes"), "pings come up to 6 minutes apart, but aws_lambda reclaims an instance idle for about 5 minutes"}}},
		{"concurrency one below the reserved", 5, ptr[int64](3), nil},
		{"concurrency at the reserved", 5, ptr[int64](2), nil},
		{"concurrency one above the reserved", 5, ptr[int64](1),
			[]diagAt{{diag.SeverityWarning, keepWarm.AtName("concurrency"), "keep_warm.concurrency is 2, but the function's reserved concurrency is 1"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := lambdaUnit()
			in.function.reservedConcurrency = tc.reserved
			in.keepWarm = &keepWarmInputs{intervalMinutes: ptr(tc.interval), concurrency: 2, enabled: true}
			assertDiags(t, checkUnit(in), tc.want...)
		})
	}
}

// The schema's lower bounds, run through the validators the schema declares: the value at the bound
// passes, one below it is an error that names the bound.
func TestUnitSchema_lowerBounds(t *testing.T) {
	var resp resource.SchemaResponse
	NewUnitResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	require.False(t, resp.Diagnostics.HasError(), "%v", resp.Diagnostics)
	cases := []struct {
		block, attr string
		least       int64
	}{
		{"function", "timeout_seconds", 1},
		{"function", "memory_mb", 1},
		{"function", "reserved_concurrency", 0},
		{"container", "memory_mb", 1},
		{"container", "min_instances", 0},
		{"routing", "max_function_seconds", 1},
		{"routing", "max_function_memory_mb", 1},
		{"keep_warm", "interval_minutes", 1},
		{"keep_warm", "concurrency", 1},
		{"workload", "requests_per_month", 0},
		{"workload", "avg_duration_ms", 1},
		{"workload", "p99_duration_ms", 1},
		{"workload", "peak_concurrency", 1},
	}
	for _, tc := range cases {
		t.Run(tc.block+"."+tc.attr, func(t *testing.T) {
			block, ok := resp.Schema.Attributes[tc.block].(schema.SingleNestedAttribute)
			require.True(t, ok, "%s is not a nested attribute", tc.block)
			a, ok := block.Attributes[tc.attr].(schema.Int64Attribute)
			require.True(t, ok, "%s.%s is not an int64 attribute", tc.block, tc.attr)
			validate := func(v int64) diag.Diagnostics {
				var diags diag.Diagnostics
				for _, val := range a.Validators {
					var r validator.Int64Response
					val.ValidateInt64(context.Background(), validator.Int64Request{
						Path: path.Root(tc.block).AtName(tc.attr), ConfigValue: types.Int64Value(v)}, &r)
					diags.Append(r.Diagnostics...)
				}
				return diags
			}
			assert.Empty(t, validate(tc.least), "at the bound")
			assert.Empty(t, validate(tc.least+1), "one above the bound")
			below := validate(tc.least - 1)
			require.Len(t, below, 1, "one below the bound")
			assert.Contains(t, below[0].Detail(), fmt.Sprintf("must be at least %d", tc.least))
		})
	}
}
