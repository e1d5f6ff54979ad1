package rules

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// HybridUnitDrift flags hybrid units whose declared function differs from the function resource
// they target: the unit's plan-time checks, schedules and costs then describe a function that is
// not the one deployed.
var HybridUnitDrift = &Rule{
	Name:     "hybrid_unit_drift",
	Severity: finding.Error,
	Category: finding.Config,
	Summary:  "hybrid unit declares a memory, timeout or runtime its target function does not have",
	Doc: Doc{
		Why: "A `hybrid_unit` repeats the function's memory, timeout and runtime so the provider can check " +
			"them against the platform's limits, route work beyond them to the container, and price the unit. " +
			"When the function resource its `function.target` refers to (by reference, or by the ARN, name " +
			"or ID the target holds) says something else, every one of those numbers is wrong: the routing " +
			"threshold may sit above the real timeout, and the costs describe another function. Values the " +
			"plan does not know yet are not compared.",
		HowToFix: "- Write the unit's values as references to the function resource " +
			"(`memory_mb = aws_lambda_function.api.memory_size`, `timeout_seconds = aws_lambda_function.api.timeout`), " +
			"so they cannot drift.\n- Or correct whichever side is wrong.",
		Sources: []string{"docs/resources/unit.md (the `function` block of `hybrid_unit`)"},
		Example: Example{
			Note: "A unit declares its function with a 60 s timeout and 1,536 MB; the function it targets was left at 30 s and 1,024 MB.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.thumbnails",
					After: map[string]any{
						"function_name": "thumbnails",
						"memory_size":   1024,
						"runtime":       "python3.12",
						"timeout":       30,
					},
					Unknown: []string{"arn"},
				},
				{
					Address: "hybrid_unit.thumbnails",
					After: map[string]any{
						"function": map[string]any{
							"memory_mb":       1536,
							"platform":        "aws_lambda",
							"runtime":         "python3.12",
							"target":          "arn:aws:lambda:eu-west-1:123456789012:function:thumbnails",
							"timeout_seconds": 60,
						},
						"name": "thumbnails",
					},
					Unknown: []string{"id", "placement"},
					Refs: map[string][]string{
						"function": {"aws_lambda_function.thumbnails.arn", "aws_lambda_function.thumbnails"},
					},
				},
			},
		},
	},
	Check: checkHybridUnitDrift,
}

// functionFacts is what a function resource configures, each with the attribute it comes from.
type functionFacts struct {
	memoryMB, timeoutSeconds           int
	memoryAttr, timeoutAttr, rtAttr    string
	runtime                            string
	memoryKnown, timeoutKnown, rtKnown bool
}

func checkHybridUnitDrift(pass *Pass) {
	g := pass.Graph
	for _, u := range serverless.HybridUnits(g) {
		fn := u.Function(g)
		if fn == nil || fn.Deleted() {
			continue
		}
		facts := readFunctionFacts(g, u.Platform, fn, pass.Settings.AzureHost)
		report := func(attr, msg string) {
			pass.Report(finding.Finding{Address: u.Instance.Address, Attribute: "function." + attr, Related: []string{fn.Address},
				Message:     msg,
				Remediation: fmt.Sprintf("set function.%s from %s, or correct the resource", attr, fn.Address)})
		}
		if want, ok := u.Instance.Get("function", "memory_mb").Int(); ok && facts.memoryKnown && !sameMemory(want, facts.memoryMB) {
			report("memory_mb", fmt.Sprintf("function.memory_mb %d differs from %s %s %d MB", want, fn.Address, facts.memoryAttr, facts.memoryMB))
		}
		if want, ok := u.Instance.Get("function", "timeout_seconds").Int(); ok && facts.timeoutKnown && want != facts.timeoutSeconds {
			report("timeout_seconds", fmt.Sprintf("function.timeout_seconds %d differs from %s %s %ds", want, fn.Address, facts.timeoutAttr, facts.timeoutSeconds))
		}
		if want, ok := u.Instance.Get("function", "runtime").String(); ok && facts.rtKnown && !sameRuntime(u.Platform, want, facts.runtime) {
			report("runtime", fmt.Sprintf("function.runtime %q differs from %s %s %q", want, fn.Address, facts.rtAttr, facts.runtime))
		}
	}
}

// readFunctionFacts reads memory, timeout and runtime from the function resource, using the same
// readers as the platform's own rules.
func readFunctionFacts(g *graph.Graph, p platform.Platform, fn *graph.Instance, host *serverless.AzureHost) functionFacts {
	var f functionFacts
	switch p.Cloud() {
	case "aws":
		f.memoryMB, f.memoryKnown = fn.Get("memory_size").Int()
		f.timeoutSeconds, f.timeoutKnown = fn.Get("timeout").Int()
		f.runtime, f.rtKnown = fn.Get("runtime").String()
		f.memoryAttr, f.timeoutAttr, f.rtAttr = "memory_size", "timeout", "runtime"
	case "gcp":
		w, ok := serverless.GCPWorkloadOf(fn)
		if !ok {
			return f
		}
		var s serverless.GCPSetting
		if f.timeoutSeconds, s, f.timeoutKnown = w.Timeout(); f.timeoutKnown {
			f.timeoutAttr = s.Attribute
		}
		if cs := w.Containers(); len(cs) == 1 || w.Kind == serverless.GCPFunctionsGen1 || w.Kind == serverless.GCPFunctionsGen2 {
			var c serverless.GCPContainer
			if len(cs) > 0 {
				c = cs[0]
			}
			if f.memoryMB, _, s, f.memoryKnown = w.MemoryMiB(c); f.memoryKnown {
				f.memoryAttr = s.Attribute
			}
		}
		if rt := w.Runtime(); rt != "" {
			f.runtime, f.rtKnown, f.rtAttr = rt, true, "runtime"
		}
	case "azure":
		if rt := serverless.AzureRuntime(fn); rt != "" {
			f.runtime, f.rtKnown, f.rtAttr = rt, true, "runtime"
		}
		if fn.Type == "azurerm_function_app_flex_consumption" {
			f.memoryMB, f.memoryKnown = fn.Get("instance_memory_in_mb").Int()
			f.memoryAttr = "instance_memory_in_mb"
		}
		if ap, ok := serverless.AzureHostingPlanOf(g, fn); ok {
			if t, ok := serverless.AzureAppTimeout(fn, ap, true, host); ok && !t.Unbounded {
				f.timeoutSeconds, f.timeoutKnown = int(t.Duration.Seconds()), true
				f.timeoutAttr = "timeout (" + t.Source + ")"
			}
		}
	}
	return f
}

// sameMemory compares megabytes with the resource's figure, which on Google Cloud may be written in
// binary units ("2Gi") while the unit writes decimal-looking megabytes: within 5% counts as the same.
func sameMemory(a, b int) bool {
	if a == b {
		return true
	}
	return math.Abs(float64(a-b)) <= 0.05*math.Max(float64(a), float64(b))
}

// sameRuntime compares runtimes ignoring case and punctuation ("python3.12" = "python312"). Azure
// resources say only the language ("python"), so there a unit's "python3.11" matches "python".
func sameRuntime(p platform.Platform, unit, resource string) bool {
	a, b := normalizeRuntime(unit), normalizeRuntime(resource)
	if a == b {
		return true
	}
	if p.Cloud() == "azure" {
		return strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
	}
	return false
}

func normalizeRuntime(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
