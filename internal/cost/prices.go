// Package cost prices the ways to run a function for a month of 730 hours (platform.HoursPerMonth):
// on demand, kept warm by pings, with provisioned or always-ready capacity, and as an always-on
// container, and finds the traffic at which two of them cost the same.
//
// All amounts are USD at list price in one reference region per cloud, without free tiers: a free
// tier belongs to the account, not to the function, and is shared by everything in it. Prices come
// from internal/platform, each with its source and date, and can be overridden by name for a team's
// negotiated prices or another region.
package cost

import (
	"fmt"
	"math"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// Price is one list price.
type Price struct {
	// Name identifies the price in configuration ("aws_lambda_requests_per_million").
	Name string
	// USD is the price of one Unit.
	USD float64
	// Unit is what is priced: "1M requests", "GB-second", "vCPU-hour".
	Unit string
	// Description says what the price covers.
	Description string
	// Source and Date say where the price comes from and when it was read. An overridden price
	// has Source "override".
	Source, Date string
	// Overridden is true when configuration replaced the list price.
	Overridden bool
}

// Prices is the table of every price the cost model uses. The zero value is empty; start from
// Default.
type Prices struct {
	LambdaRequests, LambdaX86GBSecond, LambdaARMGBSecond                  Price
	LambdaX86Provisioned, LambdaARMProvisioned                            Price
	LambdaX86ProvisionedDuration, LambdaARMProvisionedDuration            Price
	FargateVCPUHour, FargateGBHour                                        Price
	GCPGen1Invocations, GCPGen1GBSecond, GCPGen1GHzSecond                 Price
	CloudRunRequests, CloudRunRequestVCPUSecond, CloudRunRequestGiBSecond Price
	CloudRunInstanceVCPUSecond, CloudRunInstanceGiBSecond                 Price
	CloudRunMinInstanceIdleVCPUSecond, CloudRunMinInstanceIdleGiBSecond   Price
	AzureConsumptionExecutions, AzureConsumptionGBSecond                  Price
	AzureFlexExecutions, AzureFlexGBSecond                                Price
	AzureFlexAlwaysReadyBaseline, AzureFlexAlwaysReadyGBSecond            Price
	AzurePremiumVCPUHour, AzurePremiumGBHour                              Price
	ContainerAppsVCPUSecond, ContainerAppsGiBSecond                       Price
}

// Default returns the list prices from internal/platform.
func Default() Prices {
	const lim, look, idle = platform.DateLimitsRead, platform.DateLookedUp, platform.DateMinInstanceRatesLookedUp
	p := func(name string, usd float64, unit, desc, source, date string) Price {
		return Price{Name: name, USD: usd, Unit: unit, Description: desc, Source: source, Date: date}
	}
	return Prices{
		LambdaRequests:                    p("aws_lambda_requests_per_million", platform.LambdaUSDPerMillionRequests, "1M requests", "AWS Lambda requests (US East)", platform.SourceLambdaPricing, lim),
		LambdaX86GBSecond:                 p("aws_lambda_x86_64_gb_second", platform.LambdaX86USDPerGBSecond, "GB-second", "AWS Lambda duration on x86_64", platform.SourceLambdaPricing, lim),
		LambdaARMGBSecond:                 p("aws_lambda_arm64_gb_second", platform.LambdaARMUSDPerGBSecond, "GB-second", "AWS Lambda duration on arm64", platform.SourceLambdaPricing, lim),
		LambdaX86Provisioned:              p("aws_lambda_provisioned_x86_64_gb_second", platform.LambdaX86ProvisionedUSDPerGBSecond, "GB-second", "AWS Lambda provisioned concurrency capacity on x86_64, every second enabled", platform.SourceLambdaPricing, lim),
		LambdaARMProvisioned:              p("aws_lambda_provisioned_arm64_gb_second", platform.LambdaARMProvisionedUSDPerGBSecond, "GB-second", "AWS Lambda provisioned concurrency capacity on arm64, every second enabled", platform.SourceLambdaPricing, lim),
		LambdaX86ProvisionedDuration:      p("aws_lambda_provisioned_duration_x86_64_gb_second", platform.LambdaX86ProvisionedDurationUSDPerGBSecond, "GB-second", "AWS Lambda duration served by provisioned concurrency, x86_64", platform.SourceLambdaPricing, lim),
		LambdaARMProvisionedDuration:      p("aws_lambda_provisioned_duration_arm64_gb_second", platform.LambdaARMProvisionedDurationUSDPerGBSecond, "GB-second", "AWS Lambda duration served by provisioned concurrency, arm64", platform.SourceLambdaPCArmDuration, look),
		FargateVCPUHour:                   p("aws_fargate_vcpu_hour", platform.FargateUSDPerVCPUHour, "vCPU-hour", "AWS Fargate Linux/x86 task vCPU (US East)", platform.SourceFargatePricing, look),
		FargateGBHour:                     p("aws_fargate_gb_hour", platform.FargateUSDPerGBHour, "GB-hour", "AWS Fargate Linux/x86 task memory (US East)", platform.SourceFargatePricing, look),
		GCPGen1Invocations:                p("gcp_functions_gen1_invocations_per_million", platform.GCPGen1USDPerMillionInvocations, "1M invocations", "Cloud Functions 1st gen invocations (Tier 1)", platform.SourceGCPGen1Pricing, look),
		GCPGen1GBSecond:                   p("gcp_functions_gen1_gb_second", platform.GCPGen1USDPerGBSecond, "GB-second", "Cloud Functions 1st gen memory (Tier 1)", platform.SourceGCPGen1Pricing, look),
		GCPGen1GHzSecond:                  p("gcp_functions_gen1_ghz_second", platform.GCPGen1USDPerGHzSecond, "GHz-second", "Cloud Functions 1st gen CPU (Tier 1)", platform.SourceGCPGen1Pricing, look),
		CloudRunRequests:                  p("gcp_cloud_run_requests_per_million", platform.CloudRunUSDPerMillionRequests, "1M requests", "Cloud Run and 2nd gen requests, request-based billing (Tier 1)", platform.SourceCloudRunPricing, look),
		CloudRunRequestVCPUSecond:         p("gcp_cloud_run_request_vcpu_second", platform.CloudRunRequestBasedUSDPerVCPUSecond, "vCPU-second", "Cloud Run and 2nd gen CPU, request-based billing (Tier 1)", platform.SourceCloudRunPricing, look),
		CloudRunRequestGiBSecond:          p("gcp_cloud_run_request_gib_second", platform.CloudRunRequestBasedUSDPerGiBSecond, "GiB-second", "Cloud Run and 2nd gen memory, request-based billing (Tier 1)", platform.SourceCloudRunPricing, look),
		CloudRunInstanceVCPUSecond:        p("gcp_cloud_run_instance_vcpu_second", platform.CloudRunInstanceBasedUSDPerVCPUSecond, "vCPU-second", "Cloud Run CPU, instance-based billing (Tier 1)", platform.SourceCloudRunPricing, look),
		CloudRunInstanceGiBSecond:         p("gcp_cloud_run_instance_gib_second", platform.CloudRunInstanceBasedUSDPerGiBSecond, "GiB-second", "Cloud Run memory, instance-based billing (Tier 1)", platform.SourceCloudRunPricing, look),
		CloudRunMinInstanceIdleVCPUSecond: p("gcp_cloud_run_min_instance_idle_vcpu_second", platform.CloudRunMinInstanceIdleUSDPerVCPUSecond, "vCPU-second", "Cloud Run and 2nd gen minimum instance CPU while idle, request-based billing (Tier 1)", platform.SourceCloudRunMinInstance, idle),
		CloudRunMinInstanceIdleGiBSecond:  p("gcp_cloud_run_min_instance_idle_gib_second", platform.CloudRunMinInstanceIdleUSDPerGiBSecond, "GiB-second", "Cloud Run and 2nd gen minimum instance memory while idle, request-based billing (Tier 1)", platform.SourceCloudRunMinInstance, idle),
		AzureConsumptionExecutions:        p("azure_functions_consumption_executions_per_million", platform.AzureConsumptionUSDPerMillionExecutions, "1M executions", "Azure Functions Consumption executions (East US)", platform.SourceAzurePricing, look),
		AzureConsumptionGBSecond:          p("azure_functions_consumption_gb_second", platform.AzureConsumptionUSDPerGBSecond, "GB-second", "Azure Functions Consumption execution time (East US)", platform.SourceAzurePricing, look),
		AzureFlexExecutions:               p("azure_functions_flex_executions_per_million", platform.AzureFlexUSDPerMillionExecutions, "1M executions", "Azure Functions Flex Consumption executions (East US)", platform.SourceAzureFlexPricing, look),
		AzureFlexGBSecond:                 p("azure_functions_flex_gb_second", platform.AzureFlexOnDemandUSDPerGBSecond, "GB-second", "Azure Functions Flex Consumption on-demand execution time (East US)", platform.SourceAzureFlexPricing, look),
		AzureFlexAlwaysReadyBaseline:      p("azure_functions_flex_always_ready_baseline_gb_second", platform.AzureFlexAlwaysReadyBaselineUSDPerGBSecond, "GB-second", "Azure Functions Flex always-ready baseline, every second (East US)", platform.SourceAzureFlexPricing, look),
		AzureFlexAlwaysReadyGBSecond:      p("azure_functions_flex_always_ready_gb_second", platform.AzureFlexAlwaysReadyUSDPerGBSecond, "GB-second", "Azure Functions Flex always-ready execution time (East US)", platform.SourceAzureFlexPricing, look),
		AzurePremiumVCPUHour:              p("azure_functions_premium_vcpu_hour", platform.AzurePremiumUSDPerVCPUHour, "vCPU-hour", "Azure Functions Elastic Premium instance cores (East US, secondary source)", platform.SourceAzurePremiumPricing, look),
		AzurePremiumGBHour:                p("azure_functions_premium_gb_hour", platform.AzurePremiumUSDPerGBHour, "GB-hour", "Azure Functions Elastic Premium instance memory (East US, secondary source)", platform.SourceAzurePremiumPricing, look),
		ContainerAppsVCPUSecond:           p("azure_container_apps_vcpu_second", platform.ContainerAppsActiveUSDPerVCPUSecond, "vCPU-second", "Azure Container Apps active replica CPU (Central US)", platform.SourceContainerAppsPrices, look),
		ContainerAppsGiBSecond:            p("azure_container_apps_gib_second", platform.ContainerAppsActiveUSDPerGiBSecond, "GiB-second", "Azure Container Apps active replica memory (Central US)", platform.SourceContainerAppsPrices, look),
	}
}

// fields lists the table's prices in a stable order, as pointers so Override can set them.
func (p *Prices) fields() []*Price {
	return []*Price{
		&p.LambdaRequests, &p.LambdaX86GBSecond, &p.LambdaARMGBSecond,
		&p.LambdaX86Provisioned, &p.LambdaARMProvisioned,
		&p.LambdaX86ProvisionedDuration, &p.LambdaARMProvisionedDuration,
		&p.FargateVCPUHour, &p.FargateGBHour,
		&p.GCPGen1Invocations, &p.GCPGen1GBSecond, &p.GCPGen1GHzSecond,
		&p.CloudRunRequests, &p.CloudRunRequestVCPUSecond, &p.CloudRunRequestGiBSecond,
		&p.CloudRunInstanceVCPUSecond, &p.CloudRunInstanceGiBSecond,
		&p.CloudRunMinInstanceIdleVCPUSecond, &p.CloudRunMinInstanceIdleGiBSecond,
		&p.AzureConsumptionExecutions, &p.AzureConsumptionGBSecond,
		&p.AzureFlexExecutions, &p.AzureFlexGBSecond,
		&p.AzureFlexAlwaysReadyBaseline, &p.AzureFlexAlwaysReadyGBSecond,
		&p.AzurePremiumVCPUHour, &p.AzurePremiumGBHour,
		&p.ContainerAppsVCPUSecond, &p.ContainerAppsGiBSecond,
	}
}

// List returns every price in the table, in a stable order.
func (p Prices) List() []Price {
	ptrs := p.fields()
	out := make([]Price, len(ptrs))
	for i, f := range ptrs {
		out[i] = *f
	}
	return out
}

// PriceNames lists the names Override accepts, in the order of List.
func PriceNames() []string {
	var names []string
	for _, pr := range Default().List() {
		names = append(names, pr.Name)
	}
	return names
}

// Lookup finds a price by name.
func (p Prices) Lookup(name string) (Price, bool) {
	for _, pr := range p.List() {
		if pr.Name == name {
			return pr, true
		}
	}
	return Price{}, false
}

// MaxPriceUSD bounds an overridden price. Every unit we price (a GB-second, a request, a vCPU-hour,
// a GB-month) costs cents or less; a million dollars a unit is a typo, and larger amounts make the
// monthly totals overflow.
const MaxPriceUSD = 1e6

// MaxMonthlyUSD is the largest monthly amount hybridlint prices and prints: a trillion dollars a
// month is far beyond any real function, and beyond it amounts lose their cents to rounding.
const MaxMonthlyUSD = 1e12

// Override replaces one price, named as in PriceNames, with a team's own (a negotiated rate, or the
// list price of another region). The error names the closest valid names, so a typo in the config
// file can be fixed from the message alone.
func (p *Prices) Override(name string, usd float64) error {
	if math.IsNaN(usd) || math.IsInf(usd, 0) || usd < 0 {
		return fmt.Errorf("price %s: %g is not a price; use a USD amount of 0 or more", name, usd)
	}
	if usd > MaxPriceUSD {
		return fmt.Errorf("price %s: %g is not a plausible price; use a USD amount of at most %s per unit", name, usd, FormatUSD(MaxPriceUSD))
	}
	for _, f := range p.fields() {
		if f.Name == name {
			f.USD, f.Source, f.Date, f.Overridden = usd, "override", "", true
			return nil
		}
	}
	return fmt.Errorf("unknown price %q: use one of %s", name, suggestNames(name))
}

// suggestNames lists the price names that share the unknown name's first word ("aws", "gcp",
// "azure"), or all of them.
func suggestNames(name string) string {
	prefix, _, _ := strings.Cut(name, "_")
	var out []string
	for _, n := range PriceNames() {
		if strings.HasPrefix(n, prefix+"_") {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		out = PriceNames()
	}
	return strings.Join(out, ", ")
}
