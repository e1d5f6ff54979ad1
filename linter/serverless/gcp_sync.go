package serverless

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// The synchronous path of Google functions and Cloud Run services, for
// gcp_cold_start_on_sync_path and function_observed_cold_starts: a caller waits for the answer.

// SyncPath says why the workload is on a synchronous path ("" when the plan does not show it is),
// with the resources that make it so. callers are the synchronous callers the model finds for it
// (SyncCallerLimits: Google API Gateway, Firebase Hosting, Workflows, ...).
func (w GCPWorkload) SyncPath(g *graph.Graph, callers []CallerLimit) (string, []string) {
	var waiting, related []string
	for _, c := range callers {
		waiting = append(waiting, c.Caller.Address+" waits for it")
		related = append(related, c.Caller.Address)
	}
	if !w.IsService() {
		if event, known := w.EventDriven(); known && !event {
			return "HTTP-triggered " + w.Label(), related
		}
		if len(waiting) > 0 {
			return fmt.Sprintf("%s on a synchronous path (%s)", w.Label(), strings.Join(waiting, "; ")), related
		}
		return "", nil
	}
	var why []string
	if disabled, _ := w.Instance.Get("invoker_iam_disabled").Bool(); disabled {
		why = append(why, "its invoker IAM check is disabled")
	}
	for _, e := range g.Referrers(w.Instance) {
		from := e.From
		if from.Deleted() {
			continue
		}
		switch {
		case strings.HasSuffix(from.Type, "_iam_member") || strings.HasSuffix(from.Type, "_iam_binding") || strings.HasSuffix(from.Type, "_iam_policy"):
			if who := publicInvoker(from); who != "" && strings.HasPrefix(from.Type, "google_cloud_run_") {
				why = append(why, fmt.Sprintf("%s may invoke it through %s", who, from.Address))
				related = append(related, from.Address)
			}
		case from.Type == "google_compute_region_network_endpoint_group" && strings.HasPrefix(e.Attribute, "cloud_run"):
			why = append(why, fmt.Sprintf("a load balancer reaches it through the serverless NEG %s", from.Address))
			related = append(related, from.Address)
		}
	}
	switch {
	case len(why) > 0:
		return fmt.Sprintf("public Cloud Run service (%s)", strings.Join(DedupeStrings(append(why, waiting...)), "; ")), related
	case len(waiting) > 0:
		return fmt.Sprintf("Cloud Run service on a synchronous path (%s)", strings.Join(waiting, "; ")), related
	}
	return "", nil
}

// publicInvoker returns "allUsers" or "allAuthenticatedUsers" when an IAM resource grants one of
// them the invoker role, "" otherwise or when the plan does not say.
func publicInvoker(iam *graph.Instance) string {
	public := func(m string) bool { return m == "allUsers" || m == "allAuthenticatedUsers" }
	invoker := func(r string) bool { return r == "roles/run.invoker" }
	switch {
	case strings.HasSuffix(iam.Type, "_iam_member"):
		role, _ := iam.Get("role").String()
		member, _ := iam.Get("member").String()
		if invoker(role) && public(member) {
			return member
		}
	case strings.HasSuffix(iam.Type, "_iam_binding"):
		role, _ := iam.Get("role").String()
		members, _ := iam.Get("members").List()
		for _, m := range members {
			if s, _ := m.(string); invoker(role) && public(s) {
				return s
			}
		}
	case strings.HasSuffix(iam.Type, "_iam_policy"):
		data, _ := iam.Get("policy_data").String()
		var policy struct {
			Bindings []struct {
				Role    string   `json:"role"`
				Members []string `json:"members"`
			} `json:"bindings"`
		}
		if json.Unmarshal([]byte(data), &policy) == nil {
			for _, b := range policy.Bindings {
				for _, m := range b.Members {
					if invoker(b.Role) && public(m) {
						return m
					}
				}
			}
		}
	}
	return ""
}

// MinInstancesSetting names the setting that keeps instances warm, for remediations.
func (w GCPWorkload) MinInstancesSetting() string {
	switch w.Kind {
	case GCPFunctionsGen1:
		return "min_instances"
	case GCPFunctionsGen2:
		return "service_config.min_instance_count"
	case GCPCloudRunV1:
		return "the template annotation autoscaling.knative.dev/minScale"
	}
	return "template.scaling.min_instance_count"
}

// DedupeStrings drops repeated strings, keeping the first of each.
func DedupeStrings(in []string) []string {
	seen := map[string]bool{}
	out := in[:0:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
