package ruledoc

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

func sampleRule() Rule {
	plan := plantest.New().Add(
		plantest.Resource{Address: "aws_lambda_function.a", After: map[string]any{"timeout": 900}, Unknown: []string{"arn"}},
		plantest.Resource{Address: "aws_sqs_queue.q", After: map[string]any{"visibility_timeout_seconds": 30}},
		plantest.Resource{Address: "aws_s3_bucket.unrelated", After: map[string]any{"bucket": "b"}},
	).JSON()
	return Rule{
		Name: "aws_example_rule", Severity: finding.Warning, Category: finding.Timeout, Summary: "something is off",
		Why: "because", HowToFix: "- fix it", Sources: []string{"https://example.com/limits"},
		Options: []Option{{Name: "threshold_percent", Default: "80"}},
		Example: Example{Note: "A note.", Plan: plan, Findings: []finding.Finding{{
			Rule: "aws_example_rule", Severity: finding.Warning, Address: "aws_lambda_function.a",
			Related: []string{"aws_sqs_queue.q"}, Message: "timeout 900s is too long",
		}}},
	}
}

func TestPage(t *testing.T) {
	page, err := Page(sampleRule())
	require.NoError(t, err)
	for _, want := range []string{
		"# aws_example_rule\n\nSomething is off.\n",
		"| warning | timeout | yes |",
		"## Example\n\nA note.\n",
		"An excerpt of the plan (`terraform show -json`), the resources involved; the whole plan is " +
			"[`examples/rules/aws_example_rule/plan.json`](../../examples/rules/aws_example_rule/plan.json):\n",
		"Run it from the repository root:\n\n```sh\nhybridlint lint --no-config examples/rules/aws_example_rule/plan.json\n```\n\n" +
			"It prints, and exits with code 1:\n\n```text\naws_lambda_function.a\n",
		"notice: examples/rules/aws_example_rule/plan.json: 1 finding has no file:line because no .tf files were found in the current directory;",
		`"address": "aws_lambda_function.a"`,
		`"address": "aws_sqs_queue.q"`,
		`"after_unknown": {`,
		"timeout 900s is too long [aws_example_rule]",
		"## Why\n\nbecause\n\n## How to fix\n\n- fix it\n",
		"rule \"aws_example_rule\" {\n  enabled           = true\n  severity          = \"warning\"\n  threshold_percent = 80\n}\n",
		"## Sources\n\n- https://example.com/limits\n",
	} {
		assert.Contains(t, page, want)
	}
	assert.NotContains(t, page, "aws_s3_bucket.unrelated", "the excerpt shows only the resources the findings involve")
	assert.NotContains(t, page, "--config", "an example that trips no other rule runs without configuration")
	assert.NotContains(t, page, "turns off the other rules")
}

func TestPageOfAnExampleWithMetricsAndOtherRules(t *testing.T) {
	r := sampleRule()
	r.Example.Metrics = "function,metric,value\naws_lambda_function.a,invocations,10\n"
	r.Example.Disabled = []string{"aws_other_rule"}
	page, err := Page(r)
	require.NoError(t, err)
	for _, want := range []string{
		"What the functions did in production ([`examples/rules/aws_example_rule/metrics.csv`](../../examples/rules/aws_example_rule/metrics.csv), " +
			"the neutral format `--metrics` reads):\n\n```csv\nfunction,metric,value\naws_lambda_function.a,invocations,10\n```\n",
		"[`examples/rules/aws_example_rule/.hybridlint.hcl`](../../examples/rules/aws_example_rule/.hybridlint.hcl) turns off the other rules " +
			"the plan trips (`aws_other_rule`), so that the run shows this rule alone.\n",
		"```sh\nhybridlint lint --config examples/rules/aws_example_rule/.hybridlint.hcl --metrics examples/rules/aws_example_rule/metrics.csv " +
			"examples/rules/aws_example_rule/plan.json\n```\n",
	} {
		assert.Contains(t, page, want)
	}
}

func TestExampleFiles(t *testing.T) {
	plain := sampleRule()
	observed := sampleRule()
	observed.Name = "aws_observed_rule"
	observed.Example.Metrics = "function,metric,value\n"
	observed.Example.Disabled = []string{"aws_a_rule", "aws_b_rule"}
	files := ExampleFiles([]Rule{plain, observed})

	assert.Equal(t, string(plain.Example.Plan), files["examples/rules/aws_example_rule/plan.json"], "the whole plan, format_version and all")
	assert.Contains(t, files["examples/rules/aws_example_rule/plan.json"], `"format_version"`)
	assert.Equal(t, "function,metric,value\n", files["examples/rules/aws_observed_rule/metrics.csv"])
	assert.Equal(t, "# The example plan of aws_observed_rule trips these rules too:\n"+
		"# they are off, so that its run shows aws_observed_rule alone.\n\n"+
		"rule \"aws_a_rule\" {\n  enabled = false\n}\n\nrule \"aws_b_rule\" {\n  enabled = false\n}\n",
		files["examples/rules/aws_observed_rule/.hybridlint.hcl"])
	assert.Contains(t, files["examples/rules/README.md"],
		"| [aws_observed_rule](../../docs/rules/aws_observed_rule.md) | `hybridlint lint --config examples/rules/aws_observed_rule/.hybridlint.hcl "+
			"--metrics examples/rules/aws_observed_rule/metrics.csv examples/rules/aws_observed_rule/plan.json` |\n")
	assert.Len(t, files, 5, "no metrics or configuration file where the example needs none")
}

func TestExampleExitCode(t *testing.T) {
	tests := []struct {
		name     string
		severity finding.Severity
		want     int
	}{
		{"an error fails the run", finding.Error, 1},
		{"a warning fails the run (--fail-on's default)", finding.Warning, 1},
		{"a notice alone does not", finding.Notice, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sampleRule()
			r.Example.Findings[0].Severity = tt.severity
			assert.Equal(t, tt.want, ExampleExitCode(r))
		})
	}
}

func TestPageErrors(t *testing.T) {
	silent := sampleRule()
	silent.Example.Findings = nil
	broken := sampleRule()
	broken.Example.Plan = []byte("{not json")
	tests := []struct {
		name string
		rule Rule
		want string
	}{
		{"an example without findings", silent, "rule aws_example_rule: its example plan makes no finding"},
		{"an example plan that is not JSON", broken, "rule aws_example_rule: reading its example plan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Page(tt.rule)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			_, err = Pages([]Rule{tt.rule})
			require.Error(t, err, "Pages fails with the page")
		})
	}
}

func TestIndex(t *testing.T) {
	assert.Contains(t, Index([]Rule{sampleRule()}),
		"| Rule | Severity | Category | Summary |\n|---|---|---|---|\n| [aws_example_rule](aws_example_rule.md) | warning | timeout | something is off |\n")
}

func TestIndexListsTheCallersWithoutARule(t *testing.T) {
	index := Index([]Rule{sampleRule()})
	require.Contains(t, index, "## Callers no timing rule checks")
	for _, c := range platform.AWSCallersWithoutLimit() {
		assert.Contains(t, index, "| "+c.Caller+" | "+c.Why+" | ", "every caller researched without a limit is listed, with why")
		require.NotEmpty(t, c.Sources, "%s: a line without a source is a guess", c.Caller)
	}
}
