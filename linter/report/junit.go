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
//
// The shape is what Jenkins' xUnit plugin validates (junit-10.xsd, in testdata): no skipped count on
// <testsuites>, no file or line on <testcase> (the location is in the failure's text). GitLab keys a
// case by (suite, classname, name) and merges cases with the same key, so the key is unique: the
// classname carries the plan's path when several plans are linted, and a name that would repeat
// gets the related resources, then a number.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
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
func JUnit(w io.Writer, r Report, o Options) error {
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
	keys := junitKeys{}
	for _, f := range append(append([]finding.Finding{}, r.Findings...), r.Suppressed...) {
		s := suite(f.Rule)
		c := junitCase{Name: f.Address, Classname: f.Rule}
		if f.File != "" {
			// Jenkins splits a classname at its last dot into package and class: the plan, the rule.
			c.Classname = o.planName(f.File) + "." + f.Rule
		}
		c.Name = keys.unique(s.Name, c.Classname, f.Address, f.Related)
		switch {
		case f.Suppressed != nil:
			c.Skipped = &junitSkipped{Message: "suppressed: " + f.Suppressed.Reason}
			s.Skipped++
		case f.Baselined:
			c.Skipped = &junitSkipped{Message: "baselined: " + f.Message}
			s.Skipped++
		default:
			c.Failure = &junitFailure{Message: f.Message, Type: f.Severity.String(), Body: caseBody(f, o.place(f, &r))}
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
			name := keys.unique(s.Name, "hybridlint", "rule error", nil)
			s.Cases = append(s.Cases, junitCase{Name: name, Classname: "hybridlint", Error: &junitFailure{Message: firstLine(e), Type: "error", Body: e}})
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

// junitKeys remembers the (suite, classname, name) keys given out, so that none repeats.
type junitKeys map[[3]string]bool

// unique returns name, else name with the related resources, else with a number, whichever is the
// first not yet used in the suite and class.
func (k junitKeys) unique(suite, class, name string, related []string) string {
	candidates := []string{name}
	if len(related) > 0 {
		candidates = append(candidates, name+" ("+strings.Join(related, ", ")+")")
	}
	for _, c := range candidates {
		if !k[[3]string{suite, class, c}] {
			k[[3]string{suite, class, c}] = true
			return c
		}
	}
	last := candidates[len(candidates)-1]
	for n := 2; ; n++ {
		c := fmt.Sprintf("%s #%d", last, n)
		if !k[[3]string{suite, class, c}] {
			k[[3]string{suite, class, c}] = true
			return c
		}
	}
}

// caseBody is a failure's text. The file and line are in it: junit-10.xsd has no attribute for them.
func caseBody(f finding.Finding, at placed) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", f.Severity, f.Message)
	if at.Location != nil && !at.WholeFile {
		fmt.Fprintf(&b, "file: %s\n", at.Location)
	}
	if at.Note != "" {
		fmt.Fprintf(&b, "note: %s\n", at.Note)
	}
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
