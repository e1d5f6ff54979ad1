package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

func ptr[T any](v T) *T { return &v }

// lambdaUnit is a valid Lambda unit with nothing optional set.
func lambdaUnit() unitInputs {
	return unitInputs{function: functionInputs{platform: platform.AWSLambda, memoryMB: 1024, timeoutSeconds: 30}}
}

// diagAt is what a test expects of one diagnostic.
type diagAt struct {
	severity diag.Severity
	path     path.Path
	detail   string // a substring of the detail
}

func assertDiags(t *testing.T, got diag.Diagnostics, want ...diagAt) {
	t.Helper()
	require.Len(t, got, len(want), "diagnostics: %v", got)
	for i, w := range want {
		d := got[i]
		assert.Equal(t, w.severity, d.Severity(), "diagnostic %d: %s", i, d.Detail())
		withPath, ok := d.(diag.DiagnosticWithPath)
		require.True(t, ok, "diagnostic %d has no attribute path: %s", i, d.Detail())
		assert.Equal(t, w.path, withPath.Path(), "diagnostic %d", i)
		assert.Contains(t, d.Detail(), w.detail, "diagnostic %d", i)
	}
}

func TestCheckUnit_validUnitHasNoDiagnostics(t *testing.T) {
	in := lambdaUnit()
	in.container = &containerInputs{platform: platform.AWSFargate, cpu: 1, memoryMB: 2048, minInstances: 1}
	in.routing = &routingInputs{maxFunctionSeconds: ptr[int64](20), maxFunctionMemoryMB: ptr[int64](1024)}
	in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](platform.LambdaIdleWindowMinutes), concurrency: 2, enabled: true}
	in.function.reservedConcurrency = ptr[int64](2)
	in.workload = &workloadInputs{requestsPerMonth: 1000, avgDurationMS: 100, p99DurationMS: ptr[int64](60000)}
	assert.Empty(t, checkUnit(in))
}

func TestCheckUnit_warnings(t *testing.T) {
	keepWarm := path.Root("keep_warm")
	cases := []struct {
		name string
		edit func(*unitInputs)
		want diagAt
	}{
		{"interval longer than the Lambda idle window", func(in *unitInputs) {
			in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](platform.LambdaIdleWindowMinutes * 2), concurrency: 1, enabled: true}
		}, diagAt{diag.SeverityWarning, keepWarm.AtName("interval_minutes"), "pings come up to 10 minutes apart, but aws_lambda reclaims an instance idle for about 5 minutes"}},
		{"business-hours cron leaves the night cold", func(in *unitInputs) {
			in.keepWarm = &keepWarmInputs{schedule: ptr("cron(0/5 8-17 ? * MON-FRI *)"), concurrency: 1, enabled: true}
		}, diagAt{diag.SeverityWarning, keepWarm.AtName("schedule"), "keep_warm.schedule: pings come up to"}},
		{"interval longer than the Azure Consumption idle window", func(in *unitInputs) {
			in.function = functionInputs{platform: platform.AzureFunctionsConsumption, memoryMB: 512, timeoutSeconds: 60}
			in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](30), concurrency: 1, enabled: true}
		}, diagAt{diag.SeverityWarning, keepWarm.AtName("interval_minutes"), "idle for about 20 minutes"}},
		{"keep-warm concurrency above reserved concurrency", func(in *unitInputs) {
			in.function.reservedConcurrency = ptr[int64](2)
			in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](5), concurrency: 3, enabled: true}
		}, diagAt{diag.SeverityWarning, keepWarm.AtName("concurrency"), "keep_warm.concurrency is 3, but the function's reserved concurrency is 2"}},
		{"keep-warm on the Premium plan", func(in *unitInputs) {
			in.function = functionInputs{platform: platform.AzureFunctionsPremium, memoryMB: 3584, timeoutSeconds: 60}
			in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](5), concurrency: 1, enabled: true}
		}, diagAt{diag.SeverityWarning, keepWarm, "keeps at least one instance warm"}},
		{"gen2 timeout only HTTP functions get", func(in *unitInputs) {
			in.function = functionInputs{platform: platform.GCPFunctionsGen2, memoryMB: 512, timeoutSeconds: platform.GCPGen2EventMaxTimeoutSeconds + 1}
		}, diagAt{diag.SeverityWarning, path.Root("function").AtName("timeout_seconds"), "an event-driven function stops at 540 s"}},
		{"Azure HTTP response limit", func(in *unitInputs) {
			in.function = functionInputs{platform: platform.AzureFunctionsFlex, memoryMB: 2048, timeoutSeconds: platform.AzureHTTPResponseLimitSeconds + 1}
		}, diagAt{diag.SeverityWarning, path.Root("function").AtName("timeout_seconds"), "must respond within 230 s"}},
		{"slowest work beyond the timeout without a container", func(in *unitInputs) {
			in.workload = &workloadInputs{requestsPerMonth: 10, avgDurationMS: 1000, p99DurationMS: ptr[int64](31000)}
		}, diagAt{diag.SeverityWarning, path.Root("workload").AtName("p99_duration_ms"), "workload.p99_duration_ms is 31000 ms, above the function's 30 s timeout"}},
		{"typical work beyond the timeout without a container", func(in *unitInputs) {
			in.workload = &workloadInputs{requestsPerMonth: 10, avgDurationMS: 45000}
		}, diagAt{diag.SeverityWarning, path.Root("workload").AtName("avg_duration_ms"), "most invocations would time out"}},
		{"architecture on another platform", func(in *unitInputs) {
			in.function = functionInputs{platform: platform.GCPCloudRun, architecture: "arm64", memoryMB: 512, timeoutSeconds: 60}
		}, diagAt{diag.SeverityError, path.Root("function").AtName("architecture"), "gcp_cloud_run prices one architecture only"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := lambdaUnit()
			tc.edit(&in)
			assertDiags(t, checkUnit(in), tc.want)
		})
	}
}

// Warnings are about pings that are sent; a disabled keep-warm is still parsed, but not warned about.
func TestCheckUnit_disabledKeepWarm(t *testing.T) {
	in := lambdaUnit()
	in.keepWarm = &keepWarmInputs{intervalMinutes: ptr[int64](60), concurrency: 1, enabled: false}
	assert.Empty(t, checkUnit(in))

	in.function.platform = platform.GCPFunctionsGen1
	in.keepWarm.intervalMinutes = ptr[int64](7)
	assertDiags(t, checkUnit(in), diagAt{diag.SeverityError, path.Root("keep_warm").AtName("interval_minutes"), "every 7 minutes cannot be written"})
}

func TestCheckUnit_scheduleFiringTooRarely(t *testing.T) {
	in := lambdaUnit()
	in.keepWarm = &keepWarmInputs{schedule: ptr("at(2026-01-15T10:00:00)"), concurrency: 1, enabled: true}
	assertDiags(t, checkUnit(in), diagAt{diag.SeverityError, path.Root("keep_warm").AtName("schedule"), "fires fewer than twice a month"})
}

// Every function platform has limits, and every limit table accepts the platform's own default
// memory, so a unit declared with the defaults passes.
func TestLimitsFor_everyFunctionPlatform(t *testing.T) {
	defaults := map[platform.Platform]int{
		platform.AWSLambda:                 platform.LambdaDefaultMemoryMB,
		platform.GCPFunctionsGen1:          platform.GCPGen1DefaultMemoryMB,
		platform.GCPFunctionsGen2:          platform.GCPGen2DefaultMemoryMiB,
		platform.GCPCloudRun:               platform.CloudRunDefaultMemoryMiB,
		platform.AzureFunctionsConsumption: platform.AzureConsumptionMemoryMB,
		platform.AzureFunctionsFlex:        platform.AzureFlexDefaultInstanceMemoryMB,
		platform.AzureFunctionsPremium:     platform.AzurePremiumSKUs()[0].MemoryMB,
	}
	for _, p := range platform.FunctionPlatforms() {
		limits, ok := limitsFor(p)
		require.True(t, ok, "%s", p)
		mb, ok := defaults[p]
		require.True(t, ok, "no default memory listed for %s", p)
		assert.NoError(t, limits.CheckMemory(mb), "%s", p)
		assert.Error(t, limits.CheckMemory(0), "%s", p)
	}
	_, ok := limitsFor(platform.AWSFargate)
	assert.False(t, ok)
}

func TestCheckContainerSize(t *testing.T) {
	cases := []struct {
		platform  platform.Platform
		cpu       float64
		memoryMB  int
		wantField string // "" when valid
	}{
		{platform.AWSFargate, 0.25, 512, ""},
		{platform.AWSFargate, 16, 122880, ""},
		{platform.AWSFargate, 0.25, 3072, "memory_mb"},
		{platform.AWSFargate, 0.3, 1024, "cpu"},
		{platform.GCPCloudRun, 4, 16384, ""},
		{platform.GCPCloudRun, 1, 8192, "memory_mb"},
		{platform.GCPCloudRun, 16, 8192, "cpu"},
		{platform.AzureContainerApps, 0.5, 1024, ""},
		{platform.AzureContainerApps, 0.5, 2048, "memory_mb"},
		{platform.AzureContainerApps, 0.3, 600, "cpu"},
	}
	for _, tc := range cases {
		field, err := checkContainerSize(tc.platform, tc.cpu, tc.memoryMB)
		if tc.wantField == "" {
			assert.NoError(t, err, "%s %g vCPU %d MB", tc.platform, tc.cpu, tc.memoryMB)
			continue
		}
		assert.Error(t, err, "%s %g vCPU %d MB", tc.platform, tc.cpu, tc.memoryMB)
		assert.Equal(t, tc.wantField, field, "%s %g vCPU %d MB: %v", tc.platform, tc.cpu, tc.memoryMB, err)
	}
}
