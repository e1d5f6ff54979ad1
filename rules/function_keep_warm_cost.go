package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// FunctionKeepWarmCost states what the keep-warm pings in the plan cost a month, beside what
// provisioned capacity for as many instances would cost.
var FunctionKeepWarmCost = &Rule{
	Name:     "function_keep_warm_cost",
	Severity: finding.Notice,
	Category: finding.Cost,
	Summary:  "what a keep-warm schedule's pings cost per month",
	Doc: Doc{
		Why: "Keep-warm pings are scheduled invocations that stop idle instances from being reclaimed. Each ping is a " +
			"billed request with a billed duration, times the number of instances it warms (one ping warms one " +
			"instance). The amount is usually small, which is why it is rarely looked at; this rule puts the number " +
			"in review, next to the reliable alternative where the platform has one (provisioned concurrency on " +
			"Lambda, minimum instances on 2nd gen Cloud Functions, always-ready instances on Azure Flex Consumption), " +
			"so the choice is made on numbers.\n\n" +
			"Schedules are found as the keep-warm rules find them: EventBridge rules and Scheduler schedules whose " +
			"payload, name, description or tags say keep-warm (`aws_keep_warm_interval_too_long`), Cloud Scheduler " +
			"jobs that call a Cloud Function and say keep-warm in their name, description or body, and timer-triggered " +
			"functions of an Azure app named for keep-warm. Pings a month come from the schedule expression over a " +
			"year (`internal/schedule`, a 730-hour month); a warm-up payload's `concurrency` (lambda-warmer's " +
			"`{\"warmer\": true, \"concurrency\": 3}`) multiplies them. Each ping is billed at the platform's shortest " +
			"billed duration (1 ms on Lambda, 100 ms on Google Cloud and Azure Consumption), a lower bound: a ping " +
			"that finds the instance cold also pays its initialisation.",
		HowToFix: "- Nothing, if the number is acceptable: this is a notice.\n" +
			"- Ping only the alias or version callers use, no more often than the idle window needs (`aws_keep_warm_interval_too_long`).\n" +
			"- Where cold starts must not happen at all, pings cannot promise it; provisioned concurrency, minimum instances or always-ready instances can, at the price shown.",
		Sources: []string{
			"https://aws.amazon.com/lambda/pricing/",
			"https://cloud.google.com/functions/pricing-1stgen",
			"https://cloud.google.com/run/pricing",
			"https://azure.microsoft.com/en-us/pricing/details/functions/",
			"https://www.npmjs.com/package/lambda-warmer",
			"https://github.com/juanjoDiaz/serverless-plugin-warmup",
		},
		Example: Example{
			Note: "A lambda-warmer schedule pings the checkout function every 5 minutes, three at a time.",
			Plan: []ExampleResource{
				plantest.LambdaFunction("aws_lambda_function.checkout", "nodejs22.x", nil),
				plantest.EventRule("aws_cloudwatch_event_rule.checkout_warmer", "rate(5 minutes)", map[string]any{"name": "checkout-warmer"}),
				plantest.EventTarget("aws_cloudwatch_event_target.checkout_warmer", "aws_cloudwatch_event_rule.checkout_warmer",
					`{"warmer":true,"concurrency":3}`, plantest.Refs("aws_lambda_function.checkout", "arn")...),
			},
		},
	},
	Check: checkFunctionKeepWarmCost,
}

func checkFunctionKeepWarmCost(pass *Pass) {
	in := pass.Settings.Inputs()
	prices := in.PriceList()
	for _, pf := range serverless.PlannedFunctionsWith(pass.Graph, in, serverless.WithKeepWarm) {
		fn := pf.Function
		billedMs, ok := cost.MinimumBilledMillis(fn.Platform)
		if !ok {
			continue
		}
		pr, err := pf.Price(in)
		if err != nil {
			continue
		}
		for _, p := range pf.KeepWarm {
			kw, err := prices.KeepWarmFor(fn, p.PingsPerMonth, p.Concurrency, billedMs)
			if err != nil {
				continue
			}
			times := fmt.Sprintf("%s times a month", cost.FormatCount(p.PingsPerMonth))
			if p.Concurrency > 1 {
				times += fmt.Sprintf(", %d at a time", p.Concurrency)
			}
			msg := fmt.Sprintf("keep-warm schedule %s pings %s (%s) %s: %s a month, each ping billed at the %s ms minimum",
				p.Expression, pf.Instance.Address, pf.Label(), times, cost.FormatUSD(kw.At(0).USD), cost.FormatCount(billedMs))
			if pf.MemoryAssumed {
				msg += " and the whole instance's memory"
			}
			msg += keepWarmAlternative(pf, pr)
			related := []string{pf.Instance.Address}
			if p.Target != nil {
				related = append(related, p.Target.Address)
			}
			pass.Report(finding.Finding{
				Address:     p.Schedule.Address,
				Attribute:   scheduleAttribute(p.Schedule.Type),
				Related:     related,
				Message:     msg,
				Remediation: "keep the pings if the amount is acceptable; ping only what callers invoke, no more often than the idle window needs",
				Cost:        pr.Detail(pf.Instance.Address),
			})
		}
	}
}

// keepWarmAlternative states the function's keep-warm and provisioned options as the cost report
// prices them: at the expected traffic, or their fixed parts without one.
func keepWarmAlternative(pf serverless.PlannedFunction, pr serverless.Pricing) string {
	prov, ok := pr.Row(cost.ProvisionedCapacity)
	if !ok {
		return ""
	}
	name := provisionedName(pf.Function.Platform)
	if !pr.Complete {
		return fmt.Sprintf("; %s for %s would cost %s", name, prov.Basis, cost.FormatUSD(prov.Estimate.USD))
	}
	s := "; with the expected " + pf.TrafficText()
	if kw, ok := pr.Row(cost.KeptWarm); ok {
		s += fmt.Sprintf(", kept warm it costs %s a month and", cost.FormatUSD(kw.Estimate.USD))
	}
	return s + fmt.Sprintf(" with %s %s (%s)", name, cost.FormatUSD(prov.Estimate.USD), prov.Basis)
}

// provisionedName names a platform's ready capacity for messages.
func provisionedName(pl platform.Platform) string {
	switch {
	case pl == platform.AWSLambda:
		return "provisioned concurrency"
	case pl.Cloud() == platform.GCP:
		return "minimum instances"
	}
	return "always-ready capacity"
}

// scheduleAttribute is the attribute that holds a keep-warm schedule's expression.
func scheduleAttribute(typ string) string {
	switch typ {
	case "google_cloud_scheduler_job":
		return "schedule"
	case "azurerm_function_app_function":
		return "config_json"
	}
	return "schedule_expression"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
