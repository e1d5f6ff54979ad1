package rules_test

import (
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

// Fixtures shared by the Google Cloud rule tests, with the attribute shapes the google provider
// writes into plans: nested blocks are lists of objects.

// gcpMerge copies base and applies overrides; a nil override removes the key.
func gcpMerge(base, overrides map[string]any) map[string]any { return plantest.Merge(base, overrides) }

// gcpGen1Fn is a 1st gen HTTP function in Python unless overrides say otherwise.
func gcpGen1Fn(addr string, overrides map[string]any) plantest.Resource {
	return plantest.Resource{Address: addr, After: gcpMerge(map[string]any{
		"name": "fn", "runtime": "python312", "entry_point": "handler", "available_memory_mb": 256,
		"timeout": 60, "trigger_http": true, "min_instances": 0, "max_instances": 10,
	}, overrides)}
}

// gcpGen2Fn is a 2nd gen HTTP function in Python; service overrides service_config, overrides
// the top-level attributes.
func gcpGen2Fn(addr string, service, overrides map[string]any) plantest.Resource {
	return plantest.CloudFunction2(addr, service, overrides)
}

// gcpPubSubTrigger is a 2nd gen event_trigger on a Pub/Sub topic.
var gcpPubSubTrigger = []any{map[string]any{
	"event_type":     "google.cloud.pubsub.topic.v1.messagePublished",
	"pubsub_topic":   "projects/p/topics/jobs",
	"retry_policy":   "RETRY_POLICY_RETRY",
	"trigger_region": "europe-west1",
}}

// gcpRunContainer is a Cloud Run v2 container with the given limits and resource settings.
func gcpRunContainer(image string, limits map[string]any, resources map[string]any) map[string]any {
	return plantest.CloudRunContainer(image, limits, resources)
}

// gcpRunV2 is a google_cloud_run_v2_service; template overrides the template block.
func gcpRunV2(addr string, template, overrides map[string]any) plantest.Resource {
	return plantest.CloudRunService(addr, template, overrides)
}

// gcpRunV1 is a google_cloud_run_service; spec overrides template.spec, annotations are the
// template's metadata annotations.
func gcpRunV1(addr string, spec, annotations map[string]any) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{
		"name":     "api",
		"location": "europe-west1",
		"template": []any{map[string]any{
			"metadata": []any{map[string]any{"annotations": gcpMerge(map[string]any{}, annotations)}},
			"spec": []any{gcpMerge(map[string]any{
				"timeout_seconds":       300,
				"container_concurrency": 80,
				"containers": []any{map[string]any{
					"image":     "gcr.io/p/api:1",
					"resources": []any{map[string]any{"limits": map[string]any{"cpu": "1000m", "memory": "512Mi"}}},
				}},
			}, spec)},
		}},
	}}
}

// gcpRef is a reference list as Terraform writes it: the attribute, then the resource.
func gcpRef(addr, attr string) []string { return plantest.Refs(addr, attr) }
