package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// taskDefinition is an aws_ecs_task_definition; cpu or memory nil leaves them unset (null).
func taskDefinition(addr string, compat []any, cpu, memory any) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{
		"family": "worker", "network_mode": "awsvpc", "requires_compatibilities": compat,
		"cpu": cpu, "memory": memory, "container_definitions": `[{"name":"worker","image":"worker:1"}]`}}
}

// windowsTaskDefinition is a FARGATE task definition running Windows Server containers.
func windowsTaskDefinition(addr string, cpu, memory any) plantest.Resource {
	r := taskDefinition(addr, []any{"FARGATE"}, cpu, memory)
	r.After["runtime_platform"] = []any{map[string]any{"operating_system_family": "WINDOWS_SERVER_2022_CORE", "cpu_architecture": "X86_64"}}
	return r
}

func TestECSFargateInvalidSize(t *testing.T) {
	fargate := []any{"FARGATE"}
	const refused = ` (ECS refuses the task definition at apply: "No Fargate configuration exists for given values")`
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
		// remediation of the first finding, when checked
		remediation string
	}{
		{
			name:        "memory too small for the CPU",
			plan:        plantest.New().Add(taskDefinition("aws_ecs_task_definition.worker", fargate, "1024", "512")),
			want:        []string{"error aws_ecs_task_definition.worker: memory 512 MiB is not valid with cpu 1024 on Fargate: use 2048 to 8192 MiB in steps of 1024"},
			remediation: "set memory to 2048 (the nearest size for cpu 1024), or set cpu to 256, the smallest that allows 512 MiB" + refused,
		},
		{
			name:        "memory too large for the CPU, written in vCPU and GB",
			plan:        plantest.New().Add(taskDefinition("aws_ecs_task_definition.worker", fargate, ".25 vCPU", "4 GB")),
			want:        []string{`error aws_ecs_task_definition.worker: memory 4096 MiB is not valid with cpu 256 on Fargate: use 512, 1024 or 2048 MiB (written as cpu ".25 vCPU", memory "4 GB")`},
			remediation: "set memory to 2048 (the nearest size for cpu 256), or set cpu to 512, the smallest that allows 4096 MiB" + refused,
		},
		{
			name: "an odd memory size between steps",
			plan: plantest.New().Add(taskDefinition("aws_ecs_task_definition.worker", fargate, "2048", "5000")),
			want: []string{"error aws_ecs_task_definition.worker: memory 5000 MiB is not valid with cpu 2048 on Fargate: use 4096 to 16384 MiB in steps of 1024"},
		},
		{
			name: "a CPU value Fargate does not offer",
			plan: plantest.New().Add(taskDefinition("aws_ecs_task_definition.worker", fargate, "3072", "8192")),
			want: []string{"error aws_ecs_task_definition.worker: cpu 3072 is not a Fargate task size: use one of 256, 512, 1024, 2048, 4096, 8192 or 16384 CPU units (1024 = 1 vCPU)"},
		},
		{
			name: "valid pairs in every form",
			plan: plantest.New().Add(
				taskDefinition("aws_ecs_task_definition.a", fargate, "256", "512"),
				taskDefinition("aws_ecs_task_definition.b", fargate, "1 vCPU", "3GB"),
				taskDefinition("aws_ecs_task_definition.c", []any{"EC2", "FARGATE"}, "4096", "30720"),
				taskDefinition("aws_ecs_task_definition.d", fargate, "16 vcpu", "120 GB"),
				taskDefinition("aws_ecs_task_definition.e", fargate, "0.5 vCPU", "1 gb")),
			want: []string{},
		},
		{
			name: "an EC2-only task definition may use any size",
			plan: plantest.New().Add(taskDefinition("aws_ecs_task_definition.worker", []any{"EC2"}, "1024", "512")),
			want: []string{},
		},
		{
			name: "FARGATE needs task-level cpu and memory",
			plan: plantest.New().Add(taskDefinition("aws_ecs_task_definition.worker", fargate, "512", nil)),
			want: []string{"error aws_ecs_task_definition.worker: task definition requires FARGATE but sets no task-level memory: Fargate needs both cpu and memory"},
		},
		{
			name: "Windows containers need 1 to 4 vCPU",
			plan: plantest.New().Add(func() plantest.Resource {
				r := taskDefinition("aws_ecs_task_definition.win", fargate, "512", "1024")
				r.After["runtime_platform"] = []any{map[string]any{"operating_system_family": "WINDOWS_SERVER_2022_CORE", "cpu_architecture": "X86_64"}}
				return r
			}()),
			want: []string{"error aws_ecs_task_definition.win: cpu 512 is not available for Windows containers on Fargate: use 1024 to 4096 CPU units"},
		},
		{
			name: "Windows CPU bounds: 1024 and 4096 are accepted, 512 and 8192 are not",
			plan: plantest.New().Add(
				windowsTaskDefinition("aws_ecs_task_definition.below", "512", "1024"),
				windowsTaskDefinition("aws_ecs_task_definition.min", "1024", "2048"),
				windowsTaskDefinition("aws_ecs_task_definition.max", "4096", "8192"),
				windowsTaskDefinition("aws_ecs_task_definition.above", "8192", "16384")),
			want: []string{
				"error aws_ecs_task_definition.above: cpu 8192 is not available for Windows containers on Fargate: use 1024 to 4096 CPU units",
				"error aws_ecs_task_definition.below: cpu 512 is not available for Windows containers on Fargate: use 1024 to 4096 CPU units",
			},
		},
		{
			name: "a zero or absurdly large size is left to ECS",
			plan: plantest.New().Add(
				taskDefinition("aws_ecs_task_definition.zero", fargate, "0", "512"),
				taskDefinition("aws_ecs_task_definition.huge", fargate, "1024", "1073741825")),
			want: []string{},
		},
		{
			name: "a size just inside the parser's bound is read and checked",
			plan: plantest.New().Add(taskDefinition("aws_ecs_task_definition.big", fargate, "1024", "1073741824")),
			want: []string{"error aws_ecs_task_definition.big: memory 1073741824 MiB is not valid with cpu 1024 on Fargate: use 2048 to 8192 MiB in steps of 1024"},
		},
		{
			name: "unknown or sensitive sizes are silent",
			plan: plantest.New().Add(
				plantest.Resource{Address: "aws_ecs_task_definition.a", After: map[string]any{"requires_compatibilities": fargate, "cpu": "1024"}, Unknown: []string{"memory"}},
				func() plantest.Resource {
					r := taskDefinition("aws_ecs_task_definition.b", fargate, "1024", "512")
					r.Sensitive = []string{"memory"}
					return r
				}(),
				plantest.Resource{Address: "aws_ecs_task_definition.c", After: map[string]any{"cpu": "1024", "memory": "512"}, Unknown: []string{"requires_compatibilities"}}),
			want: []string{},
		},
		{
			name: "a value in a form ECS may not read is left to ECS",
			plan: plantest.New().Add(taskDefinition("aws_ecs_task_definition.worker", fargate, "1 core", "512")),
			want: []string{},
		},
		{
			name: "count instances in a module are checked one by one",
			plan: plantest.New().Module(plantest.ModuleCall{Path: "module.jobs", Source: "./jobs", Count: true}).
				Add(taskDefinition("module.jobs[0].aws_ecs_task_definition.job", fargate, "512", "1024"),
					taskDefinition("module.jobs[1].aws_ecs_task_definition.job", fargate, "512", "8192")),
			want: []string{"error module.jobs[1].aws_ecs_task_definition.job: memory 8192 MiB is not valid with cpu 512 on Fargate: use 1024, 2048, 3072 or 4096 MiB"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := run(t, rules.ECSFargateInvalidSize, tt.plan)
			require.Equal(t, tt.want, summaries(fs))
			if tt.remediation != "" {
				require.Equal(t, tt.remediation, fs[0].Remediation)
			}
		})
	}
}
