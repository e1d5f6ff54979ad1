package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaProvisionedConcurrencyCost states what provisioned concurrency costs a month before it
// serves a request, and names the always-on container that would cost less when there is one.
var LambdaProvisionedConcurrencyCost = &Rule{
	Name:     "aws_lambda_provisioned_concurrency_cost",
	Severity: finding.Notice,
	Category: finding.Cost,
	Summary:  "provisioned concurrency bills a fixed monthly amount, stated here with the container that would cost less",
	Doc: Doc{
		Why: "Provisioned concurrency keeps execution environments initialised all the time, and AWS bills every " +
			"second they are enabled, per GB of memory, whether or not a request arrives; requests served by them are " +
			"billed on top, at a lower duration price. It is the reliable cure for cold starts, and a fixed cost that " +
			"is easy to forget in review: ten 2 GB environments cost more than $200 a month before the first request.\n\n" +
			"The rule states that fixed amount for every `aws_lambda_provisioned_concurrency_config` (and the total at the " +
			"expected traffic when `--usage` or a `hybrid_unit` workload gives one). A fixed amount is also what an always-on " +
			"container costs, so the rule sizes the cheapest Fargate service that holds the same number of concurrent " +
			"requests, each with the function's memory and CPU, and names it when it costs less.",
		HowToFix: "- Provision only the alias that synchronous callers use, and size it to the measured peak rather than a guess.\n" +
			"- For Java, Python and .NET, SnapStart cuts cold starts without a fixed charge.\n" +
			"- When the traffic is steady enough to keep the environments busy anyway, the container half of a hybrid " +
			"unit does the same work for less.",
		Sources: []string{
			"https://aws.amazon.com/lambda/pricing/",
			"https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html",
			"https://aws.amazon.com/fargate/pricing/",
		},
		Example: Example{
			Note: "Twenty 2 GB environments are provisioned on the `live` alias of a quote service whose hybrid unit expects " +
				"100 million requests a month of 400 ms.",
			Plan: []ExampleResource{
				plantest.LambdaFunction("aws_lambda_function.quotes", "java21", map[string]any{"memory_size": 2048, "publish": true}),
				plantest.LambdaAlias("aws_lambda_alias.live", "aws_lambda_function.quotes"),
				{
					Address: "aws_lambda_provisioned_concurrency_config.quotes",
					After: map[string]any{
						"function_name":                     "quotes",
						"provisioned_concurrent_executions": 20,
						"qualifier":                         "live",
						"skip_destroy":                      false,
					},
					Refs: map[string][]string{
						"function_name": {"aws_lambda_function.quotes.function_name", "aws_lambda_function.quotes"},
						"qualifier":     {"aws_lambda_alias.live.name", "aws_lambda_alias.live"},
					},
				},
				{
					Address: "hybrid_unit.quotes",
					After: map[string]any{
						"name":     "unit",
						"workload": map[string]any{"avg_duration_ms": 400, "requests_per_month": 100000000},
					},
					Unknown: []string{"function"},
					Refs: map[string][]string{
						"function": {"aws_lambda_function.quotes.arn", "aws_lambda_function.quotes"},
					},
				},
			},
		},
	},
	Check: checkLambdaProvisionedConcurrencyCost,
}

func checkLambdaProvisionedConcurrencyCost(pass *Pass) {
	in := pass.Settings.Inputs()
	for _, pf := range serverless.PlannedFunctionsWith(pass.Graph, in, serverless.WithProvisioned) {
		if pf.Function.Platform != platform.AWSLambda {
			continue
		}
		pr, err := pf.Price(in)
		if err != nil {
			continue
		}
		for _, pc := range pf.Provisioned {
			reportProvisionedCost(pass, in.PriceList(), pf, pr, pc)
		}
	}
}

// reportProvisionedCost states one configuration's fixed amount, then the function's provisioned
// option as planned (and sized to the peak when that differs) and the container, as the cost
// report prices them.
func reportProvisionedCost(pass *Pass, prices cost.Prices, pf serverless.PlannedFunction, pr serverless.Pricing, pc serverless.ProvisionedCapacity) {
	fn := pf.Function
	prov, err := prices.ProvisionedFor(fn, pc.Instances, pf.Workload().AvgDurationMs)
	planned, ok := pr.Row(cost.ProvisionedCapacity)
	if err != nil || !ok {
		return
	}
	msg := fmt.Sprintf("provisioned concurrency of %d x %s (%s) on %s of %s costs %s a month before it serves a request",
		pc.Instances, cost.FormatMemory(fn.MemoryMB), fn.Arch, pc.Qualifier, pf.Instance.Address, cost.FormatUSD(prov.At(0).USD))
	if len(pf.Provisioned) > 1 {
		msg += fmt.Sprintf(" (%s across the function's %d configurations)", planned.Basis, len(pf.Provisioned))
	}
	compared := planned
	if pr.Complete {
		msg += fmt.Sprintf(", %s with the expected %s", cost.FormatUSD(planned.Estimate.USD), pf.TrafficText())
		if planned.Basis != fmt.Sprintf("%d instance%s", pc.Instances, plural(pc.Instances)) {
			msg += " (" + planned.Basis + ")"
		}
		for _, r := range pr.Rows {
			if r.SizedToPeak {
				msg += fmt.Sprintf("; sized to the expected peak, %s would cost %s", fmt.Sprintf("%d instance%s", r.Instances, plural(r.Instances)), cost.FormatUSD(r.Estimate.USD))
				if r.Estimate.USD < compared.Estimate.USD {
					compared = r
				}
			}
		}
	}
	if box, ok := pr.Row(cost.AlwaysOnContainer); ok && box.Estimate.USD < compared.Estimate.USD {
		msg += fmt.Sprintf("; %s always on would cost %s, %.0f%% less", box.Container, cost.FormatUSD(box.Estimate.USD),
			cost.Saving(compared.Estimate.USD, box.Estimate.USD))
	}
	related := append([]string{pf.Instance.Address}, pc.Related...)
	if pr.Complete {
		related = append(related, pf.TrafficUnits(pass.Graph)...)
	}
	pass.Report(finding.Finding{
		Address:   pc.Config.Address,
		Attribute: pc.Attribute,
		Related:   related,
		Message:   msg,
		Remediation: "provision only the alias synchronous callers use, sized to the measured peak; consider SnapStart, " +
			"or the container half of a hybrid unit when the traffic keeps the environments busy",
		Cost: pr.Detail(pf.Instance.Address),
	})
}
