package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// ContainerCheaperOptions are the options of function_container_cheaper.
type ContainerCheaperOptions struct {
	// MarginPercent is how much cheaper the container must be, in percent of what the function
	// costs, before the rule speaks: moving work to a container costs effort of its own.
	MarginPercent int `hcl:"margin_percent,optional"`
}

// Validate checks margin_percent.
func (o *ContainerCheaperOptions) Validate() error {
	return inRange("margin_percent", o.MarginPercent, 0, 100, " percent")
}

// FunctionContainerCheaper flags functions whose expected traffic would cost clearly less on an
// always-on container: the point where serverless stops paying.
var FunctionContainerCheaper = &Rule{
	Name:     "function_container_cheaper",
	Severity: finding.Warning,
	Category: finding.Cost,
	Summary:  "expected traffic makes an always-on container clearly cheaper than the function",
	Doc: Doc{
		Why: "A function bills every request and every millisecond of it; an always-on container bills the hours it " +
			"runs, busy or idle. At low traffic the function wins by far. As traffic grows and stays steady, the " +
			"function's bill grows with it while the container's stays put, and past the break-even point the same " +
			"work costs less on the container half of a hybrid unit: Fargate next to Lambda, Cloud Run with " +
			"instance-based billing next to Cloud Functions, Container Apps next to Azure Functions.\n\n" +
			"The rule needs the expected traffic, which a plan does not carry: give it with `--usage FILE` " +
			"(`requests_per_month`, `avg_duration_ms`, `peak_concurrency`; infracost's `monthly_requests` and " +
			"`request_duration_ms` work too) or declare it as the `workload` of a `hybrid_unit` whose `function.target` " +
			"is the function. It prices the function as the plan runs it (on demand, kept warm by pings, or with " +
			"provisioned concurrency or always-ready instances) and the cheapest always-on container that holds the " +
			"peak concurrency (or the average, rounded up, without a peak), giving each concurrent request the " +
			"function's full memory and CPU, so the container is if anything oversized. An Azure Consumption app is " +
			"left out unless the usage file gives its observed `memory_mb`, which is what Consumption bills. Prices are list prices " +
			"without free tiers, from `internal/platform` with their sources; `prices` in `.hybridlint.hcl` overrides them.",
		HowToFix: "- Move the steady traffic to an always-on container (the `container` of a `hybrid_unit`) and keep the " +
			"function for bursts and the work that fits it.\n" +
			"- Check the expected traffic: a usage file copied from another service overstates it easily.\n" +
			"- Option `margin_percent` (default 30) sets how much cheaper the container must be.",
		Sources: []string{
			"https://aws.amazon.com/lambda/pricing/",
			"https://aws.amazon.com/fargate/pricing/",
			"https://cloud.google.com/run/pricing",
			"https://azure.microsoft.com/en-us/pricing/details/functions/",
			"https://www.infracost.io/docs/features/usage_based_resources/",
		},
		Example: Example{
			Note: "An image-resizing function's hybrid unit declares 50 million requests a month of 120 ms: steady enough for one Fargate task.",
			Plan: []ExampleResource{
				plantest.LambdaFunction("aws_lambda_function.resize", "python3.12",
					map[string]any{"memory_size": 512, "architectures": []any{"x86_64"}}),
				{
					Address: "hybrid_unit.resize",
					After: map[string]any{
						"name":     "unit",
						"workload": map[string]any{"avg_duration_ms": 120, "requests_per_month": 50000000},
					},
					Unknown: []string{"function"},
					Refs: map[string][]string{
						"function": {"aws_lambda_function.resize.arn", "aws_lambda_function.resize"},
					},
				},
			},
		},
	},
	Options: func() any { return &ContainerCheaperOptions{MarginPercent: 30} },
	Check:   checkFunctionContainerCheaper,
}

func checkFunctionContainerCheaper(pass *Pass) {
	margin := float64(pass.Options.(*ContainerCheaperOptions).MarginPercent)
	in := pass.Settings.Inputs()
	for _, pf := range serverless.PlannedFunctionsWith(pass.Graph, in, serverless.WithTraffic) {
		if !pf.HasTraffic || !pf.Traffic.Complete() || pf.MemoryAssumed {
			continue
		}
		pr, err := pf.Price(in)
		if err != nil {
			continue
		}
		kind := pf.CurrentKind()
		now, okNow := pr.Row(kind)
		box, okBox := pr.Row(cost.AlwaysOnContainer)
		if !okNow || !okBox {
			continue
		}
		saving := cost.Saving(now.Estimate.USD, box.Estimate.USD)
		if saving < margin {
			continue
		}
		breakEven := ""
		if r, ok := pr.Comparison.BreakEven(kind, cost.AlwaysOnContainer); ok && r < pf.Traffic.RequestsPerMonth {
			breakEven = fmt.Sprintf("; break-even at %s requests a month", cost.FormatRequests(r))
		}
		related := append(pf.WarmRelated(), pf.TrafficUnits(pass.Graph)...)
		pass.Report(finding.Finding{
			Address: pf.Instance.Address,
			Related: related,
			Message: fmt.Sprintf("expected %s cost %s a month %s (%s), but %s on %s always on: %.0f%% less, above the %.0f%% margin%s",
				pf.TrafficText(), cost.FormatUSD(now.Estimate.USD), kind, sizedLabel(pf, now), cost.FormatUSD(box.Estimate.USD),
				box.Container, saving, margin, breakEven),
			Remediation: fmt.Sprintf("run the steady traffic on an always-on %s (the container half of a hybrid unit) and keep the function for bursts, or correct the expected traffic in %s",
				box.Container.Platform, pf.Traffic.Source()),
			Cost: pr.Detail(pf.Instance.Address),
		})
	}
}

// sizedLabel describes the function and, for capacity the plan keeps warm, how the option is sized:
// "aws_lambda, 2 GB, x86_64, 4 instances; 104M requests a month above their capacity billed on demand".
func sizedLabel(pf serverless.PlannedFunction, r cost.Row) string {
	if r.Kind == cost.OnDemand {
		return pf.Label()
	}
	return pf.Label() + ", " + r.Basis
}
