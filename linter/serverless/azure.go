package serverless

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// This file holds what the Azure rules share: which hosting plan a function app runs on, what its
// timeout is (app setting, host.json, or the plan's default), its runtime, and whether the plan
// shows it serving HTTP. Every answer may be "the plan does not say" (ok false): rules stay silent then.

// AzureHost is the functionTimeout of a function app's host.json. The CLI reads the file (given with
// --azure-host-json, or found beside the configuration) with linter/azurehost; rules never read files.
type AzureHost struct {
	// FunctionTimeout is the timeout host.json sets; zero when Unbounded.
	FunctionTimeout time.Duration
	// Unbounded is true for "functionTimeout": "-1" (no limit).
	Unbounded bool
	// Source names the file in messages.
	Source string
}

// ParseFunctionTimeout reads a functionTimeout value as the Functions host does: a .NET TimeSpan
// written "hh:mm:ss" (optionally "d.hh:mm:ss" and fractional seconds), or "-1" for no limit. A bare
// number is refused: .NET reads "600" as 600 days, never what its author meant.
func ParseFunctionTimeout(s string) (d time.Duration, unbounded bool, err error) {
	v := strings.TrimSpace(s)
	if v == "-1" {
		return 0, true, nil
	}
	const want = `write it as "hh:mm:ss" ("00:10:00" is ten minutes), or "-1" for no limit`
	if strings.ContainsAny(v, "+-eE ") {
		return 0, false, fmt.Errorf("%q is not a timespan: %s", s, want)
	}
	days := 0
	clock := v
	if i := strings.IndexByte(v, '.'); i >= 0 && i < strings.IndexByte(v, ':') {
		n, convErr := strconv.Atoi(v[:i])
		if convErr != nil || n < 0 {
			return 0, false, fmt.Errorf("%q is not a timespan: %s", s, want)
		}
		days, clock = n, v[i+1:]
	}
	parts := strings.Split(clock, ":")
	if len(parts) != 3 {
		return 0, false, fmt.Errorf("%q is not a timespan: %s", s, want)
	}
	h, errH := strconv.Atoi(parts[0])
	m, errM := strconv.Atoi(parts[1])
	sec, errS := strconv.ParseFloat(parts[2], 64)
	if errH != nil || errM != nil || errS != nil || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec >= 60 {
		return 0, false, fmt.Errorf("%q is not a timespan: %s", s, want)
	}
	d = time.Duration(days)*24*time.Hour + time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(sec*float64(time.Second))
	if d < time.Second {
		return 0, false, fmt.Errorf("%q is below the 00:00:01 the Functions host accepts: %s", s, want)
	}
	return d, false, nil
}

// AzureFunctionApps lists every function app in the plan that the plan does not only delete.
func AzureFunctionApps(g *graph.Graph) []*graph.Instance {
	var out []*graph.Instance
	for _, typ := range platform.FunctionResourceTypesIn(platform.Azure) {
		for _, app := range g.ByType(typ) {
			if !app.Deleted() {
				out = append(out, app)
			}
		}
	}
	return out
}

// AzureApp is a function app with the hosting plan it runs on.
type AzureApp struct {
	Instance *graph.Instance
	Plan     AzureHostingPlan
}

// AzureAppsOnKnownPlans lists the function apps whose hosting plan the plan file shows.
func AzureAppsOnKnownPlans(g *graph.Graph) []AzureApp {
	var out []AzureApp
	for _, app := range AzureFunctionApps(g) {
		if p, ok := AzureHostingPlanOf(g, app); ok {
			out = append(out, AzureApp{Instance: app, Plan: p})
		}
	}
	return out
}

// AzureHostingPlan is the hosting plan an app runs on.
type AzureHostingPlan struct {
	Kind platform.AzurePlan
	// sku is the plan's SKU as written ("Y1", "EP1", "FC1", "P1v3").
	sku string
	// inst is the plan resource, nil when the kind follows from the app's own type (Flex).
	inst *graph.Instance
}

// name describes the plan in messages: "Consumption plan azurerm_service_plan.fn (Y1)".
func (p AzureHostingPlan) Label() string {
	kind := map[platform.AzurePlan]string{platform.AzurePlanConsumption: "Consumption", platform.AzurePlanFlex: "Flex Consumption",
		platform.AzurePlanPremium: "Premium", platform.AzurePlanDedicated: "Dedicated (App Service)"}[p.Kind]
	if p.inst == nil {
		return kind + " plan"
	}
	return fmt.Sprintf("%s plan %s (%s)", kind, p.inst.Address, p.sku)
}

// address is the plan resource's address, "" when there is none.
func (p AzureHostingPlan) Address() string {
	if p.inst == nil {
		return ""
	}
	return p.inst.Address
}

// AzureHostingPlanOf finds the plan an app runs on, through its service_plan_id (app_service_plan_id
// for the legacy azurerm_function_app). ok is false when the plan resource is not in the plan file,
// or its SKU is unknown or not a Functions SKU.
func AzureHostingPlanOf(g *graph.Graph, app *graph.Instance) (AzureHostingPlan, bool) {
	if app.Type == "azurerm_function_app_flex_consumption" {
		p := AzureHostingPlan{Kind: platform.AzurePlanFlex, sku: "FC1"}
		for _, e := range g.Targets(app, "service_plan_id") {
			if e.To.Type == "azurerm_service_plan" {
				p.inst = e.To
			}
		}
		return p, true
	}
	attr := "service_plan_id"
	if app.Type == "azurerm_function_app" {
		attr = "app_service_plan_id"
	}
	for _, e := range g.Targets(app, attr) {
		var sku string
		var kind platform.AzurePlan
		var ok bool
		switch e.To.Type {
		case "azurerm_service_plan":
			if sku, ok = e.To.Get("sku_name").String(); ok {
				kind, ok = platform.AzurePlanForSKU(sku)
			}
		case "azurerm_app_service_plan":
			tier, _ := e.To.Get("sku", 0, "tier").String()
			sku, _ = e.To.Get("sku", 0, "size").String()
			kind, ok = azureLegacyTier(tier, sku)
		}
		if ok {
			return AzureHostingPlan{Kind: kind, sku: sku, inst: e.To}, true
		}
	}
	return AzureHostingPlan{}, false
}

// azureLegacyTier maps a legacy azurerm_app_service_plan's sku tier ("Dynamic", "ElasticPremium")
// and size to its plan.
func azureLegacyTier(tier, size string) (platform.AzurePlan, bool) {
	switch strings.ToLower(tier) {
	case "dynamic":
		return platform.AzurePlanConsumption, true
	case "elasticpremium":
		return platform.AzurePlanPremium, true
	case "flexconsumption":
		return platform.AzurePlanFlex, true
	}
	return platform.AzurePlanForSKU(size)
}

// AzureTimeout is a function app's effective functionTimeout and where it comes from.
type AzureTimeout struct {
	Duration  time.Duration
	Unbounded bool
	// Source says where the value comes from, for messages: "app setting AzureFunctionsJobHost__functionTimeout",
	// "host.json <path>", or "no app setting or host.json sets it".
	Source string
	// isDefault is true when neither the app setting nor a host.json sets it.
	isDefault bool
}

// attribute is the app's attribute that sets the timeout: "app_settings", or "" for host.json and defaults.
func (t AzureTimeout) Attribute() string {
	if strings.HasPrefix(t.Source, "app setting") {
		return "app_settings"
	}
	return ""
}

// String renders the timeout's value: "10m", "4m30s", "-1, no limit".
func (t AzureTimeout) String() string {
	if t.Unbounded {
		return "-1, no limit"
	}
	return ClockDuration(t.Duration)
}

// describe renders the timeout and where it comes from, for the start of a message:
// "functionTimeout 15m (app setting ...)", "the default functionTimeout of 5m (...)".
func (t AzureTimeout) Describe() string {
	if t.isDefault {
		return fmt.Sprintf("the default functionTimeout of %s (%s)", t, t.Source)
	}
	return fmt.Sprintf("functionTimeout %s (%s)", t, t.Source)
}

// AzureAppTimeout works out an app's timeout: the app setting when the plan shows it, else the
// host.json the run was given, else the default of the app's plan (p; planKnown false when the plan
// file does not show it, and then there is no default to use). ok is false when nothing can be said,
// in particular when the plan hides the app setting (unknown or sensitive), which overrides the rest.
func AzureAppTimeout(app *graph.Instance, p AzureHostingPlan, planKnown bool, host *AzureHost) (AzureTimeout, bool) {
	value, found, readable := azureAppSetting(app, platform.AzureFunctionTimeoutAppSetting, "AzureFunctionsJobHost:functionTimeout")
	switch {
	case !readable:
		return AzureTimeout{}, false
	case found:
		d, unbounded, err := ParseFunctionTimeout(value)
		if err != nil {
			return AzureTimeout{}, false // the host refuses to start; that is not a limit question
		}
		return AzureTimeout{Duration: d, Unbounded: unbounded, Source: "app setting " + platform.AzureFunctionTimeoutAppSetting}, true
	case host != nil:
		return AzureTimeout{Duration: host.FunctionTimeout, Unbounded: host.Unbounded, Source: "host.json " + host.Source}, true
	case !planKnown:
		return AzureTimeout{}, false
	}
	d := time.Duration(platform.AzureDefaultTimeout(p.Kind)) * time.Second
	return AzureTimeout{Duration: d, Source: "no app setting or host.json sets it", isDefault: true}, true
}

// azureAppSetting looks an app setting up under any of its names (Windows accepts ':', Linux needs
// '__'), ignoring case as App Service does. found is false when no name is set; readable is false
// when the plan cannot tell: the setting, or the whole map, is unknown or sensitive. A map with other
// sensitive settings still shows its names, so only the spellings tried one by one can be matched then.
func azureAppSetting(app *graph.Instance, names ...string) (value string, found, readable bool) {
	for _, name := range names {
		for _, spelling := range []string{name, strings.ToLower(name), strings.ToUpper(name)} {
			switch v := app.Get("app_settings", spelling); v.State {
			case plan.Known:
				s, ok := v.String()
				return s, ok, true
			case plan.Unknown, plan.Sensitive:
				return "", false, false
			}
		}
	}
	all := app.Get("app_settings")
	switch all.State {
	case plan.Unknown:
		return "", false, false
	case plan.Sensitive:
		// A map marked sensitive as a whole hides its names too; one with sensitive members does not.
		whole := app.Get("app_settings", "").State == plan.Sensitive
		return "", false, !whole
	}
	m, _ := all.Map()
	for k, v := range m {
		for _, name := range names {
			if strings.EqualFold(k, name) {
				s, ok := v.(string)
				return s, ok, ok
			}
		}
	}
	return "", false, true
}

// AzureRuntime is a function app's language worker: "java", "dotnet-isolated", "dotnet" (in-process),
// "node", "python", "powershell", "custom", or "" when the plan does not say. The app setting
// FUNCTIONS_WORKER_RUNTIME decides when it is readable; otherwise the configured stack does, with
// .NET last, because azurerm fills in a default dotnet_version on Windows apps of any language.
func AzureRuntime(app *graph.Instance) string {
	if rt, found, _ := azureAppSetting(app, "FUNCTIONS_WORKER_RUNTIME"); found && rt != "" {
		return strings.ToLower(rt)
	}
	switch app.Type {
	case "azurerm_function_app_flex_consumption":
		rt, _ := app.Get("runtime_name").String()
		return strings.ToLower(rt)
	case "azurerm_linux_function_app", "azurerm_windows_function_app":
		stack := func(attr string) plan.Value { return app.Get("site_config", 0, "application_stack", 0, attr) }
		for _, s := range []struct{ attr, runtime string }{
			{"java_version", "java"}, {"node_version", "node"}, {"python_version", "python"}, {"powershell_core_version", "powershell"},
		} {
			if v, _ := stack(s.attr).String(); v != "" {
				return s.runtime
			}
		}
		if custom, _ := stack("use_custom_runtime").Bool(); custom {
			return "custom"
		}
		if v, _ := stack("dotnet_version").String(); v != "" {
			if isolated, _ := stack("use_dotnet_isolated_runtime").Bool(); isolated {
				return "dotnet-isolated"
			}
			return "dotnet"
		}
	case "azurerm_function_app":
		if fx, ok := app.Get("site_config", 0, "linux_fx_version").String(); ok && strings.Contains(fx, "|") {
			return strings.ToLower(fx[:strings.IndexByte(fx, '|')])
		}
		if jv, _ := app.Get("site_config", 0, "java_version").String(); jv != "" {
			return "java"
		}
	}
	return ""
}

// AzureRuntimeLabel names a runtime for messages.
func AzureRuntimeLabel(rt string) string {
	switch rt {
	case "java":
		return "Java"
	case "dotnet-isolated":
		return ".NET isolated"
	case "dotnet":
		return ".NET (in-process)"
	}
	return rt
}

// AzureHTTP says whether the plan shows an app serving HTTP. functions lists the
// azurerm_function_app_function resources of the app with an httpTrigger binding; allKnownNonHTTP is
// true when the app has function resources and every one is known not to be HTTP-triggered.
func AzureHTTP(g *graph.Graph, app *graph.Instance) (httpFunctions []string, allKnownNonHTTP bool) {
	count, nonHTTP := 0, 0
	for _, e := range g.Referrers(app) {
		fn := e.From
		if fn.Type != "azurerm_function_app_function" || fn.Deleted() || !strings.HasPrefix(e.Attribute, "function_app_id") {
			continue
		}
		count++
		cfg, ok := fn.Get("config_json").String()
		if !ok {
			continue
		}
		switch azureHasHTTPTrigger(cfg) {
		case 1:
			httpFunctions = append(httpFunctions, fn.Address)
		case 0:
			nonHTTP++
		}
	}
	return httpFunctions, count > 0 && nonHTTP == count
}

// azureHasHTTPTrigger reads a function.json (config_json): 1 when a binding is an httpTrigger, 0 when
// none is, -1 when the JSON cannot be read.
func azureHasHTTPTrigger(configJSON string) int {
	var doc struct {
		Bindings []struct {
			Type string `json:"type"`
		} `json:"bindings"`
	}
	if err := json.Unmarshal([]byte(configJSON), &doc); err != nil {
		return -1
	}
	for _, b := range doc.Bindings {
		if strings.EqualFold(b.Type, "httpTrigger") {
			return 1
		}
	}
	return 0
}

// AzureAlwaysReady totals a Flex app's always-ready instances. known is false when the plan does not say.
func AzureAlwaysReady(app *graph.Instance) (int, bool) {
	v := app.Get("always_ready")
	blocks, ok := v.List()
	if !ok {
		useDefault, known := OrDefault(v)
		return 0, known && useDefault
	}
	total := 0
	for i := range blocks {
		n, ok := app.Get("always_ready", i, "instance_count").Int()
		if !ok {
			return 0, false
		}
		total += n
	}
	return total, true
}

// AzureTimerSchedule reads the schedule of a timerTrigger binding from a function's config_json.
func AzureTimerSchedule(configJSON string) (string, bool) {
	var cfg struct {
		Bindings []struct {
			Type     string `json:"type"`
			Schedule string `json:"schedule"`
		} `json:"bindings"`
	}
	if json.Unmarshal([]byte(configJSON), &cfg) != nil {
		return "", false
	}
	for _, b := range cfg.Bindings {
		if strings.EqualFold(b.Type, "timerTrigger") {
			return b.Schedule, true
		}
	}
	return "", false
}
