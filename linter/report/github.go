package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// GitHub Actions workflow commands: each active finding becomes an annotation on its .tf line
// (`::error file=…,line=…::message`), which GitHub shows in the run and on the pull request's
// diff. The job summary (Markdown) is written by the caller when GITHUB_STEP_SUMMARY is set.

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
func GitHub(w io.Writer, r Report) error {
	var b strings.Builder
	for _, f := range r.Active() {
		var props []string
		if l := f.Location; l != nil {
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
		if where := whereText(f); where != "" && len(f.Callers) > 0 {
			msg += "\nat: " + where
		}
		if len(f.Related) > 0 {
			msg += "\nrelated: " + strings.Join(f.Related, ", ")
		}
		fmt.Fprintf(&b, "::%s %s::%s\n", githubCommand(f.Severity), strings.Join(props, ","), escapeData(msg))
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "::error title=hybridlint rule error::%s\n", escapeData(e))
	}
	for _, n := range r.Notices {
		props := ""
		if l := n.Location; l != nil {
			props = fmt.Sprintf(" file=%s,line=%d,", escapeProperty(l.File), l.Line)
		} else {
			props = " "
		}
		fmt.Fprintf(&b, "::notice%stitle=hybridlint::%s\n", props, escapeData(n.Message))
	}
	b.WriteString("hybridlint: " + summaryLine(r) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeData and escapeProperty follow @actions/core's command encoding.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
