// Package report writes findings for people and for pipelines: text, json, sarif, junit, github,
// markdown, checkstyle and gitlab. It knows findings, not rules: what it needs of a rule (summary,
// severity, documentation page) it is given as RuleInfo.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// SchemaVersion is the version of the JSON output. Pipelines key on it: change it, with a note in
// README, whenever a field changes meaning or goes away. Adding an optional field does not.
const SchemaVersion = 1

// Tool identifies hybridlint in outputs.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// RuleInfo is what the formats that describe rules (sarif, junit, markdown) need to know of one.
type RuleInfo struct {
	Name     string
	Summary  string
	Severity finding.Severity
	Category finding.Category
	// HelpURI is the rule's documentation page.
	HelpURI string
	// Help is the page's text, in Markdown.
	Help string
}

// Report is everything one run has to say.
type Report struct {
	Version int  `json:"version"`
	Tool    Tool `json:"tool"`
	// Findings are the findings that were not suppressed: the active ones and the baselined ones
	// (marked "baselined": true).
	Findings []finding.Finding `json:"findings"`
	// Suppressed are the findings an inline comment or an ignore block accepted.
	Suppressed []finding.Finding `json:"suppressed,omitempty"`
	Summary    finding.Counts    `json:"summary"`
	Errors     []string          `json:"errors"`
	// Notices are remarks that are not findings: expired or unused suppressions, a stale
	// baseline, how to get source locations.
	Notices []finding.Note `json:"notices,omitempty"`

	// Inputs are the plan files linted, for formats that need a file to attach findings without
	// a source location to.
	Inputs []string `json:"-"`
	// ConfigFiles names, for each input, a file of the configuration's root module (relative to
	// the working directory, or absolute): where a pipeline format attaches a finding without a
	// source location when the plan itself is not in the repository (a binary plan converted in a
	// temporary directory).
	ConfigFiles map[string]string `json:"-"`
	// Rules describe every rule that ran.
	Rules []RuleInfo `json:"-"`
}

// New assembles a report: suppressed findings are set apart, the rest keep their order.
func New(tool Tool, fs []finding.Finding, errs []string) Report {
	// Both lists are made at their size: grown by append, the 224-byte findings of a plan with
	// thousands of them were copied five times over (11 MB on the many-modules plan).
	suppressed := 0
	for i := range fs {
		if fs[i].Suppressed != nil {
			suppressed++
		}
	}
	r := Report{Version: SchemaVersion, Tool: tool, Findings: make([]finding.Finding, 0, len(fs)-suppressed), Summary: finding.Count(fs), Errors: errs}
	if suppressed > 0 {
		r.Suppressed = make([]finding.Finding, 0, suppressed)
	}
	for _, f := range fs {
		if f.Suppressed != nil {
			r.Suppressed = append(r.Suppressed, f)
		} else {
			r.Findings = append(r.Findings, f)
		}
	}
	if r.Errors == nil {
		r.Errors = []string{}
	}
	return r
}

// Active returns the findings that count: neither suppressed nor baselined.
func (r *Report) Active() []finding.Finding {
	var out []finding.Finding
	for _, f := range r.Findings {
		if f.Active() {
			out = append(out, f)
		}
	}
	return out
}

// Options are the choices a caller makes about output.
type Options struct {
	// Color adds ANSI colours to text (the caller decides: only on a terminal, never with NO_COLOR).
	Color bool
	// ShowSuppressed lists suppressed findings in text, and includes them in sarif with their
	// suppression (GitHub code scanning ignores SARIF suppressions, so they stay out by default).
	ShowSuppressed bool
	// RepoURL and Ref make links to source lines in markdown ("https://github.com/o/r", a commit).
	RepoURL, Ref string
	// SourceRoot is the absolute directory the findings' paths are relative to: the working
	// directory.
	SourceRoot string
	// RepoRoot is the repository's root, absolute (SARIF's %SRCROOT%): the formats pipelines read
	// (sarif, gitlab, checkstyle, github, junit, markdown links) give paths relative to it and
	// place findings on files inside it. "" takes paths as they are.
	RepoRoot string
}

// Formats lists the output formats, in the order help text gives them.
var Formats = []string{"text", "json", "sarif", "junit", "github", "markdown", "checkstyle", "gitlab"}

// Write renders the report in a format.
func Write(w io.Writer, format string, r Report, o Options) error {
	switch format {
	case "text":
		return Text(w, r, o.Color, o.ShowSuppressed)
	case "json":
		return JSON(w, r)
	case "sarif":
		return SARIF(w, r, o)
	case "junit":
		return JUnit(w, r, o)
	case "github":
		return GitHub(w, r, o)
	case "markdown":
		return Markdown(w, r, o)
	case "checkstyle":
		return Checkstyle(w, r, o)
	case "gitlab":
		return GitLab(w, r, o)
	}
	return fmt.Errorf("unknown format %q (use %s)", format, strings.Join(Formats, ", "))
}

// JSON writes the report as indented JSON, one finding at a time: the same bytes as encoding
// the Report whole (its field order and omitempty tags), without a copy of the document in memory.
func JSON(w io.Writer, r Report) error {
	s := newJSONStream(w)
	top := s.object(0)
	top.field("version", r.Version)
	top.field("tool", r.Tool)
	findings := func(name string, fs []finding.Finding) {
		top.array(name, len(fs), fs == nil, func(i, depth int) { s.finding(depth, &fs[i]) })
	}
	findings("findings", r.Findings)
	if len(r.Suppressed) > 0 {
		findings("suppressed", r.Suppressed)
	}
	top.field("summary", r.Summary)
	top.field("errors", r.Errors)
	if len(r.Notices) > 0 {
		top.field("notices", r.Notices)
	}
	top.close()
	return s.end()
}

// Text writes findings grouped by resource, then notices and a summary line. color adds ANSI
// colours; the caller decides (only on a terminal, never with NO_COLOR).
func Text(w io.Writer, r Report, color, showSuppressed bool) error {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	sevColor := map[finding.Severity]string{finding.Error: "31;1", finding.Warning: "33;1", finding.Notice: "36"}

	shown := r.Findings
	if showSuppressed {
		shown = append(append([]finding.Finding{}, r.Findings...), r.Suppressed...)
	}
	type group struct {
		key      string
		findings []finding.Finding
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, f := range shown {
		key := f.Address
		if f.File != "" {
			key = f.File + ": " + f.Address
		}
		g := byKey[key]
		if g == nil {
			g = &group{key: key}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.findings = append(g.findings, f)
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].key < groups[j].key })

	var b strings.Builder
	for _, g := range groups {
		header := paint("1", g.key)
		if loc := g.findings[0].ResourceLocation; loc != nil {
			header += paint("2", "  ("+loc.String()+")")
		}
		b.WriteString(header + "\n")
		for _, f := range g.findings {
			sev := fmt.Sprintf("%-7s", f.Severity)
			state := ""
			switch {
			case f.Suppressed != nil:
				state = paint("2", " [suppressed: "+f.Suppressed.Reason+"]")
			case f.Baselined:
				state = paint("2", " [baselined]")
			}
			fmt.Fprintf(&b, "  %s %s %s%s\n", paint(sevColor[f.Severity], sev), f.Message, paint("2", "["+f.Rule+"]"), state)
			if where := whereText(f); where != "" {
				fmt.Fprintf(&b, "          at: %s\n", where)
			}
			if f.Remediation != "" {
				fmt.Fprintf(&b, "          fix: %s\n", f.Remediation)
			}
			if len(f.Related) > 0 {
				fmt.Fprintf(&b, "          related: %s\n", strings.Join(f.Related, ", "))
			}
		}
		b.WriteString("\n")
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "%s %s\n", paint("31;1", "rule error:"), e)
	}
	for _, n := range r.Notices {
		fmt.Fprintf(&b, "%s %s\n", paint("36", "notice:"), n)
	}
	if len(r.Notices) > 0 {
		b.WriteString("\n")
	}
	if date := priceDate(shown); date != "" {
		fmt.Fprintf(&b, "cost figures: %s, without free tiers (hybridlint cost prices every option)\n", date)
	}
	b.WriteString(summaryLine(r) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// priceDate is the one price date of the cost findings shown, printed once rather than in every
// message; "" when no finding states a cost.
func priceDate(fs []finding.Finding) string {
	for _, f := range fs {
		if f.Cost != nil && f.Cost.PriceDate != "" {
			return f.Cost.PriceDate
		}
	}
	return ""
}

// whereText is the finding's location with the module calls on the way to it:
// "main.tf:20, via module.api (main.tf:19, argument functions) > module.api.module.fn["report"] (modules/api/main.tf:19, argument timeout)".
func whereText(f finding.Finding) string {
	if f.Location == nil {
		return ""
	}
	s := f.Location.String()
	if f.Attribute != "" && f.AttributeLocation == nil && f.ResourceLocation != nil && *f.Location == *f.ResourceLocation {
		s += " (" + f.Attribute + " is not set in the resource block)"
	}
	if len(f.Callers) == 0 {
		return s
	}
	var via []string
	for _, c := range f.Callers {
		var at []string
		if c.Location != nil {
			at = append(at, c.Location.String())
		}
		if c.Argument != "" {
			at = append(at, "argument "+c.Argument)
		}
		v := c.Module
		if len(at) > 0 {
			v += " (" + strings.Join(at, ", ") + ")"
		}
		via = append(via, v)
	}
	return s + ", via " + strings.Join(via, " > ")
}

func summaryLine(r Report) string {
	c := r.Summary
	active := c.Error + c.Warning + c.Notice
	var extra []string
	if c.Baselined > 0 {
		extra = append(extra, fmt.Sprintf("%d baselined", c.Baselined))
	}
	if c.Suppressed > 0 {
		extra = append(extra, fmt.Sprintf("%d suppressed", c.Suppressed))
	}
	tail := ""
	if len(extra) > 0 {
		tail = " (" + strings.Join(extra, ", ") + ")"
	}
	if active == 0 {
		if len(extra) == 0 {
			return "no findings"
		}
		return "no active findings" + tail
	}
	return fmt.Sprintf("%d %s: %d %s, %d %s, %d %s%s", active, plural(active, "finding"),
		c.Error, plural(c.Error, "error"), c.Warning, plural(c.Warning, "warning"), c.Notice, plural(c.Notice, "notice"), tail)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
