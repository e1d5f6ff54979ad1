package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// JUnit XML, as CI systems read test reports: one test suite per rule, one test case per finding
// (a failure), suppressed and baselined findings as skipped cases, and a passing case for a rule
// that found nothing, so dashboards count what was checked.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// JUnit writes the report as JUnit XML.
func JUnit(w io.Writer, r Report) error {
	suites := junitSuites{Name: r.Tool.Name}
	byRule := map[string]*junitSuite{}
	var order []string
	suite := func(rule string) *junitSuite {
		s := byRule[rule]
		if s == nil {
			s = &junitSuite{Name: rule}
			byRule[rule] = s
			order = append(order, rule)
		}
		return s
	}
	for _, ri := range r.Rules {
		suite(ri.Name)
	}
	for _, f := range append(append([]finding.Finding{}, r.Findings...), r.Suppressed...) {
		s := suite(f.Rule)
		c := junitCase{Name: f.Address, Classname: f.Rule}
		if f.Location != nil {
			c.File, c.Line = f.Location.File, f.Location.Line
		}
		switch {
		case f.Suppressed != nil:
			c.Skipped = &junitSkipped{Message: "suppressed: " + f.Suppressed.Reason}
			s.Skipped++
		case f.Baselined:
			c.Skipped = &junitSkipped{Message: "baselined: " + f.Message}
			s.Skipped++
		default:
			c.Failure = &junitFailure{Message: f.Message, Type: f.Severity.String(), Body: caseBody(f)}
			s.Failures++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	for _, name := range order {
		s := byRule[name]
		if s.Tests == 0 {
			s.Cases = append(s.Cases, junitCase{Name: "no findings", Classname: name})
			s.Tests = 1
		}
	}
	if len(r.Errors) > 0 {
		s := suite("hybridlint")
		for _, e := range r.Errors {
			s.Cases = append(s.Cases, junitCase{Name: "rule error", Classname: "hybridlint", Error: &junitFailure{Message: firstLine(e), Type: "error", Body: e}})
			s.Tests++
			s.Errors++
		}
	}
	for _, name := range order {
		s := byRule[name]
		suites.Suites = append(suites.Suites, *s)
		suites.Tests += s.Tests
		suites.Failures += s.Failures
		suites.Errors += s.Errors
		suites.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(suites); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func caseBody(f finding.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", f.Severity, f.Message)
	if where := whereText(f); where != "" {
		fmt.Fprintf(&b, "at: %s\n", where)
	}
	if f.Remediation != "" {
		fmt.Fprintf(&b, "fix: %s\n", f.Remediation)
	}
	if len(f.Related) > 0 {
		fmt.Fprintf(&b, "related: %s\n", strings.Join(f.Related, ", "))
	}
	return b.String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
