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
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/source"
)

// Marker starts an inline suppression comment.
const Marker = "hybridlint:ignore"

// DateLayout is how expiry dates are written.
const DateLayout = "2006-01-02"

// Inline is one `# hybridlint:ignore` comment.
type Inline struct {
	// Rules are the rule names it covers; "all" covers every rule.
	Rules []string
	// Key restricts it to the instances with that key, when HasKey.
	Key    string
	HasKey bool
	// Expires is the last day it applies; zero for never.
	Expires time.Time
	Reason  string
	// Comment is where the comment is; Target the line it applies to (0: none).
	Comment finding.Location
	Target  int

	matched, matchedExpired bool
}

// Ignore is an ignore block of the configuration file.
type Ignore struct {
	// Rule is a rule name, or "" / "*" for every rule.
	Rule string
	// Address is the pattern (see Pattern); nil matches every address.
	Address *Pattern
	Reason  string
	Expires time.Time
	// Location is the block in the configuration file.
	Location *finding.Location

	matched, matchedExpired bool
}

// Scan reads the inline suppressions in every file of the sources. Malformed ones are returned as
// notes and are not applied (the findings they meant to hide stay visible).
func Scan(cfg *source.Config, knownRule func(string) bool) ([]*Inline, []finding.Note) {
	var out []*Inline
	var notes []finding.Note
	seen := map[string]bool{}
	for _, m := range cfg.SortedModules() {
		for _, f := range m.Files {
			if seen[f.Path] || !strings.HasSuffix(f.Path, ".tf") {
				continue
			}
			seen[f.Path] = true
			in, n := scanFile(f.Path, f.Src, knownRule)
			out = append(out, in...)
			notes = append(notes, n...)
		}
	}
	return out, notes
}

func scanFile(path string, src []byte, knownRule func(string) bool) ([]*Inline, []finding.Note) {
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
		s, err := parseInline(body, knownRule)
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

func parseInline(body string, knownRule func(string) bool) (*Inline, error) {
	head, reason, ok := strings.Cut(body, "--")
	reason = strings.TrimSpace(reason)
	if !ok || reason == "" {
		return nil, fmt.Errorf("%s needs a reason after \"--\"", Marker)
	}
	s := &Inline{Reason: reason}
	fields := strings.Fields(head)
	if len(fields) == 0 {
		return nil, fmt.Errorf("%s needs a rule name", Marker)
	}
	for _, r := range strings.Split(fields[0], ",") {
		r = strings.TrimSpace(r)
		if r == "" {
			continue
		}
		if r != "all" && knownRule != nil && !knownRule(r) {
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
		if !s.HasKey || (a.HasKey && keyString(a.Key) == s.Key) {
			return true
		}
	}
	return false
}

func keyString(k any) string {
	switch v := k.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
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
			if !s.matches(f, anchors) {
				continue
			}
			if expired(s.Expires, today) {
				s.matchedExpired = true
				continue
			}
			s.matched = true
			if f.Suppressed == nil {
				loc := s.Comment
				f.Suppressed = &finding.Suppression{Kind: "inline", Reason: s.Reason, Expires: dateText(s.Expires), Location: &loc}
			}
		}
		for _, ig := range in.Ignores {
			if !ig.matches(f) {
				continue
			}
			if expired(ig.Expires, today) {
				ig.matchedExpired = true
				continue
			}
			ig.matched = true
			if f.Suppressed == nil {
				f.Suppressed = &finding.Suppression{Kind: "config", Reason: ig.Reason, Expires: dateText(ig.Expires), Location: ig.Location}
			}
		}
	}
	return notes(in)
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
		what := "suppression of " + strings.Join(s.Rules, ",")
		switch {
		case expired(s.Expires, today) && s.matchedExpired:
			out = append(out, finding.Note{Location: &loc, Message: fmt.Sprintf("%s expired on %s; its findings are reported again (reason given: %s)", what, dateText(s.Expires), s.Reason)})
		case expired(s.Expires, today):
			out = append(out, finding.Note{Location: &loc, Message: fmt.Sprintf("%s expired on %s and matches no finding; remove it", what, dateText(s.Expires))})
		case !s.matched && ran(s.Rules):
			out = append(out, finding.Note{Location: &loc, Message: what + " matches no finding" + targetHint(s) + "; remove it"})
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
		switch {
		case expired(ig.Expires, today) && ig.matchedExpired:
			out = append(out, finding.Note{Location: ig.Location, Message: fmt.Sprintf("%s expired on %s; its findings are reported again (reason given: %s)", what, dateText(ig.Expires), ig.Reason)})
		case expired(ig.Expires, today):
			out = append(out, finding.Note{Location: ig.Location, Message: fmt.Sprintf("%s expired on %s and matches no finding; remove it", what, dateText(ig.Expires))})
		case !ig.matched && ran([]string{ig.Rule}):
			out = append(out, finding.Note{Location: ig.Location, Message: what + " matches no finding; remove it"})
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
