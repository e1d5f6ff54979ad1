package serverless

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// This file holds what the Google Cloud rules share: the four resource types that run code (1st and
// 2nd gen functions, Cloud Run services v1 and v2), where each keeps its timeout, trigger, memory,
// CPU, concurrency and minimum instances, and the parsers for the strings Google writes them in
// ("300s", "512Mi", "1000m"). Every reader returns ok false when the plan does not know the value.

// GCPKind is which product and generation runs the code: the limits differ by it.
type GCPKind int

const (
	GCPFunctionsGen1 GCPKind = iota + 1
	GCPFunctionsGen2
	GCPCloudRunV1
	GCPCloudRunV2
)

// Platform returns the platform that runs a kind; both Cloud Run APIs are platform.GCPCloudRun.
func (k GCPKind) Platform() platform.Platform {
	switch k {
	case GCPFunctionsGen1:
		return platform.GCPFunctionsGen1
	case GCPFunctionsGen2:
		return platform.GCPFunctionsGen2
	}
	return platform.GCPCloudRun
}

// gcpKindOf returns the kind of a resource type that runs code on Google Cloud, as
// internal/platform lists them. Cloud Run has two resource types with different schemas: the v1
// API's google_cloud_run_service and the v2 API's google_cloud_run_v2_service.
func gcpKindOf(typ string) (GCPKind, bool) {
	on := func(p platform.Platform) bool { return slices.Contains(platform.FunctionResourceTypesOn(p), typ) }
	switch {
	case on(platform.GCPFunctionsGen1):
		return GCPFunctionsGen1, true
	case on(platform.GCPFunctionsGen2):
		return GCPFunctionsGen2, true
	case on(platform.GCPCloudRun) && typ == "google_cloud_run_service":
		return GCPCloudRunV1, true
	case on(platform.GCPCloudRun):
		return GCPCloudRunV2, true
	}
	return 0, false
}

// GCPWorkload is a function or Cloud Run service in the plan.
type GCPWorkload struct {
	Instance *graph.Instance
	Kind     GCPKind
}

// GCPWorkloads lists the functions and services the plan does not only delete.
func GCPWorkloads(g *graph.Graph) []GCPWorkload {
	var out []GCPWorkload
	for _, typ := range platform.FunctionResourceTypesIn(platform.GCP) {
		kind, _ := gcpKindOf(typ)
		for _, inst := range g.ByType(typ) {
			if !inst.Deleted() {
				out = append(out, GCPWorkload{Instance: inst, Kind: kind})
			}
		}
	}
	return out
}

// GCPWorkloadOf returns the workload an instance is, if it is one.
func GCPWorkloadOf(inst *graph.Instance) (GCPWorkload, bool) {
	kind, ok := gcpKindOf(inst.Type)
	return GCPWorkload{Instance: inst, Kind: kind}, ok
}

// label names the kind in messages.
func (w GCPWorkload) Label() string {
	switch w.Kind {
	case GCPFunctionsGen1:
		return "1st gen function"
	case GCPFunctionsGen2:
		return "2nd gen function"
	}
	return "Cloud Run service"
}

// isService reports whether the workload is a Cloud Run service (either API version).
func (w GCPWorkload) IsService() bool { return w.Kind == GCPCloudRunV1 || w.Kind == GCPCloudRunV2 }

// GCPSetting is a value read from the plan, with the attribute it comes from and whether it is the
// product's default (unset in the plan).
type GCPSetting struct {
	Attribute string
	IsDefault bool
}

// OrDefault reads a value's state: ok when known, a default when null or absent, and not ok when
// unknown or sensitive (the plan cannot say).
func OrDefault(v plan.Value) (useDefault, ok bool) {
	switch v.State {
	case plan.Known:
		return false, true
	case plan.Null, plan.Absent:
		return true, true
	}
	return false, false
}

// timeout returns the workload's timeout in seconds.
func (w GCPWorkload) Timeout() (int, GCPSetting, bool) {
	var v plan.Value
	limits, _ := platform.LimitsOf(w.Kind.Platform())
	def := limits.DefaultTimeoutSeconds
	s := GCPSetting{}
	switch w.Kind {
	case GCPFunctionsGen1:
		s.Attribute, v = "timeout", w.Instance.Get("timeout")
	case GCPFunctionsGen2:
		s.Attribute, v = "service_config.0.timeout_seconds", w.Instance.Get("service_config", 0, "timeout_seconds")
	case GCPCloudRunV1:
		s.Attribute, v = "template.0.spec.0.timeout_seconds", w.Instance.Get("template", 0, "spec", 0, "timeout_seconds")
	case GCPCloudRunV2:
		s.Attribute, v = "template.0.timeout", w.Instance.Get("template", 0, "timeout")
	}
	useDefault, ok := OrDefault(v)
	switch {
	case !ok:
		return 0, s, false
	case useDefault:
		s.IsDefault = true
		return def, s, true
	case w.Kind == GCPCloudRunV2:
		str, _ := v.String()
		n, ok := ParseGoogleDuration(str)
		return n, s, ok
	}
	n, ok := v.Int()
	return n, s, ok
}

// eventDriven says whether a function is triggered by events rather than HTTP; known is false when
// the plan does not say. Cloud Run services are HTTP services.
func (w GCPWorkload) EventDriven() (event, known bool) {
	switch w.Kind {
	case GCPFunctionsGen1:
		if http, ok := w.Instance.Get("trigger_http").Bool(); ok && http {
			return false, true
		}
		if l, ok := w.Instance.Get("event_trigger").List(); ok && len(l) > 0 {
			return true, true
		}
		return false, false
	case GCPFunctionsGen2:
		v := w.Instance.Get("event_trigger")
		if l, ok := v.List(); ok {
			return len(l) > 0, true
		}
		if v.State == plan.Null || v.State == plan.Absent {
			return false, true
		}
		return false, false
	}
	return false, true
}

// runtime returns a function's runtime ("java17", "python312"); "" for services and unknown values.
func (w GCPWorkload) Runtime() string {
	var rt string
	switch w.Kind {
	case GCPFunctionsGen1:
		rt, _ = w.Instance.Get("runtime").String()
	case GCPFunctionsGen2:
		rt, _ = w.Instance.Get("build_config", 0, "runtime").String()
	}
	return rt
}

// GCPContainer is one container of a Cloud Run service, or the single implicit one of a function.
type GCPContainer struct {
	// Path is the attribute path of the container ("template.0.containers.1"), "" for functions.
	Path string
	// at is path as Get arguments, nil for functions.
	at []any
}

// limit returns a container's resource limit ("cpu", "memory"); Absent for functions.
func (w GCPWorkload) limit(c GCPContainer, name string) plan.Value {
	if c.at == nil {
		return plan.Value{State: plan.Absent}
	}
	return w.Instance.Get(c.Under("resources", 0, "limits", name)...)
}

// under returns the Get arguments of a path inside the container.
func (c GCPContainer) Under(steps ...any) []any {
	return append(append([]any{}, c.at...), steps...)
}

// containers lists the workload's containers: Cloud Run services may have sidecars; a function has one.
func (w GCPWorkload) Containers() []GCPContainer {
	var base []any
	switch w.Kind {
	case GCPCloudRunV1:
		base = []any{"template", 0, "spec", 0, "containers"}
	case GCPCloudRunV2:
		base = []any{"template", 0, "containers"}
	default:
		return []GCPContainer{{}}
	}
	list, _ := w.Instance.Get(base...).List()
	out := make([]GCPContainer, 0, len(list))
	for i := range list {
		at := append(append([]any{}, base...), i)
		out = append(out, GCPContainer{Path: pathString(at), at: at})
	}
	return out
}

// memoryMiB returns a container's memory in MiB (rounded up) and the value as written. ok is false
// when the plan does not know it; a value that is unset takes the product's default.
func (w GCPWorkload) MemoryMiB(c GCPContainer) (mib int, written string, s GCPSetting, ok bool) {
	var v plan.Value
	switch w.Kind {
	case GCPFunctionsGen1:
		s.Attribute = "available_memory_mb"
		v = w.Instance.Get("available_memory_mb")
		useDefault, ok := OrDefault(v)
		if !ok {
			return 0, "", s, false
		}
		if useDefault {
			s.IsDefault = true
			return platform.GCPGen1DefaultMemoryMB, fmt.Sprintf("%d MB", platform.GCPGen1DefaultMemoryMB), s, true
		}
		n, ok := v.Int()
		return n, fmt.Sprintf("%d MB", n), s, ok
	case GCPFunctionsGen2:
		s.Attribute = "service_config.0.available_memory"
		v = w.Instance.Get("service_config", 0, "available_memory")
	default:
		s.Attribute = c.Path + ".resources.0.limits.memory"
		v = w.limit(c, "memory")
	}
	useDefault, ok := OrDefault(v)
	if !ok {
		return 0, "", s, false
	}
	if useDefault {
		s.IsDefault = true
		if w.Kind == GCPFunctionsGen2 {
			return platform.GCPGen2DefaultMemoryMiB, "256M", s, true
		}
		return platform.CloudRunDefaultMemoryMiB, "512Mi", s, true
	}
	str, _ := v.String()
	bytes, ok := parseQuantity(str)
	if !ok {
		return 0, "", s, false
	}
	return int(math.Ceil(bytes / (1 << 20))), str, s, true
}

// cpu returns a container's vCPU and the value as written. set is false when the plan leaves it
// unset: services then get 1 vCPU, and 2nd gen functions a CPU derived from their memory.
func (w GCPWorkload) CPU(c GCPContainer) (vcpu float64, written string, s GCPSetting, set, ok bool) {
	var v plan.Value
	switch w.Kind {
	case GCPFunctionsGen1:
		return 0, "", s, false, false // 1st gen CPU follows memory; there is no setting
	case GCPFunctionsGen2:
		s.Attribute = "service_config.0.available_cpu"
		v = w.Instance.Get("service_config", 0, "available_cpu")
	default:
		s.Attribute = c.Path + ".resources.0.limits.cpu"
		v = w.limit(c, "cpu")
	}
	useDefault, ok := OrDefault(v)
	if !ok {
		return 0, "", s, false, false
	}
	if useDefault {
		s.IsDefault = true
		return platform.CloudRunDefaultVCPU, "", s, false, true
	}
	str, _ := v.String()
	n, ok := parseCPU(str)
	return n, str, s, true, ok
}

// concurrency returns the maximum concurrent requests per instance. ok is false when unknown.
func (w GCPWorkload) Concurrency() (int, GCPSetting, bool) {
	var v plan.Value
	s := GCPSetting{}
	def := 0
	switch w.Kind {
	case GCPFunctionsGen1:
		return 1, s, true
	case GCPFunctionsGen2:
		s.Attribute, def = "service_config.0.max_instance_request_concurrency", platform.GCPGen2DefaultConcurrency
		v = w.Instance.Get("service_config", 0, "max_instance_request_concurrency")
	case GCPCloudRunV1:
		s.Attribute, v = "template.0.spec.0.container_concurrency", w.Instance.Get("template", 0, "spec", 0, "container_concurrency")
	case GCPCloudRunV2:
		s.Attribute, v = "template.0.max_instance_request_concurrency", w.Instance.Get("template", 0, "max_instance_request_concurrency")
	}
	useDefault, ok := OrDefault(v)
	if !ok || (useDefault && def == 0) {
		return 0, s, false // a service's default concurrency is not in internal/platform: say nothing
	}
	if useDefault {
		s.IsDefault = true
		return def, s, true
	}
	n, ok := v.Int()
	return n, s, ok
}

// minInstances returns the minimum number of instances kept warm; unset is 0.
func (w GCPWorkload) MinInstances() (int, string, bool) {
	var candidates []struct {
		attr string
		v    plan.Value
	}
	add := func(attr string, v plan.Value) {
		candidates = append(candidates, struct {
			attr string
			v    plan.Value
		}{attr, v})
	}
	switch w.Kind {
	case GCPFunctionsGen1:
		add("min_instances", w.Instance.Get("min_instances"))
	case GCPFunctionsGen2:
		add("service_config.0.min_instance_count", w.Instance.Get("service_config", 0, "min_instance_count"))
	case GCPCloudRunV1:
		v := w.Instance.Get("template", 0, "metadata", 0, "annotations", "autoscaling.knative.dev/minScale")
		if s, ok := v.String(); ok {
			n, err := strconv.Atoi(s)
			return n, "template.0.metadata.0.annotations", err == nil
		}
		_, ok := OrDefault(v)
		return 0, "template.0.metadata.0.annotations", ok
	case GCPCloudRunV2:
		add("template.0.scaling.0.min_instance_count", w.Instance.Get("template", 0, "scaling", 0, "min_instance_count"))
		add("scaling.0.min_instance_count", w.Instance.Get("scaling", 0, "min_instance_count"))
	}
	total := 0
	for _, c := range candidates {
		useDefault, ok := OrDefault(c.v)
		if !ok {
			return 0, c.attr, false
		}
		if !useDefault {
			n, ok := c.v.Int()
			if !ok {
				return 0, c.attr, false
			}
			total += n
		}
	}
	return total, candidates[0].attr, true
}

// ParseGoogleDuration reads a protobuf Duration as Google's APIs and the provider write it ("300s",
// "3.5s") into whole seconds, rounded up.
func ParseGoogleDuration(s string) (int, bool) {
	if !strings.HasSuffix(s, "s") {
		return 0, false
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, false
	}
	return int(math.Ceil(d.Seconds())), true
}

// parseQuantity reads a Kubernetes-style quantity ("512Mi", "1Gi", "2G", "256M", "1.5Gi", "1048576")
// into bytes.
func parseQuantity(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		factor float64
	}{
		{"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30}, {"Ti", 1 << 40},
		{"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12},
	}
	factor := 1.0
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, factor = strings.TrimSuffix(s, u.suffix), u.factor
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, false
	}
	return n * factor, true
}

// parseCPU reads a CPU quantity ("1", "0.5", "1000m", "2").
func parseCPU(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	factor := 1.0
	if strings.HasSuffix(s, "m") {
		s, factor = strings.TrimSuffix(s, "m"), 0.001
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, false
	}
	return n * factor, true
}

// pathString renders Get arguments as a dotted attribute path.
func pathString(path []any) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = fmt.Sprint(p)
	}
	return strings.Join(parts, ".")
}

// DefaultNote marks a value that the plan leaves unset: " (default)".
func DefaultNote(isDefault bool) string {
	if isDefault {
		return " (default)"
	}
	return ""
}

// GCPCallees follows the references made inside a caller's block to the functions and services
// they name, once each.
func GCPCallees(g *graph.Graph, caller *graph.Instance, block string) []GCPWorkload {
	var out []GCPWorkload
	seen := map[*graph.Instance]bool{}
	for _, e := range g.Outgoing(caller) {
		if e.Attribute != block && !strings.HasPrefix(e.Attribute, block+".") {
			continue
		}
		if w, ok := GCPWorkloadOf(e.To); ok && !seen[e.To] && !e.To.Deleted() {
			seen[e.To] = true
			out = append(out, w)
		}
	}
	return out
}

// StartupCPUBoost says whether a Cloud Run service boosts CPU while instances start. known is false
// for functions and when the plan does not say.
func (w GCPWorkload) StartupCPUBoost() (on bool, attr string, known bool) {
	switch w.Kind {
	case GCPCloudRunV2:
		cs := w.Containers()
		if len(cs) == 0 {
			return false, "", false
		}
		for _, c := range cs {
			v := w.Instance.Get(c.Under("resources", 0, "startup_cpu_boost")...)
			if b, ok := v.Bool(); ok && b {
				return true, "", true
			}
			if v.State != plan.Null && v.State != plan.Absent && v.State != plan.Known {
				return false, "", false
			}
		}
		return false, cs[0].Path + ".resources.0.startup_cpu_boost", true
	case GCPCloudRunV1:
		annotations := w.Instance.Get("template", 0, "metadata", 0, "annotations")
		if annotations.State == plan.Unknown || annotations.State == plan.Sensitive {
			return false, "", false
		}
		s, _ := w.Instance.Get("template", 0, "metadata", 0, "annotations", "run.googleapis.com/startup-cpu-boost").String()
		return s == "true", "template.0.metadata.0.annotations", true
	}
	return false, "", false
}

// ExecutionEnvironment returns "gen1" or "gen2" when a Cloud Run service sets it, with the attribute.
func (w GCPWorkload) ExecutionEnvironment() (string, string) {
	switch w.Kind {
	case GCPCloudRunV2:
		env, _ := w.Instance.Get("template", 0, "execution_environment").String()
		switch env {
		case "EXECUTION_ENVIRONMENT_GEN2":
			return "gen2", "template.0.execution_environment"
		case "EXECUTION_ENVIRONMENT_GEN1":
			return "gen1", "template.0.execution_environment"
		}
	case GCPCloudRunV1:
		env, _ := w.Instance.Get("template", 0, "metadata", 0, "annotations", "run.googleapis.com/execution-environment").String()
		if env == "gen1" || env == "gen2" {
			return env, "template.0.metadata.0.annotations"
		}
	}
	return "", ""
}

// CPUIdle says whether a Cloud Run container is billed per request (CPU only during requests).
// ok is false when the plan does not say, and for functions.
func (w GCPWorkload) CPUIdle(c GCPContainer) (idle bool, attr string, ok bool) {
	switch w.Kind {
	case GCPCloudRunV2:
		attr = c.Path + ".resources.0.cpu_idle"
		v := w.Instance.Get(c.Under("resources", 0, "cpu_idle")...)
		if b, known := v.Bool(); known {
			return b, attr, true
		}
		if v.State == plan.Null {
			// A resources block without cpu_idle means instance-based billing (provider docs).
			return false, attr, true
		}
	case GCPCloudRunV1:
		attr = "template.0.metadata.0.annotations"
		if s, known := w.Instance.Get("template", 0, "metadata", 0, "annotations", "run.googleapis.com/cpu-throttling").String(); known {
			return s != "false", attr, true
		}
	}
	return false, "", false
}

// InstanceBased says whether a Cloud Run service bills instance-based (CPU always allocated): what
// CPUIdle reads, or else request-based billing, the default (platform.CloudRunRequestBasedByDefault),
// when nothing sets it: a v2 container without a resources block, a v1 template without the
// cpu-throttling annotation. ok is false for functions and when the plan does not know.
func (w GCPWorkload) InstanceBased(c GCPContainer) (instanceBased bool, attr string, ok bool) {
	if idle, attr, ok := w.CPUIdle(c); ok {
		return !idle, attr, true
	}
	var v plan.Value
	switch w.Kind {
	case GCPCloudRunV2:
		attr, v = c.Path+".resources", w.Instance.Get(c.Under("resources")...)
		if l, known := v.List(); known {
			if len(l) == 0 {
				return !platform.CloudRunRequestBasedByDefault, attr, true
			}
			// A resources block that leaves cpu_idle out (a plan written without the provider's
			// null) is instance-based, as CPUIdle reads a null.
			idle := w.Instance.Get(c.Under("resources", 0, "cpu_idle")...)
			return idle.State == plan.Absent, attr, idle.State == plan.Absent
		}
	case GCPCloudRunV1:
		attr, v = "template.0.metadata.0.annotations", w.Instance.Get("template", 0, "metadata", 0, "annotations", "run.googleapis.com/cpu-throttling")
	default:
		return false, "", false
	}
	if useDefault, known := OrDefault(v); known && useDefault {
		return !platform.CloudRunRequestBasedByDefault, attr, true
	}
	return false, attr, false
}
