package rules

import (
	"errors"
	"fmt"
	"slices"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// ObservedColdStartOptions are the options of function_observed_cold_starts.
type ObservedColdStartOptions struct {
	// ColdStartPercent is the share of invocations, in percent, that must be cold starts.
	ColdStartPercent int `hcl:"cold_start_percent,optional"`
}

// Validate checks the options.
func (o *ObservedColdStartOptions) Validate() error {
	return inRange("cold_start_percent", o.ColdStartPercent, 1, 100, " %")
}

// FunctionObservedColdStarts flags functions on a synchronous path that cold-started on a good share
// of their invocations while nothing keeps them warm.
var FunctionObservedColdStarts = &Rule{
	Name:     "function_observed_cold_starts",
	Severity: finding.Warning,
	Category: finding.ColdStart,
	Summary:  "a synchronous function cold-starts on a measured share of its invocations and nothing keeps it warm",
	Doc: Doc{
		Why: "A cold start is paid by whoever waits for the answer. The cold-start rules suspect it from the plan " +
			"(a heavy runtime, a large package, scale to zero); this one measures it: from production metrics " +
			"(`--metrics`: the count of REPORT lines with `@initDuration` in CloudWatch Logs Insights, Cloud Run's " +
			"startup latencies, or a neutral CSV) it reports a function whose cold starts are at least " +
			"`cold_start_percent` (5 %) of its invocations, when a caller waits for it (the synchronous path as " +
			"`aws_lambda_cold_start_on_sync_path`, `gcp_cold_start_on_sync_path` and the Azure HTTP rules define it) " +
			"and nothing keeps it warm: no provisioned concurrency, minimum instances, always-ready instances or " +
			"keep-warm pings.\n\n" +
			"The message gives the share, the count, the median initialisation time, and what keeping the function " +
			"warm would cost a month, from the same cost model as `function_keep_warm_cost`, " +
			"`aws_lambda_provisioned_concurrency_cost` and `hybridlint cost`.",
		HowToFix: "- Keep the path warm: provisioned concurrency on the alias callers use (Lambda), `min_instance_count = 1` " +
			"(Google), an always-ready instance or a Premium plan (Azure), or a keep-warm schedule, at the price shown.\n" +
			"- Make the start cheaper: SnapStart, a smaller package, lazy initialisation.\n" +
			"- Serve the path from the always-on container half of a hybrid unit.",
		Sources: []string{
			"https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html (cold starts and Init Duration)",
			"https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html",
			"https://cloud.google.com/run/docs/configuring/min-instances",
			"https://cloud.google.com/run/pricing (minimum instances while idle)",
			"https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#always-ready-instances",
		},
		Example: Example{
			Note: "An HTTP API calls a checkout function that cold-started on 8 % of its invocations over 14 days.",
			Plan: []ExampleResource{
				plantest.LambdaFunction("aws_lambda_function.checkout", "nodejs22.x", map[string]any{"memory_size": 512}),
				{Address: "aws_apigatewayv2_api.api", After: map[string]any{"name": "api", "protocol_type": "HTTP"}},
				{
					Address: "aws_apigatewayv2_integration.checkout",
					After:   map[string]any{"integration_type": "AWS_PROXY", "payload_format_version": "2.0"},
					Unknown: []string{"integration_uri", "api_id"},
					Refs: map[string][]string{
						"api_id":          {"aws_apigatewayv2_api.api.id", "aws_apigatewayv2_api.api"},
						"integration_uri": {"aws_lambda_function.checkout.invoke_arn", "aws_lambda_function.checkout"},
					},
				},
			},
			Observed: []metrics.Observation{{Function: "aws_lambda_function.checkout", WindowDays: ExampleMetricsWindowDays,
				Invocations: metrics.Of(25000), ColdStarts: metrics.Of(2000), InitP50Ms: metrics.Of(840)}},
		},
	},
	Options: func() any { return &ObservedColdStartOptions{ColdStartPercent: 5} },
	Check:   checkFunctionObservedColdStarts,
}

// coldPath is why a function's cold starts are waited for, with nothing keeping it warm.
type coldPath struct {
	text      string
	attribute string
	related   []string
	fix       string
}

func checkFunctionObservedColdStarts(pass *Pass) {
	threshold := float64(pass.Options.(*ObservedColdStartOptions).ColdStartPercent)
	in := pass.Settings.Inputs()
	fns := serverless.ObservedFunctions(pass.Graph, in)
	if len(fns) == 0 {
		return
	}
	var priced map[*graph.Instance]serverless.PlannedFunction
	for _, of := range fns {
		o := of.Observation
		if !o.Invocations.Known || !o.ColdStarts.Known || o.Invocations.Value <= 0 {
			continue
		}
		share := o.ColdStarts.Value * 100 / o.Invocations.Value
		if share < threshold {
			continue
		}
		path, ok := coldSyncPath(pass, of)
		if !ok {
			continue
		}
		if priced == nil {
			priced = map[*graph.Instance]serverless.PlannedFunction{}
			for _, pf := range append(serverless.PlannedFunctions(pass.Graph, in), serverless.PlannedServices(pass.Graph, in)...) {
				priced[pf.Instance] = pf
			}
		}
		pf, hasPrice := priced[of.Instance]
		if hasPrice && len(pf.KeepWarm) > 0 {
			continue // a keep-warm schedule pings it; aws_keep_warm_interval_too_long judges its interval
		}
		f := finding.Finding{Address: of.Instance.Address, Attribute: path.attribute, Related: path.related,
			Remediation: path.fix}
		initText := ""
		if o.InitP50Ms.Known {
			initText = fmt.Sprintf(", median initialisation %s", serverless.ObservedMillis(o.InitP50Ms.Value))
		}
		f.Message = fmt.Sprintf("%.1f%% of invocations were cold starts %s (%s of %s%s) on %s, with nothing keeping it warm",
			share, serverless.WindowText(o.WindowDays), cost.FormatCount(o.ColdStarts.Value), cost.FormatCount(o.Invocations.Value), initText, path.text)
		priceText := ""
		var unpriced error
		if hasPrice {
			if pr, err := pf.Price(in); err == nil {
				priceText = warmCost(pf, pr)
				f.Cost = pr.Detail(of.Instance.Address)
			} else {
				unpriced = err
			}
		}
		if priceText == "" {
			priceText = "; " + unpricedWarmth(of.Instance, unpriced)
		}
		f.Message += priceText
		pass.Report(f)
	}
}

// unpricedWarmth says why a finding quotes no price for keeping the function warm, so a reader does
// not take the silence for "free": for a Cloud Run service, what of its size or billing the plan
// does not give (or why the cost model refused it, priceErr); for a function, that the plan does
// not give what pricing needs.
func unpricedWarmth(fn *graph.Instance, priceErr error) string {
	if w, ok := serverless.GCPWorkloadOf(fn); ok && w.IsService() {
		why := priceErr
		if _, err := serverless.GCPServiceFunction(w); err != nil {
			why = err
		}
		if why == nil {
			why = errors.New("the cost model has no price for it")
		}
		return "the cost of a minimum instance is not shown: " + why.Error()
	}
	return "the cost of keeping it warm is not shown: the plan does not give what pricing it needs (memory, platform)"
}

// warmCost states what keeping the function warm costs a month, from the rows the cost report and
// the cost rules quote.
func warmCost(pf serverless.PlannedFunction, pr serverless.Pricing) string {
	var parts []string
	if r, ok := pr.Row(cost.ProvisionedCapacity); ok {
		if usd, ok := pr.Amount(r); ok {
			parts = append(parts, fmt.Sprintf("%s (%s) %s", provisionedName(pf.Function.Platform), r.Basis, cost.FormatUSD(usd)))
		}
	}
	if r, ok := pr.Row(cost.KeptWarm); ok {
		if usd, ok := pr.Amount(r); ok {
			parts = append(parts, fmt.Sprintf("a keep-warm schedule (%s) %s", r.Basis, cost.FormatUSD(usd)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	if pr.Complete {
		return fmt.Sprintf("; with the expected %s it would cost a month with %s", pf.TrafficText(), serverless.JoinAnd(parts))
	}
	return "; keeping it warm would cost a month: " + serverless.JoinAnd(parts)
}

// coldSyncPath says how callers wait for the function with nothing keeping it warm; ok is false
// when the plan does not show a synchronous path, shows something keeping it warm, or cannot say.
func coldSyncPath(pass *Pass, of serverless.ObservedFunction) (coldPath, bool) {
	switch {
	case of.Instance.Type == "aws_lambda_function":
		return lambdaColdPath(pass, of.Instance)
	case slices.Contains(platform.FunctionResourceTypesIn(platform.Azure), of.Instance.Type):
		return azureColdPath(pass, of.Instance)
	}
	if w, ok := serverless.GCPWorkloadOf(of.Instance); ok {
		return gcpColdPath(pass, w)
	}
	return coldPath{}, false
}

// lambdaColdPath: the synchronous callers aws_lambda_cold_start_on_sync_path knows, left out those
// provisioned concurrency or a keep-warm ping covers (or may cover).
func lambdaColdPath(pass *Pass, fn *graph.Instance) (coldPath, bool) {
	g := pass.Graph
	pcs := serverless.ProvisionedConfigs(g)
	ps := serverless.SchedulePings(g)
	window := serverless.IdleWindow(pass.Settings.IdleWindowMinutes)
	var callers, related []string
	for _, c := range serverless.SyncCalls(g, pass.Settings.Inputs())[fn] {
		if pc, _ := serverless.CoveredByProvisioned(pcs, fn, c.Qualifier); pc != serverless.No {
			continue
		}
		if warm, _ := serverless.PingedWarm(ps, fn, c.Qualifier, window); warm != serverless.No {
			continue
		}
		callers = append(callers, fmt.Sprintf("%s (%s)", c.Caller.Address, c.Kind))
		related = append(append(related, c.Caller.Address), c.Related...)
	}
	if len(callers) == 0 {
		return coldPath{}, false
	}
	return coldPath{text: "the synchronous path of " + serverless.ListAddresses(serverless.DedupeStrings(callers)), attribute: "",
		related: related,
		fix:     "add provisioned concurrency on the alias the callers use, or a keep-warm schedule, at the price shown; or enable SnapStart where the runtime supports it"}, true
}

// gcpColdPath: the synchronous path gcp_cold_start_on_sync_path knows, with no minimum instances.
func gcpColdPath(pass *Pass, w serverless.GCPWorkload) (coldPath, bool) {
	path, related := w.SyncPath(pass.Graph, serverless.SyncCallerLimits(pass.Graph, pass.Settings.Inputs())[w.Instance])
	if path == "" {
		return coldPath{}, false
	}
	minimum, attr, ok := w.MinInstances()
	if !ok || minimum > 0 {
		return coldPath{}, false
	}
	return coldPath{text: "the synchronous path (" + path + ")", attribute: attr, related: related,
		fix: fmt.Sprintf("set %s to 1 (one instance billed while idle), or a keep-warm schedule, at the price shown", w.MinInstancesSetting())}, true
}

// azureColdPath: an app with HTTP functions on a plan that keeps no instance ready: Consumption, or
// Flex Consumption without always-ready instances. Premium plans keep one ready.
func azureColdPath(pass *Pass, app *graph.Instance) (coldPath, bool) {
	httpFunctions, _ := serverless.AzureHTTP(pass.Graph, app)
	p, planKnown := serverless.AzureHostingPlanOf(pass.Graph, app)
	if len(httpFunctions) == 0 || !planKnown {
		return coldPath{}, false
	}
	path := coldPath{text: "the HTTP functions " + serverless.ListAddresses(httpFunctions) + " on the " + p.Label(),
		related: append([]string{p.Address()}, httpFunctions...)}
	switch p.Kind {
	case platform.AzurePlanConsumption:
		path.fix = "move the app to Flex Consumption with an always_ready instance, or to a Premium plan"
		return path, true
	case platform.AzurePlanFlex:
		if n, known := serverless.AzureAlwaysReady(app); known && n == 0 {
			path.attribute = "always_ready"
			path.fix = "add always_ready { name = \"http\", instance_count = 1 } (billed while idle), at the price shown"
			return path, true
		}
	}
	return coldPath{}, false
}
