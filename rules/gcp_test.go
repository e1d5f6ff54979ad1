package rules_test

import (
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

// Fixtures shared by the Google Cloud rule tests, with the attribute shapes the google provider
// writes into plans: nested blocks are lists of objects.

// gcpMerge copies base and applies overrides; a nil override removes the key.
func gcpMerge(base, overrides map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range overrides {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

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
	return plantest.Resource{Address: addr, After: gcpMerge(map[string]any{
		"name":         "fn",
		"location":     "europe-west1",
		"build_config": []any{map[string]any{"runtime": "python312", "entry_point": "handler"}},
		"service_config": []any{gcpMerge(map[string]any{
			"timeout_seconds": 60, "available_memory": "256M", "available_cpu": "0.1666",
			"max_instance_request_concurrency": 1, "min_instance_count": 0, "max_instance_count": 100,
		}, service)},
		"event_trigger": []any{},
	}, overrides)}
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
	return map[string]any{
		"image":     image,
		"resources": []any{gcpMerge(map[string]any{"limits": limits, "cpu_idle": true, "startup_cpu_boost": true}, resources)},
	}
}

// gcpRunV2 is a google_cloud_run_v2_service; template overrides the template block.
func gcpRunV2(addr string, template, overrides map[string]any) plantest.Resource {
	return plantest.Resource{Address: addr, After: gcpMerge(map[string]any{
		"name":     "api",
		"location": "europe-west1",
		"ingress":  "INGRESS_TRAFFIC_ALL",
		"template": []any{gcpMerge(map[string]any{
			"timeout":                          "300s",
			"max_instance_request_concurrency": 80,
			"containers": []any{gcpRunContainer("europe-docker.pkg.dev/p/app/api:1",
				map[string]any{"cpu": "1", "memory": "512Mi"}, nil)},
			"scaling": []any{map[string]any{"min_instance_count": 0, "max_instance_count": 10}},
		}, template)},
	}, overrides)}
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
func gcpRef(addr, attr string) []string { return []string{addr + "." + attr, addr} }
