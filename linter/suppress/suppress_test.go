package suppress

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/source"
)

// known are the rule names the tests may suppress.
var known = []string{"rule_a", "rule_b", "rule_off", "aws_lambda_timeout_near_limit"}

func TestParseInline(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		want    *Inline
		wantErr string
	}{
		{name: "one rule", comment: "# hybridlint:ignore rule_a -- runs long by design",
			want: &Inline{Rules: []string{"rule_a"}, Acceptance: Acceptance{Reason: "runs long by design"}}},
		{name: "several rules, key, expiry", comment: `// hybridlint:ignore rule_a,rule_b [key="eu"] expires=2026-03-31 -- until the migration`,
			want: &Inline{Rules: []string{"rule_a", "rule_b"}, Key: "eu", HasKey: true,
				Acceptance: Acceptance{Expires: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), Reason: "until the migration"}}},
		{name: "count index", comment: "#hybridlint:ignore all [key=0] -- first one only",
			want: &Inline{Rules: []string{"all"}, Key: "0", HasKey: true, Acceptance: Acceptance{Reason: "first one only"}}},
		{name: "block comment", comment: "/* hybridlint:ignore rule_a -- why */",
			want: &Inline{Rules: []string{"rule_a"}, Acceptance: Acceptance{Reason: "why"}}},
		{name: "escape sequences in the reason", comment: "# hybridlint:ignore rule_a -- \x1b[2J\x1b]0;owned\x07cleared",
			want: &Inline{Rules: []string{"rule_a"}, Acceptance: Acceptance{Reason: "[2J]0;ownedcleared"}}},
		{name: "no reason", comment: "# hybridlint:ignore rule_a", wantErr: "needs a reason"},
		{name: "empty reason", comment: "# hybridlint:ignore rule_a --   ", wantErr: "needs a reason"},
		{name: "no rule", comment: "# hybridlint:ignore -- why", wantErr: "needs a rule name"},
		{name: "unknown rule", comment: "# hybridlint:ignore nope -- why", wantErr: `no rule named "nope"`},
		{name: "misspelt rule", comment: "# hybridlint:ignore aws_lambda_timeout_near_limt -- why",
			wantErr: `no rule named "aws_lambda_timeout_near_limt": did you mean "aws_lambda_timeout_near_limit"?`},
		{name: "bad date", comment: "# hybridlint:ignore rule_a expires=31/03/2026 -- why", wantErr: "not a date"},
		{name: "bad filter", comment: "# hybridlint:ignore rule_a [region=eu] -- why", wantErr: "instance filter"},
		{name: "stray word", comment: "# hybridlint:ignore rule_a please -- why", wantErr: `unexpected "please"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, ok := commentBody(tt.comment)
			require.True(t, ok)
			got, err := parseInline(body, known)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCommentBodyIgnoresOtherComments(t *testing.T) {
	for _, c := range []string{"# just a comment", "# hybridlint:ignored rule_a -- x", "# tflint-ignore: rule"} {
		_, ok := commentBody(c)
		assert.False(t, ok, c)
	}
}

func TestScanTargets(t *testing.T) {
	src := `resource "aws_lambda_function" "a" {
  # hybridlint:ignore rule_a -- line before the attribute
  timeout = 900
  memory_size = 128 # hybridlint:ignore rule_b -- at the end of the line
}

# hybridlint:ignore rule_a -- stacked with another comment
# (the team agreed in the design review)
resource "aws_lambda_function" "b" {}

# hybridlint:ignore rule_a -- a blank line separates it from the block

resource "aws_lambda_function" "c" {}
# hybridlint:ignore rule_a
`
	in, notes := scanFile("main.tf", []byte(src), known)
	require.Len(t, in, 4)
	assert.Equal(t, 3, in[0].Target)
	assert.Equal(t, 4, in[1].Target)
	assert.Equal(t, 9, in[2].Target)
	assert.Equal(t, 0, in[3].Target, "a blank line in between: applies to nothing")
	require.Len(t, notes, 1)
	assert.Equal(t, 14, notes[0].Location.Line)
	assert.Contains(t, notes[0].Message, "needs a reason")
	assert.Contains(t, notes[0].Message, "not applied")
}

func fnd(rule, addr string) finding.Finding {
	return finding.Finding{Rule: rule, Address: addr, Attribute: "timeout", Severity: finding.Warning}
}

func TestApply(t *testing.T) {
	today := time.Date(2026, 5, 1, 15, 0, 0, 0, time.UTC)
	anchorsEU := []source.Anchor{{File: "main.tf", Line: 10, Key: "eu", HasKey: true}, {File: "modules/fn/main.tf", Line: 12}}
	anchorsUS := []source.Anchor{{File: "main.tf", Line: 10, Key: "us", HasKey: true}, {File: "modules/fn/main.tf", Line: 12}}
	pattern, err := CompilePattern("module.batch.*")
	require.NoError(t, err)

	inline := func(rules string, file string, target int, key string, expires string) *Inline {
		s := &Inline{Rules: strings.Split(rules, ","), Acceptance: Acceptance{Reason: "why"}, Comment: finding.Location{File: file, Line: target - 1}, Target: target}
		if key != "" {
			s.Key, s.HasKey = key, true
		}
		if expires != "" {
			s.Expires, _ = time.Parse(DateLayout, expires)
		}
		return s
	}
	tests := []struct {
		name       string
		inline     []*Inline
		ignores    []*Ignore
		suppressed []bool // per finding: eu, us, batch
		notes      []string
	}{
		{name: "on the module block, every instance", inline: []*Inline{inline("rule_a", "main.tf", 10, "", "")},
			suppressed: []bool{true, true, false}},
		{name: "instance filter", inline: []*Inline{inline("rule_a", "main.tf", 10, "eu", "")},
			suppressed: []bool{true, false, false}},
		{name: "inside the module, every instance", inline: []*Inline{inline("rule_a", "modules/fn/main.tf", 12, "", "")},
			suppressed: []bool{true, true, false}},
		{name: "other rule", inline: []*Inline{inline("rule_b", "main.tf", 10, "", "")},
			suppressed: []bool{false, false, false}, notes: []string{"suppression of rule_b matches no finding"}},
		{name: "all rules", inline: []*Inline{inline("all", "main.tf", 10, "us", "")},
			suppressed: []bool{false, true, false}},
		{name: "still valid on its last day", inline: []*Inline{inline("rule_a", "main.tf", 10, "", "2026-05-01")},
			suppressed: []bool{true, true, false}},
		{name: "expired", inline: []*Inline{inline("rule_a", "main.tf", 10, "", "2026-04-30")},
			suppressed: []bool{false, false, false}, notes: []string{"expired on 2026-04-30; its findings are reported again"}},
		{name: "expired and unused", inline: []*Inline{inline("rule_a", "other.tf", 3, "", "2026-04-30")},
			suppressed: []bool{false, false, false}, notes: []string{"expired on 2026-04-30 and matches no finding"}},
		{name: "unused", inline: []*Inline{inline("rule_a", "other.tf", 3, "", "")},
			suppressed: []bool{false, false, false}, notes: []string{"matches no finding; remove it"}},
		{name: "rule that did not run is not reported", inline: []*Inline{inline("rule_off", "other.tf", 3, "", "")},
			suppressed: []bool{false, false, false}},
		{name: "ignore block by address pattern", ignores: []*Ignore{{Rule: "rule_a", Address: pattern, Acceptance: Acceptance{Reason: "batch"}}},
			suppressed: []bool{false, false, true}},
		{name: "ignore block for every rule", ignores: []*Ignore{{Rule: "*", Acceptance: Acceptance{Reason: "all"}}},
			suppressed: []bool{true, true, true}},
		{name: "expired ignore block", ignores: []*Ignore{{Rule: "rule_a", Address: pattern, Acceptance: Acceptance{Reason: "batch", Expires: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}},
			suppressed: []bool{false, false, false}, notes: []string{"ignore block for rule_a at module.batch.* expired on 2026-01-01; its findings are reported again"}},
		{name: "unused ignore block", ignores: []*Ignore{{Rule: "rule_b", Acceptance: Acceptance{Reason: "x"}}},
			suppressed: []bool{false, false, false}, notes: []string{"ignore block for rule_b matches no finding"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := []finding.Finding{
				fnd("rule_a", `module.worker["eu"].aws_lambda_function.this`),
				fnd("rule_a", `module.worker["us"].aws_lambda_function.this`),
				fnd("rule_a", `module.batch.aws_lambda_function.this`),
			}
			notes := Apply(Input{Findings: fs, Anchors: [][]source.Anchor{anchorsEU, anchorsUS, nil},
				Inline: tt.inline, Ignores: tt.ignores, Today: today,
				RuleRan: func(r string) bool { return r != "rule_off" }})
			for i, want := range tt.suppressed {
				assert.Equal(t, want, fs[i].Suppressed != nil, "finding %d", i)
				assert.Equal(t, want, !fs[i].Active(), "finding %d", i)
			}
			require.Len(t, notes, len(tt.notes))
			for i, n := range tt.notes {
				assert.Contains(t, notes[i].Message, n)
			}
		})
	}
}

func TestApplyRecordsWhy(t *testing.T) {
	fs := []finding.Finding{fnd("rule_a", "aws_lambda_function.a")}
	s := &Inline{Rules: []string{"rule_a"}, Comment: finding.Location{File: "main.tf", Line: 2}, Target: 3,
		Acceptance: Acceptance{Reason: "by design", Expires: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}}
	Apply(Input{Findings: fs, Anchors: [][]source.Anchor{{{File: "main.tf", Line: 3}}}, Inline: []*Inline{s}, Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	require.NotNil(t, fs[0].Suppressed)
	assert.Equal(t, finding.Suppression{Kind: "inline", Reason: "by design", Expires: "2027-01-01",
		Location: &finding.Location{File: "main.tf", Line: 2}}, *fs[0].Suppressed)
}

func TestPattern(t *testing.T) {
	tests := []struct {
		pattern string
		match   []string
		noMatch []string
	}{
		{pattern: "module.workers.aws_lambda_function.this",
			match:   []string{"module.workers.aws_lambda_function.this", `module.workers["eu"].aws_lambda_function.this`, `module.workers[0].aws_lambda_function.this[2]`},
			noMatch: []string{"module.workers.aws_lambda_function.that", "module.other.module.workers.aws_lambda_function.this"}},
		{pattern: `module.workers["eu"].*`,
			match:   []string{`module.workers["eu"].aws_lambda_function.this`, `module.workers["eu"].module.x.aws_sqs_queue.q[1]`},
			noMatch: []string{`module.workers["us"].aws_lambda_function.this`}},
		{pattern: "*.aws_lambda_function.batch",
			match:   []string{"module.a.aws_lambda_function.batch", `module.a["x"].module.b.aws_lambda_function.batch["k"]`},
			noMatch: []string{"aws_lambda_function.batch"}},
		{pattern: "aws_lambda_function.*",
			match:   []string{"aws_lambda_function.a", `aws_lambda_function.a["k"]`},
			noMatch: []string{"module.m.aws_lambda_function.a"}},
		{pattern: "module.w[*].aws_lambda_function.f",
			match:   []string{`module.w["a"].aws_lambda_function.f`, `module.w["a"].aws_lambda_function.f[0]`},
			noMatch: []string{"module.w.aws_lambda_function.f"}},
		{pattern: "*", match: []string{"aws_lambda_function.a", "module.x.data.y.z"}},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			p, err := CompilePattern(tt.pattern)
			require.NoError(t, err)
			for _, a := range tt.match {
				assert.True(t, p.Match(a), "%s should match %s", tt.pattern, a)
			}
			for _, a := range tt.noMatch {
				assert.False(t, p.Match(a), "%s should not match %s", tt.pattern, a)
			}
		})
	}
	for _, bad := range []string{"", "  ", `module.a["x"`} {
		_, err := CompilePattern(bad)
		assert.Error(t, err, bad)
	}
}

// Notes come out in file order, whatever order the suppressions were declared in, so a run's
// output is stable.
func TestApplyNotesAreSorted(t *testing.T) {
	unused := func(file string, line int) *Inline {
		return &Inline{Rules: []string{"rule_a"}, Acceptance: Acceptance{Reason: "why"}, Comment: finding.Location{File: file, Line: line}, Target: line + 1}
	}
	notes := Apply(Input{
		Inline:  []*Inline{unused("z.tf", 3), unused("a.tf", 9), unused("a.tf", 2)},
		Ignores: []*Ignore{{Rule: "rule_a", Acceptance: Acceptance{Reason: "x"}}},
		Today:   time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
	})
	var got []string
	for _, n := range notes {
		got = append(got, n.String())
	}
	assert.Equal(t, []string{
		"a.tf:2: suppression of rule_a matches no finding; remove it",
		"a.tf:9: suppression of rule_a matches no finding; remove it",
		"ignore block for rule_a matches no finding; remove it",
		"z.tf:3: suppression of rule_a matches no finding; remove it",
	}, got)
}
