package report

import (
	"encoding/xml"
	"io"
	"sort"
)

// Checkstyle XML, which many CI plugins and review bots read: findings grouped by file, paths
// relative to the repository root. A finding without a source location is attached to the plan
// file (or a configuration file) without a line: reviewdog and others show line 0 as ":0:0".

type checkstyleRoot struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Checkstyle writes the active findings as Checkstyle XML.
func Checkstyle(w io.Writer, r Report, o Options) error {
	files := map[string]*checkstyleFile{}
	for _, f := range r.Active() {
		at := o.place(f, &r)
		name, line, col := "", 0, 0
		switch {
		case at.Location == nil:
			name = f.File
			if name == "" && len(r.Inputs) > 0 {
				name = r.Inputs[0]
			}
		case at.WholeFile:
			name = at.Location.File
		default:
			name, line, col = at.Location.File, at.Location.Line, at.Location.Column
		}
		msg := f.Address + ": " + f.Message
		if at.Note != "" {
			msg += " (" + at.Note + ")"
		}
		cf := files[name]
		if cf == nil {
			cf = &checkstyleFile{Name: name}
			files[name] = cf
		}
		sev := f.Severity.String()
		if sev == "notice" {
			sev = "info"
		}
		cf.Errors = append(cf.Errors, checkstyleError{Line: line, Column: col, Severity: sev,
			Message: msg, Source: "hybridlint." + f.Rule})
	}
	root := checkstyleRoot{Version: "4.3"}
	for _, cf := range files {
		root.Files = append(root.Files, *cf)
	}
	sort.Slice(root.Files, func(i, j int) bool { return root.Files[i].Name < root.Files[j].Name })
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
