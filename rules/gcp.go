package rules

import (
	"fmt"
	"math"
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

// gcpKind is which product and generation runs the code: the limits differ by it.
type gcpKind int

const (
	gcpGen1 gcpKind = iota + 1
	gcpGen2
	gcpRunV1
	gcpRunV2
)

// gcpWorkloadTypes maps each resource type that runs code to its kind, in the order rules visit them.
var gcpWorkloadTypes = []struct {
	typ  string
	kind gcpKind
}{
	{"google_cloudfunctions_function", gcpGen1},
	{"google_cloudfunctions2_function", gcpGen2},
	{"google_cloud_run_service", gcpRunV1},
	{"google_cloud_run_v2_service", gcpRunV2},
}

// gcpWorkload is a function or Cloud Run service in the plan.
type gcpWorkload struct {
	inst *graph.Instance
	kind gcpKind
}

// gcpWorkloads lists the functions and services the plan does not only delete.
func gcpWorkloads(g *graph.Graph) []gcpWorkload {
	var out []gcpWorkload
	for _, t := range gcpWorkloadTypes {
		for _, inst := range g.ByType(t.typ) {
			if !inst.Deleted() {
				out = append(out, gcpWorkload{inst: inst, kind: t.kind})
			}
		}
	}
	return out
}

// gcpWorkloadOf returns the workload an instance is, if it is one.
func gcpWorkloadOf(inst *graph.Instance) (gcpWorkload, bool) {
	for _, t := range gcpWorkloadTypes {
		if inst.Type == t.typ {
			return gcpWorkload{inst: inst, kind: t.kind}, true
		}
	}
	return gcpWorkload{}, false
}

// label names the kind in messages.
func (w gcpWorkload) label() string {
	switch w.kind {
	case gcpGen1:
		return "1st gen function"
	case gcpGen2:
		return "2nd gen function"
	}
	return "Cloud Run service"
}

// isService reports whether the workload is a Cloud Run service (either API version).
func (w gcpWorkload) isService() bool { return w.kind == gcpRunV1 || w.kind == gcpRunV2 }

// gcpSetting is a value read from the plan, with the attribute it comes from and whether it is the
// product's default (unset in the plan).
type gcpSetting struct {
	attr      string
	isDefault bool
}

// orDefault reads a value's state: ok when known, a default when null or absent, and not ok when
// unknown or sensitive (the plan cannot say).
func orDefault(v plan.Value) (useDefault, ok bool) {
	switch v.State {
	case plan.Known:
		return false, true
	case plan.Null, plan.Absent:
		return true, true
	}
	return false, false
}

// timeout returns the workload's timeout in seconds.
func (w gcpWorkload) timeout() (int, gcpSetting, bool) {
	var v plan.Value
	var def int
	s := gcpSetting{}
	switch w.kind {
	case gcpGen1:
		s.attr, def, v = "timeout", platform.GCPGen1DefaultTimeoutSeconds, w.inst.Get("timeout")
	case gcpGen2:
		s.attr, def, v = "service_config.0.timeout_seconds", platform.GCPGen2DefaultTimeoutSeconds,
			w.inst.Get("service_config", 0, "timeout_seconds")
	case gcpRunV1:
		s.attr, def, v = "template.0.spec.0.timeout_seconds", platform.CloudRunDefaultTimeoutSeconds,
			w.inst.Get("template", 0, "spec", 0, "timeout_seconds")
	case gcpRunV2:
		s.attr, def, v = "template.0.timeout", platform.CloudRunDefaultTimeoutSeconds, w.inst.Get("template", 0, "timeout")
	}
	useDefault, ok := orDefault(v)
	switch {
	case !ok:
		return 0, s, false
	case useDefault:
		s.isDefault = true
		return def, s, true
	case w.kind == gcpRunV2:
		str, _ := v.String()
		n, ok := parseGoogleDuration(str)
		return n, s, ok
	}
	n, ok := v.Int()
	return n, s, ok
}

// eventDriven says whether a function is triggered by events rather than HTTP; known is false when
// the plan does not say. Cloud Run services are HTTP services.
func (w gcpWorkload) eventDriven() (event, known bool) {
	switch w.kind {
	case gcpGen1:
		if http, ok := w.inst.Get("trigger_http").Bool(); ok && http {
			return false, true
		}
		if l, ok := w.inst.Get("event_trigger").List(); ok && len(l) > 0 {
			return true, true
		}
		return false, false
	case gcpGen2:
		v := w.inst.Get("event_trigger")
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
func (w gcpWorkload) runtime() string {
	var rt string
	switch w.kind {
	case gcpGen1:
		rt, _ = w.inst.Get("runtime").String()
	case gcpGen2:
		rt, _ = w.inst.Get("build_config", 0, "runtime").String()
	}
	return rt
}

// gcpContainer is one container of a Cloud Run service, or the single implicit one of a function.
type gcpContainer struct {
	// path is the attribute path of the container ("template.0.containers.1"), "" for functions.
	path string
	// at is path as Get arguments, nil for functions.
	at []any
}

// limit returns a container's resource limit ("cpu", "memory"); Absent for functions.
func (w gcpWorkload) limit(c gcpContainer, name string) plan.Value {
	if c.at == nil {
		return plan.Value{State: plan.Absent}
	}
	return w.inst.Get(c.under("resources", 0, "limits", name)...)
}

// under returns the Get arguments of a path inside the container.
func (c gcpContainer) under(steps ...any) []any {
	return append(append([]any{}, c.at...), steps...)
}

// containers lists the workload's containers: Cloud Run services may have sidecars; a function has one.
func (w gcpWorkload) containers() []gcpContainer {
	var base []any
	switch w.kind {
	case gcpRunV1:
		base = []any{"template", 0, "spec", 0, "containers"}
	case gcpRunV2:
		base = []any{"template", 0, "containers"}
	default:
		return []gcpContainer{{}}
	}
	list, _ := w.inst.Get(base...).List()
	out := make([]gcpContainer, 0, len(list))
	for i := range list {
		at := append(append([]any{}, base...), i)
		out = append(out, gcpContainer{path: pathString(at), at: at})
	}
	return out
}

// memoryMiB returns a container's memory in MiB (rounded up) and the value as written. ok is false
// when the plan does not know it; a value that is unset takes the product's default.
func (w gcpWorkload) memoryMiB(c gcpContainer) (mib int, written string, s gcpSetting, ok bool) {
	var v plan.Value
	switch w.kind {
	case gcpGen1:
		s.attr = "available_memory_mb"
		v = w.inst.Get("available_memory_mb")
		useDefault, ok := orDefault(v)
		if !ok {
			return 0, "", s, false
		}
		if useDefault {
			s.isDefault = true
			return platform.GCPGen1DefaultMemoryMB, fmt.Sprintf("%d MB", platform.GCPGen1DefaultMemoryMB), s, true
		}
		n, ok := v.Int()
		return n, fmt.Sprintf("%d MB", n), s, ok
	case gcpGen2:
		s.attr = "service_config.0.available_memory"
		v = w.inst.Get("service_config", 0, "available_memory")
	default:
		s.attr = c.path + ".resources.0.limits.memory"
		v = w.limit(c, "memory")
	}
	useDefault, ok := orDefault(v)
	if !ok {
		return 0, "", s, false
	}
	if useDefault {
		s.isDefault = true
		if w.kind == gcpGen2 {
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
func (w gcpWorkload) cpu(c gcpContainer) (vcpu float64, written string, s gcpSetting, set, ok bool) {
	var v plan.Value
	switch w.kind {
	case gcpGen1:
		return 0, "", s, false, false // 1st gen CPU follows memory; there is no setting
	case gcpGen2:
		s.attr = "service_config.0.available_cpu"
		v = w.inst.Get("service_config", 0, "available_cpu")
	default:
		s.attr = c.path + ".resources.0.limits.cpu"
		v = w.limit(c, "cpu")
	}
	useDefault, ok := orDefault(v)
	if !ok {
		return 0, "", s, false, false
	}
	if useDefault {
		s.isDefault = true
		return platform.CloudRunDefaultVCPU, "", s, false, true
	}
	str, _ := v.String()
	n, ok := parseCPU(str)
	return n, str, s, true, ok
}

// concurrency returns the maximum concurrent requests per instance. ok is false when unknown.
func (w gcpWorkload) concurrency() (int, gcpSetting, bool) {
	var v plan.Value
	s := gcpSetting{}
	def := 0
	switch w.kind {
	case gcpGen1:
		return 1, s, true
	case gcpGen2:
		s.attr, def = "service_config.0.max_instance_request_concurrency", platform.GCPGen2DefaultConcurrency
		v = w.inst.Get("service_config", 0, "max_instance_request_concurrency")
	case gcpRunV1:
		s.attr, v = "template.0.spec.0.container_concurrency", w.inst.Get("template", 0, "spec", 0, "container_concurrency")
	case gcpRunV2:
		s.attr, v = "template.0.max_instance_request_concurrency", w.inst.Get("template", 0, "max_instance_request_concurrency")
	}
	useDefault, ok := orDefault(v)
	if !ok || (useDefault && def == 0) {
		return 0, s, false // a service's default concurrency is not in internal/platform: say nothing
	}
	if useDefault {
		s.isDefault = true
		return def, s, true
	}
	n, ok := v.Int()
	return n, s, ok
}

// minInstances returns the minimum number of instances kept warm; unset is 0.
func (w gcpWorkload) minInstances() (int, string, bool) {
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
	switch w.kind {
	case gcpGen1:
		add("min_instances", w.inst.Get("min_instances"))
	case gcpGen2:
		add("service_config.0.min_instance_count", w.inst.Get("service_config", 0, "min_instance_count"))
	case gcpRunV1:
		v := w.inst.Get("template", 0, "metadata", 0, "annotations", "autoscaling.knative.dev/minScale")
		if s, ok := v.String(); ok {
			n, err := strconv.Atoi(s)
			return n, "template.0.metadata.0.annotations", err == nil
		}
		_, ok := orDefault(v)
		return 0, "template.0.metadata.0.annotations", ok
	case gcpRunV2:
		add("template.0.scaling.0.min_instance_count", w.inst.Get("template", 0, "scaling", 0, "min_instance_count"))
		add("scaling.0.min_instance_count", w.inst.Get("scaling", 0, "min_instance_count"))
	}
	total := 0
	for _, c := range candidates {
		useDefault, ok := orDefault(c.v)
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

// parseGoogleDuration reads a protobuf Duration as Google's APIs and the provider write it ("300s",
// "3.5s") into whole seconds, rounded up.
func parseGoogleDuration(s string) (int, bool) {
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

// defaultNote marks a value that the plan leaves unset: " (default)".
func defaultNote(isDefault bool) string {
	if isDefault {
		return " (default)"
	}
	return ""
}
