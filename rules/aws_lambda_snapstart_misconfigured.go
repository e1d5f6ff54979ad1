package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaSnapStartMisconfigured flags SnapStart settings that fail at apply time or never take
// effect.
var LambdaSnapStartMisconfigured = &Rule{
	Name:     "aws_lambda_snapstart_misconfigured",
	Severity: finding.Error,
	Category: finding.ColdStart,
	Summary:  "snap_start is set where Lambda rejects SnapStart, or where it never takes effect",
	Doc: Doc{
		Why: "SnapStart initialises a function once, when a version is published, and restores new execution " +
			"environments from that snapshot. It works only on " + platform.SnapStartSupportedRuntimesText + ", and " +
			"AWS does not support it together with provisioned concurrency, an Amazon EFS file system, ephemeral " +
			"storage above 512 MB or a container image: the plan looks fine and the apply fails, or the version is " +
			"published without a snapshot.\n\n" +
			"SnapStart also applies only to published versions and the aliases that point at them, never to " +
			"`$LATEST`. A function with `snap_start` but `publish = false` never publishes a version from Terraform, " +
			"so the setting does nothing and every cold start stays slow (reported as a warning).",
		HowToFix: "- On an unsupported runtime, move to one SnapStart supports (`java21`, `python3.13`, `dotnet8`), " +
			"or remove `snap_start` and use provisioned concurrency.\n" +
			"- With provisioned concurrency, keep one of the two: SnapStart is free for Java and brings cold starts " +
			"under a second; provisioned concurrency removes them, at a price for every hour it is on.\n" +
			"- Remove `file_system_config`, bring `ephemeral_storage` back to 512 MB, or package the function as a " +
			".zip instead of an image.\n" +
			"- Set `publish = true` and invoke the function through an alias (`aws_lambda_alias`) so callers reach " +
			"the published, snapshotted version.",
		Sources: []string{
			"https://docs.aws.amazon.com/lambda/latestRef/dg/snapstart.html",
			platform.SourceLambdaSnapStart,
		},
		Example: Example{
			Note: "SnapStart is switched on for a Java function with 2 GB of /tmp, and versions are never published.",
			Plan: []ExampleResource{
				plantest.LambdaFunction("aws_lambda_function.pricing", "java21", map[string]any{
					"snap_start":        []any{map[string]any{"apply_on": "PublishedVersions", "optimization_status": "On"}},
					"ephemeral_storage": []any{map[string]any{"size": 2048}},
				}),
			},
		},
	},
	Check: checkLambdaSnapStartMisconfigured,
}

func checkLambdaSnapStartMisconfigured(pass *Pass) {
	g := pass.Graph
	pcs := serverless.ProvisionedConfigs(g)
	for _, fn := range g.ByType("aws_lambda_function") {
		if fn.Deleted() || serverless.SnapStartOf(g, fn) != serverless.Yes {
			continue
		}
		rt, rtKnown := serverless.RuntimeOf(g, fn)
		image := false
		if pt, ok := fn.Get("package_type").String(); ok && pt == "Image" {
			image = true
		}
		if rtKnown && rt != "" && !image && !platform.SnapStartSupportsRuntime(rt) {
			pass.Report(finding.Finding{
				Address: fn.Address, Attribute: "runtime",
				Message: fmt.Sprintf("snap_start is set on runtime %s, which SnapStart does not support (%s)",
					rt, platform.SnapStartSupportedRuntimesText),
				Remediation: "move to a runtime SnapStart supports (java21, python3.13, dotnet8) or remove snap_start",
			})
		}
		for _, c := range serverless.SnapStartConflicts(g, fn, pcs) {
			f := finding.Finding{
				Address: fn.Address, Attribute: c.Attribute,
				Message:     fmt.Sprintf("snap_start is set with %s, which SnapStart does not support", c.What),
				Remediation: conflictRemedy(c),
			}
			if c.By != nil {
				f.Related = []string{c.By.Address}
			}
			pass.Report(f)
		}
		if publish, ok := fn.Get("publish").Bool(); ok && !publish {
			pass.Report(finding.Finding{
				Address: fn.Address, Attribute: "publish", Severity: finding.Warning,
				Message:     "snap_start is set but publish = false: no version is published, so no snapshot is ever taken",
				Remediation: "set publish = true and invoke the function through an alias",
			})
		}
	}
}

func conflictRemedy(c serverless.SnapStartConflict) string {
	if c.Attribute == "snap_start" {
		return c.Undo
	}
	return c.Undo + ", or remove snap_start and use provisioned concurrency"
}
