package platform

import (
	"slices"
	"strings"
)

// AzurePlan is an Azure Functions hosting plan. Timeouts and memory differ by plan, not by app.
type AzurePlan string

// Azure Functions hosting plans.
const (
	AzurePlanConsumption AzurePlan = "consumption" // Y1 (legacy; Linux Consumption retired)
	AzurePlanFlex        AzurePlan = "flex"        // FC1, Flex Consumption
	AzurePlanPremium     AzurePlan = "premium"     // EP1-EP3, Elastic Premium
	AzurePlanDedicated   AzurePlan = "dedicated"   // App Service plans (B, S, P, I SKUs)
)

// AzurePlanForSKU maps an `azurerm_service_plan.sku_name` to its hosting plan. App Service SKUs
// (Basic, Standard, Premium v2/v3, Isolated) are Dedicated; note that "P1v3" is Dedicated while
// "EP1" is Elastic Premium. Source:
// https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/service_plan.html.markdown;
// https://github.com/MicrosoftDocs/azure-docs/blob/04665cb/articles/azure-functions/functions-premium-plan.md.
// Read 2026-08.
func AzurePlanForSKU(sku string) (AzurePlan, bool) {
	s := strings.ToUpper(strings.TrimSpace(sku))
	switch {
	case s == "Y1":
		return AzurePlanConsumption, true
	case s == "FC1":
		return AzurePlanFlex, true
	case s == "EP1" || s == "EP2" || s == "EP3":
		return AzurePlanPremium, true
	case s == "":
		return "", false
	case strings.IndexByte("BSPI", s[0]) >= 0:
		return AzurePlanDedicated, true
	}
	return "", false
}

// Function timeout (host.json `functionTimeout`, or the app setting AzureFunctionTimeoutAppSetting).
const (
	// AzureConsumptionDefaultTimeoutSeconds is the Consumption plan's default: 5 minutes. Source:
	// https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-timeout-duration.md;
	// https://github.com/Azure/azure-functions-host/blob/ad02f1c/src/WebJobs.Script/Config/ScriptHostOptionsSetup.cs.
	// Read 2026-08.
	AzureConsumptionDefaultTimeoutSeconds = 300

	// AzureConsumptionMaxTimeoutSeconds is the Consumption plan's cap: 10 minutes; a larger value
	// breaks the host. Source:
	// https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-timeout-duration.md;
	// https://github.com/Azure/azure-functions-host/blob/ad02f1c/src/WebJobs.Script/Config/ScriptHostOptionsSetup.cs;
	// https://github.com/Azure/azure-functions-host/issues/6111. Read 2026-08.
	AzureConsumptionMaxTimeoutSeconds = 600

	// AzureDefaultTimeoutSeconds is the default on Flex, Premium and Dedicated: 30 minutes. Their
	// maximum is unbounded. Source:
	// https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-timeout-duration.md;
	// https://github.com/Azure/azure-functions-host/blob/ad02f1c/src/WebJobs.Script/Config/ScriptHostOptionsSetup.cs.
	// Read 2026-08.
	AzureDefaultTimeoutSeconds = 1800

	// AzurePremiumGuaranteedTimeoutSeconds is what Premium guarantees despite an unbounded setting:
	// 60 minutes. Source:
	// https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-timeout-duration.md;
	// https://github.com/MicrosoftDocs/azure-docs/blob/04665cb/articles/azure-functions/functions-premium-plan.md.
	// Read 2026-08.
	AzurePremiumGuaranteedTimeoutSeconds = 3600

	// AzureMinTimeoutSeconds is the smallest `functionTimeout`: 1 s. Source:
	// https://github.com/Azure/azure-functions-host/blob/ad02f1c/src/WebJobs.Script/Config/ScriptHostOptionsSetup.cs.
	// Read 2026-08.
	AzureMinTimeoutSeconds = 1

	// AzureHTTPResponseLimitSeconds is how long any HTTP-triggered function has to respond,
	// whatever `functionTimeout` says: 230 s, the Azure Load Balancer idle timeout. Source:
	// https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-timeout-duration.md.
	// Read 2026-08.
	AzureHTTPResponseLimitSeconds = 230

	// AzureFunctionTimeoutAppSetting is the app setting that overrides host.json's functionTimeout.
	// Source:
	// https://dev.to/massimobonanni/azure-functions-tips-override-the-hostjson-settings-21mi
	// (AzureFunctionsJobHost__ override). Read 2026-08.
	AzureFunctionTimeoutAppSetting = "AzureFunctionsJobHost__functionTimeout"
)

// AzureDefaultTimeout returns a plan's functionTimeout when host.json does not set one.
func AzureDefaultTimeout(p AzurePlan) int {
	if p == AzurePlanConsumption {
		return AzureConsumptionDefaultTimeoutSeconds
	}
	return AzureDefaultTimeoutSeconds
}

// AzureMaxTimeout returns a plan's functionTimeout cap, or false when the plan has none
// (Flex, Premium, and Dedicated with Always On).
func AzureMaxTimeout(p AzurePlan) (int, bool) {
	if p == AzurePlanConsumption {
		return AzureConsumptionMaxTimeoutSeconds, true
	}
	return 0, false
}

// Memory and scale.
const (
	// AzureConsumptionMemoryMB is the memory of a Consumption instance: 1.5 GB.
	// Source: https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-limits.md. Read 2026-08.
	AzureConsumptionMemoryMB = 1536

	// AzureFlexDefaultInstanceMemoryMB is `instance_memory_in_mb` when unset: 2,048 MB. Source:
	// https://github.com/hashicorp/terraform-provider-azurerm/blob/016f23d/website/docs/r/function_app_flex_consumption.html.markdown.
	// Read 2026-08.
	AzureFlexDefaultInstanceMemoryMB = 2048

	// AzureFlexPlatformMemoryBufferMB is the memory Flex adds to each instance for the platform,
	// not billed: 272 MB. Source:
	// https://github.com/MicrosoftDocs/azure-docs/commit/809ed6c1d75d2baeb09a6221606bb8dbe2d5ebe6.
	// Read 2026-08.
	AzureFlexPlatformMemoryBufferMB = 272

	// AzureConsumptionMaxInstancesWindows and ...Linux are the Consumption scale-out limits:
	// 200 and 100 instances. Source:
	// https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-limits.md. Read
	// 2026-08.
	AzureConsumptionMaxInstancesWindows = 200
	AzureConsumptionMaxInstancesLinux   = 100

	// AzureFlexMaxInstances is the Flex scale-out limit: 1,000 instances. Source:
	// https://learn.microsoft.com/en-us/azure/azure-functions/flex-consumption-plan. Read 2026-08.
	AzureFlexMaxInstances = 1000

	// AzurePremiumMaxAlwaysReady is the most always-ready instances a Premium app may have: 20.
	// Source:
	// https://github.com/MicrosoftDocs/azure-docs/blob/04665cb/articles/azure-functions/functions-premium-plan.md.
	// Read 2026-08.
	AzurePremiumMaxAlwaysReady = 20

	// AzurePremiumDefaultPrewarmed is `pre_warmed_instance_count` when unset: 1. Source:
	// https://github.com/MicrosoftDocs/azure-docs/blob/04665cb/articles/azure-functions/functions-premium-plan.md.
	// Read 2026-08.
	AzurePremiumDefaultPrewarmed = 1

	// AzureConsumptionIdleMinutes is how long a Consumption instance was measured to stay warm
	// after its last invocation: about 20 minutes. Secondary source (◐):
	// https://www.microsoft.com/en-us/research/publication/serverless-in-the-wild-characterizing-and-optimizing-the-serverless-workload-at-a-large-cloud-provider/
	// (Azure's fixed keep-alive); https://mikhail.io/serverless/coldstarts/big3/ ("mostly 20 min").
	// Read 2026-08.
	AzureConsumptionIdleMinutes = 20
)

// AzureFlexInstanceMemorySizesMB lists the Flex instance memory sizes: 512, 2,048 and 4,096 MB
// (about 0.25, 1 and 2 cores). Source:
// https://learn.microsoft.com/en-us/azure/azure-functions/flex-consumption-plan;
// https://github.com/MicrosoftDocs/azure-docs/commit/809ed6c1d75d2baeb09a6221606bb8dbe2d5ebe6. Read
// 2026-08.
func AzureFlexInstanceMemorySizesMB() []int { return []int{512, 2048, 4096} }

// ValidAzureFlexInstanceMemory reports whether memoryMB is a Flex instance size.
func ValidAzureFlexInstanceMemory(memoryMB int) bool {
	return slices.Contains(AzureFlexInstanceMemorySizesMB(), memoryMB)
}

// AzurePremiumSKU is an Elastic Premium instance size.
type AzurePremiumSKU struct {
	Name     string
	Cores    int
	MemoryMB int
}

// AzurePremiumSKUs lists the Elastic Premium sizes: EP1 1 core / 3.5 GB, EP2 2 / 7 GB, EP3 4 /
// 14 GB. Source:
// https://github.com/MicrosoftDocs/azure-docs/blob/04665cb/articles/azure-functions/functions-premium-plan.md.
// Read 2026-08.
func AzurePremiumSKUs() []AzurePremiumSKU {
	return []AzurePremiumSKU{{"EP1", 1, 3584}, {"EP2", 2, 7168}, {"EP3", 4, 14336}}
}

// LookupAzurePremiumSKU finds a Premium size by name ("EP2").
func LookupAzurePremiumSKU(name string) (AzurePremiumSKU, bool) {
	for _, s := range AzurePremiumSKUs() {
		if strings.EqualFold(s.Name, name) {
			return s, true
		}
	}
	return AzurePremiumSKU{}, false
}

// SmallestAzurePremiumSKU returns the smallest Premium size with at least memoryMB of memory, or
// false when even EP3 is too small.
func SmallestAzurePremiumSKU(memoryMB int) (AzurePremiumSKU, bool) {
	for _, s := range AzurePremiumSKUs() {
		if memoryMB <= s.MemoryMB {
			return s, true
		}
	}
	return AzurePremiumSKU{}, false
}
