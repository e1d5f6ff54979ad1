package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// GCPMemoryCPUMismatch flags 2nd gen functions and Cloud Run services whose CPU and memory are not a
// pair Cloud Run accepts.
var GCPMemoryCPUMismatch = &Rule{
	Name:     "gcp_memory_cpu_mismatch",
	Severity: finding.Error,
	Category: finding.Memory,
	Summary:  "2nd gen function or Cloud Run service asks for a CPU and memory pair Cloud Run does not allow",
	Doc: Doc{
		Why: "A 2nd gen function is a Cloud Run service underneath, and Cloud Run ties memory to CPU: more than 4, 8, 16 " +
			"or 24 GiB needs at least 2, 4, 6 or 8 vCPU; 4 vCPU needs at least 2 GiB and 6 or 8 vCPU at least 4 GiB; below " +
			"1 vCPU an instance may have at most 512 MiB (under 0.5 vCPU) or 1 GiB; memory stops at 32 GiB and CPU at 8. A " +
			"fractional CPU also requires a maximum concurrency of 1, request-based billing (`cpu_idle = true`) and the first " +
			"generation execution environment, and the second generation environment needs at least 512 MiB. The plan " +
			"succeeds, the deployment fails, often after the rest of the stack has changed.\n\n" +
			"An unset CPU counts as Cloud Run's default of 1 vCPU for services (so `memory = \"8Gi\"` alone is refused); a 2nd " +
			"gen function without `available_cpu` gets a CPU derived from its memory and is checked only against the 32 GiB " +
			"cap. On `google_cloud_run_v2_service`, a `resources` block without `cpu_idle = true` means instance-based billing. " +
			"1st gen functions have fixed tiers and no CPU setting; they are not checked here.",
		HowToFix: "- Raise the CPU to the smallest setting that allows the memory (the message names it), or lower the memory.\n" +
			"- For a fractional CPU, set the maximum concurrency to 1, `cpu_idle = true` and the first generation execution " +
			"environment, or use 1 vCPU.\n" +
			"- Work that needs more than 32 GiB does not fit Cloud Run: move it to GKE, Batch or a VM.",
		Sources: []string{
			"https://cloud.google.com/run/docs/configuring/services/memory-limits",
			"https://cloud.google.com/run/docs/configuring/services/cpu",
			"https://cloud.google.com/functions/docs/configuring/memory",
			"terraform-provider-google cloud_run_v2_service docs (cpu_idle must be set explicitly when resources is set)",
		},
		Example: Example{
			Note: "A Cloud Run service is given 8 GiB of memory but keeps the single vCPU it started with.",
			Plan: []ExampleResource{
				plantest.CloudRunService("google_cloud_run_v2_service.search", map[string]any{
					"containers": []any{plantest.CloudRunContainer("europe-docker.pkg.dev/p/app/api:1", map[string]any{"cpu": "1", "memory": "8Gi"}, nil)},
				}, nil),
			},
		},
	},
	Check: checkGCPMemoryCPUMismatch,
}

func checkGCPMemoryCPUMismatch(pass *Pass) {
	for _, w := range serverless.GCPWorkloads(pass.Graph) {
		if w.Kind == serverless.GCPFunctionsGen1 {
			continue
		}
		for _, c := range w.Containers() {
			checkGCPContainerSize(pass, w, c)
		}
	}
}

func checkGCPContainerSize(pass *Pass, w serverless.GCPWorkload, c serverless.GCPContainer) {
	mem, memWritten, memSetting, okMem := w.MemoryMiB(c)
	vcpu, cpuWritten, cpuSetting, cpuSet, okCPU := w.CPU(c)
	if !okMem || !okCPU || (memSetting.IsDefault && cpuSetting.IsDefault) {
		return
	}
	report := func(attr, msg, fix string) {
		pass.Report(finding.Finding{Address: w.Instance.Address, Attribute: attr, Message: msg, Remediation: fix})
	}
	cpuText := fmt.Sprintf("cpu %q", cpuWritten)
	if !cpuSet {
		cpuText = fmt.Sprintf("cpu unset (%d vCPU)", platform.CloudRunDefaultVCPU)
	}
	pair := fmt.Sprintf("%s with memory %q", cpuText, memWritten)
	if w.Kind == serverless.GCPFunctionsGen2 && !cpuSet {
		if mem > platform.GCPGen2MaxMemoryMiB {
			report(memSetting.Attribute, fmt.Sprintf("memory %q is %d MiB, above the %d MiB (32 GiB) maximum of a 2nd gen function", memWritten, mem, platform.GCPGen2MaxMemoryMiB),
				"lower available_memory to 32Gi or less, or move the work to GKE, Batch or a VM")
		}
		return
	}
	if err := platform.CheckCloudRunSize(vcpu, mem); err != nil {
		attr := memSetting.Attribute
		if !cpuSetting.IsDefault {
			attr = cpuSetting.Attribute
		}
		report(attr, fmt.Sprintf("%s: %v", pair, err), sizeFix(vcpu, mem))
	}
	env, envAttr := w.ExecutionEnvironment()
	if env == "gen2" && mem < platform.CloudRunGen2EnvMinMemoryMiB {
		report(memSetting.Attribute, fmt.Sprintf("memory %q is below the %d MiB the second generation execution environment (%s) needs", memWritten, platform.CloudRunGen2EnvMinMemoryMiB, envAttr),
			fmt.Sprintf("raise memory to %dMi, or use the first generation execution environment", platform.CloudRunGen2EnvMinMemoryMiB))
	}
	if vcpu >= 1 {
		return
	}
	if conc, s, ok := w.Concurrency(); ok {
		if err := platform.CheckCloudRunConcurrency(vcpu, conc); err != nil {
			report(s.Attribute, fmt.Sprintf("%v%s", err, serverless.DefaultNote(s.IsDefault)), "set the maximum concurrency to 1, or cpu to 1")
		}
	}
	if env == "gen2" {
		report(envAttr, fmt.Sprintf("%s is fractional, which Cloud Run allows only in the first generation execution environment, but %s asks for the second", cpuText, envAttr),
			"use the first generation execution environment, or cpu 1")
	}
	if idle, attr, ok := w.CPUIdle(c); ok && !idle {
		report(attr, fmt.Sprintf("%s is fractional, which Cloud Run allows only with request-based billing, but %s is not true (instance-based billing)", cpuText, attr),
			"set cpu_idle = true, or cpu 1")
	}
}

// sizeFix proposes the cheapest change that makes a CPU and memory pair valid.
func sizeFix(vcpu float64, mem int) string {
	minMiB, maxMiB, ok := platform.CloudRunMemoryRangeMiB(vcpu)
	switch {
	case !ok:
		return fmt.Sprintf("use a CPU from %g to 1 in steps of 0.001, or 1, 2, 4, 6 or 8", platform.CloudRunMinVCPU)
	case mem > platform.CloudRunMaxMemoryMiB:
		return "lower memory to 32Gi or less, or move the work to GKE, Batch or a VM"
	case mem < minMiB:
		return fmt.Sprintf("raise memory to %d MiB, or lower cpu", minMiB)
	}
	for _, c := range []float64{0.5, 1, 2, 4, 6, 8} {
		if lo, hi, _ := platform.CloudRunMemoryRangeMiB(c); c > vcpu && mem <= hi && mem >= lo {
			return fmt.Sprintf("raise cpu to %g, or lower memory to %d MiB if the work fits", c, maxMiB)
		}
	}
	return fmt.Sprintf("lower memory to %d MiB", maxMiB)
}
