package serverless

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/internal/schedule"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
)

// This file holds what the cost rules (issue 7) and `hybridlint cost` share: the functions of the
// plan as internal/cost sees them (platform, memory, CPU, architecture), the traffic expected of
// each (linter/usage: the --usage file and hybrid_unit workloads), and what the plan already spends
// to keep each warm: keep-warm schedules and provisioned or always-ready capacity. Values the plan
// does not know leave a function (or a schedule) out rather than guessed.

// MaxIdleWindowMinutes bounds the idle window (--idle-window, idle_window_minutes): a day. Idle
// instances are reclaimed within minutes to hours, and every front end checks the same bound.
const MaxIdleWindowMinutes = 24 * 60

// Inputs are what the model reads besides the plan: how long an idle function stays warm, the
// Azure host settings, the expected traffic and the prices. The zero value means the platform
// defaults, no host.json, no traffic and the list prices.
type Inputs struct {
	// IdleWindowMinutes is how long an idle function stays warm; 0 means the platform default.
	IdleWindowMinutes int
	// AzureHost is the functionTimeout of a host.json; nil when there is none.
	AzureHost *AzureHost
	// Usage is the expected traffic per function (--usage); nil when none was given.
	Usage *usage.File
	// Prices are the list prices with the configuration's overrides; nil means the list prices.
	Prices *cost.Prices
	// Observed is what each function did in production (--metrics), by plan address; nil when no
	// metrics were given. Rows are matched to functions once, before the rules run.
	Observed map[string]metrics.Observation
}

// PlannedFunction is a function of the plan, ready to price.
type PlannedFunction struct {
	Instance *graph.Instance
	Function cost.Function
	// MemoryNote explains a memory that is not the function's own setting ("" when it is).
	MemoryNote string
	// MemoryAssumed is true when the memory is an upper bound rather than known: an Azure
	// Consumption app without memory_mb in the usage file is priced at the whole instance.
	MemoryAssumed bool
	// TimeoutSeconds is the function's timeout; 0 when the plan does not say or there is no limit.
	TimeoutSeconds int
	// Traffic is what is expected of the function; HasTraffic is false when nothing says.
	Traffic    usage.Traffic
	HasTraffic bool
	// KeepWarm are the schedules in the plan that ping the function to keep it warm.
	KeepWarm []KeepWarmPing
	// Provisioned is the capacity the plan keeps ready for it.
	Provisioned []ProvisionedCapacity
	// HostingPlan is the address of an Azure app's plan resource, "" elsewhere.
	HostingPlan string
}

// KeepWarmPing is a schedule that pings a function to keep it warm.
type KeepWarmPing struct {
	// Schedule is the EventBridge rule, Scheduler schedule, Cloud Scheduler job or timer-triggered
	// Azure function; Target the EventBridge target in between (nil otherwise).
	Schedule, Target *graph.Instance
	Expression       string
	PingsPerMonth    float64
	// Concurrency is how many copies each ping invokes (a warm-up payload's "concurrency"), 1 when
	// the payload does not say.
	Concurrency int
}

// ProvisionedCapacity is capacity the plan keeps initialised for a function.
type ProvisionedCapacity struct {
	// Config is the aws_lambda_provisioned_concurrency_config, or the Azure app itself.
	Config    *graph.Instance
	Attribute string
	Instances int
	// Qualifier names what is provisioned, for messages: "alias live", "version 3", "always-ready instances".
	Qualifier string
	// Related are further resources involved (the alias).
	Related []string
}

// PlannedFunctions lists the functions of the plan that the cost model can size: Lambda functions,
// Cloud Functions (1st and 2nd gen), and function apps on the Azure Consumption, Flex Consumption
// and Premium plans. Apps on Dedicated (App Service) plans are always on already and left out.
// A hybrid_unit with a workload whose function is in another stack is priced from its own
// function block, under the unit's address.
func PlannedFunctions(g *graph.Graph, in Inputs) []PlannedFunction {
	return PlannedFunctionsWith(g, in, AnyFunction)
}

// Selection says which functions a rule needs, so a rule that prices only pinged or provisioned
// functions does not size every function of a large plan.
type Selection int

const (
	AnyFunction     Selection = iota
	WithTraffic               // functions something says traffic of (--usage, hybrid_unit workloads)
	WithKeepWarm              // functions a keep-warm schedule pings
	WithProvisioned           // functions with provisioned concurrency
)

// PlannedFunctionsWith lists the functions PlannedFunctions lists that want selects.
func PlannedFunctionsWith(g *graph.Graph, in Inputs, want Selection) []PlannedFunction {
	if want == WithTraffic && in.Usage == nil && len(in.Observed) == 0 && len(g.ByType("hybrid_unit")) == 0 {
		return nil // nothing can say what traffic to expect
	}
	lookup := usage.NewLookup(g, in.Usage)
	pings := keepWarmPings(g)
	pcs := ProvisionedConfigs(g)
	provisioned := map[*graph.Instance]bool{}
	for _, pc := range pcs {
		provisioned[pc.Function] = true
	}
	keep := func(inst *graph.Instance) bool {
		switch want {
		case WithTraffic:
			_, ok := lookup.ForObserved(inst, ObservedTraffic(in.Observed[inst.Address]))
			return ok
		case WithKeepWarm:
			return len(pings[inst]) > 0
		case WithProvisioned:
			return provisioned[inst]
		}
		return true
	}
	var out []PlannedFunction
	add := func(pf PlannedFunction) {
		out = append(out, withExpectations(pf, in, lookup, pings))
	}
	for _, fn := range g.ByType("aws_lambda_function") {
		if !keep(fn) {
			continue
		}
		if pf, ok := lambdaFunction(fn, pcs); ok {
			add(pf)
		}
	}
	for _, w := range GCPWorkloads(g) {
		if !keep(w.Instance) {
			continue
		}
		if pf, ok := gcpFunction(w); ok {
			add(pf)
		}
	}
	for _, app := range AzureAppsOnKnownPlans(g) {
		if !keep(app.Instance) {
			continue
		}
		if pf, ok := azureFunction(app, in, lookup); ok {
			add(pf)
		}
	}
	if want == AnyFunction {
		out = append(out, unitFunctions(g)...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Instance.Address < out[j].Instance.Address })
	return out
}

// withExpectations attaches what is expected of a function: the traffic the usage file, a
// hybrid_unit or its observed metrics give, and the keep-warm schedules that ping it.
func withExpectations(pf PlannedFunction, in Inputs, lookup *usage.Lookup, pings map[*graph.Instance][]KeepWarmPing) PlannedFunction {
	pf.Traffic, pf.HasTraffic = lookup.ForObserved(pf.Instance, ObservedTraffic(in.Observed[pf.Instance.Address]))
	pf.KeepWarm = pings[pf.Instance]
	return pf
}

// PlannedServices lists the Cloud Run services of the plan that the cost model can size, ready to
// price as PlannedFunctions are. They are not among PlannedFunctions: a service is the always-on
// container half the cost rules and `hybridlint cost` compare functions with. Yet keeping one warm
// has a price, its minimum instance (cost.ProvisionedCapacity), which function_observed_cold_starts
// quotes from here, so the figure is the cost model's like every other.
func PlannedServices(g *graph.Graph, in Inputs) []PlannedFunction {
	var out []PlannedFunction
	var lookup *usage.Lookup
	var pings map[*graph.Instance][]KeepWarmPing
	for _, w := range GCPWorkloads(g) {
		if !w.IsService() {
			continue
		}
		fn, err := GCPServiceFunction(w)
		if err != nil {
			continue
		}
		if lookup == nil {
			lookup, pings = usage.NewLookup(g, in.Usage), keepWarmPings(g)
		}
		pf := PlannedFunction{Instance: w.Instance, Function: fn}
		if t, _, ok := w.Timeout(); ok {
			pf.TimeoutSeconds = t
		}
		out = append(out, withExpectations(pf, in, lookup, pings))
	}
	return out
}

// GCPServiceFunction is a Cloud Run service as the cost model sizes one instance of it: its
// container's CPU and memory limits (platform.CloudRunDefaultVCPU and CloudRunDefaultMemoryMiB
// where unset) and its billing. The error says why the service cannot be sized, for messages:
// several containers, or a value the plan knows only after apply. Nothing is guessed.
func GCPServiceFunction(w GCPWorkload) (cost.Function, error) {
	if !w.IsService() {
		return cost.Function{}, fmt.Errorf("%s is not a Cloud Run service", w.Instance.Address)
	}
	cs := w.Containers()
	switch {
	case len(cs) == 0:
		return cost.Function{}, errors.New("the plan does not know the service's containers until apply")
	case len(cs) > 1:
		return cost.Function{}, fmt.Errorf("the service runs %d containers, and hybridlint sizes an instance of one", len(cs))
	}
	c := cs[0]
	memory, _, memorySetting, ok := w.MemoryMiB(c)
	if !ok {
		return cost.Function{}, fmt.Errorf("the plan does not know %s until apply", memorySetting.Attribute)
	}
	vcpu, _, cpuSetting, set, ok := w.CPU(c)
	if !ok {
		return cost.Function{}, fmt.Errorf("the plan does not know %s until apply", cpuSetting.Attribute)
	}
	instanceBased, attr, ok := w.InstanceBased(c)
	if !ok {
		return cost.Function{}, fmt.Errorf("the plan does not know the service's billing (%s) until apply", attr)
	}
	fn := cost.Function{Platform: platform.GCPCloudRun, MemoryMB: memory, InstanceBased: instanceBased}
	if set {
		fn.VCPU = vcpu
	}
	return fn, nil
}

func lambdaFunction(fn *graph.Instance, pcs []ProvisionedConfig) (PlannedFunction, bool) {
	if fn.Deleted() {
		return PlannedFunction{}, false
	}
	memory, ok := intOrDefault(fn.Get("memory_size"), platform.LambdaDefaultMemoryMB)
	if !ok {
		return PlannedFunction{}, false
	}
	arch := cost.X86_64
	switch v := fn.Get("architectures"); v.State {
	case plan.Known:
		if a, ok := fn.Get("architectures", 0).String(); ok {
			if arch, ok = parseArch(a); !ok {
				return PlannedFunction{}, false
			}
		}
	case plan.Unknown, plan.Sensitive:
		// Newer AWS providers leave architectures unknown until apply when the configuration does
		// not set it; the function then gets the default,
		// x86_64 (https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go,
		// https://github.com/hashicorp/terraform-provider-aws/blob/034814b/website/docs/r/lambda_function.html.markdown).
		// A value the configuration computes is not guessed.
		if !fn.HasConfig() || fn.SetInConfig("architectures") {
			return PlannedFunction{}, false
		}
	}
	pf := PlannedFunction{Instance: fn, Function: cost.Function{Platform: platform.AWSLambda, MemoryMB: memory, Arch: arch}}
	if t, ok := intOrDefault(fn.Get("timeout"), platform.LambdaDefaultTimeoutSeconds); ok {
		pf.TimeoutSeconds = t
	}
	for _, pc := range pcs {
		if pc.Function != fn {
			continue
		}
		if n, ok := pc.Config.Get("provisioned_concurrent_executions").Int(); ok && n > 0 {
			capacity := ProvisionedCapacity{Config: pc.Config, Attribute: "provisioned_concurrent_executions",
				Instances: n, Qualifier: pc.Qualifier.String()}
			if pc.Qualifier.AliasInstance != nil {
				capacity.Related = []string{pc.Qualifier.AliasInstance.Address}
			}
			pf.Provisioned = append(pf.Provisioned, capacity)
		}
	}
	return pf, true
}

func parseArch(s string) (cost.Arch, bool) {
	a, err := cost.ParseArch(s)
	return a, err == nil
}

func gcpFunction(w GCPWorkload) (PlannedFunction, bool) {
	var pl platform.Platform
	switch w.Kind {
	case GCPFunctionsGen1:
		pl = platform.GCPFunctionsGen1
	case GCPFunctionsGen2:
		pl = platform.GCPFunctionsGen2
	default:
		return PlannedFunction{}, false // a Cloud Run service: already the container half
	}
	memory, _, _, ok := w.MemoryMiB(GCPContainer{})
	if !ok {
		return PlannedFunction{}, false
	}
	pf := PlannedFunction{Instance: w.Instance, Function: cost.Function{Platform: pl, MemoryMB: memory}}
	if w.Kind == GCPFunctionsGen2 {
		vcpu, _, _, set, ok := w.CPU(GCPContainer{})
		if !ok {
			return PlannedFunction{}, false
		}
		if set {
			pf.Function.VCPU = vcpu
		}
	}
	if t, _, ok := w.Timeout(); ok {
		pf.TimeoutSeconds = t
	}
	return pf, true
}

func azureFunction(app AzureApp, in Inputs, lookup *usage.Lookup) (PlannedFunction, bool) {
	pf := PlannedFunction{Instance: app.Instance, HostingPlan: app.Plan.Address()}
	switch app.Plan.Kind {
	case platform.AzurePlanConsumption:
		pf.Function = cost.Function{Platform: platform.AzureFunctionsConsumption, MemoryMB: platform.AzureConsumptionMemoryMB}
		if t, ok := lookup.For(app.Instance); ok && t.MemoryMB > 0 {
			pf.Function.MemoryMB = t.MemoryMB
			pf.MemoryNote = "observed memory from " + t.Source()
		} else {
			pf.MemoryNote = "the whole 1,536 MB instance: give memory_mb in the usage file for the observed memory"
			pf.MemoryAssumed = true
		}
	case platform.AzurePlanFlex:
		memory, _, _, ok := azureInstanceMemory(app)
		if !ok {
			return pf, false
		}
		pf.Function = cost.Function{Platform: platform.AzureFunctionsFlex, MemoryMB: memory}
		if n, known := AzureAlwaysReady(app.Instance); known && n > 0 {
			pf.Provisioned = []ProvisionedCapacity{{Config: app.Instance, Attribute: "always_ready", Instances: n, Qualifier: "always-ready instances"}}
		}
	case platform.AzurePlanPremium:
		sku, ok := platform.LookupAzurePremiumSKU(app.Plan.sku)
		if !ok {
			return pf, false
		}
		pf.Function = cost.Function{Platform: platform.AzureFunctionsPremium, MemoryMB: sku.MemoryMB}
		pf.MemoryNote = "the " + sku.Name + " instance"
	default:
		return pf, false
	}
	if t, ok := AzureAppTimeout(app.Instance, app.Plan, true, in.AzureHost); ok && !t.Unbounded {
		pf.TimeoutSeconds = int(t.Duration / time.Second)
	}
	return pf, true
}

// intOrDefault reads a quantity (a memory size, a timeout: a whole number of 1 or more) that takes
// a default when unset; ok is false when the plan does not know it. Any other known value is an
// input error (plan.WrongType).
func intOrDefault(v plan.Value, def int) (int, bool) {
	useDefault, ok := OrDefault(v)
	switch {
	case !ok:
		return 0, false
	case useDefault:
		return def, true
	}
	return v.PositiveInt()
}

// Workload is the expected traffic in the cost model's terms.
func (f PlannedFunction) Workload() cost.Workload {
	return cost.Workload{RequestsPerMonth: f.Traffic.RequestsPerMonth, AvgDurationMs: f.Traffic.AvgDurationMs,
		PeakConcurrency: f.Traffic.PeakConcurrency}
}

// WarmNeeded reports whether the plan shows the function must stay warm: it is pinged or has
// capacity provisioned.
func (f PlannedFunction) WarmNeeded() bool {
	return len(f.KeepWarm) > 0 || len(f.Provisioned) > 0 || f.Function.Platform == platform.AzureFunctionsPremium
}

// Configured is what the plan spends to keep the function warm, in the cost model's terms.
func (f PlannedFunction) Configured(in Inputs) cost.Configured {
	c := cost.Configured{IdlePingsPerMonth: platform.HoursPerMonth * 60 / IdleWindow(in.IdleWindowMinutes).Minutes()}
	switch len(f.KeepWarm) {
	case 0:
	case 1:
		c.PingsPerMonth, c.PingConcurrency = f.KeepWarm[0].PingsPerMonth, f.KeepWarm[0].Concurrency
	default:
		for _, p := range f.KeepWarm {
			c.PingsPerMonth += p.PingsPerMonth * float64(p.Concurrency)
		}
		c.PingConcurrency = 1
	}
	for _, p := range f.Provisioned {
		c.Provisioned += p.Instances
	}
	return c
}

// Compare prepares the comparison of the function's options at its expected traffic (no traffic
// when none is expected).
func (f PlannedFunction) Compare(in Inputs) (*cost.Comparison, error) {
	return in.PriceList().Compare(f.Function, f.Workload(), f.Configured(in))
}

// CurrentKind is how the plan runs the function today: with provisioned capacity, kept warm by
// pings, or on demand.
func (f PlannedFunction) CurrentKind() cost.Kind {
	switch {
	case len(f.Provisioned) > 0:
		return cost.ProvisionedCapacity
	case len(f.KeepWarm) > 0:
		return cost.KeptWarm
	}
	return cost.OnDemand
}

// PriceList returns the prices of the run.
func (in Inputs) PriceList() cost.Prices {
	if in.Prices != nil {
		return *in.Prices
	}
	return cost.Default()
}

// keepWarmPings finds the keep-warm schedules of the plan, by the function they ping: EventBridge
// rules and Scheduler schedules (SchedulePings, the same detection as the keep-warm rules), Cloud
// Scheduler jobs that call a Cloud Function, and timer-triggered functions of an Azure app. A
// schedule counts when its payload, name or description says keep-warm; one whose expression is
// unknown cannot be counted and is left out. Pings are counted over the year from
// schedule.ReferenceStart, so findings do not change with the day hybridlint runs.
func keepWarmPings(g *graph.Graph) map[*graph.Instance][]KeepWarmPing {
	out := map[*graph.Instance][]KeepWarmPing{}
	counted := map[string]float64{}
	count := func(syntax schedule.Syntax, expr string, loc *time.Location) (float64, bool) {
		key := string(syntax) + "|" + expr + "|" + loc.String()
		if n, ok := counted[key]; ok {
			return n, n >= 0
		}
		n := -1.0
		if s, err := schedule.Parse(syntax, expr); err == nil {
			n = schedule.InvocationsPerMonth(s, schedule.ReferenceStart.In(loc))
		}
		counted[key] = n
		return n, n >= 0
	}
	for _, p := range SchedulePings(g) {
		if !p.WarmUp || p.Expression == "" {
			continue
		}
		n, ok := count(schedule.AWS, p.Expression, time.UTC)
		if !ok {
			continue
		}
		payload := knownStrings(p.Schedule, "target.0.input")
		if p.Target != nil {
			payload = knownStrings(p.Target, "input")
		}
		out[p.Function] = append(out[p.Function], KeepWarmPing{Schedule: p.Schedule, Target: p.Target, Expression: p.Expression,
			PingsPerMonth: n, Concurrency: payloadConcurrency(payload)})
	}
	for _, job := range g.ByType("google_cloud_scheduler_job") {
		if job.Deleted() || !schedulerJobWarms(job) {
			continue
		}
		if paused, ok := job.Get("paused").Bool(); ok && paused {
			continue
		}
		expr, ok := job.Get("schedule").String()
		if !ok {
			continue
		}
		n, ok := count(schedule.Unix, expr, jobLocation(job))
		if !ok {
			continue
		}
		for _, w := range GCPCallees(g, job, "http_target") {
			out[w.Instance] = append(out[w.Instance], KeepWarmPing{Schedule: job, Expression: expr, PingsPerMonth: n, Concurrency: 1})
		}
	}
	for _, fn := range g.ByType("azurerm_function_app_function") {
		expr, ok := azureWarmTimer(fn)
		if !ok {
			continue
		}
		n, ok := count(schedule.NCRONTAB, expr, time.UTC)
		if !ok {
			continue
		}
		for _, e := range g.Targets(fn, "function_app_id") {
			if !e.To.Deleted() {
				out[e.To] = append(out[e.To], KeepWarmPing{Schedule: fn, Expression: expr, PingsPerMonth: n, Concurrency: 1})
			}
		}
	}
	return out
}

// schedulerJobWarms reports whether a Cloud Scheduler job says it keeps something warm, in its
// name or description, or in its HTTP body (base64 in the plan).
func schedulerJobWarms(job *graph.Instance) bool {
	if anyMentionsWarm(knownStrings(job, "name", "description"), true) {
		return true
	}
	body, ok := job.Get("http_target", 0, "body").String()
	if !ok {
		return false
	}
	decoded, err := base64.StdEncoding.DecodeString(body)
	return err == nil && mentionsWarm(string(decoded), false)
}

// jobLocation is a Cloud Scheduler job's time zone (time_zone, UTC when unset or unknown to Go).
func jobLocation(job *graph.Instance) *time.Location {
	if tz, ok := job.Get("time_zone").String(); ok && tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			return loc
		}
	}
	return time.UTC
}

// azureWarmTimer returns the schedule of a timer-triggered function whose name says it keeps its
// app warm (a "KeepWarm" function with a timerTrigger binding in its function.json).
func azureWarmTimer(fn *graph.Instance) (string, bool) {
	if fn.Deleted() {
		return "", false
	}
	if enabled, ok := fn.Get("enabled").Bool(); ok && !enabled {
		return "", false
	}
	if !anyMentionsWarm(knownStrings(fn, "name"), true) {
		return "", false
	}
	cfg, ok := fn.Get("config_json").String()
	if !ok {
		return "", false
	}
	expr, ok := AzureTimerSchedule(cfg)
	if !ok || expr == "" || strings.Contains(expr, "%") {
		return "", false // %NAME% reads the schedule from an app setting
	}
	return expr, true
}

// payloadConcurrency reads how many copies a warm-up payload asks for: lambda-warmer's
// {"warmer": true, "concurrency": 3}. 1 when the payload does not say.
func payloadConcurrency(payloads []string) int {
	for _, p := range payloads {
		var doc map[string]any
		if json.Unmarshal([]byte(p), &doc) != nil {
			continue
		}
		if n, ok := doc["concurrency"].(float64); ok && n >= 1 && n == float64(int(n)) {
			return int(n)
		}
	}
	return 1
}

// Label describes the function for messages: "aws_lambda, 512 MB, x86_64".
func (f PlannedFunction) Label() string {
	parts := []string{string(f.Function.Platform), cost.FormatMemory(f.Function.MemoryMB)}
	if f.Function.Platform == platform.AWSLambda {
		parts = append(parts, string(f.Function.Arch))
	}
	if f.Function.VCPU > 0 {
		parts = append(parts, fmt.Sprintf("%g vCPU", f.Function.VCPU))
	}
	return strings.Join(parts, ", ")
}

// TrafficText says what is expected, for messages: "4M requests a month of 900 ms (usage.yml:3)".
func (f PlannedFunction) TrafficText() string {
	return fmt.Sprintf("%s requests a month of %s ms (%s)", cost.FormatRequests(f.Traffic.RequestsPerMonth),
		cost.FormatCount(f.Traffic.AvgDurationMs), f.Traffic.Source())
}

// TrafficUnits are the hybrid_unit resources whose workload the traffic comes from.
func (f PlannedFunction) TrafficUnits(g *graph.Graph) []string {
	var out []string
	for _, src := range f.Traffic.Sources {
		if addr, ok := strings.CutSuffix(src, " workload"); ok && g.ByAddress(addr) != nil {
			out = append(out, addr)
		}
	}
	return out
}

// WarmRelated are the schedules and capacity configurations that keep the function warm.
func (f PlannedFunction) WarmRelated() []string {
	var out []string
	for _, p := range f.KeepWarm {
		out = append(out, p.Schedule.Address)
		if p.Target != nil {
			out = append(out, p.Target.Address)
		}
	}
	for _, p := range f.Provisioned {
		out = append(out, p.Config.Address)
		out = append(out, p.Related...)
	}
	return out
}
