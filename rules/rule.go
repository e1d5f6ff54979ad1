// Package rules holds hybridlint's rules, one per file, and the registry that lists them. A rule is
// a plain value, like a go/analysis Analyzer: its name, default severity, documentation and a Check
// function that reads the resource graph and reports findings. Rules never read files, never print
// and never know the output format.
package rules

import (
	"slices"
	"sort"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
)

// Rule is one check.
type Rule struct {
	// Name is the public, stable identifier pipelines and suppressions key on.
	Name     string
	Severity finding.Severity
	Category finding.Category
	// Summary is one line, lower case, without a trailing period.
	Summary string
	Doc     Doc
	// Options returns the rule's options set to their defaults: a pointer to a struct whose fields
	// carry hcl tags, decoded from the rule's block in .hybridlint.hcl. Nil when the rule has none.
	// When the struct has a `Validate() error` method, the configuration calls it after decoding,
	// so an out-of-range value is an error at the rule's block rather than nonsense findings.
	Options func() any
	// Check inspects the graph and reports through the pass.
	Check func(*Pass)
}

// Doc is the rule's documentation; docs/rules/<name>.md is generated from it.
type Doc struct {
	// Why explains what goes wrong at run time, with the source of the limit.
	Why string
	// HowToFix lists the ways out, cheapest first.
	HowToFix string
	// Sources are the pages or files the numbers come from.
	Sources []string
	// Example is a plan the rule reports on; the page shows it with hybridlint's real output.
	Example Example
}

// Settings are the inputs every rule may read besides the graph.
type Settings struct {
	// Now is the time rules compare dates with (runtime deprecations); injectable for tests.
	Now time.Time
	// IdleWindowMinutes is how long an idle function stays warm; keep-warm schedules slower than
	// this keep nothing warm.
	IdleWindowMinutes int
	// AzureHost is the functionTimeout of the host.json given with --azure-host-json or found
	// beside the configuration; nil when there is none (the Azure rules then use the plan's default).
	AzureHost *serverless.AzureHost
	// Usage is the expected traffic per function read from --usage (linter/usage); nil when none was
	// given. The cost rules also read the workload of hybrid_unit resources in the plan.
	Usage *usage.File
	// Prices are the prices the cost rules use: the list prices with the overrides of
	// .hybridlint.hcl's prices block (linter/config); nil means the list prices.
	Prices *cost.Prices
	// Observed is what each function did in production (--metrics), by plan address; nil when no
	// metrics were given. The function_observed_* rules read it.
	Observed map[string]metrics.Observation
}

// Inputs are the settings the serverless model reads.
func (s Settings) Inputs() serverless.Inputs {
	return serverless.Inputs{IdleWindowMinutes: s.IdleWindowMinutes, AzureHost: s.AzureHost, Usage: s.Usage, Prices: s.Prices, Observed: s.Observed}
}

// Pass is one rule's run over one graph.
type Pass struct {
	Rule     *Rule
	Graph    *graph.Graph
	Options  any
	Settings Settings
	// findings are kept in chunks, each twice the one before up to 1,024 findings: grown as one
	// slice, every finding was copied again at each growth, and a rule reporting on each of 6,250
	// functions allocated twice what it keeps. AppendFindings copies them out once.
	findings [][]finding.Finding
	count    int
}

// NewPass prepares a run of rule over g with the given options (nil for the defaults).
func NewPass(rule *Rule, g *graph.Graph, options any, settings Settings) *Pass {
	if options == nil && rule.Options != nil {
		options = rule.Options()
	}
	return &Pass{Rule: rule, Graph: g, Options: options, Settings: settings}
}

// Report records a finding. The rule's name and category are filled in, the rule's default
// severity is used when the finding sets none, and Changed is worked out from the resources
// involved (graph.Changed).
func (p *Pass) Report(f finding.Finding) {
	f.Rule = p.Rule.Name
	f.Category = p.Rule.Category
	if f.Severity == 0 {
		f.Severity = p.Rule.Severity
	}
	f.Related = dedupe(f.Related, f.Address)
	f.Changed = p.Graph.Changed(f.Address) || p.Graph.Changed(f.Related...)
	if n := len(p.findings); n == 0 || len(p.findings[n-1]) == cap(p.findings[n-1]) {
		size := 8
		if n > 0 {
			size = min(2*cap(p.findings[n-1]), 1024)
		}
		p.findings = append(p.findings, make([]finding.Finding, 0, size))
	}
	last := &p.findings[len(p.findings)-1]
	*last = append(*last, f)
	p.count++
}

// Run executes the rule; Len and AppendFindings then give its findings.
func (p *Pass) Run() { p.Rule.Check(p) }

// Len is how many findings the rule reported.
func (p *Pass) Len() int { return p.count }

// AppendFindings appends the rule's findings to dst, in the order reported.
func (p *Pass) AppendFindings(dst []finding.Finding) []finding.Finding {
	dst = slices.Grow(dst, p.count)
	for _, chunk := range p.findings {
		dst = append(dst, chunk...)
	}
	return dst
}

// dedupe returns addrs sorted, each once, without "" and primary; never nil.
func dedupe(addrs []string, primary string) []string {
	out := make([]string, 0, len(addrs))
	for _, a := range addrs {
		if a != "" && a != primary {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Example is the plan a rule's documentation page runs the rule on. It lives in the rule's own
// file, in Doc; the page shows the resources the findings involve and what hybridlint prints.
type Example struct {
	// Note says in a sentence what the plan gets wrong.
	Note string
	// Plan lists the example plan's resource instances, as `terraform show -json` would plan them.
	Plan []ExampleResource
	// Observed is what the example's functions did in production, for the rules that read
	// --metrics; the page shows it as the neutral CSV (MetricsCSV).
	Observed []metrics.Observation
}

// ExampleResource is one resource instance of an example plan.
type ExampleResource = plantest.Resource

// JSON renders the example as plan JSON.
func (e Example) JSON() []byte { return plantest.New().Add(e.Plan...).JSON() }
