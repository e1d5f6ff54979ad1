// Package suppress decides which findings a team has accepted, and says so when an acceptance has
// run out or no longer matches anything. Two kinds exist:
//
//   - inline comments in .tf files, on the line before (or at the end of) a resource, module call or
//     attribute line:
//
//     # hybridlint:ignore aws_lambda_timeout_near_limit -- nightly batch, runs 14 min by design
//     # hybridlint:ignore rule_a,rule_b [key="eu"] expires=2026-03-31 -- until the EU migration
//
//     They work through modules (a comment on a module block or on a module argument covers the
//     findings inside that module call) and for every instance, or for one instance with a key filter;
//
//   - ignore blocks in .hybridlint.hcl, matching a rule and an address pattern.
//
// Both need a reason; an expired one stops applying and is reported, and one that matches no
// finding is reported as a notice so dead suppressions do not pile up.
package suppress

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/source"
	"github.com/hybridlint/terraform-provider-hybrid/linter/spelling"
)

// Marker starts an inline suppression comment.
const Marker = "hybridlint:ignore"

// DateLayout is how expiry dates are written.
const DateLayout = "2006-01-02"

// Acceptance is what inline suppressions and ignore blocks share: why, until when, and whether
// they matched anything in this run.
type Acceptance struct {
	Reason string
	// Expires is the last day it applies; zero for never.
	Expires time.Time

	matched, matchedExpired bool
}

// Inline is one `# hybridlint:ignore` comment.
type Inline struct {
	Acceptance
	// Rules are the rule names it covers; "all" covers every rule.
	Rules []string
	// Key restricts it to the instances with that key, when HasKey.
	Key    string
	HasKey bool
	// Comment is where the comment is; Target the line it applies to (0: none).
	Comment finding.Location
	Target  int
}

// Ignore is an ignore block of the configuration file.
type Ignore struct {
	Acceptance
	// Rule is a rule name, or "" / "*" for every rule.
	Rule string
	// Address is the pattern (see Pattern); nil matches every address.
	Address *Pattern
	// Location is the block in the configuration file.
	Location *finding.Location
}

// Scan reads the inline suppressions in every file of the sources. Malformed ones are returned as
// notes and are not applied (the findings they meant to hide stay visible). ruleNames are the rules
// a suppression may name; nil accepts any name.
func Scan(cfg *source.Config, ruleNames []string) ([]*Inline, []finding.Note) {
	var out []*Inline
	var notes []finding.Note
	seen := map[string]bool{}
	for _, m := range cfg.SortedModules() {
		for _, f := range m.Files {
			if seen[f.Path] || !strings.HasSuffix(f.Path, ".tf") {
				continue
			}
			seen[f.Path] = true
			in, n := scanFile(f.Path, f.Src, ruleNames)
			out = append(out, in...)
			notes = append(notes, n...)
		}
	}
	return out, notes
}

func scanFile(path string, src []byte, ruleNames []string) ([]*Inline, []finding.Note) {
	if !strings.Contains(string(src), Marker) {
		return nil, nil
	}
	tokens, _ := hclsyntax.LexConfig(src, path, hcl.InitialPos)
	var out []*Inline
	var notes []finding.Note
	for i, tok := range tokens {
		if tok.Type != hclsyntax.TokenComment {
			continue
		}
		body, ok := commentBody(string(tok.Bytes))
		if !ok {
			continue
		}
		loc := finding.Location{File: path, Line: tok.Range.Start.Line, Column: tok.Range.Start.Column,
			EndLine: tok.Range.Start.Line, EndColumn: tok.Range.Start.Column + len(strings.TrimRight(string(tok.Bytes), "\r\n"))}
		s, err := parseInline(body, ruleNames)
		if err != nil {
			notes = append(notes, finding.Note{Location: &loc,
				Message: fmt.Sprintf("%s; the suppression is not applied (write: # %s RULE[,RULE] [key=\"KEY\"] [expires=YYYY-MM-DD] -- REASON)", err, Marker)})
			continue
		}
		s.Comment = loc
		s.Target = targetLine(tokens, i)
		out = append(out, s)
	}
	return out, notes
}

// commentBody strips the comment markers; ok is false when it is not a suppression.
func commentBody(text string) (string, bool) {
	t := strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(t, "#"):
		t = t[1:]
	case strings.HasPrefix(t, "//"):
		t = t[2:]
	case strings.HasPrefix(t, "/*"):
		t = strings.TrimSuffix(t[2:], "*/")
	default:
		return "", false
	}
	t = strings.TrimSpace(t)
	rest, ok := strings.CutPrefix(t, Marker)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != ':') {
		return "", false
	}
	return strings.TrimSpace(strings.TrimPrefix(rest, ":")), true
}

func parseInline(body string, ruleNames []string) (*Inline, error) {
	head, reason, ok := strings.Cut(body, "--")
	reason = strings.TrimSpace(reason)
	if !ok || reason == "" {
		return nil, fmt.Errorf("%s needs a reason after \"--\"", Marker)
	}
	s := &Inline{Acceptance: Acceptance{Reason: finding.Printable(reason)}}
	fields := strings.Fields(head)
	if len(fields) == 0 {
		return nil, fmt.Errorf("%s needs a rule name", Marker)
	}
	for _, r := range strings.Split(fields[0], ",") {
		r = strings.TrimSpace(r)
		if r == "" {
			continue
		}
		if r != "all" && ruleNames != nil && !slices.Contains(ruleNames, r) {
			if s := spelling.Closest(r, ruleNames); s != "" {
				return nil, fmt.Errorf("no rule named %q: did you mean %q? ('hybridlint rules' lists them)", r, s)
			}
			return nil, fmt.Errorf("no rule named %q ('hybridlint rules' lists them)", r)
		}
		s.Rules = append(s.Rules, r)
	}
	if len(s.Rules) == 0 {
		return nil, fmt.Errorf("%s needs a rule name", Marker)
	}
	for _, f := range fields[1:] {
		switch {
		case strings.HasPrefix(f, "[") && strings.HasSuffix(f, "]"):
			k, err := parseKeyFilter(f[1 : len(f)-1])
			if err != nil {
				return nil, err
			}
			s.Key, s.HasKey = k, true
		case strings.HasPrefix(f, "expires="):
			d, err := time.Parse(DateLayout, strings.TrimPrefix(f, "expires="))
			if err != nil {
				return nil, fmt.Errorf("expires=%s is not a date (write expires=YYYY-MM-DD)", strings.TrimPrefix(f, "expires="))
			}
			s.Expires = d
		default:
			return nil, fmt.Errorf("unexpected %q before \"--\"", f)
		}
	}
	return s, nil
}

// parseKeyFilter reads key="eu" or key=0.
func parseKeyFilter(f string) (string, error) {
	name, value, ok := strings.Cut(f, "=")
	if !ok || strings.TrimSpace(name) != "key" {
		return "", fmt.Errorf("instance filter [%s] must be [key=\"KEY\"] or [key=INDEX]", f)
	}
	value = strings.TrimSpace(value)
	if u, err := strconv.Unquote(value); err == nil {
		return u, nil
	}
	if _, err := strconv.Atoi(value); err == nil {
		return value, nil
	}
	return "", fmt.Errorf("instance filter [%s] must be [key=\"KEY\"] or [key=INDEX]", f)
}

// targetLine is the line a comment applies to: its own line when code precedes it there, else
// the next line with code, as long as only comments lie in between (no blank line).
func targetLine(tokens hclsyntax.Tokens, i int) int {
	c := tokens[i]
	if i > 0 {
		prev := tokens[i-1]
		if prev.Type != hclsyntax.TokenNewline && prev.Type != hclsyntax.TokenComment && prev.Range.End.Line == c.Range.Start.Line {
			return c.Range.Start.Line
		}
	}
	lineEnded := strings.HasSuffix(string(c.Bytes), "\n")
	for _, t := range tokens[i+1:] {
		switch t.Type {
		case hclsyntax.TokenComment:
			lineEnded = strings.HasSuffix(string(t.Bytes), "\n")
		case hclsyntax.TokenNewline:
			if lineEnded {
				return 0 // a blank line: the comment stands alone
			}
			lineEnded = true
		case hclsyntax.TokenEOF:
			return 0
		default:
			return t.Range.Start.Line
		}
	}
	return 0
}

func (s *Inline) coversRule(rule string) bool {
	for _, r := range s.Rules {
		if r == rule || r == "all" {
			return true
		}
	}
	return false
}

func (s *Inline) matches(f *finding.Finding, anchors []source.Anchor) bool {
	if s.Target == 0 || !s.coversRule(f.Rule) {
		return false
	}
	for _, a := range anchors {
		if a.File != s.Comment.File || a.Line != s.Target {
			continue
		}
		if !s.HasKey || (a.HasKey && source.KeyString(a.Key) == s.Key) {
			return true
		}
	}
	return false
}

func (ig *Ignore) matches(f *finding.Finding) bool {
	if ig.Rule != "" && ig.Rule != "*" && ig.Rule != f.Rule {
		return false
	}
	return ig.Address == nil || ig.Address.Match(f.Address)
}

// day truncates a time to its calendar date, the unit expiry dates are given in.
func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// expired reports whether a suppression with that last day no longer applies today.
func expired(last, today time.Time) bool {
	return !last.IsZero() && today.After(last)
}

// Input is what Apply works on.
type Input struct {
	// Findings are marked in place; Anchors[i] are the lines finding i may be suppressed on.
	Findings []finding.Finding
	Anchors  [][]source.Anchor
	Inline   []*Inline
	Ignores  []*Ignore
	// Today is the date expiry is judged against.
	Today time.Time
	// RuleRan reports whether a rule was enabled in this run; a suppression of rules that did
	// not run is not reported as matching nothing.
	RuleRan func(string) bool
}

// Apply marks the suppressed findings and returns the notes a reader should see: expired
// suppressions, and suppressions that match no finding.
func Apply(in Input) []finding.Note {
	today := day(in.Today)
	for i := range in.Findings {
		f := &in.Findings[i]
		var anchors []source.Anchor
		if i < len(in.Anchors) {
			anchors = in.Anchors[i]
		}
		for _, s := range in.Inline {
			if s.matches(f, anchors) {
				loc := s.Comment
				s.take(f, today, finding.Suppression{Kind: "inline", Location: &loc})
			}
		}
		for _, ig := range in.Ignores {
			if ig.matches(f) {
				ig.take(f, today, finding.Suppression{Kind: "config", Location: ig.Location})
			}
		}
	}
	return notes(in)
}

// take applies a matching acceptance to a finding, unless it has expired.
func (a *Acceptance) take(f *finding.Finding, today time.Time, s finding.Suppression) {
	if expired(a.Expires, today) {
		a.matchedExpired = true
		return
	}
	a.matched = true
	if f.Suppressed == nil {
		s.Reason, s.Expires = a.Reason, dateText(a.Expires)
		f.Suppressed = &s
	}
}

// note is what a reader should know of an acceptance after the run: that it expired, or that it
// matched nothing (only when one of its rules ran). what names it; hint explains a non-match.
func (a *Acceptance) note(what, hint string, today time.Time, ran bool) (string, bool) {
	switch {
	case expired(a.Expires, today) && a.matchedExpired:
		return fmt.Sprintf("%s expired on %s; its findings are reported again (reason given: %s)", what, dateText(a.Expires), a.Reason), true
	case expired(a.Expires, today):
		return fmt.Sprintf("%s expired on %s and matches no finding; remove it", what, dateText(a.Expires)), true
	case !a.matched && ran:
		return what + " matches no finding" + hint + "; remove it", true
	}
	return "", false
}

func notes(in Input) []finding.Note {
	ran := func(rules []string) bool {
		for _, r := range rules {
			if r == "all" || r == "*" || r == "" || in.RuleRan == nil || in.RuleRan(r) {
				return true
			}
		}
		return false
	}
	var out []finding.Note
	today := day(in.Today)
	for _, s := range in.Inline {
		loc := s.Comment
		if msg, ok := s.note("suppression of "+strings.Join(s.Rules, ","), targetHint(s), today, ran(s.Rules)); ok {
			out = append(out, finding.Note{Location: &loc, Message: msg})
		}
	}
	for _, ig := range in.Ignores {
		what := "ignore block"
		if ig.Rule != "" {
			what += " for " + ig.Rule
		}
		if ig.Address != nil {
			what += " at " + ig.Address.String()
		}
		if msg, ok := ig.note(what, "", today, ran([]string{ig.Rule})); ok {
			out = append(out, finding.Note{Location: ig.Location, Message: msg})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

func targetHint(s *Inline) string {
	if s.Target == 0 {
		return " (it must sit on the line before a resource, module call or attribute, or at the end of that line)"
	}
	return ""
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}
