package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
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
				plantest.LambdaFunction("aws_lambda_function.quotes", "java21", map[string]any{"publish": true}),
				plantest.LambdaAlias("aws_lambda_alias.live", "aws_lambda_function.quotes"),
				plantest.ProvisionedConcurrency("aws_lambda_provisioned_concurrency_config.quotes",
					"aws_lambda_function.quotes", "aws_lambda_alias.live"),
				plantest.EventRule("aws_cloudwatch_event_rule.quotes_warmer", "rate(5 minutes)", map[string]any{"name": "quotes-warmer"}),
				plantest.EventTarget("aws_cloudwatch_event_target.quotes_warmer", "aws_cloudwatch_event_rule.quotes_warmer",
					`{"warmer":true,"concurrency":2}`, plantest.Refs("aws_lambda_alias.live", "arn")...),
			},
		},
	},
	Check: checkKeepWarmRedundant,
}

func checkKeepWarmRedundant(pass *Pass) {
	g := pass.Graph
	pcs := serverless.ProvisionedConfigs(g)
	if len(pcs) == 0 {
		return
	}
	for _, p := range serverless.SchedulePings(g) {
		if !p.WarmUp {
			continue
		}
		covered, pc := serverless.CoveredByProvisioned(pcs, p.Function, p.Qualifier)
		if covered != serverless.Yes {
			continue
		}
		related := []string{p.Function.Address, pc.Address}
		if p.Target != nil {
			related = append(related, p.Target.Address)
		}
		if p.Qualifier.AliasInstance != nil {
			related = append(related, p.Qualifier.AliasInstance.Address)
		}
		count := ""
		if n, ok := pc.Get("provisioned_concurrent_executions").Int(); ok {
			count = fmt.Sprintf(" (%d provisioned environments)", n)
			if n == 1 {
				count = " (1 provisioned environment)"
			}
		}
		schedule := p.Expression
		if schedule == "" {
			schedule = "(schedule known after apply)"
		}
		pass.Report(finding.Finding{
			Address: p.Schedule.Address,
			Related: related,
			Message: fmt.Sprintf("keep-warm schedule %s pings %s of %s, which %s already keeps warm%s: paying twice",
				schedule, p.Qualifier.String(), p.Function.Address, pc.Address, count),
			Remediation: "delete the keep-warm schedule; raise provisioned_concurrent_executions if more warm environments are needed",
		})
	}
}
