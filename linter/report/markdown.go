package report

import (
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// Markdown for a pull-request comment or a job summary: counts by severity, a table of findings
// with links to the .tf lines and to the rule pages, and details folded away.

// CommentMarker starts every Markdown report, so a bot can find and update its own comment.
const CommentMarker = "<!-- hybridlint -->"

var sevIcon = map[finding.Severity]string{finding.Error: ":x:", finding.Warning: ":warning:", finding.Notice: ":information_source:"}

// Markdown writes the report as GitHub-flavoured Markdown.
func Markdown(w io.Writer, r Report, o Options) error {
	var b strings.Builder
	c := r.Summary
	active := r.Active()
	b.WriteString(CommentMarker + "\n")
	if len(active) == 0 {
		fmt.Fprintf(&b, "### :white_check_mark: hybridlint: no active findings\n\n")
	} else {
		fmt.Fprintf(&b, "### hybridlint: %s\n\n", summaryLine(r))
	}
	b.WriteString("| severity | findings |\n|---|---:|\n")
	fmt.Fprintf(&b, "| %s error | %d |\n| %s warning | %d |\n| %s notice | %d |\n",
		sevIcon[finding.Error], c.Error, sevIcon[finding.Warning], c.Warning, sevIcon[finding.Notice], c.Notice)
	if c.Baselined > 0 {
		fmt.Fprintf(&b, "| baselined | %d |\n", c.Baselined)
	}
	if c.Suppressed > 0 {
		fmt.Fprintf(&b, "| suppressed | %d |\n", c.Suppressed)
	}
	b.WriteString("\n")

	docs := map[string]string{}
	for _, ri := range r.Rules {
		docs[ri.Name] = ri.HelpURI
	}
	if len(active) > 0 {
		findingTable(&b, active, docs, o)
		b.WriteString("<details><summary>Details and fixes</summary>\n\n")
		for _, f := range active {
			findingDetails(&b, f, docs, o)
		}
		b.WriteString("</details>\n\n")
	}
	var baselined []finding.Finding
	for _, f := range r.Findings {
		if f.Baselined {
			baselined = append(baselined, f)
		}
	}
	if len(baselined) > 0 {
		fmt.Fprintf(&b, "<details><summary>%d baselined (accepted earlier, not failing the run)</summary>\n\n", len(baselined))
		findingTable(&b, baselined, docs, o)
		b.WriteString("</details>\n\n")
	}
	if len(r.Suppressed) > 0 {
		fmt.Fprintf(&b, "<details><summary>%d suppressed</summary>\n\n| rule | resource | reason | expires |\n|---|---|---|---|\n", len(r.Suppressed))
		for _, f := range r.Suppressed {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", ruleLink(f.Rule, docs), cellCode(f.Address), cell(f.Suppressed.Reason), cell(f.Suppressed.Expires))
		}
		b.WriteString("\n</details>\n\n")
	}
	if len(r.Errors) > 0 || len(r.Notices) > 0 {
		b.WriteString("<details><summary>Notices</summary>\n\n")
		for _, e := range r.Errors {
			fmt.Fprintf(&b, "- **rule error:** %s\n", cell(firstLine(e)))
		}
		for _, n := range r.Notices {
			if n.Location != nil {
				fmt.Fprintf(&b, "- %s: %s\n", locLink(n.Location, o), cell(n.Message))
			} else {
				fmt.Fprintf(&b, "- %s\n", cell(n.Message))
			}
		}
		b.WriteString("\n</details>\n\n")
	}
	fmt.Fprintf(&b, "<sub>%s %s</sub>\n", r.Tool.Name, r.Tool.Version)
	_, err := io.WriteString(w, b.String())
	return err
}

func findingTable(b *strings.Builder, fs []finding.Finding, docs map[string]string, o Options) {
	b.WriteString("| | rule | resource | where | message |\n|---|---|---|---|---|\n")
	for _, f := range fs {
		where := ""
		if f.Location != nil {
			where = locLink(f.Location, o)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", sevIcon[f.Severity], ruleLink(f.Rule, docs), cellCode(f.Address), where, cell(f.Message))
	}
	b.WriteString("\n")
}

func findingDetails(b *strings.Builder, f finding.Finding, docs map[string]string, o Options) {
	fmt.Fprintf(b, "#### %s %s\n\n%s (%s)\n\n", sevIcon[f.Severity], code(f.Address), cell(f.Message), ruleLink(f.Rule, docs))
	if f.Remediation != "" {
		fmt.Fprintf(b, "- **fix:** %s\n", cell(f.Remediation))
	}
	if f.Location != nil {
		fmt.Fprintf(b, "- **where:** %s\n", locLink(f.Location, o))
	}
	if f.ResourceLocation != nil && (f.Location == nil || *f.ResourceLocation != *f.Location) {
		fmt.Fprintf(b, "- **resource:** %s\n", locLink(f.ResourceLocation, o))
	}
	for _, c := range f.Callers {
		text := "- **via** " + code(c.Module)
		if c.Location != nil {
			text += " " + locLink(c.Location, o)
		}
		if c.Argument != "" {
			text += " (argument " + code(c.Argument) + ")"
		}
		b.WriteString(text + "\n")
	}
	if len(f.Related) > 0 {
		related := make([]string, len(f.Related))
		for i, r := range f.Related {
			related[i] = code(r)
		}
		fmt.Fprintf(b, "- **related:** %s\n", strings.Join(related, ", "))
	}
	b.WriteString("\n")
}

func ruleLink(rule string, docs map[string]string) string {
	if u := docs[rule]; u != "" {
		return fmt.Sprintf("[%s](%s)", rule, u)
	}
	return cellCode(rule)
}

// locLink renders file:line, relative to the repository root when it is inside it, linked to the
// line on the forge when the repository is known and the file is one of its own.
func locLink(l *finding.Location, o Options) string {
	rel, ok := o.inRepo(l)
	if rel.File == "" || path.IsAbs(rel.File) {
		rel.File = l.File
	}
	text := fmt.Sprintf("%s:%d", rel.File, l.Line)
	if o.RepoURL == "" || o.Ref == "" || !ok {
		return cellCode(text)
	}
	u := strings.TrimSuffix(o.RepoURL, "/") + "/blob/" + url.PathEscape(o.Ref) + "/" + (&url.URL{Path: rel.File}).EscapedPath()
	return fmt.Sprintf("[%s](%s#L%d)", cell(text), u, l.Line)
}

// code makes a code span of s: a run of backticks longer than any inside s opens and closes it,
// padded with spaces when s starts or ends with a backtick (CommonMark 6.1). Nothing else is
// escaped: inside a code span, text is literal.
func code(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	s = lineJoiner.Replace(s)
	return fence + s + fence
}

// lineJoiner puts a code span on one line; built once (see dataEscaper).
var lineJoiner = strings.NewReplacer("\r", "", "\n", " ")

// cellCode is a code span inside a table cell, where GitHub splits cells at | even in code spans.
func cellCode(s string) string {
	return strings.ReplaceAll(code(s), "|", `\|`)
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "<", "&lt;")
}
