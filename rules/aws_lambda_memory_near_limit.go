package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// MemoryNearLimitOptions are the options of aws_lambda_memory_near_limit.
type MemoryNearLimitOptions struct {
	// ThresholdMB is the memory size at or above which a function is reported.
	ThresholdMB int `hcl:"threshold_mb,optional"`
}

// Validate checks threshold_mb against what Lambda can have.
func (o *MemoryNearLimitOptions) Validate() error {
	return inRange("threshold_mb", o.ThresholdMB, platform.LambdaMinMemoryMB, platform.LambdaMaxMemoryMB, " MB")
}

// LambdaMemoryNearLimit flags functions whose memory is close to Lambda's 10,240 MB cap: a working
// set that grows a little has no larger function to move to.
var LambdaMemoryNearLimit = &Rule{
	Name:     "aws_lambda_memory_near_limit",
	Severity: finding.Notice,
	Category: finding.Memory,
	Summary:  "function memory is close to Lambda's 10,240 MB maximum",
	Doc: Doc{
		Why: "A Lambda function can have at most 10,240 MB of memory (and, with it, about 6 vCPU); no setting or " +
			"quota raises that. A function configured near the cap is one whose working set is already large: a " +
			"bigger model, a larger file or a busier day pushes it over, and the invocation dies with an out-of-memory " +
			"error that no configuration change can fix. At this size the function is also among the most expensive " +
			"per second, which is when an always-on container starts to pay for itself.",
		HowToFix: "- Make this the container half of a hybrid unit: run the memory-heavy work on Fargate (up to 120 GB) " +
			"or another container platform, and keep the function for the light requests.\n" +
			"- Or shrink the working set: stream the input instead of loading it whole, split the job into parts.\n" +
			"- Option `threshold_mb` (default 8192) sets how close is close.",
		Sources: []string{
			"https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (memory 128 MB to 10,240 MB)",
			"https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html (CPU in proportion to memory)",
			"https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html (Fargate task sizes up to 120 GB)",
		},
		Example: Example{
			Note: "A function that loads a language model is sized at 10 GB.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.embed",
					After: map[string]any{
						"function_name": "embed",
						"memory_size":   10240,
						"runtime":       "python3.12",
						"timeout":       300,
					},
				},
			},
		},
	},
	Options: func() any { return &MemoryNearLimitOptions{ThresholdMB: platform.LambdaMemoryNearLimitMB} },
	Check:   checkLambdaMemoryNearLimit,
}

func checkLambdaMemoryNearLimit(pass *Pass) {
	threshold := pass.Options.(*MemoryNearLimitOptions).ThresholdMB
	for _, fn := range pass.Graph.ByType("aws_lambda_function") {
		if fn.Deleted() {
			continue
		}
		memory, ok := fn.Get("memory_size").Int()
		if !ok || memory < threshold {
			continue
		}
		pass.Report(finding.Finding{
			Address:   fn.Address,
			Attribute: "memory_size",
			Message: fmt.Sprintf("memory_size %d MB is %d%% of the %d MB Lambda maximum: a larger working set has nowhere to grow",
				memory, memory*100/platform.LambdaMaxMemoryMB, platform.LambdaMaxMemoryMB),
			Remediation: fmt.Sprintf("move the memory-heavy work to the container half of a hybrid unit (Fargate allows up to %d GB), keeping the function for light requests",
				fargateMaxMemoryGB()),
		})
	}
}

// fargateMaxMemoryGB is the largest Fargate task memory, in GB.
func fargateMaxMemoryGB() int {
	units := platform.FargateCPUUnits()
	opts := platform.FargateMemoryOptionsMiB(units[len(units)-1])
	return opts[len(opts)-1] / 1024
}
