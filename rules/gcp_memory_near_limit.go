package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// GCPMemoryNearLimit flags functions and Cloud Run services configured close to the largest memory
// their generation offers.
var GCPMemoryNearLimit = &Rule{
	Name:     "gcp_memory_near_limit",
	Severity: finding.Notice,
	Category: finding.Memory,
	Summary:  "function or Cloud Run memory is close to the maximum of its generation",
	Doc: Doc{
		Why: "Memory has a ceiling that depends on what runs the code: 8,192 MB for a 1st gen function " +
			"(`available_memory_mb`), 32 GiB for a 2nd gen function (`service_config.available_memory`) and for a Cloud Run " +
			"container (`resources.limits.memory`). A function configured at or above 80% of its ceiling already holds a " +
			"large working set (a model, an in-memory dataset); when the data grows, the instance is killed for running out " +
			"of memory and there is no larger size to move to on the same product.",
		HowToFix: "- A 1st gen function at 8 GB can move to 2nd gen, which goes to 32 GiB.\n" +
			"- Stream or shard the data instead of loading it whole; keep large models in a service that loads them once.\n" +
			"- Move the memory-heavy part to the container half of a hybrid unit (GKE, Batch, a VM), keeping the function for the rest.\n" +
			"- Option `threshold_percent` (default 80) sets how close is close.",
		Sources: []string{
			"https://cloud.google.com/functions/1stgendocs/configuring/memory",
			"https://cloud.google.com/functions/docs/configuring/memory",
			"https://cloud.google.com/run/docs/configuring/services/memory-limits",
		},
		Example: Example{
			Note: "A 1st gen function that loads a scoring model uses the largest 1st gen memory tier.",
			Plan: []ExampleResource{
				{
					Address: "google_cloudfunctions_function.score",
					After: map[string]any{
						"available_memory_mb": 8192,
						"entry_point":         "handler",
						"max_instances":       10,
						"min_instances":       0,
						"name":                "score",
						"runtime":             "python312",
						"timeout":             120,
						"trigger_http":        true,
					},
				},
			},
		},
	},
	Options: func() any { return &NearLimitOptions{ThresholdPercent: 80} },
	Check:   checkGCPMemoryNearLimit,
}

func checkGCPMemoryNearLimit(pass *Pass) {
	opts := pass.Options.(*NearLimitOptions)
	for _, w := range serverless.GCPWorkloads(pass.Graph) {
		limits, _ := platform.LimitsOf(w.Kind.Platform())
		limit, unit, what := limits.MaxMemoryMB, limits.MemoryUnit, "Cloud Run maximum"
		switch w.Kind {
		case serverless.GCPFunctionsGen1:
			what = "1st gen maximum"
		case serverless.GCPFunctionsGen2:
			what = "2nd gen maximum"
		}
		for _, c := range w.Containers() {
			mem, written, s, ok := w.MemoryMiB(c)
			if !ok || mem*100 < limit*opts.ThresholdPercent {
				continue
			}
			fix := "stream or shard the data, or move the memory-heavy work to GKE, Batch or a VM"
			if w.Kind == serverless.GCPFunctionsGen1 {
				fix = "move to a 2nd gen function (up to 32 GiB), or stream or shard the data"
			}
			pass.Report(finding.Finding{
				Address:   w.Instance.Address,
				Attribute: s.Attribute,
				Message: fmt.Sprintf("memory %s is %d%% of the %d %s %s: a growing working set has nowhere to go",
					gcpMemoryText(w, written, mem), mem*100/limit, limit, unit, what),
				Remediation: fix,
			})
		}
	}
}

// gcpMemoryText renders memory as written, with MiB when the unit differs ("32Gi (32768 MiB)").
func gcpMemoryText(w serverless.GCPWorkload, written string, mib int) string {
	if w.Kind == serverless.GCPFunctionsGen1 {
		return written
	}
	return fmt.Sprintf("%q (%d MiB)", written, mib)
}
