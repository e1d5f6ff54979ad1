package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// KeepWarmRedundant flags keep-warm pings for a version that provisioned concurrency already keeps
// initialised: the team pays for both.
var KeepWarmRedundant = &Rule{
	Name:     "aws_keep_warm_redundant",
	Severity: finding.Warning,
	Category: finding.KeepWarm,
	Summary:  "keep-warm schedule pings a function that provisioned concurrency already keeps warm",
	Doc: Doc{
		Why: "Provisioned concurrency keeps the configured number of execution environments initialised for a " +
			"version or alias, all the time, and bills for it by the hour. A keep-warm ping to the same version or " +
			"alias lands on one of those environments: it warms nothing that was cold, and adds an invocation, its " +
			"duration and the schedule to the bill. Usually the pings predate the provisioned concurrency and were " +
			"never removed.\n\n" +
			"The rule matches the version or alias the ping invokes with the `qualifier` of each " +
			"`aws_lambda_provisioned_concurrency_config`, through aliases and modules. Pings to another qualifier " +
			"(say `$LATEST` while the concurrency sits on `live`) are not reported here: they warm a different " +
			"version.",
		HowToFix: "- Delete the keep-warm rule or schedule (and its target and permission).\n" +
			"- If the pings are there to warm more environments than provisioned, raise " +
			"`provisioned_concurrent_executions` instead.",
		Sources: []string{
			"https://docs.aws.amazon.com/lambda/latestRef/dg/provisioned-concurrency.html",
			"https://aws.amazon.com/lambda/pricing/",
		},
		Example: Example{
			Note: "A warmer still pings the `live` alias after provisioned concurrency was added to it.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.quotes",
					After: map[string]any{
						"ephemeral_storage":  []any{map[string]any{"size": 512}},
						"file_system_config": []any{},
						"function_name":      "quotes",
						"handler":            "app.handler",
						"memory_size":        1024,
						"package_type":       "Zip",
						"publish":            true,
						"runtime":            "java21",
						"snap_start":         []any{},
						"timeout":            10,
					},
					Unknown:  []string{"arn", "invoke_arn", "qualified_arn", "qualified_invoke_arn", "version", "source_code_size"},
					Defaults: []string{"package_type", "ephemeral_storage", "snap_start", "file_system_config"},
				},
				{
					Address: "aws_lambda_alias.live",
					After:   map[string]any{"function_name": "quotes", "name": "live"},
					Unknown: []string{"function_version", "arn", "invoke_arn"},
					Refs: map[string][]string{
						"function_name":    {"aws_lambda_function.quotes.function_name", "aws_lambda_function.quotes"},
						"function_version": {"aws_lambda_function.quotes.version", "aws_lambda_function.quotes"},
					},
				},
				{
					Address: "aws_lambda_provisioned_concurrency_config.quotes",
					After: map[string]any{
						"function_name":                     "quotes",
						"provisioned_concurrent_executions": 2,
						"qualifier":                         "live",
						"skip_destroy":                      false,
					},
					Refs: map[string][]string{
						"function_name": {"aws_lambda_function.quotes.function_name", "aws_lambda_function.quotes"},
						"qualifier":     {"aws_lambda_alias.live.name", "aws_lambda_alias.live"},
					},
				},
				{
					Address: "aws_cloudwatch_event_rule.quotes_warmer",
					After: map[string]any{
						"description":         nil,
						"event_bus_name":      "default",
						"name":                "quotes-warmer",
						"schedule_expression": "rate(5 minutes)",
						"state":               "ENABLED",
						"tags":                nil,
					},
					Unknown: []string{"arn", "id"},
				},
				{
					Address: "aws_cloudwatch_event_target.quotes_warmer",
					After:   map[string]any{"input": `{"warmer":true,"concurrency":2}`, "target_id": "quotes_warmer"},
					Unknown: []string{"arn", "rule"},
					Refs: map[string][]string{
						"arn":  {"aws_lambda_alias.live.arn", "aws_lambda_alias.live"},
						"rule": {"aws_cloudwatch_event_rule.quotes_warmer.name", "aws_cloudwatch_event_rule.quotes_warmer"},
					},
				},
			},
		},
	},
	Check: checkKeepWarmRedundant,
}

func checkKeepWarmRedundant(pass *Pass) {
	g := pass.Graph
	pcs := provisionedConfigs(g)
	if len(pcs) == 0 {
		return
	}
	for _, p := range schedulePings(g) {
		if !p.warmUp {
			continue
		}
		covered, pc := coveredByProvisioned(pcs, p.function, p.qualifier)
		if covered != triYes {
			continue
		}
		related := []string{p.function.Address, pc.Address}
		if p.target != nil {
			related = append(related, p.target.Address)
		}
		if p.qualifier.aliasInst != nil {
			related = append(related, p.qualifier.aliasInst.Address)
		}
		count := ""
		if n, ok := pc.Get("provisioned_concurrent_executions").Int(); ok {
			count = fmt.Sprintf(" (%d provisioned environments)", n)
			if n == 1 {
				count = " (1 provisioned environment)"
			}
		}
		schedule := p.expression
		if schedule == "" {
			schedule = "(schedule known after apply)"
		}
		pass.Report(finding.Finding{
			Address: p.schedule.Address,
			Related: related,
			Message: fmt.Sprintf("keep-warm schedule %s pings %s of %s, which %s already keeps warm%s: paying twice",
				schedule, p.qualifier.String(), p.function.Address, pc.Address, count),
			Remediation: "delete the keep-warm schedule; raise provisioned_concurrent_executions if more warm environments are needed",
		})
	}
}
