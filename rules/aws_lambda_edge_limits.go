package rules

import (
	"fmt"
	"sort"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaEdgeLimits flags functions that CloudFront runs at the edge with settings Lambda@Edge does
// not allow: CloudFront refuses the association, so the apply fails after the plan succeeded.
var LambdaEdgeLimits = &Rule{
	Name:     "aws_lambda_edge_limits",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "function used by Lambda@Edge has a timeout, memory size, VPC, layers or environment variables that Lambda@Edge does not allow",
	Doc: Doc{
		Why: "Lambda@Edge runs a function's replicas in CloudFront's Regions, with stricter limits than Lambda itself. " +
			"Functions on viewer-request and viewer-response events may run at most 5 s with at most 128 MB of memory; " +
			"on origin-request and origin-response events at most 30 s, with Lambda's usual memory. An edge function " +
			"may not be attached to a VPC, use layers or set environment variables. CloudFront checks this when the " +
			"distribution is created or updated, so the plan succeeds and the apply fails; a function that passes the " +
			"check is still cut off at the edge limit, however long its own timeout.\n\n" +
			"The rule follows each `lambda_function_association` of the default and ordered cache behaviors to the " +
			"function it runs, through qualified ARNs, aliases, modules and for_each. An association whose `lambda_arn` " +
			"is known only after apply is paired through the plan's configuration, which keeps each block's `event_type` " +
			"literal next to the function its `lambda_arn` references (the planned associations are a set, in an order of " +
			"their own). Where the configuration cannot pair a block (an `event_type` computed from a variable or " +
			"`each.value`, a `lambda_arn` that chooses between functions), the viewer limits are applied only when every " +
			"unknown association of the behavior is a viewer one. Blocks written with `dynamic` are left out of a plan's " +
			"configuration: their associations are checked only when the plan knows their ARNs, and a `dynamic` " +
			"`ordered_cache_behavior` keeps the configuration from being used for the behaviors written beside it.",
		HowToFix: "- Viewer triggers: keep them to header and URL rewrites within 5 s and 128 MB; move heavier work to an " +
			"origin-request trigger (30 s) or to the origin itself.\n" +
			"- Origin triggers: keep them under 30 s; work that takes longer belongs behind the origin (an ALB, an API, " +
			"or the container half of a hybrid unit).\n" +
			"- Remove `vpc_config`, `layers` and `environment` from the function: bundle the layers' code and the " +
			"settings into the deployment package, and reach private resources through the origin.",
		Sources: []string{
			"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge",
			"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html",
			"awsdocs/amazon-cloudfront-developer-guide doc_source/cloudfront-limits.md @ 1674b70 (Lambda@Edge quotas)",
		},
		Example: Example{
			Note: "A viewer-request function that resizes images was given the memory and time an origin function may have.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.resize",
					After: map[string]any{
						"function_name": "resize",
						"memory_size":   1024,
						"publish":       true,
						"qualified_arn": "arn:aws:lambda:us-east-1:123456789012:function:resize:4",
						"runtime":       "nodejs22.x",
						"timeout":       10,
						"version":       "4",
					},
				},
				{
					Address: "aws_cloudfront_distribution.assets",
					After: map[string]any{
						"default_cache_behavior": []any{map[string]any{
							"lambda_function_association": []any{map[string]any{
								"event_type":   "viewer-request",
								"include_body": false,
								"lambda_arn":   "arn:aws:lambda:us-east-1:123456789012:function:resize:4",
							}},
							"target_origin_id":       "assets",
							"viewer_protocol_policy": "redirect-to-https",
						}},
						"enabled": true,
					},
					Refs: map[string][]string{
						"default_cache_behavior.0.lambda_function_association.0.lambda_arn": {"aws_lambda_function.resize.qualified_arn", "aws_lambda_function.resize"},
					},
				},
			},
		},
	},
	Check: checkLambdaEdgeLimits,
}

func checkLambdaEdgeLimits(pass *Pass) {
	byFunction := map[*graph.Instance][]serverless.CallerLimit{}
	var order []*graph.Instance
	for _, c := range serverless.Callers(pass.Graph, pass.Settings.Inputs(), serverless.EdgeCallers) {
		if _, seen := byFunction[c.Function]; !seen {
			order = append(order, c.Function)
		}
		byFunction[c.Function] = append(byFunction[c.Function], c)
	}
	for _, fn := range order {
		cs := byFunction[fn]
		sort.SliceStable(cs, func(i, j int) bool { return edgeTrigger(cs[i]).Where() < edgeTrigger(cs[j]).Where() })
		checkEdgeFunction(pass, fn, cs)
	}
}

func edgeTrigger(c serverless.CallerLimit) serverless.EdgeTrigger {
	t, _ := c.Detail.(serverless.EdgeTrigger)
	return t
}

func checkEdgeFunction(pass *Pass, fn *graph.Instance, cs []serverless.CallerLimit) {
	var related []string
	ts := make([]serverless.EdgeTrigger, len(cs))
	for i, c := range cs {
		ts[i] = edgeTrigger(c)
		related = append(related, c.Caller.Address, c.Via)
	}
	report := func(attribute, message, remediation string) {
		pass.Report(finding.Finding{Address: fn.Address, Attribute: attribute, Related: related,
			Message: message, Remediation: remediation})
	}
	viewer := firstEdgeTrigger(ts, serverless.EdgeViewer)
	checkEdgeTimeout(fn, cs, report)
	if viewer != nil {
		if memory, ok := functionMemoryMB(fn); ok && memory > platform.LambdaEdgeViewerMaxMemoryMB {
			report("memory_size", fmt.Sprintf("memory_size %d MB exceeds the %d MB Lambda@Edge limit for %s triggers of %s",
				memory, platform.LambdaEdgeViewerMaxMemoryMB, viewer.EventText(), viewer.Where()),
				fmt.Sprintf("lower memory_size to %d, or move the function to an origin trigger", platform.LambdaEdgeViewerMaxMemoryMB))
		}
	}
	where := ts[0].Where()
	if subnets, ok := fn.Get("vpc_config", 0, "subnet_ids").List(); ok && len(subnets) > 0 {
		report("vpc_config", fmt.Sprintf("vpc_config attaches the function to %d subnet(s), which Lambda@Edge does not allow (%s)",
			len(subnets), where),
			"remove vpc_config and reach private resources through the origin")
	}
	if layers, ok := fn.Get("layers").List(); ok && len(layers) > 0 {
		report("layers", fmt.Sprintf("the function uses %d layer(s), which Lambda@Edge does not allow (%s)", len(layers), where),
			"bundle the layers' code into the deployment package and remove layers")
	}
	if vars, ok := fn.Get("environment", 0, "variables").Map(); ok && len(vars) > 0 {
		report("environment", fmt.Sprintf("the function sets %d environment variable(s), which Lambda@Edge does not allow (%s)",
			len(vars), where),
			"remove environment and build the settings into the deployment package")
	}
}

// checkEdgeTimeout reports a timeout above the tightest Lambda@Edge limit of the function's triggers:
// a viewer trigger's, else an origin trigger's (or the first trigger's when the plan does not say).
func checkEdgeTimeout(fn *graph.Instance, cs []serverless.CallerLimit, report func(attribute, message, remediation string)) {
	timeout, ok := serverless.LambdaTimeout(fn)
	if !ok {
		return
	}
	viewer, other := -1, 0
	for i := len(cs) - 1; i >= 0; i-- {
		switch edgeTrigger(cs[i]).Class {
		case serverless.EdgeViewer:
			viewer = i
		case serverless.EdgeOrigin:
			other = i
		}
	}
	originMax := serverless.Seconds(platform.LambdaEdgeOriginMaxTimeoutSeconds)
	switch {
	case viewer >= 0 && timeout*1000 > cs[viewer].LimitMillis:
		t := edgeTrigger(cs[viewer])
		report("timeout", fmt.Sprintf("timeout %s exceeds the %s %s of %s",
			serverless.Seconds(timeout), serverless.MillisAsSeconds(cs[viewer].LimitMillis), cs[viewer].Label, t.Where()),
			fmt.Sprintf("lower timeout to %s or less, or move the work to an origin-request trigger (%s) or to the origin",
				serverless.MillisAsSeconds(cs[viewer].LimitMillis), originMax))
	case timeout*1000 > cs[other].LimitMillis:
		report("timeout", fmt.Sprintf("timeout %s exceeds the %s %s of %s",
			serverless.Seconds(timeout), serverless.MillisAsSeconds(cs[other].LimitMillis), cs[other].Label, edgeTrigger(cs[other]).Where()),
			fmt.Sprintf("lower timeout to %s or less, and move longer work behind the origin", serverless.MillisAsSeconds(cs[other].LimitMillis)))
	}
}

// firstEdgeTrigger returns the first trigger of a class, or nil.
func firstEdgeTrigger(ts []serverless.EdgeTrigger, class serverless.EdgeEventClass) *serverless.EdgeTrigger {
	for i := range ts {
		if ts[i].Class == class {
			return &ts[i]
		}
	}
	return nil
}

// functionMemoryMB returns a function's memory size in MB when the plan knows it; unset means
// Lambda's default.
func functionMemoryMB(fn *graph.Instance) (int, bool) {
	v := fn.Get("memory_size")
	if v.State == plan.Null || v.State == plan.Absent {
		return platform.LambdaDefaultMemoryMB, true
	}
	return v.Int()
}
