package engine_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/config"
	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// TestRunGathersEveryRulesFindings: Run keeps every finding of the rules that ran, in the order
// each reported them among equals (the sort is stable), with the configured severity; a rule
// that is off reports nothing, and a rule that fails is an error whose findings so far are left
// out.
func TestRunGathersEveryRulesFindings(t *testing.T) {
	g := plantest.New().Add(plantest.Resource{Address: "aws_x.a", After: map[string]any{}}).Graph(t)
	reporting := func(name string, n int) *rules.Rule {
		return &rules.Rule{Name: name, Severity: finding.Notice, Check: func(p *rules.Pass) {
			for i := range n {
				p.Report(finding.Finding{Address: "aws_x.a", Message: "m", Attribute: strconv.Itoa(i)})
			}
		}}
	}
	failing := &rules.Rule{Name: "aws_failing", Severity: finding.Error, Check: func(p *rules.Pass) {
		p.Report(finding.Finding{Address: "aws_x.a", Message: "m"})
		panic("boom")
	}}
	off := false
	cfg := engine.Config{Rules: map[string]config.RuleConfig{
		"aws_many": {Severity: finding.Warning},
		"aws_off":  {Enabled: &off},
	}}
	res := engine.Run(g, []*rules.Rule{reporting("aws_many", 3000), failing, reporting("aws_off", 5), reporting("aws_few", 2)}, cfg)

	require.Len(t, res.Errors, 1)
	assert.Contains(t, res.Errors[0], "rule aws_failing failed")
	require.Len(t, res.Findings, 3002)
	for i, f := range res.Findings[:3000] {
		assert.Equal(t, "aws_many", f.Rule)
		assert.Equal(t, finding.Warning, f.Severity, "the configured severity")
		assert.Equal(t, strconv.Itoa(i), f.Attribute, "in the order reported")
	}
	for i, f := range res.Findings[3000:] {
		assert.Equal(t, "aws_few", f.Rule)
		assert.Equal(t, finding.Notice, f.Severity, "the rule's own severity")
		assert.Equal(t, strconv.Itoa(i), f.Attribute)
	}
}
