package rules_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// TestReportRelatedAndChanged: Report lists the related resources sorted, each once, without
// blanks or the primary address (an empty list, not none, when nothing is left), and marks a
// finding changed when the primary or any related resource changes.
func TestReportRelatedAndChanged(t *testing.T) {
	noop := func(addr string) plantest.Resource {
		return plantest.Resource{Address: addr, Actions: []string{"no-op"}, After: map[string]any{}}
	}
	b := plantest.New().Add(noop("aws_x.a"), noop("aws_x.b"), noop("aws_x.c"),
		plantest.Resource{Address: "aws_x.new", After: map[string]any{}})
	tests := []struct {
		name        string
		address     string
		related     []string
		wantRelated []string
		wantChanged bool
	}{
		{name: "none", address: "aws_x.a", related: nil, wantRelated: []string{}},
		{name: "only the primary and blanks", address: "aws_x.a", related: []string{"", "aws_x.a"}, wantRelated: []string{}},
		{name: "sorted, each once", address: "aws_x.a", related: []string{"aws_x.c", "aws_x.b", "", "aws_x.c", "aws_x.a", "aws_x.b"},
			wantRelated: []string{"aws_x.b", "aws_x.c"}},
		{name: "primary changes", address: "aws_x.new", related: []string{"aws_x.b"}, wantRelated: []string{"aws_x.b"}, wantChanged: true},
		{name: "a related resource changes", address: "aws_x.a", related: []string{"aws_x.c", "aws_x.new"},
			wantRelated: []string{"aws_x.c", "aws_x.new"}, wantChanged: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &rules.Rule{Name: "aws_test", Severity: finding.Warning, Check: func(p *rules.Pass) {
				p.Report(finding.Finding{Address: tt.address, Related: tt.related})
			}}
			got := run(t, r, b)
			if assert.Len(t, got, 1) {
				assert.NotNil(t, got[0].Related)
				assert.Equal(t, tt.wantRelated, got[0].Related)
				assert.Equal(t, tt.wantChanged, got[0].Changed)
			}
		})
	}
}

// TestReportKeepsEveryFinding: a rule that reports thousands of findings gets every one back,
// in the order reported (the engine's sort is stable, and they tie).
func TestReportKeepsEveryFinding(t *testing.T) {
	r := &rules.Rule{Name: "aws_test", Severity: finding.Warning, Check: func(p *rules.Pass) {
		for i := range 3000 {
			p.Report(finding.Finding{Address: "aws_x.a", Message: "m", Attribute: strconv.Itoa(i)})
		}
	}}
	got := run(t, r, plantest.New().Add(plantest.Resource{Address: "aws_x.a", After: map[string]any{}}))
	if assert.Len(t, got, 3000) {
		for i, f := range got {
			assert.Equal(t, strconv.Itoa(i), f.Attribute)
		}
	}
}
