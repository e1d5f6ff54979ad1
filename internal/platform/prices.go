package platform

// List prices in USD for one reference region per cloud: AWS US East (N. Virginia), Google Cloud
// Tier 1 (us-central1 and peers), Azure East US (Container Apps: Central US). Free tiers are left
// out on purpose: they belong to the account, not the function. internal/cost turns these into an
// overridable table; teams with negotiated prices or another region override them by name.
//
// Several vendor pages render their tables with scripts, so some prices were read through copies of
// the table; each comment says which.

// HoursPerMonth is the month every monthly figure uses: 730 hours (365 days x 24 h / 12), the month
// AWS and Azure price examples use. Source: https://aws.amazon.com/fargate/pricing/ examples;
// Azure pricing calculator convention. Looked up 2026-11-25.
const HoursPerMonth = 730

// SecondsPerMonth is HoursPerMonth in seconds: 2,628,000.
const SecondsPerMonth = HoursPerMonth * 3600

// AWS Lambda, US East (N. Virginia), first duration tier (the first 6 billion GB-s a month).
const (
	// LambdaUSDPerMillionRequests is the request charge, x86_64 and arm64 alike: $0.20 per million.
	// Source: https://aws.amazon.com/lambda/pricing/ (current text and its 2018 snapshot);
	// third-party copies of the price table such as
	// https://awsnegotiations.com/lambda-provisioned-concurrency-cost.html. Read 2026-08.
	LambdaUSDPerMillionRequests = 0.20

	// LambdaX86USDPerGBSecond is duration on x86_64: $0.0000166667 per GB-second. Source (◐):
	// third-party copies of the price table such as
	// https://awsnegotiations.com/lambda-provisioned-concurrency-cost.html; the 2018 snapshot of
	// https://aws.amazon.com/lambda/pricing/ has $0.00001667. Read 2026-08.
	LambdaX86USDPerGBSecond = 0.0000166667

	// LambdaARMUSDPerGBSecond is duration on arm64: $0.0000133334 per GB-second.
	// Source (◐): https://awsnegotiations.com/lambda-provisioned-concurrency-cost.html. Read 2026-08.
	LambdaARMUSDPerGBSecond = 0.0000133334

	// LambdaX86ProvisionedUSDPerGBSecond is provisioned concurrency capacity on x86_64, charged for
	// every second it is enabled: $0.0000041667 per GB-second. Source (◐):
	// https://awsnegotiations.com/lambda-provisioned-concurrency-cost.html. Read 2026-08.
	LambdaX86ProvisionedUSDPerGBSecond = 0.0000041667

	// LambdaARMProvisionedUSDPerGBSecond is provisioned concurrency capacity on arm64:
	// $0.0000033334 per GB-second. Source (◐):
	// https://awsnegotiations.com/lambda-provisioned-concurrency-cost.html. Read 2026-08.
	LambdaARMProvisionedUSDPerGBSecond = 0.0000033334

	// LambdaX86ProvisionedDurationUSDPerGBSecond is duration while provisioned concurrency serves a
	// request, x86_64: $0.0000097222 per GB-second. Source (◐):
	// https://awsnegotiations.com/lambda-provisioned-concurrency-cost.html. Read 2026-08.
	LambdaX86ProvisionedDurationUSDPerGBSecond = 0.0000097222

	// LambdaARMProvisionedDurationUSDPerGBSecond is the same on arm64: $0.0000077778 per GB-second.
	// No AWS page we could read states it; the AWS Price List API has it as SKU 3Z4YRQ6XJRDK27UP
	// "Lambda-Provisioned-GB-Second-ARM", quoted identically in several public repositories.
	// Looked up 2026-11-25.
	LambdaARMProvisionedDurationUSDPerGBSecond = 0.0000077778
)

// AWS Fargate, Linux/x86, US East (N. Virginia), on demand.
const (
	// FargateUSDPerVCPUHour is $0.04048 per vCPU-hour. Source: https://aws.amazon.com/fargate/pricing/
	// (script-rendered), read through https://www.vantage.sh/blog/fargate-pricing and
	// https://www.wring.co/blog/aws-fargate-pricing-guide (2026-03-10); consistent with the ECS
	// pricing page example "$0.000011244 per vCPU second" (x 3,600). Looked up 2026-11-25.
	FargateUSDPerVCPUHour = 0.04048

	// FargateUSDPerGBHour is $0.004445 per GB-hour of task memory. Source: as FargateUSDPerVCPUHour;
	// also https://www.factualminds.com/blog/amazon-fargate-ecs-task-pricing-2026 ("as of June 2026").
	// Looked up 2026-11-25.
	FargateUSDPerGBHour = 0.004445
)

// Google Cloud Functions 1st gen, Tier 1.
const (
	// GCPGen1USDPerMillionInvocations is $0.40 per million invocations.
	// Source: https://cloud.google.com/functions/pricing-1stgen; archived copy of
	// cloud.google.com/functions/pricing (web.archive.org, 2021). Looked up 2026-11-25.
	GCPGen1USDPerMillionInvocations = 0.40

	// GCPGen1USDPerGBSecond is $0.0000025 per GB-second of provisioned memory.
	// Source: https://modal.com/blog/google-cloud-function-pricing-guide, quoting the 1st-gen
	// pricing page. Looked up 2026-11-25.
	GCPGen1USDPerGBSecond = 0.0000025

	// GCPGen1USDPerGHzSecond is $0.0000100 per GHz-second of provisioned CPU (1 vCPU = 2.4 GHz).
	// Source: as GCPGen1USDPerGBSecond. Looked up 2026-11-25.
	GCPGen1USDPerGHzSecond = 0.0000100

	// GCPBillingGranularityMillis is how 1st-gen functions and Cloud Run round billed time: up to
	// the next 100 ms. Source: https://cloud.google.com/run/pricing ("rounded up to the nearest 100
	// millisecond"); the 1st-gen pricing page (260 ms is billed as 300 ms). Looked up 2026-11-25.
	GCPBillingGranularityMillis = 100
)

// Google Cloud Run and 2nd-gen functions (priced as Cloud Run), Tier 1.
const (
	// CloudRunUSDPerMillionRequests is $0.40 per million requests (request-based billing only).
	// Source: https://cloud.google.com/run/pricing; https://cloudwebschool.com/tools/cloud-run-cost-calculator/.
	// Looked up 2026-11-25.
	CloudRunUSDPerMillionRequests = 0.40

	// CloudRunRequestBasedUSDPerVCPUSecond is CPU under request-based billing (CPU only during
	// requests): $0.00002400 per vCPU-second. Source: https://cloud.google.com/run/pricing. Looked
	// up 2026-11-25.
	CloudRunRequestBasedUSDPerVCPUSecond = 0.000024

	// CloudRunRequestBasedUSDPerGiBSecond is memory under request-based billing: $0.00000250 per
	// GiB-second. Source: https://cloud.google.com/run/pricing, via cloudwebschool.com and
	// cloudchipr.com copies. Looked up 2026-11-25.
	CloudRunRequestBasedUSDPerGiBSecond = 0.0000025

	// CloudRunInstanceBasedUSDPerVCPUSecond is CPU under instance-based billing (CPU always
	// allocated, billed for the instance's whole life, no request fee): $0.00001800 per vCPU-second.
	// Source: https://cloud.google.com/run/pricing ("Services with CPU always allocated"). Looked up 2026-11-25.
	CloudRunInstanceBasedUSDPerVCPUSecond = 0.000018

	// CloudRunInstanceBasedUSDPerGiBSecond is memory under instance-based billing: $0.00000200 per
	// GiB-second. Source: the cloud.google.com/run/pricing table as quoted in several public
	// repositories (the page itself renders it with scripts). Looked up 2026-11-25.
	CloudRunInstanceBasedUSDPerGiBSecond = 0.000002

	// CloudRunMinInstanceIdleUSDPerVCPUSecond is the CPU of a minimum instance while it serves no
	// request, under request-based billing: $0.0000025 per vCPU-second, about a tenth of the
	// active rate (busy, it bills CloudRunRequestBasedUSDPerVCPUSecond). 2nd-gen functions are
	// Cloud Run services and bill the same. Under instance-based billing no idle rate applies: the
	// instance bills CloudRunInstanceBasedUSDPerVCPUSecond all its life, idle or not (the catalog
	// has min-instance SKUs for request-based billing only).
	// Source: https://cloud.google.com/run/pricing, which renders its table with scripts, read
	// through Google's own firebase-tools (src/deploy/functions/pricing.ts at 22a3f1ee,
	// "This file takes data from ... https://cloud.google.com/run/pricing": V2_RATES.idleVCpu tier 1
	// 0.000_002_5) and, second copy, public repositories quoting the Cloud Billing catalog SKU
	// "Services Min Instance CPU (Request-based billing) $0.0000025 / vCPU-second" (us-central1).
	// Looked up 2026-12-04.
	CloudRunMinInstanceIdleUSDPerVCPUSecond = 0.0000025

	// CloudRunMinInstanceIdleUSDPerGiBSecond is the memory of a minimum instance while idle under
	// request-based billing: $0.0000025 per GiB-second, the active memory rate (memory has no
	// reduced idle rate). Source: as CloudRunMinInstanceIdleUSDPerVCPUSecond (firebase-tools bills
	// idle minimum instances' memory at V2_RATES.memoryGb tier 1, 0.000_002_5; catalog SKU
	// "Services Min Instance Memory (Request-based billing) $0.0000025 / GiB-second"). Looked up
	// 2026-12-04.
	CloudRunMinInstanceIdleUSDPerGiBSecond = 0.0000025
)

// Azure Functions, East US.
const (
	// AzureConsumptionUSDPerMillionExecutions is $0.20 per million executions.
	// Source: https://azure.microsoft.com/en-us/pricing/details/functions/ via
	// https://modal.com/blog/azure-function-pricing-guide (2025-05-22). Looked up 2026-11-25.
	AzureConsumptionUSDPerMillionExecutions = 0.20

	// AzureConsumptionUSDPerGBSecond is $0.000016 per GB-second of observed memory.
	// Source: as AzureConsumptionUSDPerMillionExecutions. Looked up 2026-11-25.
	AzureConsumptionUSDPerGBSecond = 0.000016

	// AzureConsumptionMemoryRoundingMB is how observed memory is rounded: up to the next 128 MB, at
	// most 1,536 MB. Source: https://azure.microsoft.com/en-us/pricing/details/functions/
	// ("rounding up to the nearest 128 MB, up to the maximum memory size of 1,536 MB"). Looked up 2026-11-25.
	AzureConsumptionMemoryRoundingMB = 128

	// AzureFlexUSDPerMillionExecutions is $0.40 per million executions on Flex Consumption.
	// Source: Azure Functions pricing page (Flex), as quoted in public cost estimates; matches
	// modal.com's guide. Looked up 2026-11-25.
	AzureFlexUSDPerMillionExecutions = 0.40

	// AzureFlexOnDemandUSDPerGBSecond is $0.000026 per GB-second of instance memory while executing
	// (on-demand mode). Source: https://modal.com/blog/azure-function-pricing-guide (2025-05-22).
	// Looked up 2026-11-25.
	AzureFlexOnDemandUSDPerGBSecond = 0.000026

	// AzureFlexAlwaysReadyBaselineUSDPerGBSecond is $0.000004 per GB-second for every always-ready
	// instance, busy or not. Source: Azure Functions pricing page (Flex), as quoted in public cost
	// estimates; billing model in
	// https://learn.microsoft.com/en-us/azure/azure-functions/flex-consumption-plan and
	// https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-flex-consumption-billing-table.md.
	// Looked up 2026-11-25.
	AzureFlexAlwaysReadyBaselineUSDPerGBSecond = 0.000004

	// AzureFlexAlwaysReadyUSDPerGBSecond is $0.000016 per GB-second while an always-ready instance
	// executes. Source: as AzureFlexAlwaysReadyBaselineUSDPerGBSecond. Looked up 2026-11-25.
	AzureFlexAlwaysReadyUSDPerGBSecond = 0.000016

	// AzurePremiumUSDPerVCPUHour is $0.173 per vCPU-hour of Elastic Premium instance, billed for
	// at least one instance at all times. Secondary source (◐): public cost estimates quoting the
	// pricing page ("~$0.173/vCPU-hr + $0.0123/GB-hr"); Azure/Azure-Functions issue #1457 (2020)
	// quoted $0.16. Looked up 2026-11-25. Override it with your region's price.
	AzurePremiumUSDPerVCPUHour = 0.173

	// AzurePremiumUSDPerGBHour is $0.0123 per GB-hour of Elastic Premium memory. Source (◐): as
	// AzurePremiumUSDPerVCPUHour. Looked up 2026-11-25.
	AzurePremiumUSDPerGBHour = 0.0123
)

// Azure Container Apps, Consumption plan, Central US, pay as you go.
const (
	// ContainerAppsActiveUSDPerVCPUSecond is $0.000024 per vCPU-second while a replica is active.
	// Idle replicas bill less, but no idle rate was found in a source we could read, so hybridlint
	// prices an always-on replica as active: an upper bound. Source:
	// https://techcommunity.microsoft.com/blog/appsonazureblog/understanding-idle-usage-in-azure-container-apps/4419197 (Microsoft,
	// 2025). Looked up 2026-11-25.
	ContainerAppsActiveUSDPerVCPUSecond = 0.000024

	// ContainerAppsActiveUSDPerGiBSecond is $0.000003 per GiB-second while active (the post writes
	// "per MB", a slip: the meter is "Standard Memory Active Usage", per GiB-second).
	// Source: as ContainerAppsActiveUSDPerVCPUSecond. Looked up 2026-11-25.
	ContainerAppsActiveUSDPerGiBSecond = 0.000003
)
