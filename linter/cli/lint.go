package cli

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/linter/baseline"
	"github.com/hybridlint/terraform-provider-hybrid/linter/config"
	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/report"
	"github.com/hybridlint/terraform-provider-hybrid/linter/source"
	"github.com/hybridlint/terraform-provider-hybrid/linter/suppress"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// run is one lint's state as it moves through the stages.
type run struct {
	findings []finding.Finding
	anchors  [][]source.Anchor
	inline   []*suppress.Inline
	notes    []finding.Note
	errors   []string
	// unsourced counts, per plan, findings without file:line because no .tf files were found: one
	// notice says so for all of them, instead of one per plan with the same advice.
	unsourced     int
	unsourcedFrom []string
	// plans are the plans' paths, and configFiles a root-module file for each: where pipeline
	// formats attach findings without a location when the plan is outside the repository.
	plans       []string
	configFiles map[string]string
}

func (a *App) lint(args []string) (int, error) {
	o, err := parseLintArgs(args)
	if err != nil {
		return ExitUsage, err
	}
	in, err := a.readInputs(&o.commonOptions, func(cfg *config.File) { applyConfig(o, cfg) })
	if err != nil {
		return ExitUsage, err
	}
	cfg, outputs := in.cfg, in.outputs
	if a.PlansLoaded != nil {
		var resident int64
		for _, p := range in.plans {
			resident += p.Plan.ResidentBytes()
		}
		a.PlansLoaded(resident)
	}
	if err := refuseOverwrite(&o.commonOptions, in, map[string]string{o.baseline: "the baseline"}); err != nil {
		return ExitUsage, err
	}
	// Writing over the baseline read is how a baseline is updated; over any other input, never.
	if err := refuseOverwrite(&o.commonOptions, &inputs{cfg: cfg, outputs: []output{{format: "baseline", file: o.writeBaseline}}}, nil); err != nil {
		return ExitUsage, err
	}
	var base *baseline.Baseline
	if o.baseline != "" {
		if base, err = baseline.Read(o.baseline); err != nil {
			return ExitUsage, err
		}
	}
	ecfg := engine.Config{Settings: in.settings}
	var ignores []*suppress.Ignore
	if cfg != nil {
		ecfg.Rules = cfg.Rules
		ignores = cfg.Ignores
	}
	r := &run{configFiles: map[string]string{}}
	for _, p := range in.plans {
		a.lintOne(r, p, ecfg, in.observed, o, len(in.plans) > 1)
		if err := p.Plan.WrongTypesError(); err != nil {
			return ExitUsage, err
		}
	}
	for _, w := range in.observed.warnings() {
		fmt.Fprintf(a.Stderr, "hybridlint lint: warning: %s\n", w)
	}
	if r.unsourced > 0 {
		r.notes = append(r.notes, finding.Note{Message: report.NoSourcesNotice(r.unsourcedFrom, r.unsourced, o.chdir)})
	}
	r.notes = append(r.notes, suppress.Apply(suppress.Input{
		Findings: r.findings, Anchors: r.anchors, Inline: r.inline, Ignores: ignores,
		Today: a.now(), RuleRan: func(name string) bool { return ruleEnabled(ecfg, name) },
	})...)
	tool := report.Tool{Name: "hybridlint", Version: a.Version}
	if base != nil {
		r.notes = append(r.notes, base.Apply(r.findings)...)
	}
	if o.writeBaseline != "" {
		file := baseline.New(tool.Name+" "+tool.Version, r.findings)
		if err := baseline.Write(o.writeBaseline, file); err != nil {
			return ExitUsage, err
		}
		baseline.FromFile(o.writeBaseline, file).Apply(r.findings)
		r.notes = append(r.notes, finding.Note{Message: fmt.Sprintf("wrote %s with %d accepted finding(s); commit it and lint with --baseline %s",
			o.writeBaseline, len(file.Findings), o.writeBaseline)})
	}
	findings := r.findings
	if o.onlyChanged {
		findings = findings[:0:0]
		for _, f := range r.findings {
			if f.Changed {
				findings = append(findings, f)
			}
		}
	}
	engine.Sort(findings)

	rep := report.New(tool, findings, r.errors)
	rep.Notices = r.notes
	rep.Inputs = r.plans
	rep.ConfigFiles = r.configFiles
	if rep.Rules, err = ruleInfos(ecfg, needsRuleHelp(outputs)); err != nil {
		return ExitUsage, err
	}
	if err := a.writeOutputs(outputs, rep, o); err != nil {
		return ExitUsage, err
	}
	if len(r.errors) > 0 {
		return ExitInternal, fmt.Errorf("internal error: a rule failed, so the findings above may be incomplete; this is a bug in hybridlint, please report it at %s", IssuesURL)
	}
	return exitCode(findings, o.failOn), nil
}

// lintOne runs the rules over one plan and places its findings in the sources.
func (a *App) lintOne(r *run, in *plan.Input, ecfg engine.Config, observed *observedRows, o *lintOptions, several bool) {
	p := in.Plan
	g := graph.New(p)
	ecfg.Settings.Observed = observed.match(g)
	res := engine.Run(g, rules.All(), ecfg)
	r.errors = append(r.errors, res.Errors...)
	src := sources(in, &o.commonOptions)
	r.notes = append(r.notes, src.Notes...)
	r.plans = append(r.plans, p.Path)
	if file := src.RootFile(); file != "" {
		r.configFiles[p.Path] = file
	}
	unlocated := 0
	missing := map[string]bool{} // modules whose sources were not found
	r.anchors = slices.Grow(r.anchors, len(res.Findings))
	for i := range res.Findings {
		f := &res.Findings[i]
		if several {
			f.File = p.Path
		}
		pl, ok := src.Locate(f.Address, f.Attribute)
		if ok {
			pl.Apply(f)
		} else {
			unlocated++
			if m := src.MissingModule(f.Address); m != "" {
				missing[m] = true
			}
		}
		r.anchors = append(r.anchors, pl.Anchors)
	}
	if r.findings == nil {
		r.findings = res.Findings // the first plan's: no copy of 10,000 findings
	} else {
		r.findings = append(r.findings, res.Findings...)
	}
	switch {
	case unlocated > 0 && src.Empty():
		r.unsourced += unlocated
		r.unsourcedFrom = append(r.unsourcedFrom, p.Path)
	case unlocated > 0:
		r.notes = append(r.notes, finding.Note{Message: noLocationHint(p.Path, src, unlocated, missing, o.chdir)})
	}
	inline, notes := suppress.Scan(src, ruleNames())
	r.notes = append(r.notes, notes...)
	r.inline = mergeInline(r.inline, inline)
}

// mergeInline adds suppressions, once each: two plans of one configuration see the same comments.
func mergeInline(have, more []*suppress.Inline) []*suppress.Inline {
	seen := map[finding.Location]bool{}
	for _, s := range have {
		seen[s.Comment] = true
	}
	for _, s := range more {
		if !seen[s.Comment] {
			seen[s.Comment] = true
			have = append(have, s)
		}
	}
	return have
}

func noLocationHint(planPath string, src *source.Config, n int, missing map[string]bool, chdir string) string {
	dir := chdir
	if dir == "" {
		dir = "the current directory"
	}
	if len(missing) > 0 {
		mods := make([]string, 0, len(missing))
		for m := range missing {
			mods = append(mods, m)
		}
		sort.Strings(mods)
		return fmt.Sprintf("%s: %d finding(s) have no file:line because the sources of %s were not found; "+
			"run terraform init in %s (remote modules are recorded in .terraform/modules/modules.json), "+
			"or lint the binary plan file, which carries every module's configuration", planPath, n, strings.Join(mods, ", "), dir)
	}
	return fmt.Sprintf("%s: %d finding(s) have no file:line because their resources are not declared in the .tf files found "+
		"(in %s and its modules); are they the configuration this plan was made from? Lint the binary plan file to be sure", planPath, n, dir)
}

func ruleEnabled(cfg engine.Config, name string) bool {
	rc, ok := cfg.Rules[name]
	return !ok || rc.Enabled == nil || *rc.Enabled
}

// ruleInfos describes the rules that ran, with their configured severity and, when withHelp is
// set, their documentation pages.
func ruleInfos(cfg engine.Config, withHelp bool) ([]report.RuleInfo, error) {
	var out []report.RuleInfo
	for _, r := range rules.All() {
		if !ruleEnabled(cfg, r.Name) {
			continue
		}
		sev := r.Severity
		if s := cfg.Rules[r.Name].Severity; s != 0 {
			sev = s
		}
		help := ""
		if withHelp {
			page, err := rulePage(r)
			if err != nil {
				return nil, err
			}
			help = page
		}
		out = append(out, report.RuleInfo{Name: r.Name, Summary: r.Summary, Severity: sev, Category: r.Category,
			HelpURI: config.DocsURL + r.Name + ".md", Help: help})
	}
	return out, nil
}

// needsRuleHelp reports whether an output carries the rules' pages (SARIF's rule help); rendering
// them runs every rule on its example, which the other formats need not pay for.
func needsRuleHelp(outputs []output) bool {
	for _, o := range outputs {
		if o.format == "sarif" {
			return true
		}
	}
	return false
}

// applyConfig fills in the lint settings the command line left open (settings does the rules').
func applyConfig(o *lintOptions, cfg *config.File) {
	if cfg == nil {
		return
	}
	if cfg.Format != "" && !o.formatSet {
		o.outputs = []output{{format: cfg.Format}}
	}
	if cfg.FailOn != "" && !o.failOnSet {
		o.failOn = cfg.FailOn
	}
	if cfg.OnlyChanged != nil && !o.onlyChangedSet {
		o.onlyChanged = *cfg.OnlyChanged
	}
}

// exitCode is 1 when an active finding (neither suppressed nor baselined) is at or above failOn.
func exitCode(fs []finding.Finding, failOn string) int {
	if failOn == "none" {
		return ExitClean
	}
	threshold, _ := finding.ParseSeverity(failOn)
	for _, f := range fs {
		if f.Active() && f.Severity >= threshold {
			return ExitFindings
		}
	}
	return ExitClean
}

func (a *App) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}
