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
// the merge request and its target itself, so baselined findings are left out too.
func GitLab(w io.Writer, r Report) error {
	issues := []gitlabIssue{}
	for _, f := range r.Active() {
		loc := gitlabLocation{Path: fallbackFile(f.File, r.Inputs), Lines: gitlabLines{Begin: 1}}
		if f.Location != nil {
			loc = gitlabLocation{Path: f.Location.File, Lines: gitlabLines{Begin: f.Location.Line, End: f.Location.EndLine}}
		}
		issues = append(issues, gitlabIssue{
			Description: f.Address + ": " + f.Message,
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
