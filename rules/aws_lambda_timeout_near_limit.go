package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// NearLimitOptions are the options of aws_lambda_timeout_near_limit.
type NearLimitOptions struct {
	// ThresholdPercent is the share of the 900 s cap at or above which a timeout is reported.
	ThresholdPercent int `hcl:"threshold_percent,optional"`
}

// Validate checks threshold_percent.
func (o *NearLimitOptions) Validate() error {
	return inRange("threshold_percent", o.ThresholdPercent, 1, 100, " (percent of the cap)")
}

// LambdaTimeoutNearLimit flags functions whose timeout is close to Lambda's 15-minute cap: work
// that grows a little will be cut off, with no higher setting to move to.
var LambdaTimeoutNearLimit = &Rule{
	Name:     "aws_lambda_timeout_near_limit",
	Severity: finding.Notice,
	Category: finding.Timeout,
	Summary:  "function timeout is close to Lambda's 900 s maximum",
	Doc: Doc{
		Why: "Lambda stops any invocation at 900 s (15 minutes), and no setting raises that cap for ordinary " +
			"invocations. A function configured near the cap is one that already runs long: when its input grows, " +
			"it will be killed mid-work, and retries will repeat the same fate.",
		HowToFix: "- Split the work into steps (Step Functions, or a queue of smaller jobs).\n" +
			"- Move long runs to the container half of a hybrid unit (Fargate, Cloud Run, Container Apps), " +
			"keeping the function for the short requests.\n" +
			"- Option `threshold_percent` (default 80) sets how close is close.",
		Sources: []string{"https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html"},
		Example: Example{
			Note: "A nightly export is configured for 14 minutes.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.export",
					After: map[string]any{
						"function_name": "export",
						"memory_size":   2048,
						"runtime":       "python3.12",
						"timeout":       840,
					},
				},
			},
		},
	},
	Options: func() any { return &NearLimitOptions{ThresholdPercent: 80} },
	Check:   checkLambdaTimeoutNearLimit,
}

func checkLambdaTimeoutNearLimit(pass *Pass) {
	opts := pass.Options.(*NearLimitOptions)
	threshold := platform.LambdaMaxTimeoutSeconds * opts.ThresholdPercent / 100
	timeouts := serverless.TimeoutsOf(pass.Graph)
	for _, fn := range pass.Graph.ByType("aws_lambda_function") {
		timeout, ok := timeouts.Of(fn)
		if !ok || fn.Deleted() || timeout < threshold {
			continue
		}
		pass.Report(finding.Finding{
			Address:   fn.Address,
			Attribute: "timeout",
			Message: fmt.Sprintf("timeout %s is %d%% of the %s Lambda maximum: longer work will be cut off",
				serverless.Seconds(timeout), timeout*100/platform.LambdaMaxTimeoutSeconds, serverless.Seconds(platform.LambdaMaxTimeoutSeconds)),
			Remediation: "split the work into smaller steps (Step Functions or a queue), or move long runs to a container",
		})
	}
}
