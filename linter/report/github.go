package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// GitHub Actions workflow commands: each active finding becomes an annotation on its .tf line
// (`::error file=…,line=…::message`), which GitHub shows in the run and on the pull request's
// diff. The job summary (Markdown) is written by the caller when GITHUB_STEP_SUMMARY is set.
//
// GitHub shows at most 10 annotations of each level (error, warning, notice) per step and drops
// the rest without a word, so at most annotationsPerLevel are written per level: rule errors first,
// then findings on resources the plan changes, then the others, in the report's order. When any is
// left out, the last notice says how many and points at the job summary, which lists everything.

// annotationsPerLevel is GitHub's limit: "a maximum of 10 warning annotations and 10 error
// annotations per step" and 10 notices; https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
// (checked 2026-12-04).
const annotationsPerLevel = 10

func githubCommand(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "notice"
}

// GitHub writes the active findings as workflow commands, then notices, then a summary line.
func GitHub(w io.Writer, r Report, o Options) error {
	levels := map[string][]string{}
	for _, e := range r.Errors {
		levels["error"] = append(levels["error"], "::error title=hybridlint rule error::"+escapeData(e))
	}
	active := r.Active()
	sort.SliceStable(active, func(i, j int) bool { return active[i].Changed && !active[j].Changed })
	for _, f := range active {
		level := githubCommand(f.Severity)
		levels[level] = append(levels[level], annotation(f, o.place(f, &r)))
	}
	for _, n := range r.Notices {
		props, msg := " ", n.Message
		if l, ok := o.inRepo(n.Location); ok {
			props = fmt.Sprintf(" file=%s,line=%d,", escapeProperty(l.File), l.Line)
		} else if n.Location != nil {
			msg = n.String()
		}
		levels["notice"] = append(levels["notice"], fmt.Sprintf("::notice%stitle=hybridlint::%s", props, escapeData(msg)))
	}

	var b strings.Builder
	var left []string
	leftOut := 0
	for _, level := range []string{"error", "warning", "notice"} {
		lines := levels[level]
		limit := annotationsPerLevel
		if level == "notice" && (leftOut > 0 || len(lines) > limit) {
			limit-- // room for the notice that counts what was left out
		}
		if len(lines) > limit {
			left = append(left, fmt.Sprintf("%d %s", len(lines)-limit, plural(len(lines)-limit, level)))
			leftOut += len(lines) - limit
			lines = lines[:limit]
		}
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
	}
	if leftOut > 0 {
		fmt.Fprintf(&b, "::notice title=hybridlint::%s",
			escapeData(fmt.Sprintf("%d more annotations left out (%s): GitHub shows only %d of each level per step; the job summary lists every finding",
				leftOut, strings.Join(left, ", "), annotationsPerLevel)))
		b.WriteString("\n")
	}
	b.WriteString("hybridlint: " + summaryLine(r) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// annotation is one finding's workflow command.
func annotation(f finding.Finding, at placed) string {
	var props []string
	if at.WholeFile {
		// Line 1 of a plan stands for nothing: an annotation without a file shows in the run.
		at = placed{}
	}
	if l := at.Location; l != nil {
		props = append(props, "file="+escapeProperty(l.File), fmt.Sprintf("line=%d", l.Line))
		if l.EndLine >= l.Line && l.EndLine > 0 {
			props = append(props, fmt.Sprintf("endLine=%d", l.EndLine))
		}
		if l.Column > 0 {
			props = append(props, fmt.Sprintf("col=%d", l.Column))
			if l.EndLine == l.Line && l.EndColumn > l.Column {
				props = append(props, fmt.Sprintf("endColumn=%d", l.EndColumn))
			}
		}
	}
	props = append(props, "title="+escapeProperty(f.Rule+": "+f.Address))
	msg := f.Message
	if f.Remediation != "" {
		msg += "\nfix: " + f.Remediation
	}
	if at.Note != "" {
		msg += "\n(" + at.Note + ")"
	}
	if where := whereText(f); where != "" && len(f.Callers) > 0 {
		msg += "\nat: " + where
	}
	if len(f.Related) > 0 {
		msg += "\nrelated: " + strings.Join(f.Related, ", ")
	}
	return fmt.Sprintf("::%s %s::%s", githubCommand(f.Severity), strings.Join(props, ","), escapeData(msg))
}

// escapeData and escapeProperty follow @actions/core's command encoding. The replacers are built
// once: a Replacer builds its tables at its first Replace, so one built per call built them again
// for every finding.
func escapeData(s string) string { return dataEscaper.Replace(s) }

func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
