package platform

import (
	"fmt"
	"slices"
)

// FunctionLimits is what one function platform accepts, gathered from the constants and tables of
// this package (each carries its source and date there). The provider's checks, the cost model, the
// serverless model and the rules read a platform's limits from here, so the logic that picks "which
// cap applies to P" is written once.
type FunctionLimits struct {
	// Name is the product name used in messages ("AWS Lambda", "Cloud Run functions").
	Name string
	// MaxTimeoutSeconds is the hard cap on a timeout for every trigger, or 0 when the platform
	// enforces none (Flex Consumption and Premium accept an unbounded functionTimeout).
	MaxTimeoutSeconds int
	// DefaultTimeoutSeconds is the timeout when the configuration sets none.
	DefaultTimeoutSeconds int
	// EventMaxTimeoutSeconds is the lower cap of event-driven triggers, or 0 when they share
	// MaxTimeoutSeconds (2nd gen functions: 540 s for events, 3,600 s for HTTP).
	EventMaxTimeoutSeconds int
	// HTTPResponseSeconds is how long an HTTP-triggered call may take whatever the timeout, or 0
	// when only the timeout bounds it (Azure's load balancer: 230 s).
	HTTPResponseSeconds int
	// GuaranteedTimeoutSeconds is how long a run is guaranteed when the cap is larger or absent, or 0
	// when the cap is the guarantee (Premium guarantees 60 minutes).
	GuaranteedTimeoutSeconds int
	// MemoryUnit is the unit the platform writes sizes in: "MB" or "MiB" (both 1,024 KiB here).
	MemoryUnit string
	// MinMemoryMB and MaxMemoryMB bound the memory of one instance.
	MinMemoryMB, MaxMemoryMB int
	// MemorySizesMB lists the only sizes the platform offers, or is nil when any size in
	// [MinMemoryMB, MaxMemoryMB] is accepted.
	MemorySizesMB []int
	// DefaultMemoryMB is the memory when the configuration sets none: on Consumption the fixed
	// instance size, on Premium the smallest plan's (EP1).
	DefaultMemoryMB int
	// IdleWindowMinutes is how long an idle instance stays warm, or 0 when no source gives one.
	IdleWindowMinutes int
	// ReadyInstances names the platform's way of keeping instances ready without pings, or "" when
	// it has none.
	ReadyInstances string
}

// LimitsOf returns the limits of a function platform; ok is false for a platform that cannot host
// a function.
func LimitsOf(p Platform) (FunctionLimits, bool) {
	switch p {
	case AWSLambda:
		return FunctionLimits{
			Name:                  "AWS Lambda",
			MaxTimeoutSeconds:     LambdaMaxTimeoutSeconds,
			DefaultTimeoutSeconds: LambdaDefaultTimeoutSeconds,
			MemoryUnit:            "MB",
			MinMemoryMB:           LambdaMinMemoryMB,
			MaxMemoryMB:           LambdaMaxMemoryMB,
			DefaultMemoryMB:       LambdaDefaultMemoryMB,
			IdleWindowMinutes:     LambdaIdleWindowMinutes,
			ReadyInstances:        "provisioned concurrency",
		}, true
	case GCPFunctionsGen1:
		sizes := tierSizes(GCPGen1MemoryTiers())
		return FunctionLimits{
			Name:                  "Cloud Functions (1st gen)",
			MaxTimeoutSeconds:     GCPGen1MaxTimeoutSeconds,
			DefaultTimeoutSeconds: GCPGen1DefaultTimeoutSeconds,
			MemoryUnit:            "MB",
			MinMemoryMB:           sizes[0],
			MaxMemoryMB:           GCPGen1MaxMemoryMB,
			MemorySizesMB:         sizes,
			DefaultMemoryMB:       GCPGen1DefaultMemoryMB,
			ReadyInstances:        "minimum instances",
		}, true
	case GCPFunctionsGen2:
		return FunctionLimits{
			Name:                   "Cloud Run functions",
			MaxTimeoutSeconds:      GCPGen2HTTPMaxTimeoutSeconds,
			DefaultTimeoutSeconds:  GCPGen2DefaultTimeoutSeconds,
			EventMaxTimeoutSeconds: GCPGen2EventMaxTimeoutSeconds,
			MemoryUnit:             "MiB",
			MinMemoryMB:            GCPGen2MemoryTiers()[0].MemoryMiB,
			MaxMemoryMB:            GCPGen2MaxMemoryMiB,
			DefaultMemoryMB:        GCPGen2DefaultMemoryMiB,
			ReadyInstances:         "minimum instances",
		}, true
	case GCPCloudRun:
		return FunctionLimits{
			Name:                  "Cloud Run",
			MaxTimeoutSeconds:     CloudRunMaxTimeoutSeconds,
			DefaultTimeoutSeconds: CloudRunDefaultTimeoutSeconds,
			MemoryUnit:            "MiB",
			MinMemoryMB:           CloudRunMinMemoryMiB,
			MaxMemoryMB:           CloudRunMaxMemoryMiB,
			DefaultMemoryMB:       CloudRunDefaultMemoryMiB,
			ReadyInstances:        "minimum instances",
		}, true
	case AzureFunctionsConsumption:
		maxTimeout, _ := AzureMaxTimeout(AzurePlanConsumption)
		return FunctionLimits{
			Name:                  "Azure Functions Consumption",
			MaxTimeoutSeconds:     maxTimeout,
			DefaultTimeoutSeconds: AzureDefaultTimeout(AzurePlanConsumption),
			HTTPResponseSeconds:   AzureHTTPResponseLimitSeconds,
			MemoryUnit:            "MB",
			MinMemoryMB:           1,
			MaxMemoryMB:           AzureConsumptionMemoryMB,
			DefaultMemoryMB:       AzureConsumptionMemoryMB,
			IdleWindowMinutes:     AzureConsumptionIdleMinutes,
		}, true
	case AzureFunctionsFlex:
		sizes := AzureFlexInstanceMemorySizesMB()
		return FunctionLimits{
			Name:                  "Azure Functions Flex Consumption",
			DefaultTimeoutSeconds: AzureDefaultTimeout(AzurePlanFlex),
			HTTPResponseSeconds:   AzureHTTPResponseLimitSeconds,
			MemoryUnit:            "MB",
			MinMemoryMB:           sizes[0],
			MaxMemoryMB:           sizes[len(sizes)-1],
			MemorySizesMB:         sizes,
			DefaultMemoryMB:       AzureFlexDefaultInstanceMemoryMB,
			ReadyInstances:        "always-ready instances",
		}, true
	case AzureFunctionsPremium:
		skus := AzurePremiumSKUs()
		return FunctionLimits{
			Name:                     "Azure Functions Premium (largest plan " + skus[len(skus)-1].Name + ")",
			DefaultTimeoutSeconds:    AzureDefaultTimeout(AzurePlanPremium),
			HTTPResponseSeconds:      AzureHTTPResponseLimitSeconds,
			GuaranteedTimeoutSeconds: AzurePremiumGuaranteedTimeoutSeconds,
			MemoryUnit:               "MB",
			MinMemoryMB:              1,
			MaxMemoryMB:              skus[len(skus)-1].MemoryMB,
			DefaultMemoryMB:          skus[0].MemoryMB,
			ReadyInstances:           "always-ready instances",
		}, true
	}
	return FunctionLimits{}, false
}

// CheckMemory explains why memoryMB is not a size the platform offers, or returns nil.
func (l FunctionLimits) CheckMemory(memoryMB int) error {
	if l.MemorySizesMB != nil {
		if slices.Contains(l.MemorySizesMB, memoryMB) {
			return nil
		}
		return fmt.Errorf("%d MB is not a size %s offers: use %s MB", memoryMB, l.Name, JoinSizes(l.MemorySizesMB))
	}
	if memoryMB < l.MinMemoryMB || memoryMB > l.MaxMemoryMB {
		return fmt.Errorf("%d %s is outside the %d-%d %s that %s offers",
			memoryMB, l.MemoryUnit, l.MinMemoryMB, l.MaxMemoryMB, l.MemoryUnit, l.Name)
	}
	return nil
}

// JoinSizes lists sizes as prose: "512", "512 or 2048", "512, 2048 or 4096".
func JoinSizes(sizes []int) string { return joinInts(sizes) }

func tierSizes(tiers []MemoryTier) []int {
	sizes := make([]int, len(tiers))
	for i, t := range tiers {
		sizes[i] = t.MemoryMiB
	}
	return sizes
}

// functionResourceTypes maps each Terraform resource type that runs a function to the platforms
// it can run, in the order the linter visits them (per cloud: oldest product first, as the
// resources were added to the providers; Azure's current app types first). Sources: the resource
// docs of hashicorp/terraform-provider-aws (r/lambda_function), hashicorp/terraform-provider-google
// (r/cloudfunctions_function, r/cloudfunctions2_function, r/cloud_run_service,
// r/cloud_run_v2_service) and hashicorp/terraform-provider-azurerm (r/linux_function_app,
// r/windows_function_app, r/function_app_flex_consumption, r/function_app). Read 2026-08.
var functionResourceTypes = []struct {
	typ       string
	platforms []Platform
}{
	{"aws_lambda_function", []Platform{AWSLambda}},
	{"google_cloudfunctions_function", []Platform{GCPFunctionsGen1}},
	{"google_cloudfunctions2_function", []Platform{GCPFunctionsGen2}},
	{"google_cloud_run_service", []Platform{GCPCloudRun}},
	{"google_cloud_run_v2_service", []Platform{GCPCloudRun}},
	{"azurerm_linux_function_app", []Platform{AzureFunctionsConsumption, AzureFunctionsPremium}},
	{"azurerm_windows_function_app", []Platform{AzureFunctionsConsumption, AzureFunctionsPremium}},
	{"azurerm_function_app_flex_consumption", []Platform{AzureFunctionsFlex}},
	{"azurerm_function_app", []Platform{AzureFunctionsConsumption, AzureFunctionsPremium}},
}

// FunctionResourceTypes lists every resource type that runs a function (or a function app) on
// any cloud.
func FunctionResourceTypes() []string {
	out := make([]string, len(functionResourceTypes))
	for i, f := range functionResourceTypes {
		out[i] = f.typ
	}
	return out
}

// FunctionResourceTypesOn lists the resource types that can run a function on p; nil when p
// hosts no function.
func FunctionResourceTypesOn(p Platform) []string {
	var out []string
	for _, f := range functionResourceTypes {
		if slices.Contains(f.platforms, p) {
			out = append(out, f.typ)
		}
	}
	return out
}

// FunctionResourceTypesIn lists the resource types that run a function on cloud c.
func FunctionResourceTypesIn(c Cloud) []string {
	var out []string
	for _, f := range functionResourceTypes {
		if f.platforms[0].Cloud() == c {
			out = append(out, f.typ)
		}
	}
	return out
}

// IsFunctionResourceType reports whether resources of type typ run a function.
func IsFunctionResourceType(typ string) bool {
	return slices.Contains(FunctionResourceTypes(), typ)
}
