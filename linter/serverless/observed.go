package serverless

import (
	"fmt"
	"math"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
)

// This file ties what functions did in production (Inputs.Observed, read from --metrics) to what
// the plan sets for them, for the function_observed_* rules: the function's own timeout and the
// memory an instance of it has, on every platform.

// ObservedFunction is a function of the plan that the metrics say something about.
type ObservedFunction struct {
	Instance    *graph.Instance
	Observation metrics.Observation
	Platform    platform.Platform
	// TimeoutMillis is the function's own timeout as the plan sets it (its default when unset);
	// 0 when the plan does not know it or there is none (an unbounded Azure functionTimeout).
	// TimeoutAttribute is where it is set ("" for host.json or a default).
	TimeoutMillis    int
	TimeoutAttribute string
	// MemoryMB is the memory one instance has as the plan sets it, or as the platform or the
	// hosting plan gives it; 0 when unknown. MemoryAttribute is where it is set ("" when the
	// hosting plan fixes it); MemoryText how a message names it ("memory_size", "the 1,536 MB
	// Consumption instance").
	MemoryMB        int
	MemoryAttribute string
	MemoryText      string
}

// ObservedFunctions lists the functions of the plan, in plan order, that have an observation;
// functions the plan deletes are left out.
func ObservedFunctions(g *graph.Graph, in Inputs) []ObservedFunction {
	if len(in.Observed) == 0 {
		return nil
	}
	var out []ObservedFunction
	observed := func(inst *graph.Instance) (ObservedFunction, bool) {
		obs, ok := in.Observed[inst.Address]
		if !ok || inst.Deleted() {
			return ObservedFunction{}, false
		}
		return ObservedFunction{Instance: inst, Observation: obs}, true
	}
	for _, fn := range g.ByType("aws_lambda_function") {
		if of, ok := observed(fn); ok {
			out = append(out, observedLambda(of))
		}
	}
	for _, w := range GCPWorkloads(g) {
		if of, ok := observed(w.Instance); ok {
			out = append(out, observedGCP(of, w))
		}
	}
	for _, app := range AzureFunctionApps(g) {
		if of, ok := observed(app); ok {
			out = append(out, observedAzure(of, g, app, in))
		}
	}
	return out
}

func observedLambda(of ObservedFunction) ObservedFunction {
	of.Platform = platform.AWSLambda
	if t, ok := intOrDefault(of.Instance.Get("timeout"), platform.LambdaDefaultTimeoutSeconds); ok {
		of.TimeoutMillis, of.TimeoutAttribute = t*1000, "timeout"
	}
	if m, ok := intOrDefault(of.Instance.Get("memory_size"), platform.LambdaDefaultMemoryMB); ok {
		of.MemoryMB, of.MemoryAttribute, of.MemoryText = m, "memory_size", "memory_size"
	}
	return of
}

func observedGCP(of ObservedFunction, w GCPWorkload) ObservedFunction {
	of.Platform = w.Kind.Platform()
	if t, s, ok := w.Timeout(); ok {
		of.TimeoutMillis, of.TimeoutAttribute = t*1000, s.Attribute
	}
	var c GCPContainer
	if w.IsService() {
		containers := w.Containers()
		if len(containers) != 1 {
			return of // which container the metric measured is not known
		}
		c = containers[0]
	}
	if m, _, s, ok := w.MemoryMiB(c); ok {
		of.MemoryMB, of.MemoryAttribute, of.MemoryText = m, s.Attribute, s.Attribute
	}
	return of
}

func observedAzure(of ObservedFunction, g *graph.Graph, app *graph.Instance, in Inputs) ObservedFunction {
	p, planKnown := AzureHostingPlanOf(g, app)
	if t, ok := AzureAppTimeout(app, p, planKnown, in.AzureHost); ok && !t.Unbounded {
		of.TimeoutMillis, of.TimeoutAttribute = int(t.Duration/time.Millisecond), t.Attribute()
	}
	if !planKnown {
		return of
	}
	if pl, ok := azurePlatform(p.Kind); ok {
		of.Platform = pl
	}
	of.MemoryMB, of.MemoryAttribute, of.MemoryText, _ = azureInstanceMemory(AzureApp{Instance: app, Plan: p})
	return of
}

func azurePlatform(k platform.AzurePlan) (platform.Platform, bool) {
	switch k {
	case platform.AzurePlanConsumption:
		return platform.AzureFunctionsConsumption, true
	case platform.AzurePlanFlex:
		return platform.AzureFunctionsFlex, true
	case platform.AzurePlanPremium:
		return platform.AzureFunctionsPremium, true
	}
	return "", false
}

// azureInstanceMemory is the memory of one instance of an app's hosting plan: 1,536 MB on
// Consumption, instance_memory_in_mb on Flex Consumption (2,048 MB when unset), the SKU's on
// Premium. ok is false on Dedicated plans and when the plan does not know it.
func azureInstanceMemory(app AzureApp) (mb int, attribute, text string, ok bool) {
	switch app.Plan.Kind {
	case platform.AzurePlanConsumption:
		return platform.AzureConsumptionMemoryMB, "", "memory of a Consumption instance", true
	case platform.AzurePlanFlex:
		mb, ok := intOrDefault(app.Instance.Get("instance_memory_in_mb"), platform.AzureFlexDefaultInstanceMemoryMB)
		return mb, "instance_memory_in_mb", "instance_memory_in_mb", ok
	case platform.AzurePlanPremium:
		sku, ok := platform.LookupAzurePremiumSKU(app.Plan.sku)
		return sku.MemoryMB, "", "memory of a " + sku.Name + " instance", ok
	}
	return 0, "", "", false
}

// WindowText renders an observation window for messages: "over 14 days", "over 1 day".
// It shares windowLength with the cost report's source line, so both say the same window.
func WindowText(days float64) string {
	if days <= 0 {
		return "over the observed window"
	}
	return "over " + windowLength(days)
}

// ObservedMillis renders an observed duration to the millisecond, as MillisAsSeconds renders a
// limit: "27.1s", "850ms".
func ObservedMillis(ms float64) string {
	n := int(math.Round(ms))
	if n < 1000 {
		return fmt.Sprintf("%dms", n)
	}
	return MillisAsSeconds(n)
}
