package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaProvisionedConcurrencyUnpublished flags provisioned concurrency that Lambda will refuse:
// on $LATEST, or on a function that never publishes a version.
var LambdaProvisionedConcurrencyUnpublished = &Rule{
	Name:     "aws_lambda_provisioned_concurrency_unpublished",
	Severity: finding.Error,
	Category: finding.ColdStart,
	Summary:  "provisioned concurrency targets $LATEST or a function that never publishes a version",
	Doc: Doc{
		Why: "Provisioned concurrency is allocated to a published version or to an alias that points at one, " +
			"never to `$LATEST`. The Terraform provider accepts any `qualifier`, so the plan succeeds, and the " +
			"apply fails with `InvalidParameterValueException: Provisioned Concurrency Configs cannot be applied to " +
			"unpublished function versions`. The same happens when the function has `publish = false` and the " +
			"qualifier is the function's `version` (then `$LATEST`) or an alias to it.\n\n" +
			"Even where someone publishes versions outside Terraform, a configuration that depends on it breaks on " +
			"the next fresh environment.",
		HowToFix: "- Set `publish = true` on the function, create an `aws_lambda_alias` with " +
			"`function_version = aws_lambda_function.x.version`, and use the alias name as the `qualifier`.\n" +
			"- Point callers (API Gateway, function URLs, event sources) at that alias: provisioned concurrency only " +
			"serves invocations of the version or alias it is configured on.",
		Sources: []string{
			"https://docs.aws.amazon.com/lambda/latestRef/dg/provisioned-concurrency.html",
			"https://docs.aws.amazon.com/lambda/latestRef/api/API_PutProvisionedConcurrencyConfig.html",
			"https://github.com/hashicorp/terraform-provider-aws/issues/12120 (the apply-time error)",
		},
		Example: Example{
			Note: "Provisioned concurrency on an alias of a function left at `publish = false`: the alias points at $LATEST.",
			Plan: []ExampleResource{
				plantest.LambdaFunction("aws_lambda_function.search", "python3.12", nil),
				plantest.LambdaAlias("aws_lambda_alias.live", "aws_lambda_function.search"),
				plantest.ProvisionedConcurrency("aws_lambda_provisioned_concurrency_config.search",
					"aws_lambda_function.search", "aws_lambda_alias.live"),
			},
		},
	},
	Check: checkLambdaProvisionedConcurrencyUnpublished,
}

func checkLambdaProvisionedConcurrencyUnpublished(pass *Pass) {
	g := pass.Graph
	for _, pc := range serverless.ProvisionedConfigs(g) {
		q := pc.Qualifier
		switch {
		case q.Version == "$LATEST" && q.AliasInstance == nil && q.Alias == "":
			msg := fmt.Sprintf("provisioned concurrency on $LATEST of %s: Lambda accepts only a published version or an alias",
				pc.Function.Address)
			if publish, ok := pc.Function.Get("publish").Bool(); ok && !publish && q.Current {
				msg = fmt.Sprintf("provisioned concurrency on the version of %s, which is $LATEST because publish = false: "+
					"Lambda accepts only a published version or an alias", pc.Function.Address)
			}
			reportUnpublished(pass, pc, msg)
		case q.AliasInstance != nil && q.Version == "$LATEST":
			reportUnpublished(pass, pc, fmt.Sprintf("provisioned concurrency on alias %s, which points at $LATEST of %s%s: "+
				"Lambda accepts only a published version", q.AliasInstance.Address, pc.Function.Address, unpublishedNote(pc.Function)))
		}
	}
}

func unpublishedNote(fn *graph.Instance) string {
	if publish, ok := fn.Get("publish").Bool(); ok && !publish {
		return " (publish = false)"
	}
	return ""
}

func reportUnpublished(pass *Pass, pc serverless.ProvisionedConfig, msg string) {
	related := []string{pc.Function.Address}
	if pc.Qualifier.AliasInstance != nil {
		related = append(related, pc.Qualifier.AliasInstance.Address)
	}
	pass.Report(finding.Finding{
		Address:     pc.Config.Address,
		Attribute:   "qualifier",
		Related:     related,
		Message:     msg,
		Remediation: "set publish = true on the function and point qualifier at an alias of its published version",
	})
}
