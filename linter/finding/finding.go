// Package finding holds what a rule reports and how severe it is: the one vocabulary shared by the
// rules, the suppression and baseline logic and every output format.
package finding

import (
	"fmt"
	"strings"
)

// Severity orders findings for gating: a run fails when a finding is at or above --fail-on.
type Severity int

// Severities, lowest first.
const (
	Notice Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Notice:
		return "notice"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "unknown"
}

// ParseSeverity reads "error", "warning" or "notice".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "notice":
		return Notice, nil
	}
	return 0, fmt.Errorf("unknown severity %q (use error, warning or notice)", s)
}

// MarshalText writes the severity's name, so JSON output carries words, not numbers.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Category groups rules by the limit they guard.
type Category string

// Categories.
const (
	Timeout   Category = "timeout"
	Memory    Category = "memory"
	ColdStart Category = "cold-start"
	KeepWarm  Category = "keep-warm"
	Runtime   Category = "runtime"
	Cost      Category = "cost"
	Config    Category = "configuration"
)

// Finding is one problem a rule found.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Category Category `json:"category"`
	// Address is the primary resource: for timing rules, the function.
	Address string `json:"address"`
	// Attribute is the attribute of Address at fault ("timeout"), "" when the whole resource is.
	Attribute string `json:"attribute"`
	// Related lists the other resources involved: callers, queues, aliases.
	Related []string `json:"related"`
	// Message states what is wrong with the numbers and resources involved. It never repeats a
	// sensitive value.
	Message     string `json:"message"`
	Remediation string `json:"remediation"`
	// Changed is true when the plan creates, updates, replaces or deletes any resource involved
	// (graph.Changed); --only-changed keeps exactly the findings where it is true.
	Changed bool `json:"changed"`
	// File is the plan the finding came from, when several were linted.
	File string `json:"file,omitempty"`
	// Cost is what a cost rule priced, set by cost rules only (optional in the JSON output).
	Cost *CostDetail `json:"cost,omitempty"`

	// The fields below are filled after the rules ran (linter/source, linter/suppress,
	// linter/baseline); rules leave them empty. All are optional in the JSON output.

	// Location is where to fix the finding: the expression that gives the value at fault, followed
	// from the attribute through module variables, locals and for_each to where it is written;
	// the resource block when the attribute is not set in configuration. Nil when no source was found.
	Location *Location `json:"location,omitempty"`
	// ResourceLocation is the resource block in its module.
	ResourceLocation *Location `json:"resource_location,omitempty"`
	// AttributeLocation is the attribute inside the resource block, when configuration sets it.
	AttributeLocation *Location `json:"attribute_location,omitempty"`
	// Callers are the module calls from the root module down to the resource's module, outermost
	// first; the call sites the value passes through name the argument.
	Callers []Caller `json:"callers,omitempty"`
	// Suppressed is set when an inline comment or an ignore block accepts the finding.
	Suppressed *Suppression `json:"suppressed,omitempty"`
	// Baselined is true when the baseline file lists the finding: it is reported, but does not
	// fail the run.
	Baselined bool `json:"baselined,omitempty"`
}

// Active reports whether the finding counts towards the exit code: not suppressed, not baselined.
func (f *Finding) Active() bool { return f.Suppressed == nil && !f.Baselined }

// Counts tallies findings by severity.
type Counts struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Notice  int `json:"notice"`
	// Baselined and Suppressed count the findings left out of the severity counts above.
	Baselined  int `json:"baselined,omitempty"`
	Suppressed int `json:"suppressed,omitempty"`
}

// Count tallies findings: active ones by severity, the others as baselined or suppressed.
func Count(fs []Finding) Counts {
	var c Counts
	for _, f := range fs {
		if f.Suppressed != nil {
			c.Suppressed++
			continue
		}
		if f.Baselined {
			c.Baselined++
			continue
		}
		switch f.Severity {
		case Error:
			c.Error++
		case Warning:
			c.Warning++
		case Notice:
			c.Notice++
		}
	}
	return c
}

// CostDetail is the structured cost data a cost finding carries (the optional "cost" object of the JSON
// output): the options priced for the function, with the same kinds, amounts and bases as
// `hybridlint cost --format json` prints for it with the same plan, usage and configuration.
type CostDetail struct {
	// Function is the address of the function priced.
	Function string `json:"function"`
	// PriceDate is the price table of the run: "list prices of 2026-11-25".
	PriceDate string       `json:"price_date"`
	Options   []CostOption `json:"options"`
}

// CostOption is one priced way to run the function.
type CostOption struct {
	// Kind is on_demand, keep_warm, provisioned or container.
	Kind string `json:"kind"`
	// MonthlyUSD is the monthly cost at the expected traffic, rounded to the cent (two
	// significant digits below a cent); the fixed part alone when FixedOnly.
	MonthlyUSD float64 `json:"monthly_usd"`
	// Basis says how the option is sized: "8,760 pings x 3 a month", "4 instances".
	Basis string `json:"basis"`
	// FixedOnly is true when no expected traffic is known, so only the fixed part is priced.
	FixedOnly bool `json:"fixed_only,omitempty"`
}
