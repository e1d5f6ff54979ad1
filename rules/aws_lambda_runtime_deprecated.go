package rules

import (
	"fmt"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaRuntimeDeprecated flags functions on a runtime AWS no longer supports: a warning once
// patches stop, an error once the plan itself will fail (creating after block-create, any change
// after block-update).
var LambdaRuntimeDeprecated = &Rule{
	Name:     "aws_lambda_runtime_deprecated",
	Severity: finding.Warning,
	Category: finding.Runtime,
	Summary:  "function uses a Lambda runtime past its end of support, or one AWS blocks",
	Doc: Doc{
		Why: "AWS deprecates a managed runtime when its language or operating system stops receiving security " +
			"updates. From the end-of-support date the runtime gets no more patches and functions on it lose " +
			"technical support; from the block-create date no new function can use it; from the block-update date " +
			"no existing function on it can be updated, so the next code or configuration change fails mid-deploy. " +
			"Invocations keep working, which is why a deprecated runtime goes unnoticed until an urgent fix cannot " +
			"be deployed.\n\n" +
			"The rule reports a warning after end of support, and an error when the plan cannot apply: a function " +
			"created (or replaced) after the block-create date, or any function still on the runtime after the " +
			"block-update date. The dates come from AWS's runtime table (generated from lambda-runtimes.html) " +
			"embedded in hybridlint; \"now\" is the time of the run.",
		HowToFix: "- Move the function to the runtime's successor (`python3.9` to `python3.13`, `nodejs18.x` to " +
			"`nodejs22.x`, `java8.al2` to `java21`, `go1.x` or `provided.al2` to `provided.al2023`) and test it before " +
			"the block-update date.\n" +
			"- Use versions and aliases so a bad upgrade can be rolled back: once updates are blocked you cannot go back " +
			"to the deprecated runtime.\n" +
			"- A function that is no longer needed can simply be deleted.",
		Sources: []string{
			"https://docs.aws.amazon.com/lambda/latestRef/dg/lambda-runtimes.html",
			"https://docs.aws.amazon.com/lambda/latestRef/dg/runtime-support-policy.html",
			platform.SourceLambdaRuntimes,
		},
		Example: Example{
			Note: "On 2026-11-25: a function still on python3.8 gets an update, and an untouched one runs nodejs12.x.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.reports",
					Actions: []string{"update"},
					After: map[string]any{
						"function_name": "reports",
						"memory_size":   512,
						"runtime":       "python3.8",
						"timeout":       60,
					},
				},
				{
					Address: "aws_lambda_function.legacy",
					Actions: []string{"no-op"},
					After: map[string]any{
						"function_name": "legacy",
						"memory_size":   128,
						"runtime":       "nodejs12.x",
						"timeout":       3,
					},
				},
			},
		},
	},
	Check: checkLambdaRuntimeDeprecated,
}

func checkLambdaRuntimeDeprecated(pass *Pass) {
	now := pass.Settings.Now
	if now.IsZero() {
		return // no clock to compare with: say nothing rather than guess
	}
	for _, fn := range pass.Graph.ByType("aws_lambda_function") {
		if fn.Deleted() {
			continue
		}
		rt, ok := serverless.RuntimeOf(pass.Graph, fn)
		if !ok {
			continue
		}
		dates, ok := platform.LambdaRuntime(rt)
		if !ok || !dates.Deprecated(now) && !dates.CreateBlocked(now) && !dates.UpdateBlocked(now) {
			continue
		}
		creates := fn.Actions().Create() || fn.Actions().Replace()
		f := finding.Finding{Address: fn.Address, Attribute: "runtime"}
		switch {
		case dates.UpdateBlocked(now):
			f.Severity = finding.Error
			f.Message = fmt.Sprintf("runtime %s has been blocked for updates since %s: AWS rejects any change to this function",
				rt, dateText(dates.BlockUpdate))
			if creates {
				f.Message = fmt.Sprintf("runtime %s has been blocked since %s (creates) and %s (updates): AWS rejects this function",
					rt, dateText(dates.BlockCreate), dateText(dates.BlockUpdate))
			}
		case creates && dates.CreateBlocked(now):
			f.Severity = finding.Error
			f.Message = fmt.Sprintf("runtime %s has been blocked for new functions since %s: creating this function fails",
				rt, dateText(dates.BlockCreate))
		default:
			f.Message = fmt.Sprintf("runtime %s reached end of support on %s and gets no security patches", rt, dateText(dates.EndOfSupport))
			if next := nextBlock(dates, creates); next != "" {
				f.Message += "; " + next
			}
		}
		f.Remediation = fmt.Sprintf("move to a supported %s runtime and test it before AWS blocks updates", runtimeFamilyName(rt))
		switch {
		case f.Severity == finding.Error && creates:
			f.Remediation = fmt.Sprintf("create the function with a supported %s runtime", runtimeFamilyName(rt))
		case f.Severity == finding.Error:
			f.Remediation = fmt.Sprintf("move to a supported %s runtime in this change: AWS still accepts an update that changes the runtime",
				runtimeFamilyName(rt))
		}
		pass.Report(f)
	}
}

// nextBlock says when the plan's kind of change will start failing, when AWS has said.
func nextBlock(d platform.RuntimeDates, creates bool) string {
	switch {
	case creates && !d.BlockCreate.IsZero():
		return "creating functions with it fails from " + dateText(d.BlockCreate)
	case !d.BlockUpdate.IsZero():
		return "updates fail from " + dateText(d.BlockUpdate)
	}
	return ""
}

func dateText(t time.Time) string { return t.Format("2006-01-02") }

// family names a runtime's language for a remediation: "Python", "Node.js".
func runtimeFamilyName(rt string) string {
	switch platform.ParseRuntime(rt).Family {
	case platform.RuntimePython:
		return "Python"
	case platform.RuntimeNode:
		return "Node.js"
	case platform.RuntimeJava:
		return "Java"
	case platform.RuntimeDotnet:
		return ".NET"
	case platform.RuntimeRuby:
		return "Ruby"
	case platform.RuntimeGo, platform.RuntimeProvided:
		return "OS-only (provided.al2023)"
	}
	return "managed"
}
