package engine

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/ruledoc"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// Documentation runs each rule on the example plan of its Doc, with the example settings and its
// default options, and returns what its page shows; ruledoc renders it. docs/rules, `hybridlint
// explain` and SARIF rule help all come from here, so they cannot disagree. all are the rules a
// run of hybridlint has: the other rules that report on an example are named in its page, and the
// example's configuration turns them off.
func Documentation(all []*rules.Rule) ([]ruledoc.Rule, error) {
	out := make([]ruledoc.Rule, 0, len(all))
	for _, r := range all {
		doc, err := RuleDocumentation(r, all)
		if err != nil {
			return nil, err
		}
		out = append(out, doc)
	}
	return out, nil
}

// RuleDocumentation is Documentation for one rule of all.
func RuleDocumentation(r *rules.Rule, all []*rules.Rule) (ruledoc.Rule, error) {
	return RuleDocumentationAt(r, all, rules.ExampleSettings().Now)
}

// RuleDocumentationAt is RuleDocumentation with the rules' clock at now instead of the example
// date the pages are written for. A page's example output depends on the date only where a rule
// compares dates (a runtime's end of support); the test that runs each page's command with the
// real clock compares the binary's output with this, so the page's date passing cannot break it.
func RuleDocumentationAt(r *rules.Rule, all []*rules.Rule, now time.Time) (ruledoc.Rule, error) {
	doc, err := documentation(r, all, now)
	if err != nil {
		return ruledoc.Rule{}, fmt.Errorf("documenting rule %s: %w", r.Name, err)
	}
	return doc, nil
}

func documentation(r *rules.Rule, all []*rules.Rule, now time.Time) (ruledoc.Rule, error) {
	planJSON := r.Doc.Example.JSON()
	p, err := plan.Parse(r.Name+" example", planJSON)
	if err != nil {
		return ruledoc.Rule{}, fmt.Errorf("its example plan does not load: %w", err)
	}
	settings := rules.ExampleSettings()
	settings.Now = now
	settings.Observed = r.Doc.Example.ObservedByAddress()
	res := Run(graph.New(p), []*rules.Rule{r}, Config{Settings: settings})
	if len(res.Errors) > 0 {
		return ruledoc.Rule{}, fmt.Errorf("running it on its example plan: %s", strings.Join(res.Errors, "; "))
	}
	everyRule := Run(graph.New(p), all, Config{Settings: settings})
	if len(everyRule.Errors) > 0 {
		return ruledoc.Rule{}, fmt.Errorf("running every rule on its example plan: %s", strings.Join(everyRule.Errors, "; "))
	}
	var options []ruledoc.Option
	if r.Options != nil {
		options = ruledoc.Options(r.Options())
	}
	return ruledoc.Rule{
		Name: r.Name, Severity: r.Severity, Category: r.Category, Summary: r.Summary,
		Why: r.Doc.Why, HowToFix: r.Doc.HowToFix, Sources: r.Doc.Sources, Options: options,
		Example: ruledoc.Example{Note: r.Doc.Example.Note, Plan: planJSON, Metrics: r.Doc.Example.MetricsCSV(),
			Findings: res.Findings, Disabled: otherRules(everyRule.Findings, r.Name)},
	}, nil
}

// otherRules are the rules other than name that made fs, sorted.
func otherRules(fs []finding.Finding, name string) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range fs {
		if f.Rule != name && !seen[f.Rule] {
			seen[f.Rule] = true
			out = append(out, f.Rule)
		}
	}
	sort.Strings(out)
	return out
}
