package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// ECSFargateInvalidSize flags Fargate task definitions whose cpu and memory are not a size Fargate
// offers: the plan succeeds and ECS refuses the task definition at apply.
var ECSFargateInvalidSize = &Rule{
	Name:     "aws_ecs_fargate_invalid_size",
	Severity: finding.Error,
	Category: finding.Memory,
	Summary:  "cpu and memory of a Fargate task definition are not a combination Fargate offers",
	Doc: Doc{
		Why: "Fargate runs tasks in a fixed set of sizes: each task CPU value (256, 512, 1024, 2048, 4096, 8192 or " +
			"16384 units, 1024 = 1 vCPU) allows its own range of memory, from 512 MiB with 0.25 vCPU to 120 GB with " +
			"16 vCPU, and Windows containers need 1 to 4 vCPU. Terraform does not check the pair, so the plan succeeds " +
			"and the apply fails with \"" + platform.FargateInvalidSizeMessage + "\". A task definition that asks for " +
			"FARGATE among its `requires_compatibilities` must also set task-level `cpu` and `memory`.\n\n" +
			"`cpu` and `memory` are strings: the rule reads CPU units (\"1024\") or vCPUs (\"1 vCPU\"), and MiB " +
			"(\"2048\") or GB (\"2 GB\"), as ECS does. A value known only after apply is not checked.",
		HowToFix: "- Pick memory from the range the message lists for your CPU, or the CPU size the message names for " +
			"your memory.\n" +
			"- Memory-hungry work that needs more than 30 GB needs 8 or 16 vCPU (Linux platform version 1.4.0 or later).",
		Sources: []string{
			"https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html",
			"https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html (cpu and memory forms; Windows needs at least 1 vCPU)",
		},
		Example: Example{
			Note: "A Fargate worker asks for 1 vCPU with 16 GB of memory.",
			Plan: []ExampleResource{
				{
					Address: "aws_ecs_task_definition.worker",
					After: map[string]any{
						"cpu":                      "1024",
						"family":                   "worker",
						"memory":                   "16384",
						"network_mode":             "awsvpc",
						"requires_compatibilities": []any{"FARGATE"},
					},
				},
			},
		},
	},
	Check: checkECSFargateInvalidSize,
}

func checkECSFargateInvalidSize(pass *Pass) {
	for _, td := range pass.Graph.ByType("aws_ecs_task_definition") {
		if td.Deleted() || !requiresFargate(td) {
			continue
		}
		checkFargateSize(pass, td)
	}
}

func checkFargateSize(pass *Pass, td *graph.Instance) {
	report := func(attribute, message, remediation string) {
		pass.Report(finding.Finding{Address: td.Address, Attribute: attribute, Message: message,
			Remediation: remediation + ` (ECS refuses the task definition at apply: "` + platform.FargateInvalidSizeMessage + `")`})
	}
	cpuV, memV := td.Get("cpu"), td.Get("memory")
	for _, m := range []struct {
		attribute string
		v         plan.Value
	}{{"cpu", cpuV}, {"memory", memV}} {
		if m.v.State == plan.Null || m.v.State == plan.Absent {
			report(m.attribute, fmt.Sprintf("task definition requires FARGATE but sets no task-level %s: Fargate needs both cpu and memory", m.attribute),
				"set task-level cpu and memory to a Fargate size, for example cpu 256 with memory 512")
			return
		}
	}
	cpuText, ok1 := cpuV.String()
	memText, ok2 := memV.String()
	if !ok1 || !ok2 {
		return // known after apply or sensitive
	}
	cpu, ok1 := parseFargateCPU(cpuText)
	memory, ok2 := parseFargateMemory(memText)
	if !ok1 || !ok2 {
		return // not a form this rule reads; ECS will say
	}
	if err := platform.CheckFargateSize(cpu, memory); err != nil {
		attribute, fix := "memory", fargateFix(cpu, memory)
		if platform.FargateMemoryOptionsMiB(cpu) == nil {
			attribute = "cpu"
		}
		report(attribute, fmt.Sprintf("%s%s", err, asGiven(cpuText, cpu, memText, memory)), fix)
		return
	}
	if windowsTask(td) && (cpu < platform.FargateWindowsMinCPUUnits || cpu > platform.FargateWindowsMaxCPUUnits) {
		report("cpu", fmt.Sprintf("cpu %d is not available for Windows containers on Fargate: use %d to %d CPU units",
			cpu, platform.FargateWindowsMinCPUUnits, platform.FargateWindowsMaxCPUUnits),
			fmt.Sprintf("set cpu between %d and %d with a memory size valid for it", platform.FargateWindowsMinCPUUnits, platform.FargateWindowsMaxCPUUnits))
	}
}

// requiresFargate reports whether a task definition certainly asks for FARGATE compatibility.
func requiresFargate(td *graph.Instance) bool {
	list, _ := td.Get("requires_compatibilities").List()
	for _, c := range list {
		if s, _ := c.(string); s == "FARGATE" {
			return true
		}
	}
	return false
}

// windowsTask reports whether a task definition certainly runs Windows containers.
func windowsTask(td *graph.Instance) bool {
	os, ok := td.Get("runtime_platform", 0, "operating_system_family").String()
	return ok && strings.HasPrefix(os, "WINDOWS")
}

// fargateFix proposes the nearest valid size: the memory closest to the one given for this CPU,
// or the smallest CPU that allows the memory given.
func fargateFix(cpu, memory int) string {
	var fixes []string
	if opts := platform.FargateMemoryOptionsMiB(cpu); opts != nil {
		nearest := opts[len(opts)-1]
		for _, m := range opts {
			if m >= memory {
				nearest = m
				break
			}
		}
		fixes = append(fixes, fmt.Sprintf("set memory to %d (the nearest size for cpu %d)", nearest, cpu))
	}
	for _, c := range platform.FargateCPUUnits() {
		if platform.ValidFargateSize(c, memory) {
			fixes = append(fixes, fmt.Sprintf("set cpu to %d, the smallest that allows %d MiB", c, memory))
			break
		}
	}
	if len(fixes) == 0 {
		return "pick a cpu and memory pair from the Fargate table"
	}
	return strings.Join(fixes, ", or ")
}

// asGiven shows the values as written when they were not plain units: ` (cpu "1 vCPU", memory "3 GB")`.
func asGiven(cpuText string, cpu int, memText string, memory int) string {
	var parts []string
	if strings.TrimSpace(cpuText) != strconv.Itoa(cpu) {
		parts = append(parts, fmt.Sprintf("cpu %q", cpuText))
	}
	if strings.TrimSpace(memText) != strconv.Itoa(memory) {
		parts = append(parts, fmt.Sprintf("memory %q", memText))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (written as " + strings.Join(parts, ", ") + ")"
}

// parseFargateCPU reads a task cpu value: CPU units ("1024") or vCPUs ("1 vCPU", "0.25 vcpu").
func parseFargateCPU(s string) (int, bool) {
	return parseScaled(s, "vcpu", 1024)
}

// parseFargateMemory reads a task memory value: MiB ("2048") or GB ("2 GB", "0.5GB").
func parseFargateMemory(s string) (int, bool) {
	return parseScaled(s, "gb", 1024)
}

// parseScaled reads a whole number, or a number followed by unit (any case, optional space)
// multiplied by scale; the result must be whole.
func parseScaled(s, unit string, scale float64) (int, bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	factor := 1.0
	if strings.HasSuffix(t, unit) {
		t, factor = strings.TrimSpace(strings.TrimSuffix(t, unit)), scale
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f <= 0 || math.IsInf(f, 0) {
		return 0, false
	}
	n := f * factor
	if n != math.Trunc(n) || n > 1<<30 {
		return 0, false
	}
	return int(n), true
}
