package report

import (
	"encoding/xml"
	"io"
	"sort"
)

// Checkstyle XML, which many CI plugins and review bots read: findings grouped by file. A finding
// without a source location is attached to the plan file.

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
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Checkstyle writes the active findings as Checkstyle XML.
func Checkstyle(w io.Writer, r Report) error {
	files := map[string]*checkstyleFile{}
	for _, f := range r.Active() {
		name, line, col := fallbackFile(f.File, r.Inputs), 0, 0
		if f.Location != nil {
			name, line, col = f.Location.File, f.Location.Line, f.Location.Column
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
			Message: f.Address + ": " + f.Message, Source: "hybridlint." + f.Rule})
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

// fallbackFile is where a finding without a source location is attached: its plan file.
func fallbackFile(file string, inputs []string) string {
	if file != "" {
		return file
	}
	if len(inputs) > 0 {
		return inputs[0]
	}
	return "plan.json"
}
