package engine

import (
	"fmt"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/ruledoc"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// Documentation runs each rule on the example plan of its Doc, with the example settings and its
// default options, and returns what its page shows; ruledoc renders it. docs/rules, `hybridlint
// explain` and SARIF rule help all come from here, so they cannot disagree.
func Documentation(all []*rules.Rule) ([]ruledoc.Rule, error) {
	out := make([]ruledoc.Rule, 0, len(all))
	for _, r := range all {
		doc, err := documentation(r)
		if err != nil {
			return nil, fmt.Errorf("documenting rule %s: %w", r.Name, err)
		}
		out = append(out, doc)
	}
	return out, nil
}

func documentation(r *rules.Rule) (ruledoc.Rule, error) {
	planJSON := r.Doc.Example.JSON()
	p, err := plan.Parse(r.Name+" example", planJSON)
	if err != nil {
		return ruledoc.Rule{}, fmt.Errorf("its example plan does not load: %w", err)
	}
	settings := rules.ExampleSettings()
	settings.Observed = r.Doc.Example.ObservedByAddress()
	res := Run(graph.New(p), []*rules.Rule{r}, Config{Settings: settings})
	if len(res.Errors) > 0 {
		return ruledoc.Rule{}, fmt.Errorf("running it on its example plan: %s", strings.Join(res.Errors, "; "))
	}
	var options []ruledoc.Option
	if r.Options != nil {
		options = ruledoc.Options(r.Options())
	}
	return ruledoc.Rule{
		Name: r.Name, Severity: r.Severity, Category: r.Category, Summary: r.Summary,
		Why: r.Doc.Why, HowToFix: r.Doc.HowToFix, Sources: r.Doc.Sources, Options: options,
		Example: ruledoc.Example{Note: r.Doc.Example.Note, Plan: planJSON, Metrics: r.Doc.Example.MetricsCSV(), Findings: res.Findings},
	}, nil
}
