package report

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

func TestTextInColour(t *testing.T) {
	f := finding.Finding{Rule: "r", Severity: finding.Error, Address: "aws_lambda_function.a", Message: "m",
		ResourceLocation: loc("main.tf", 3, 1, 3, 30)}
	r := New(Tool{Name: "hybridlint"}, []finding.Finding{f}, nil)
	r.Errors = []string{"rule x: boom"}
	assert.Equal(t, "\x1b[1maws_lambda_function.a\x1b[0m\x1b[2m  (main.tf:3)\x1b[0m\n"+
		"  \x1b[31;1merror  \x1b[0m m \x1b[2m[r]\x1b[0m\n"+
		"\n"+
		"\x1b[31;1mrule error:\x1b[0m rule x: boom\n"+
		"1 finding: 1 error, 0 warnings, 0 notices\n", render(t, "text", r, Options{Color: true}))
}

func TestTextGroupsByFileAndAddress(t *testing.T) {
	fs := []finding.Finding{
		{Rule: "r", Severity: finding.Warning, Address: "aws_lambda_function.a", File: "b.json", Message: "in b"},
		{Rule: "r", Severity: finding.Notice, Address: "aws_lambda_function.a", File: "a.json", Message: "in a"},
		{Rule: "r", Severity: finding.Warning, Address: "aws_lambda_function.a", File: "b.json", Message: "in b again"},
	}
	assert.Equal(t, "a.json: aws_lambda_function.a\n  notice  in a [r]\n\n"+
		"b.json: aws_lambda_function.a\n  warning in b [r]\n  warning in b again [r]\n\n"+
		"3 findings: 0 errors, 2 warnings, 1 notice\n", render(t, "text", New(Tool{}, fs, nil), Options{}))
}

func TestSummaryLine(t *testing.T) {
	tests := []struct {
		name   string
		counts finding.Counts
		want   string
	}{
		{"nothing", finding.Counts{}, "no findings"},
		{"only suppressed", finding.Counts{Suppressed: 2}, "no active findings (2 suppressed)"},
		{"only baselined", finding.Counts{Baselined: 1}, "no active findings (1 baselined)"},
		{"one of each", finding.Counts{Error: 1, Warning: 1, Notice: 1}, "3 findings: 1 error, 1 warning, 1 notice"},
		{"plurals", finding.Counts{Error: 2, Warning: 0, Notice: 3, Baselined: 2, Suppressed: 1}, "5 findings: 2 errors, 0 warnings, 3 notices (2 baselined, 1 suppressed)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, summaryLine(Report{Summary: tt.counts}), tt.name)
	}
}

func TestGitHubRuleErrors(t *testing.T) {
	r := New(Tool{Name: "hybridlint"}, nil, nil)
	r.Errors = []string{"rule x: 100% broken\nsecond line"}
	assert.Equal(t, "::error title=hybridlint rule error::rule x: 100%25 broken%0Asecond line\nhybridlint: no findings\n",
		render(t, "github", r, Options{}))
}

func TestCheckstyleWithoutAnyInputName(t *testing.T) {
	f := finding.Finding{Rule: "r", Severity: finding.Error, Address: "aws_lambda_function.a", Message: "m"}
	out := render(t, "checkstyle", New(Tool{}, []finding.Finding{f}, nil), Options{})
	assert.Contains(t, out, `<file name="">`)
	f.File = "other.json"
	r := New(Tool{}, []finding.Finding{f}, nil)
	r.Inputs = []string{"plan.json"}
	assert.Contains(t, render(t, "checkstyle", r, Options{}), `<file name="other.json">`, "the finding's own file comes first")
}
