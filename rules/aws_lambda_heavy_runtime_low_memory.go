package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// HeavyRuntimeLowMemoryOptions are the options of aws_lambda_heavy_runtime_low_memory.
type HeavyRuntimeLowMemoryOptions struct {
	// MinMemoryMB is the memory size below which a Java or .NET function is reported.
	MinMemoryMB int `hcl:"min_memory_mb,optional"`
}

// Validate checks min_memory_mb against what Lambda can have.
func (o *HeavyRuntimeLowMemoryOptions) Validate() error {
	return inRange("min_memory_mb", o.MinMemoryMB, platform.LambdaMinMemoryMB, platform.LambdaMaxMemoryMB, " MB")
}

// LambdaHeavyRuntimeLowMemory flags Java and .NET functions given too little memory: Lambda hands
// out CPU in proportion to memory, and these runtimes need CPU to start.
var LambdaHeavyRuntimeLowMemory = &Rule{
	Name:     "aws_lambda_heavy_runtime_low_memory",
	Severity: finding.Warning,
	Category: finding.Memory,
	Summary:  "a Java or .NET function has less memory than its runtime needs to start and run well",
	Doc: Doc{
		Why: "Lambda gives a function CPU in proportion to its memory: 1,769 MB buys one vCPU, so 256 MB buys about " +
			"a seventh of one. Java and .NET start a virtual machine and compile code just in time on every cold start, " +
			"work that practitioners measure in seconds even with ample memory; on a fraction of a vCPU it takes " +
			"several times longer, and the warm invocations run slowly too. The function is often cheaper with more " +
			"memory, because it finishes sooner and Lambda bills memory × time.",
		HowToFix: "- Raise `memory_size` to 512 MB or more, and measure (AWS Lambda Power Tuning finds the cheapest " +
			"size).\n" +
			"- For Java 11+ and .NET 8+, enable SnapStart (`snap_start { apply_on = \"PublishedVersions\" }`) with " +
			"`publish = true`, which restores an initialised snapshot instead of starting cold.\n" +
			"- Option `min_memory_mb` (default 512) sets the floor.",
		Sources: []string{
			"https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html (1,769 MB = 1 vCPU; 128 MB only for simple functions)",
			"https://mikhail.io/serverless/coldstarts/aws/ (cold-start measurements by runtime)",
		},
		Example: Example{
			Note: "A Java API handler keeps the 256 MB it was first deployed with.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.orders",
					After: map[string]any{
						"function_name": "orders",
						"memory_size":   256,
						"runtime":       "java21",
						"timeout":       20,
					},
				},
			},
		},
	},
	Options: func() any { return &HeavyRuntimeLowMemoryOptions{MinMemoryMB: platform.LambdaHeavyRuntimeMinMemoryMB} },
	Check:   checkLambdaHeavyRuntimeLowMemory,
}

func checkLambdaHeavyRuntimeLowMemory(pass *Pass) {
	floor := pass.Options.(*HeavyRuntimeLowMemoryOptions).MinMemoryMB
	for _, fn := range pass.Graph.ByType("aws_lambda_function") {
		if fn.Deleted() {
			continue
		}
		rt, ok := serverless.RuntimeOf(pass.Graph, fn)
		if !ok || !platform.IsHeavyRuntime(rt) {
			continue
		}
		memory, ok := functionMemoryMB(fn)
		if !ok || memory >= floor {
			continue
		}
		pass.Report(finding.Finding{
			Address:   fn.Address,
			Attribute: "memory_size",
			Message: fmt.Sprintf("runtime %s with memory_size %d MB is below %d MB: %s starts on %.2f vCPU",
				rt, memory, floor, heavyRuntimeEngine(rt), platform.LambdaVCPU(memory)),
			Remediation: fmt.Sprintf("raise memory_size to %d or more (often no dearer per request, as the function finishes sooner)", floor),
		})
	}
}

// heavyRuntimeEngine names what a heavy runtime starts on a cold start.
func heavyRuntimeEngine(rt string) string {
	if platform.IsJava(rt) {
		return "the JVM"
	}
	return "the .NET runtime"
}
