// Package report writes findings for people and for pipelines. It knows findings, not rules.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// SchemaVersion is the version of the JSON output. Pipelines key on it: change it, with a note in
// README, whenever a field changes meaning or goes away.
const SchemaVersion = 1

// Tool identifies hybridlint in outputs.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Report is everything one run has to say.
type Report struct {
	Version  int               `json:"version"`
	Tool     Tool              `json:"tool"`
	Findings []finding.Finding `json:"findings"`
	Summary  finding.Counts    `json:"summary"`
	Errors   []string          `json:"errors"`
}

// New assembles a report.
func New(tool Tool, fs []finding.Finding, errs []string) Report {
	if fs == nil {
		fs = []finding.Finding{}
	}
	if errs == nil {
		errs = []string{}
	}
	return Report{Version: SchemaVersion, Tool: tool, Findings: fs, Summary: finding.Count(fs), Errors: errs}
}

// JSON writes the report as indented JSON.
func JSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// Text writes findings grouped by resource, then a summary line. color adds ANSI colours; the
// caller decides (only on a terminal, never with NO_COLOR).
func Text(w io.Writer, r Report, color bool) error {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	sevColor := map[finding.Severity]string{finding.Error: "31;1", finding.Warning: "33;1", finding.Notice: "36"}

	type group struct {
		key      string
		findings []finding.Finding
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, f := range r.Findings {
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
		b.WriteString(paint("1", g.key) + "\n")
		for _, f := range g.findings {
			sev := fmt.Sprintf("%-7s", f.Severity)
			fmt.Fprintf(&b, "  %s %s %s\n", paint(sevColor[f.Severity], sev), f.Message, paint("2", "["+f.Rule+"]"))
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
	c := r.Summary
	if len(r.Findings) == 0 {
		b.WriteString("no findings\n")
	} else {
		fmt.Fprintf(&b, "%d findings: %d %s, %d %s, %d %s\n", len(r.Findings),
			c.Error, plural(c.Error, "error"), c.Warning, plural(c.Warning, "warning"), c.Notice, plural(c.Notice, "notice"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
