package rules_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/config"
	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// Fixtures and helpers of the cost rules (issue 7).

// econSettings are the example settings with a usage file (YAML; "" for none).
func econSettings(t *testing.T, usageYAML string) rules.Settings {
	t.Helper()
	s := exampleSettings
	if usageYAML != "" {
		f, err := usage.Parse("usage.yml", []byte(usageYAML))
		require.NoError(t, err)
		s.Usage = f
	}
	return s
}

// runEconomics runs a cost rule with a usage file and options (nil for the defaults).
func runEconomics(t *testing.T, r *rules.Rule, b *plantest.Builder, usageYAML string, options any) []finding.Finding {
	t.Helper()
	cfg := engine.Config{Settings: econSettings(t, usageYAML), Rules: map[string]config.RuleConfig{r.Name: {Options: options}}}
	res := engine.Run(b.Graph(t), []*rules.Rule{r}, cfg)
	require.Empty(t, res.Errors)
	return res.Findings
}

// econLambda is a Lambda function of the given memory and architecture.
func econLambda(addr string, memoryMB int, arch string) plantest.Resource {
	return coldFn(addr, "python3.12", map[string]any{"memory_size": memoryMB, "architectures": []any{arch}, "timeout": 30})
}

// econUsage is a usage file giving one address requests a month and an average duration.
func econUsage(addr string, requests, avgMs float64) string {
	b, _ := json.Marshal(map[string]any{"resource_usage": map[string]any{addr: map[string]any{
		"requests_per_month": requests, "avg_duration_ms": avgMs}}})
	return string(b)
}

// econUnit is a hybrid_unit whose function.target references fnAddr, with a workload.
func econUnit(addr, fnAddr string, requests, avgMs int) plantest.Resource {
	return plantest.Resource{Address: addr,
		After:   map[string]any{"name": "unit", "workload": map[string]any{"requests_per_month": requests, "avg_duration_ms": avgMs}},
		Unknown: []string{"function"},
		Refs:    map[string][]string{"function": fnRefs(fnAddr, "arn")}}
}

// schedulerJob is a Cloud Scheduler job calling a function's URL on a schedule.
func schedulerJob(addr, expr, name, body string, fnAddr string) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{"name": name, "schedule": expr, "time_zone": "Europe/Paris",
		"paused": false, "http_target": []any{map[string]any{"http_method": "POST",
			"body": base64.StdEncoding.EncodeToString([]byte(body))}}},
		Refs: map[string][]string{"http_target.0.uri": gcpRef(fnAddr, "service_config.0.uri")}}
}

func TestPlannedFunctions(t *testing.T) {
	b := plantest.New().Add(
		econLambda("aws_lambda_function.api", 512, "arm64"),
		liveAlias("aws_lambda_alias.live", "aws_lambda_function.api"),
		provisionedOn("aws_lambda_provisioned_concurrency_config.api", "aws_lambda_function.api", "aws_lambda_alias.live"),
		eventRule("aws_cloudwatch_event_rule.warm", "rate(5 minutes)", map[string]any{"name": "api-warmer"}),
		eventTarget("aws_cloudwatch_event_target.warm", "aws_cloudwatch_event_rule.warm", `{"warmer":true,"concurrency":3}`,
			fnRefs("aws_lambda_function.api", "arn")...),
		plantest.Resource{Address: "aws_lambda_function.unknown_memory", After: map[string]any{"function_name": "u"},
			Unknown: []string{"memory_size"}},
		plantest.Resource{Address: "aws_lambda_function.defaults", After: map[string]any{"function_name": "d", "memory_size": nil, "timeout": nil},
			Unknown: []string{"architectures"}},
		plantest.Resource{Address: "aws_lambda_function.computed_arch", After: map[string]any{"function_name": "c", "memory_size": 256},
			Unknown: []string{"architectures"}, Refs: map[string][]string{"architectures": {"var.architectures"}}},
		plantest.Resource{Address: "aws_lambda_function.gone", Actions: []string{"delete"}, After: map[string]any{"function_name": "g", "memory_size": 128}},
		gcpGen1Fn("google_cloudfunctions_function.gen1", map[string]any{"available_memory_mb": 1024}),
		gcpGen2Fn("google_cloudfunctions2_function.gen2", map[string]any{"available_memory": "1Gi", "available_cpu": "1"}, nil),
		schedulerJob("google_cloud_scheduler_job.warm", "*/10 8-17 * * 1-5", "gen2-keep-warm", "{}", "google_cloudfunctions2_function.gen2"),
		gcpRunV2("google_cloud_run_v2_service.api", nil, nil),
		azurePlan("azurerm_service_plan.y1", "Y1"),
		azureLinuxApp("azurerm_linux_function_app.consumption", "azurerm_service_plan.y1", javaStack, nil, nil),
		azurePlan("azurerm_service_plan.ep2", "EP2"),
		azureLinuxApp("azurerm_linux_function_app.premium", "azurerm_service_plan.ep2", javaStack, nil, nil),
		azurePlan("azurerm_service_plan.p1", "P1v3"),
		azureLinuxApp("azurerm_linux_function_app.dedicated", "azurerm_service_plan.p1", javaStack, nil, nil),
		azurePlan("azurerm_service_plan.fc1", "FC1"),
		azureFlexApp("azurerm_function_app_flex_consumption.flex", "azurerm_service_plan.fc1", map[string]any{
			"instance_memory_in_mb": 4096, "always_ready": []any{map[string]any{"name": "http", "instance_count": 2}}}),
		econUnit("hybrid_unit.api", "aws_lambda_function.api", 4000000, 900),
	)
	g := b.Graph(t)
	s := econSettings(t, "resource_usage:\n  azurerm_linux_function_app.consumption:\n    monthly_executions: 1000000\n    execution_duration_ms: 300\n    memory_mb: 512\n")
	got := map[string]serverless.PlannedFunction{}
	var order []string
	for _, pf := range serverless.PlannedFunctions(g, s.Inputs()) {
		got[pf.Instance.Address] = pf
		order = append(order, pf.Instance.Address)
	}
	assert.Equal(t, []string{
		"aws_lambda_function.api", "aws_lambda_function.defaults",
		"azurerm_function_app_flex_consumption.flex", "azurerm_linux_function_app.consumption", "azurerm_linux_function_app.premium",
		"google_cloudfunctions2_function.gen2", "google_cloudfunctions_function.gen1",
	}, order, "unknown memory or architecture, deleted functions, Cloud Run services and Dedicated apps are left out")

	api := got["aws_lambda_function.api"]
	assert.Equal(t, cost.Function{Platform: platform.AWSLambda, MemoryMB: 512, Arch: cost.ARM64}, api.Function)
	assert.Equal(t, 30, api.TimeoutSeconds)
	require.Len(t, api.Provisioned, 1)
	assert.Equal(t, serverless.ProvisionedCapacity{Config: g.ByAddress("aws_lambda_provisioned_concurrency_config.api"),
		Attribute: "provisioned_concurrent_executions", Instances: 2, Qualifier: "alias live",
		Related: []string{"aws_lambda_alias.live"}}, api.Provisioned[0])
	require.Len(t, api.KeepWarm, 1)
	assert.Equal(t, "rate(5 minutes)", api.KeepWarm[0].Expression)
	assert.InDelta(t, 8760, api.KeepWarm[0].PingsPerMonth, 1e-9)
	assert.Equal(t, 3, api.KeepWarm[0].Concurrency, "lambda-warmer's concurrency")
	assert.True(t, api.HasTraffic)
	assert.Equal(t, "hybrid_unit.api workload", api.Traffic.Source())
	assert.True(t, api.WarmNeeded())
	assert.Equal(t, cost.ProvisionedCapacity, api.CurrentKind())
	assert.Equal(t, cost.Configured{PingsPerMonth: 8760, PingConcurrency: 3, Provisioned: 2, IdlePingsPerMonth: 8760}, api.Configured(s.Inputs()))

	defaults := got["aws_lambda_function.defaults"]
	assert.Equal(t, cost.Function{Platform: platform.AWSLambda, MemoryMB: 128, Arch: cost.X86_64}, defaults.Function,
		"Lambda's defaults, also for architectures left unknown by the provider")
	assert.Equal(t, 3, defaults.TimeoutSeconds)
	assert.False(t, defaults.HasTraffic)
	assert.Equal(t, cost.OnDemand, defaults.CurrentKind())

	gen2 := got["google_cloudfunctions2_function.gen2"]
	assert.Equal(t, cost.Function{Platform: platform.GCPFunctionsGen2, MemoryMB: 1024, VCPU: 1}, gen2.Function)
	require.Len(t, gen2.KeepWarm, 1, "the Cloud Scheduler job named keep-warm")
	// Every 10 minutes from 08:00 to 17:50 on weekdays: 60 a day, 261 weekdays in 2026.
	assert.InDelta(t, 60*261.0/12, gen2.KeepWarm[0].PingsPerMonth, 1e-9)
	assert.Equal(t, cost.Function{Platform: platform.GCPFunctionsGen1, MemoryMB: 1024}, got["google_cloudfunctions_function.gen1"].Function)

	consumption := got["azurerm_linux_function_app.consumption"]
	assert.Equal(t, 512, consumption.Function.MemoryMB, "the observed memory of the usage file")
	assert.Equal(t, "observed memory from usage.yml:2", consumption.MemoryNote)
	assert.False(t, consumption.MemoryAssumed)
	assert.Equal(t, 300, consumption.TimeoutSeconds, "Consumption's default functionTimeout")
	assert.Equal(t, "azurerm_service_plan.y1", consumption.HostingPlan)

	premium := got["azurerm_linux_function_app.premium"]
	assert.Equal(t, cost.Function{Platform: platform.AzureFunctionsPremium, MemoryMB: 7168}, premium.Function, "an EP2 instance")
	assert.True(t, premium.WarmNeeded(), "a Premium plan keeps an instance warm")

	flex := got["azurerm_function_app_flex_consumption.flex"]
	assert.Equal(t, 4096, flex.Function.MemoryMB)
	assert.Equal(t, []serverless.ProvisionedCapacity{{Config: g.ByAddress("azurerm_function_app_flex_consumption.flex"),
		Attribute: "always_ready", Instances: 2, Qualifier: "always-ready instances"}}, flex.Provisioned)

	// Without memory_mb, a Consumption app is priced at its whole instance, and says so.
	noMemory := serverless.PlannedFunctions(g, exampleSettings.Inputs())
	for _, pf := range noMemory {
		if pf.Instance.Address == "azurerm_linux_function_app.consumption" {
			assert.Equal(t, 1536, pf.Function.MemoryMB)
			assert.True(t, pf.MemoryAssumed)
		}
	}
}

func TestKeepWarmPingsAcrossClouds(t *testing.T) {
	timer := func(addr, name, schedule string) plantest.Resource {
		cfg, _ := json.Marshal(map[string]any{"bindings": []any{map[string]any{"type": "timerTrigger", "direction": "in", "name": "t", "schedule": schedule}}})
		return plantest.Resource{Address: addr, After: map[string]any{"name": name, "language": "Java", "config_json": string(cfg), "enabled": true},
			Unknown: []string{"function_app_id"}, Refs: map[string][]string{"function_app_id": gcpRef("azurerm_linux_function_app.app", "id")}}
	}
	b := plantest.New().Add(
		econLambda("aws_lambda_function.fn", 1024, "x86_64"),
		// Not a keep-warm schedule: a nightly job.
		eventRule("aws_cloudwatch_event_rule.nightly", "cron(0 2 * * ? *)", map[string]any{"name": "nightly-export"}),
		eventTarget("aws_cloudwatch_event_target.nightly", "aws_cloudwatch_event_rule.nightly", "", fnRefs("aws_lambda_function.fn", "arn")...),
		// A Scheduler schedule with serverless-plugin-warmup's payload.
		schedulerSchedule("aws_scheduler_schedule.warm", "rate(10 minutes)", `{"source":"serverless-plugin-warmup"}`, 0, fnRefs("aws_lambda_function.fn", "arn")...),
		gcpGen1Fn("google_cloudfunctions_function.fn", nil),
		schedulerJob("google_cloud_scheduler_job.report", "0 6 * * *", "daily-report", `{"report": "sales"}`, "google_cloudfunctions_function.fn"),
		schedulerJob("google_cloud_scheduler_job.ping", "*/5 * * * *", "ping", `{"warmup": true}`, "google_cloudfunctions_function.fn"),
		azurePlan("azurerm_service_plan.y1", "Y1"),
		azureLinuxApp("azurerm_linux_function_app.app", "azurerm_service_plan.y1", javaStack, nil, nil),
		timer("azurerm_function_app_function.keep_warm", "KeepWarm", "0 */15 * * * *"),
		timer("azurerm_function_app_function.cleanup", "Cleanup", "0 0 3 * * *"),
		timer("azurerm_function_app_function.setting", "Warmer", "%WARMER_SCHEDULE%"),
	)
	got := map[string][]string{}
	for _, pf := range serverless.PlannedFunctions(b.Graph(t), exampleSettings.Inputs()) {
		for _, p := range pf.KeepWarm {
			got[pf.Instance.Address] = append(got[pf.Instance.Address], p.Schedule.Address+" "+p.Expression+" "+cost.FormatCount(p.PingsPerMonth))
		}
	}
	assert.Equal(t, map[string][]string{
		"aws_lambda_function.fn":            {"aws_scheduler_schedule.warm rate(10 minutes) 4,380"},
		"google_cloudfunctions_function.fn": {"google_cloud_scheduler_job.ping */5 * * * * 8,760"},
		"azurerm_linux_function_app.app":    {"azurerm_function_app_function.keep_warm 0 */15 * * * * 2,920"},
	}, got, "only schedules that say keep-warm; an app setting schedule cannot be counted")
}

// TestEconomicsExample runs the cost rules on the example shipped for issue 7
// (examples/plans/economics-multicloud.json with examples/usage/economics.yml): they fire on all
// three clouds.
func TestEconomicsExample(t *testing.T) {
	data, err := os.ReadFile("../examples/plans/economics-multicloud.json")
	require.NoError(t, err)
	p, err := plan.Parse("economics-multicloud.json", data)
	require.NoError(t, err)
	u, err := usage.Load("../examples/usage/economics.yml")
	require.NoError(t, err)
	s := exampleSettings
	s.Usage = u
	res := engine.Run(graph.New(p), []*rules.Rule{rules.LambdaProvisionedConcurrencyCost, rules.FunctionContainerCheaper, rules.FunctionKeepWarmCost},
		engine.Config{Settings: s})
	require.Empty(t, res.Errors)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Rule+" "+f.Address)
	}
	assert.ElementsMatch(t, []string{
		"function_container_cheaper aws_lambda_function.resize", // from the plan's hybrid_unit workload
		"function_container_cheaper aws_lambda_function.quotes", // provisioned concurrency as planned
		"function_container_cheaper google_cloudfunctions2_function.thumbnailer",
		"function_container_cheaper azurerm_function_app_flex_consumption.orders",
		"aws_lambda_provisioned_concurrency_cost aws_lambda_provisioned_concurrency_config.quotes",
		"function_keep_warm_cost aws_cloudwatch_event_rule.checkout_warmer",
		"function_keep_warm_cost google_cloud_scheduler_job.webhook_keep_warm",
		"function_keep_warm_cost azurerm_function_app_function.reports_keep_warm",
	}, got)
	for _, f := range res.Findings {
		assert.Regexp(t, `\$[0-9,.]+`, f.Message, "every message states dollars")
		require.NotNil(t, f.Cost, "and its cost object")
		assert.Equal(t, cost.Default().Date(), f.Cost.PriceDate, "with the run's one price date")
	}
}
