package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func peakMemory(addr string, mb float64) metrics.Observation {
	return observation(addr, func(o *metrics.Observation) { o.MaxMemoryMB = metrics.Of(mb) })
}

func TestFunctionObservedMemoryNearLimitThresholds(t *testing.T) {
	const fn = "aws_lambda_function.resize"
	tests := []struct {
		name   string
		memory any
		peak   float64
		want   []string
	}{
		// 90 % of 1,000 MB is 900 MB.
		{"one MB below 90 %", 1000, 899, []string{}},
		{"at 90 %", 1000, 900, []string{"warning aws_lambda_function.resize: observed peak memory 900 MB is 90% of memory_size 1000 MB " +
			"over 14 days: a larger input runs out of memory"}},
		{"one MB above 90 %", 1000, 901, []string{"warning aws_lambda_function.resize: observed peak memory 901 MB is 90% of memory_size 1000 MB " +
			"over 14 days: a larger input runs out of memory"}},
		{"at the memory", 1000, 1000, []string{"warning aws_lambda_function.resize: observed peak memory 1000 MB is 100% of memory_size 1000 MB " +
			"over 14 days: a larger input runs out of memory"}},
		{"the plan sets memory one MB below the peak", 999, 1000, []string{"error aws_lambda_function.resize: memory_size 999 MB is below the observed " +
			"peak of 1000 MB over 14 days: this change runs out of memory"}},
		{"unset memory is Lambda's 128 MB default", nil, 200, []string{"error aws_lambda_function.resize: memory_size 128 MB is below the observed " +
			"peak of 200 MB over 14 days: this change runs out of memory"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := lambda(fn, 30)
			r.After["memory_size"] = tt.memory
			got := runObserved(t, rules.FunctionObservedMemoryNearLimit, plantest.New().Add(r), nil, peakMemory(fn, tt.peak))
			require.Equal(t, tt.want, summaries(got))
		})
	}
}

func TestFunctionObservedMemoryNearLimitSilence(t *testing.T) {
	const fn = "aws_lambda_function.resize"
	unknownMemory := lambda(fn, 30)
	delete(unknownMemory.After, "memory_size")
	unknownMemory.Unknown = []string{"memory_size"}
	tests := []struct {
		name     string
		plan     *plantest.Builder
		observed []metrics.Observation
	}{
		{"no metrics", plantest.New().Add(lambda(fn, 30)), nil},
		{"no memory in the metrics", plantest.New().Add(lambda(fn, 30)), []metrics.Observation{durations(fn, 1000, 2000)}},
		{"memory unknown until apply", plantest.New().Add(unknownMemory), []metrics.Observation{peakMemory(fn, 4000)}},
		{"the function is deleted", plantest.New().Add(deleted(lambda(fn, 30))), []metrics.Observation{peakMemory(fn, 4000)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Empty(t, runObserved(t, rules.FunctionObservedMemoryNearLimit, tt.plan, nil, tt.observed...))
		})
	}
}

func TestFunctionObservedMemoryNearLimitPlatforms(t *testing.T) {
	utilization := func(addr string, util float64, measuredAt float64) metrics.Observation {
		return observation(addr, func(o *metrics.Observation) {
			o.MaxMemoryUtilization = metrics.Of(util)
			if measuredAt > 0 {
				o.MemorySizeMB = metrics.Of(measuredAt)
			}
		})
	}
	run := gcpRunV2("google_cloud_run_v2_service.api", map[string]any{
		"containers": []any{gcpRunContainer("gcr.io/p/api:1", map[string]any{"cpu": "1", "memory": "512Mi"}, nil)}}, nil)
	run.Actions = []string{"no-op"}
	changed := run
	changed.Actions = []string{"update"}
	tests := []struct {
		name     string
		plan     *plantest.Builder
		observed metrics.Observation
		want     []string
	}{
		{
			name:     "a Cloud Run service's utilization on the memory the plan keeps",
			plan:     plantest.New().Add(run),
			observed: utilization("google_cloud_run_v2_service.api", 0.95, 0),
			want: []string{"warning google_cloud_run_v2_service.api: observed peak memory 486 MiB is 95% of template.0.containers.0.resources.0.limits.memory " +
				"512 MiB over 14 days (95% utilization of 512 MiB): a larger input runs out of memory"},
		},
		{
			name:     "utilization measured at 1 GiB against a plan that sets 512 MiB",
			plan:     plantest.New().Add(changed),
			observed: utilization("google_cloud_run_v2_service.api", 0.6, 1024),
			want: []string{"error google_cloud_run_v2_service.api: template.0.containers.0.resources.0.limits.memory 512 MiB is below the observed peak " +
				"of 614 MiB over 14 days (60% utilization of 1024 MiB): this change runs out of memory"},
		},
		{
			name:     "utilization without the memory it was measured at, on a service the plan changes",
			plan:     plantest.New().Add(changed),
			observed: utilization("google_cloud_run_v2_service.api", 0.95, 0),
			want:     []string{},
		},
		{
			name:     "a 1st gen function's peak",
			plan:     plantest.New().Add(gcpGen1Fn("google_cloudfunctions_function.f", nil)),
			observed: peakMemory("google_cloudfunctions_function.f", 240),
			want: []string{"warning google_cloudfunctions_function.f: observed peak memory 240 MB is 93% of available_memory_mb 256 MB " +
				"over 14 days: a larger input runs out of memory"},
		},
		{
			name: "an Azure Consumption app against its instance's 1,536 MB",
			plan: plantest.New().Add(azurePlan("azurerm_service_plan.p", "Y1"),
				azureLinuxApp("azurerm_linux_function_app.api", "azurerm_service_plan.p", javaStack, nil, nil)),
			observed: peakMemory("azurerm_linux_function_app.api", 1400),
			want: []string{"warning azurerm_linux_function_app.api: observed peak memory 1400 MB is 91% of the 1536 MB memory of a Consumption instance " +
				"over 14 days: a larger input runs out of memory"},
		},
		{
			name: "a Flex Consumption app whose plan lowers instance_memory_in_mb below the peak",
			plan: plantest.New().Add(azurePlan("azurerm_service_plan.f", "FC1"),
				azureFlexApp("azurerm_function_app_flex_consumption.api", "azurerm_service_plan.f", map[string]any{"instance_memory_in_mb": 512})),
			observed: peakMemory("azurerm_function_app_flex_consumption.api", 700),
			want: []string{"error azurerm_function_app_flex_consumption.api: instance_memory_in_mb 512 MB is below the observed peak of 700 MB " +
				"over 14 days: this change runs out of memory"},
		},
		{
			name: "in a module, per for_each instance",
			plan: plantest.New().Module(plantest.ModuleCall{Path: "module.svc", Source: "./svc", ForEach: true}).
				Add(lambda(`module.svc["a"].aws_lambda_function.this`, 30), lambda(`module.svc["b"].aws_lambda_function.this`, 30)),
			observed: peakMemory(`module.svc["b"].aws_lambda_function.this`, 120),
			want: []string{`warning module.svc["b"].aws_lambda_function.this: observed peak memory 120 MB is 93% of memory_size 128 MB ` +
				"over 14 days: a larger input runs out of memory"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(runObserved(t, rules.FunctionObservedMemoryNearLimit, tt.plan, nil, tt.observed)))
		})
	}
}

func TestFunctionObservedMemoryNearLimitOptions(t *testing.T) {
	const fn = "aws_lambda_function.resize"
	opts := &rules.ObservedLevelsOptions{WarnPercent: 75, ErrorSeverity: "error", WarningSeverity: "notice"}
	require.Equal(t, []string{"notice aws_lambda_function.resize: observed peak memory 100 MB is 78% of memory_size 128 MB " +
		"over 14 days: a larger input runs out of memory"},
		summaries(runObserved(t, rules.FunctionObservedMemoryNearLimit, plantest.New().Add(lambda(fn, 30)), opts, peakMemory(fn, 100))))
	require.Error(t, (&rules.ObservedLevelsOptions{WarnPercent: 101, ErrorSeverity: "error", WarningSeverity: "warning"}).Validate())
}
