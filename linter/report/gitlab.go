package report

import (
	"encoding/json"
	"io"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// GitLab code quality report (the Code Climate subset GitLab reads from artifacts:reports:codequality):
// a JSON array of issues with description, check_name, fingerprint, severity and location.

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

func gitlabSeverity(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "major"
	case finding.Warning:
		return "minor"
	}
	return "info"
}

// GitLab writes the active findings as a GitLab code quality report. GitLab compares reports of
// the merge request and its target itself, so baselined findings are left out too. GitLab wants
// location.path relative to the repository root, in the repository; a finding with no place there
// is left out (the other formats still have it).
func GitLab(w io.Writer, r Report, o Options) error {
	issues := []gitlabIssue{}
	for _, f := range r.Active() {
		at := o.place(f, &r)
		if at.Location == nil {
			continue
		}
		loc := gitlabLocation{Path: at.Location.File, Lines: gitlabLines{Begin: at.Location.Line, End: at.Location.EndLine}}
		desc := f.Address + ": " + f.Message
		if at.Note != "" {
			desc += " (" + at.Note + ")"
		}
		issues = append(issues, gitlabIssue{
			Description: desc,
			CheckName:   f.Rule,
			Fingerprint: Identity(f),
			Severity:    gitlabSeverity(f.Severity),
			Location:    loc,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}
