package serverless_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// A Cloud Run service is sized for the cost model from its one container, with the defaults
// (platform.CloudRunDefaultVCPU, CloudRunDefaultMemoryMiB, request-based billing) where the plan
// leaves a value unset, and not at all where the plan knows it only after apply.
func TestGCPServiceFunction(t *testing.T) {
	const v2, v1 = "google_cloud_run_v2_service.api", "google_cloud_run_service.api"
	container := func(limits, resources map[string]any) map[string]any {
		return plantest.CloudRunContainer("europe-docker.pkg.dev/p/app/api:1", limits, resources)
	}
	service := func(containers ...any) plantest.Resource {
		return plantest.CloudRunService(v2, map[string]any{"containers": containers}, nil)
	}
	serviceV1 := func(annotations map[string]any) plantest.Resource {
		return plantest.Resource{Address: v1, After: map[string]any{"name": "api", "location": "europe-west1", "template": []any{map[string]any{
			"metadata": []any{map[string]any{"annotations": annotations}},
			"spec": []any{map[string]any{"containers": []any{map[string]any{"image": "gcr.io/p/api:1",
				"resources": []any{map[string]any{"limits": map[string]any{"cpu": "2000m", "memory": "1Gi"}}}}}}},
		}}}}
	}
	unknown := func(r plantest.Resource, paths ...string) plantest.Resource {
		r.Unknown = paths
		return r
	}
	tests := []struct {
		name     string
		resource plantest.Resource
		want     cost.Function
		err      string
	}{
		{name: "limits and cpu_idle set", resource: service(container(map[string]any{"cpu": "2", "memory": "4Gi"}, nil)),
			want: cost.Function{Platform: platform.GCPCloudRun, MemoryMB: 4096, VCPU: 2}},
		{name: "no resources block: the defaults, request-based", resource: service(map[string]any{"image": "a", "resources": []any{}}),
			want: cost.Function{Platform: platform.GCPCloudRun, MemoryMB: platform.CloudRunDefaultMemoryMiB}},
		{name: "cpu_idle false", resource: service(container(map[string]any{"cpu": "1", "memory": "512Mi"}, map[string]any{"cpu_idle": false})),
			want: cost.Function{Platform: platform.GCPCloudRun, MemoryMB: 512, VCPU: 1, InstanceBased: true}},
		{name: "a resources block without cpu_idle is instance-based", resource: service(container(map[string]any{"cpu": "1", "memory": "512Mi"}, map[string]any{"cpu_idle": nil})),
			want: cost.Function{Platform: platform.GCPCloudRun, MemoryMB: 512, VCPU: 1, InstanceBased: true}},
		{name: "v1 without the cpu-throttling annotation", resource: serviceV1(map[string]any{}),
			want: cost.Function{Platform: platform.GCPCloudRun, MemoryMB: 1024, VCPU: 2}},
		{name: "v1 with CPU always allocated", resource: serviceV1(map[string]any{"run.googleapis.com/cpu-throttling": "false"}),
			want: cost.Function{Platform: platform.GCPCloudRun, MemoryMB: 1024, VCPU: 2, InstanceBased: true}},
		{name: "CPU known after apply", resource: unknown(service(container(map[string]any{"memory": "512Mi"}, nil)), "template.0.containers.0.resources.0.limits.cpu"),
			err: "the plan does not know template.0.containers.0.resources.0.limits.cpu until apply"},
		{name: "billing known after apply", resource: unknown(service(container(map[string]any{"cpu": "1", "memory": "512Mi"}, map[string]any{"cpu_idle": nil})),
			"template.0.containers.0.resources.0.cpu_idle"),
			err: "the plan does not know the service's billing (template.0.containers.0.resources) until apply"},
		{name: "containers known after apply", resource: unknown(plantest.CloudRunService(v2, map[string]any{"containers": nil}, nil), "template.0.containers"),
			err: "the plan does not know the service's containers until apply"},
		{name: "two containers", resource: service(container(map[string]any{"cpu": "1", "memory": "512Mi"}, nil), container(map[string]any{"cpu": "1", "memory": "512Mi"}, nil)),
			err: "the service runs 2 containers, and hybridlint sizes an instance of one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := plantest.New().Add(tt.resource).Graph(t)
			w, ok := serverless.GCPWorkloadOf(g.ByAddress(tt.resource.Address))
			require.True(t, ok)
			got, err := serverless.GCPServiceFunction(w)
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
				require.Empty(t, serverless.PlannedServices(g, serverless.Inputs{}), "a service the model cannot size is not priced")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
			services := serverless.PlannedServices(g, serverless.Inputs{})
			require.Len(t, services, 1)
			require.Equal(t, tt.want, services[0].Function)
		})
	}
}
