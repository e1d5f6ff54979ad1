package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

type exampleOptions struct {
	Threshold int `hcl:"threshold,optional"`
}

func TestDocumentation(t *testing.T) {
	example := rules.Example{Note: "One function.", Plan: []rules.ExampleResource{
		{Address: "aws_lambda_function.a", After: map[string]any{"function_name": "a", "timeout": 900}}}}
	reporting := &rules.Rule{Name: "aws_reporting", Severity: finding.Notice, Category: finding.Timeout, Summary: "reports",
		Doc:     rules.Doc{Why: "why", HowToFix: "fix", Sources: []string{"src"}, Example: example},
		Options: func() any { return &exampleOptions{Threshold: 80} },
		Check: func(p *rules.Pass) {
			for _, fn := range p.Graph.ByType("aws_lambda_function") {
				p.Report(finding.Finding{Address: fn.Address, Message: "found"})
			}
		}}
	panicking := &rules.Rule{Name: "aws_panicking", Doc: rules.Doc{Example: example}, Check: func(*rules.Pass) { panic("boom") }}

	docs, err := Documentation([]*rules.Rule{reporting})
	require.NoError(t, err)
	require.Len(t, docs, 1)
	d := docs[0]
	assert.Equal(t, "aws_reporting", d.Name)
	assert.Equal(t, "why", d.Why)
	assert.Equal(t, []string{"src"}, d.Sources)
	assert.Equal(t, "One function.", d.Example.Note)
	assert.Contains(t, string(d.Example.Plan), `"aws_lambda_function.a"`)
	require.Len(t, d.Example.Findings, 1)
	assert.Equal(t, "aws_reporting", d.Example.Findings[0].Rule)
	assert.Equal(t, "80", d.Options[0].Default)
	assert.Empty(t, d.Example.Disabled, "no other rule reports on the example")

	_, err = Documentation([]*rules.Rule{panicking})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "documenting rule aws_panicking")
	assert.Contains(t, err.Error(), "boom")

	// The page's command runs every rule: one that fails on another rule's example would make it exit 3.
	_, err = Documentation([]*rules.Rule{reporting, panicking})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "documenting rule aws_reporting: running every rule on its example plan")
	assert.Contains(t, err.Error(), "rule aws_panicking failed on aws_reporting example: boom")
}

func TestDocumentationNamesTheOtherRulesItsExampleTrips(t *testing.T) {
	example := rules.Example{Plan: []rules.ExampleResource{
		{Address: "aws_lambda_function.a", After: map[string]any{"function_name": "a", "timeout": 900}}}}
	reportingOn := func(name string, ex rules.Example) *rules.Rule {
		return &rules.Rule{Name: name, Severity: finding.Warning, Doc: rules.Doc{Example: ex}, Check: func(p *rules.Pass) {
			for _, fn := range p.Graph.ByType("aws_lambda_function") {
				p.Report(finding.Finding{Address: fn.Address, Message: "found"})
			}
		}}
	}
	silent := &rules.Rule{Name: "aws_silent", Doc: rules.Doc{Example: example}, Check: func(*rules.Pass) {}}
	all := []*rules.Rule{reportingOn("aws_c", example), reportingOn("aws_a", example), silent}

	d, err := RuleDocumentation(all[0], all)
	require.NoError(t, err)
	assert.Equal(t, []string{"aws_a"}, d.Example.Disabled, "the other rules that report, sorted; not the silent one nor itself")
	require.Len(t, d.Example.Findings, 1)
	assert.Equal(t, "aws_c", d.Example.Findings[0].Rule, "the page shows the rule's own findings")
}
