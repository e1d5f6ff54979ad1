package platform

import (
	"strconv"
	"strings"
)

// Fact is one limit, default or price of a platform, with where it comes from. The provider's
// "hybrid_platform" data source lists them, so users can see every number hybridlint checks
// against and why it believes it.
type Fact struct {
	// Name identifies the fact within a platform, in snake_case ("max_timeout").
	Name string
	// Value is the number, in Unit.
	Value float64
	// Unit is "s", "MB", "MiB", "vCPU", "count", "USD per GB-second", ...
	Unit string
	// Description says what the number means and what happens past it.
	Description string
	// Source is the page or file the number comes from; Date is when it was read.
	Source string
	Date   string
}

// Facts returns the facts of a platform, or nil for an unknown one. Every value comes from the
// constants of this package, so a fact and a rule can never disagree.
func Facts(p Platform) []Fact {
	switch p {
	case AWSLambda:
		return lambdaFacts()
	case GCPFunctionsGen1:
		return gcpGen1Facts()
	case GCPFunctionsGen2:
		return gcpGen2Facts()
	case GCPCloudRun:
		return cloudRunFacts()
	case AzureFunctionsConsumption:
		return azureConsumptionFacts()
	case AzureFunctionsFlex:
		return azureFlexFacts()
	case AzureFunctionsPremium:
		return azurePremiumFacts()
	case AWSFargate:
		return fargateFacts()
	case AzureContainerApps:
		return containerAppsFacts()
	}
	return nil
}

// limit builds a Fact read on DateLimitsRead; lookedUp one from a source looked up on DateLookedUp.
func limit(name string, value float64, unit, desc, source string) Fact {
	return Fact{Name: name, Value: value, Unit: unit, Description: desc, Source: source, Date: DateLimitsRead}
}

func lookedUp(name string, value float64, unit, desc, source string) Fact {
	return Fact{Name: name, Value: value, Unit: unit, Description: desc, Source: source, Date: DateLookedUp}
}

// minInstanceRate builds a Fact from the minimum-instance rates looked up on DateMinInstanceRatesLookedUp.
func minInstanceRate(name string, value float64, unit, desc string) Fact {
	return Fact{Name: name, Value: value, Unit: unit, Description: desc, Source: SourceCloudRunMinInstance, Date: DateMinInstanceRatesLookedUp}
}

func lambdaFacts() []Fact {
	const perGBs = "USD per GB-second"
	return []Fact{
		limit("min_timeout", LambdaMinTimeoutSeconds, "s", "Smallest function timeout.", SourceLambdaTimeout),
		limit("default_timeout", LambdaDefaultTimeoutSeconds, "s", "Timeout when `timeout` is not set.", SourceLambdaTimeout),
		limit("max_timeout", LambdaMaxTimeoutSeconds, "s", "Hard cap on a function's timeout (15 minutes).", SourceLambdaTimeout),
		limit("init_timeout", LambdaInitTimeoutSeconds, "s", "Init phase limit; past it, init is retried at the first invoke under the function timeout.", SourceLambdaLifecycle),
		limit("min_memory", LambdaMinMemoryMB, "MB", "Smallest memory size, in 1-MB steps.", SourceLambdaMemory),
		limit("default_memory", LambdaDefaultMemoryMB, "MB", "Memory when `memory_size` is not set.", SourceLambdaMemory),
		limit("max_memory", LambdaMaxMemoryMB, "MB", "Memory cap (6 vCPU).", SourceLambdaMemory),
		limit("memory_per_vcpu", LambdaMBPerVCPU, "MB", "Memory that buys one vCPU of credit.", SourceLambdaMemory),
		limit("default_ephemeral_storage", LambdaDefaultEphemeralStorageMB, "MB", "/tmp size when not set; free of charge.", SourceLambdaEphemeral),
		limit("max_ephemeral_storage", LambdaMaxEphemeralStorageMB, "MB", "Largest /tmp size.", SourceLambdaEphemeral),
		limit("max_zipped_package", LambdaMaxZippedPackageMB, "MB", "Largest .zip uploaded directly.", SourceLambdaQuotas),
		limit("max_unzipped_package", LambdaMaxUnzippedPackageMB, "MB", "Unzipped package size including layers.", SourceLambdaQuotas),
		limit("max_container_image", LambdaMaxContainerImageGB, "GB", "Largest container image.", SourceLambdaQuotas),
		limit("max_layers", LambdaMaxLayers, "count", "Layers per function.", SourceLambdaQuotas),
		limit("max_environment", LambdaMaxEnvironmentBytes, "bytes", "Aggregate size of environment variables.", SourceLambdaQuotas),
		limit("max_sync_payload", LambdaMaxSyncPayloadBytes, "bytes", "Synchronous request and response size.", SourceLambdaInvoke),
		limit("max_async_payload", LambdaMaxAsyncPayloadBytes, "bytes", "Asynchronous event size.", SourceLambdaInvoke),
		limit("default_account_concurrency", LambdaDefaultAccountConcurrency, "count", "Concurrent executions per Region (soft quota).", SourceLambdaQuotas),
		limit("scale_rate", LambdaScaleEnvironmentsPer10Seconds, "environments per 10 s", "How fast one function adds execution environments.", SourceLambdaScaling),
		limit("idle_window", LambdaIdleWindowMinutes, "min", "Default idle window: idle longer and the next call likely cold-starts; keep-warm pings must come at least this often.", SourceLambdaIdle),
		limit("snapstart_max_ephemeral_storage", SnapStartMaxEphemeralStorageMB, "MB", "Largest /tmp SnapStart allows.", SourceLambdaSnapStart),
		limit("provisioned_concurrency_billing_rounding", LambdaProvisionedConcurrencyBillingMinutes, "min", "Provisioned concurrency is billed for the time enabled, rounded up to this.", SourceLambdaPricing),
		limit("price_requests", LambdaUSDPerMillionRequests, "USD per 1M requests", "Request charge (US East).", SourceLambdaPricing),
		limit("price_duration_x86_64", LambdaX86USDPerGBSecond, perGBs, "Duration on x86_64 (US East, first tier).", SourceLambdaPricing),
		limit("price_duration_arm64", LambdaARMUSDPerGBSecond, perGBs, "Duration on arm64 (US East, first tier).", SourceLambdaPricing),
		limit("price_provisioned_x86_64", LambdaX86ProvisionedUSDPerGBSecond, perGBs, "Provisioned concurrency capacity on x86_64, every second enabled.", SourceLambdaPricing),
		limit("price_provisioned_arm64", LambdaARMProvisionedUSDPerGBSecond, perGBs, "Provisioned concurrency capacity on arm64, every second enabled.", SourceLambdaPricing),
		limit("price_provisioned_duration_x86_64", LambdaX86ProvisionedDurationUSDPerGBSecond, perGBs, "Duration served by provisioned concurrency, x86_64.", SourceLambdaPricing),
		lookedUp("price_provisioned_duration_arm64", LambdaARMProvisionedDurationUSDPerGBSecond, perGBs, "Duration served by provisioned concurrency, arm64.", SourceLambdaPCArmDuration),
	}
}

func gcpGen1Facts() []Fact {
	return []Fact{
		limit("default_timeout", GCPGen1DefaultTimeoutSeconds, "s", "Timeout when `timeout` is not set.", SourceGCPTimeout),
		limit("max_timeout", GCPGen1MaxTimeoutSeconds, "s", "Timeout cap for HTTP and event functions (9 minutes); HTTP callers get 408.", SourceGCPTimeout),
		limit("default_memory", GCPGen1DefaultMemoryMB, "MB", "Memory when `available_memory_mb` is not set.", SourceGCPGen1Memory),
		limit("max_memory", GCPGen1MaxMemoryMB, "MB", "Largest memory tier (2 vCPU).", SourceGCPGen1Memory),
		limit("ghz_per_vcpu", GCPGHzPerVCPU, "GHz", "Clock that one vCPU counts as in GHz-second pricing.", SourceGCPGen1Memory),
		lookedUp("billing_granularity", GCPBillingGranularityMillis, "ms", "Billed time is rounded up to this.", SourceGCPGen1Pricing),
		lookedUp("price_invocations", GCPGen1USDPerMillionInvocations, "USD per 1M invocations", "Invocation charge (Tier 1).", SourceGCPGen1Pricing),
		lookedUp("price_memory", GCPGen1USDPerGBSecond, "USD per GB-second", "Provisioned memory (Tier 1).", SourceGCPGen1Pricing),
		lookedUp("price_cpu", GCPGen1USDPerGHzSecond, "USD per GHz-second", "Provisioned CPU (Tier 1).", SourceGCPGen1Pricing),
	}
}

func gcpGen2Facts() []Fact {
	return append([]Fact{
		limit("default_timeout", GCPGen2DefaultTimeoutSeconds, "s", "Timeout when `timeout_seconds` is not set.", SourceGCPTimeout),
		limit("max_timeout_http", GCPGen2HTTPMaxTimeoutSeconds, "s", "Timeout cap for HTTP functions (60 minutes); callers get 504 and the instance may keep running.", SourceGCPTimeout),
		limit("max_timeout_event", GCPGen2EventMaxTimeoutSeconds, "s", "Timeout cap for event-driven functions (9 minutes).", SourceGCPTimeout),
		limit("default_memory", GCPGen2DefaultMemoryMiB, "MiB", "Memory when `available_memory` is not set.", SourceGCPGen2Memory),
		limit("max_memory", GCPGen2MaxMemoryMiB, "MiB", "Largest memory (8 vCPU).", SourceGCPGen2Memory),
		limit("default_concurrency", GCPGen2DefaultConcurrency, "count", "`max_instance_request_concurrency` when not set.", SourceGCPGen2Memory),
	}, cloudRunPriceFacts()...)
}

func cloudRunFacts() []Fact {
	return append([]Fact{
		limit("default_timeout", CloudRunDefaultTimeoutSeconds, "s", "Request timeout when not set.", SourceCloudRunTimeout),
		limit("max_timeout", CloudRunMaxTimeoutSeconds, "s", "Request timeout cap (60 minutes).", SourceCloudRunTimeout),
		limit("default_memory", CloudRunDefaultMemoryMiB, "MiB", "Memory when not set.", SourceCloudRunSizes),
		limit("min_memory", CloudRunMinMemoryMiB, "MiB", "Smallest memory (first-generation execution environment; 512 MiB in the second).", SourceCloudRunSizes),
		limit("max_memory", CloudRunMaxMemoryMiB, "MiB", "Memory cap; more than 4/8/16/24 GiB needs at least 2/4/6/8 vCPU.", SourceCloudRunSizes),
		limit("default_cpu", CloudRunDefaultVCPU, "vCPU", "CPU when not set.", SourceCloudRunSizes),
		limit("min_cpu", CloudRunMinVCPU, "vCPU", "Smallest fractional CPU; below 1 vCPU, concurrency must be 1.", SourceCloudRunSizes),
		limit("max_cpu", CloudRunMaxVCPU, "vCPU", "CPU cap.", SourceCloudRunSizes),
		lookedUp("price_instance_cpu", CloudRunInstanceBasedUSDPerVCPUSecond, "USD per vCPU-second", "CPU under instance-based billing (always allocated; minimum instances, the container half).", SourceCloudRunPricing),
		lookedUp("price_instance_memory", CloudRunInstanceBasedUSDPerGiBSecond, "USD per GiB-second", "Memory under instance-based billing.", SourceCloudRunPricing),
	}, cloudRunPriceFacts()...)
}

func cloudRunPriceFacts() []Fact {
	return []Fact{
		lookedUp("billing_granularity", GCPBillingGranularityMillis, "ms", "Billed time is rounded up to this.", SourceCloudRunPricing),
		lookedUp("price_requests", CloudRunUSDPerMillionRequests, "USD per 1M requests", "Request charge under request-based billing (Tier 1).", SourceCloudRunPricing),
		lookedUp("price_request_cpu", CloudRunRequestBasedUSDPerVCPUSecond, "USD per vCPU-second", "CPU under request-based billing (Tier 1).", SourceCloudRunPricing),
		lookedUp("price_request_memory", CloudRunRequestBasedUSDPerGiBSecond, "USD per GiB-second", "Memory under request-based billing (Tier 1).", SourceCloudRunPricing),
		minInstanceRate("price_min_instance_idle_cpu", CloudRunMinInstanceIdleUSDPerVCPUSecond, "USD per vCPU-second", "CPU of a minimum instance while idle, under request-based billing (Tier 1)."),
		minInstanceRate("price_min_instance_idle_memory", CloudRunMinInstanceIdleUSDPerGiBSecond, "USD per GiB-second", "Memory of a minimum instance while idle, under request-based billing (Tier 1)."),
	}
}

func azureTimeoutFacts(p AzurePlan) []Fact {
	fs := []Fact{
		limit("default_timeout", float64(AzureDefaultTimeout(p)), "s", "functionTimeout when host.json and the app setting do not set it.", SourceAzureTimeout),
		limit("http_response_limit", AzureHTTPResponseLimitSeconds, "s", "Time an HTTP-triggered function has to respond, whatever functionTimeout says (load balancer idle timeout).", SourceAzureTimeout),
	}
	if maxSeconds, ok := AzureMaxTimeout(p); ok {
		fs = append(fs, limit("max_timeout", float64(maxSeconds), "s", "functionTimeout cap; larger values break the host.", SourceAzureTimeout))
	}
	return fs
}

func azureConsumptionFacts() []Fact {
	return append(azureTimeoutFacts(AzurePlanConsumption),
		limit("memory", AzureConsumptionMemoryMB, "MB", "Memory of one instance.", SourceAzureLimits),
		limit("max_instances_windows", AzureConsumptionMaxInstancesWindows, "count", "Scale-out limit on Windows.", SourceAzureLimits),
		limit("max_instances_linux", AzureConsumptionMaxInstancesLinux, "count", "Scale-out limit on Linux.", SourceAzureLimits),
		limit("idle_window", AzureConsumptionIdleMinutes, "min", "Measured keep-alive after the last invocation (secondary source).", SourceAzureKeepAlive),
		lookedUp("memory_billing_rounding", AzureConsumptionMemoryRoundingMB, "MB", "Observed memory is rounded up to this for billing.", SourceAzurePricing),
		lookedUp("price_executions", AzureConsumptionUSDPerMillionExecutions, "USD per 1M executions", "Execution charge (East US).", SourceAzurePricing),
		lookedUp("price_memory", AzureConsumptionUSDPerGBSecond, "USD per GB-second", "Execution time x memory (East US).", SourceAzurePricing),
	)
}

func azureFlexFacts() []Fact {
	fs := append(azureTimeoutFacts(AzurePlanFlex),
		limit("default_instance_memory", AzureFlexDefaultInstanceMemoryMB, "MB", "`instance_memory_in_mb` when not set.", SourceAzureFlex),
		limit("platform_memory_buffer", AzureFlexPlatformMemoryBufferMB, "MB", "Memory added per instance for the platform, not billed.", SourceAzureFlex),
		limit("max_instances", AzureFlexMaxInstances, "count", "Scale-out limit.", SourceAzureFlex),
	)
	for _, mb := range AzureFlexInstanceMemorySizesMB() {
		fs = append(fs, limit("instance_memory_option", float64(mb), "MB", "An allowed `instance_memory_in_mb` value.", SourceAzureFlex))
	}
	return append(fs,
		lookedUp("price_executions", AzureFlexUSDPerMillionExecutions, "USD per 1M executions", "Execution charge (East US).", SourceAzureFlexPricing),
		lookedUp("price_on_demand_memory", AzureFlexOnDemandUSDPerGBSecond, "USD per GB-second", "Instance memory while executing, on demand (East US).", SourceAzureFlexPricing),
		lookedUp("price_always_ready_baseline", AzureFlexAlwaysReadyBaselineUSDPerGBSecond, "USD per GB-second", "Every always-ready instance, busy or not (East US).", SourceAzureFlexPricing),
		lookedUp("price_always_ready_memory", AzureFlexAlwaysReadyUSDPerGBSecond, "USD per GB-second", "Always-ready instance memory while executing (East US).", SourceAzureFlexPricing),
	)
}

func azurePremiumFacts() []Fact {
	fs := append(azureTimeoutFacts(AzurePlanPremium),
		limit("guaranteed_timeout", AzurePremiumGuaranteedTimeoutSeconds, "s", "Run time Premium guarantees even with an unbounded functionTimeout.", SourceAzureTimeout),
		limit("max_always_ready", AzurePremiumMaxAlwaysReady, "count", "Most always-ready instances per app.", SourceAzurePremium),
		limit("default_prewarmed", AzurePremiumDefaultPrewarmed, "count", "`pre_warmed_instance_count` when not set.", SourceAzurePremium),
	)
	for _, s := range AzurePremiumSKUs() {
		fs = append(fs, limit("memory_"+strings.ToLower(s.Name), float64(s.MemoryMB), "MB", s.Name+" instance memory.", SourceAzurePremium),
			limit("cores_"+strings.ToLower(s.Name), float64(s.Cores), "vCPU", s.Name+" instance cores.", SourceAzurePremium))
	}
	return append(fs,
		lookedUp("price_cpu", AzurePremiumUSDPerVCPUHour, "USD per vCPU-hour", "Instance cores, at least one instance always (East US, secondary source).", SourceAzurePremiumPricing),
		lookedUp("price_memory", AzurePremiumUSDPerGBHour, "USD per GB-hour", "Instance memory (East US, secondary source).", SourceAzurePremiumPricing),
	)
}

func fargateFacts() []Fact {
	fs := []Fact{}
	for _, cpu := range FargateCPUUnits() {
		opts := FargateMemoryOptionsMiB(cpu)
		fs = append(fs,
			limit("min_memory_cpu_"+strconv.Itoa(cpu), float64(opts[0]), "MiB", "Smallest memory valid with cpu "+strconv.Itoa(cpu)+".", SourceFargateSizes),
			limit("max_memory_cpu_"+strconv.Itoa(cpu), float64(opts[len(opts)-1]), "MiB", "Largest memory valid with cpu "+strconv.Itoa(cpu)+".", SourceFargateSizes))
	}
	return append(fs,
		lookedUp("price_cpu", FargateUSDPerVCPUHour, "USD per vCPU-hour", "Linux/x86 task vCPU (US East).", SourceFargatePricing),
		lookedUp("price_memory", FargateUSDPerGBHour, "USD per GB-hour", "Linux/x86 task memory (US East).", SourceFargatePricing),
		lookedUp("hours_per_month", HoursPerMonth, "h", "Month used for monthly costs.", SourceMonthHours),
	)
}

func containerAppsFacts() []Fact {
	return []Fact{
		lookedUp("min_cpu", ContainerAppsMinVCPU, "vCPU", "Smallest replica, in steps of 0.25 vCPU.", SourceContainerAppsSizes),
		lookedUp("max_cpu", ContainerAppsMaxVCPU, "vCPU", "Largest replica on the Consumption profile.", SourceContainerAppsSizes),
		lookedUp("memory_per_cpu", ContainerAppsMiBPerVCPU, "MiB", "Memory that must come with each vCPU.", SourceContainerAppsSizes),
		lookedUp("max_memory", ContainerAppsMaxMemoryMiB, "MiB", "Largest replica memory on the Consumption profile.", SourceContainerAppsSizes),
		lookedUp("request_timeout", ContainerAppsRequestTimeoutSeconds, "s", "HTTP ingress request timeout.", SourceContainerAppsIngress),
		lookedUp("price_active_cpu", ContainerAppsActiveUSDPerVCPUSecond, "USD per vCPU-second", "Active replica CPU (Central US); idle replicas bill less.", SourceContainerAppsPrices),
		lookedUp("price_active_memory", ContainerAppsActiveUSDPerGiBSecond, "USD per GiB-second", "Active replica memory (Central US).", SourceContainerAppsPrices),
	}
}
