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
