// Package engine runs rules over a graph with the user's choices applied: which rules are on, at
// what severity, with what options. It is the only place that knows all three, so rules stay
// ignorant of configuration and reports stay ignorant of rules.
package engine

import (
	"fmt"
	"runtime/debug"
	"sort"

	"github.com/hybridlint/terraform-provider-hybrid/linter/config"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// Config is a run's configuration.
type Config struct {
	Rules    map[string]config.RuleConfig
	Settings rules.Settings
}

// Result is what a run produced: findings, and rules that failed (a bug in hybridlint, reported
// rather than crashing the pipeline).
type Result struct {
	Findings []finding.Finding
	Errors   []string
}

// Run applies every enabled rule to g.
func Run(g *graph.Graph, all []*rules.Rule, cfg Config) Result {
	var res Result
	// Each rule's findings are copied once, into a slice of their total: appended rule by rule,
	// 10,000 findings of 224 bytes took 3 MB of growing copies on the many-modules plan.
	type ran struct {
		pass     *rules.Pass
		severity finding.Severity
	}
	var passes []ran
	total := 0
	for _, r := range all {
		rc := cfg.Rules[r.Name]
		if rc.Enabled != nil && !*rc.Enabled {
			continue
		}
		pass, err := runOne(r, g, rc.Options, cfg.Settings)
		if err != nil {
			res.Errors = append(res.Errors, err.Error())
			continue
		}
		passes = append(passes, ran{pass: pass, severity: rc.Severity})
		total += pass.Len()
	}
	if total > 0 {
		res.Findings = make([]finding.Finding, 0, total)
		for _, p := range passes {
			from := len(res.Findings)
			res.Findings = p.pass.AppendFindings(res.Findings)
			if p.severity != 0 {
				for i := from; i < len(res.Findings); i++ {
					res.Findings[i].Severity = p.severity
				}
			}
		}
	}
	Sort(res.Findings)
	return res
}

func runOne(r *rules.Rule, g *graph.Graph, options any, settings rules.Settings) (pass *rules.Pass, err error) {
	defer func() {
		if p := recover(); p != nil {
			if _, changed := plan.ChangedWhileRead(p); changed {
				panic(p) // not a bug in the rule: the plan file was truncated under us (see cli.App.Run)
			}
			err = fmt.Errorf("rule %s failed on %s: %v (this is a bug in hybridlint; please report it with this trace)\n%s",
				r.Name, g.Plan.Path, p, debug.Stack())
		}
	}()
	pass = rules.NewPass(r, g, options, settings)
	pass.Run()
	return pass, nil
}

// Sort orders findings for reading: most severe first, then by resource, rule and message.
func Sort(fs []finding.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j] // not copies: a finding is 224 bytes
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}
