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
	prices := pass.Settings.Inputs().PriceList()
	for _, pf := range serverless.PlannedFunctionsWith(pass.Graph, pass.Settings.Inputs(), serverless.WithProvisioned) {
		if pf.Function.Platform != platform.AWSLambda {
			continue
		}
		for _, pc := range pf.Provisioned {
			reportProvisionedCost(pass, prices, pf, pc)
		}
	}
}

func reportProvisionedCost(pass *Pass, prices cost.Prices, pf serverless.PlannedFunction, pc serverless.ProvisionedCapacity) {
	fn := pf.Function
	w := pf.Workload()
	traffic := pf.HasTraffic && pf.Traffic.Complete()
	prov, err := prices.Provisioned(fn.Platform, fn.MemoryMB, pc.Instances, w.AvgDurationMs, fn.Arch)
	if err != nil {
		return
	}
	fixed := prov.At(0)
	msg := fmt.Sprintf("provisioned concurrency of %d x %s (%s) on %s of %s costs %s a month before it serves a request",
		pc.Instances, cost.FormatMemory(fn.MemoryMB), fn.Arch, pc.Qualifier, pf.Instance.Address, cost.FormatUSD(fixed.USD))
	compared := fixed
	capacity := pc.Instances
	if traffic {
		compared = prov.At(w.RequestsPerMonth)
		capacity = max(capacity, w.ConcurrencyAt(w.RequestsPerMonth))
		msg += fmt.Sprintf(", %s with the expected %s", cost.FormatUSD(compared.USD), pf.TrafficText())
	}
	estimates := []cost.Estimate{compared}
	if box, size, err := prices.ContainerFor(fn, capacity); err == nil {
		if e := box.At(w.RequestsPerMonth); e.USD < compared.USD {
			msg += fmt.Sprintf("; %s always on would cost %s, %.0f%% less", size, cost.FormatUSD(e.USD), cost.Saving(compared.USD, e.USD))
			estimates = append(estimates, e)
		}
	}
	related := append([]string{pf.Instance.Address}, pc.Related...)
	if traffic {
		related = append(related, pf.TrafficUnits(pass.Graph)...)
	}
	pass.Report(finding.Finding{
		Address:   pc.Config.Address,
		Attribute: pc.Attribute,
		Related:   related,
		Message:   msg + " (" + cost.PriceDate(estimates...) + ")",
		Remediation: "provision only the alias synchronous callers use, sized to the measured peak; consider SnapStart, " +
			"or the container half of a hybrid unit when the traffic keeps the environments busy",
	})
}
