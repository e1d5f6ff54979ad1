package cli

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/hybridlint/terraform-provider-hybrid/linter/azurehost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/config"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/report"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/linter/source"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// What lint and cost read the same way: the configuration file, the plans, and the settings the
// rules and the cost model share. Each is read here once, so the two commands cannot drift.

// inputs are what lint and cost read before they run.
type inputs struct {
	cfg      *config.File // nil without a configuration file
	outputs  []output
	plans    []*plan.Input
	settings rules.Settings
	// observed matches the --metrics rows to each plan's functions.
	observed *observedRows
}

// readInputs reads, in this order, the configuration (handed to applyConfig, when not nil, to fill
// in what the command line left open), where the reports go, the plans and the settings.
func (a *App) readInputs(c *commonOptions, applyConfig func(*config.File)) (*inputs, error) {
	cfg, err := a.loadConfig(c)
	if err != nil {
		return nil, err
	}
	if applyConfig != nil && cfg != nil {
		applyConfig(cfg)
	}
	in := &inputs{cfg: cfg}
	if in.outputs, err = resolveOutputs(c.outputs, c.output); err != nil {
		return nil, err
	}
	if in.plans, err = a.openAll(c); err != nil {
		return nil, err
	}
	if in.settings, err = a.settings(c, cfg); err != nil {
		return nil, err
	}
	if in.observed, err = loadMetrics(c); err != nil {
		return nil, err
	}
	return in, nil
}

// observedRows are the rows of the --metrics files, matched to one plan at a time; a row is
// worth a warning when it matches a function in none of the plans.
type observedRows struct {
	rows []metrics.Row
	// unmatched counts, per row, the plans it matched nothing in, with the first reason.
	unmatched map[int]int
	reasons   map[int]serverless.UnmatchedRow
	plans     int
	// empty are the files that hold no row at all, each worth a warning of its own: an export
	// from the wrong region, project or window reads as "nothing to worry about" otherwise.
	empty []*metrics.File
	// repeated are the --metrics paths that name a file given before, read once: rows of one file
	// add up, so reading it twice would double every count.
	repeated []string
}

// loadMetrics reads every --metrics file; nil when none was given.
func loadMetrics(c *commonOptions) (*observedRows, error) {
	if len(c.metrics) == 0 {
		return nil, nil
	}
	days := c.metricsDays
	if days == 0 {
		days = metrics.DefaultWindowDays
	}
	o := &observedRows{unmatched: map[int]int{}, reasons: map[int]serverless.UnmatchedRow{}}
	var seen []os.FileInfo
	for _, path := range c.metrics {
		if info, err := os.Stat(path); err == nil {
			if slices.ContainsFunc(seen, func(s os.FileInfo) bool { return os.SameFile(s, info) }) {
				o.repeated = append(o.repeated, path)
				continue
			}
			seen = append(seen, info)
		}
		f, err := metrics.Load(path, float64(days))
		if err != nil {
			return nil, err
		}
		if len(f.Rows) == 0 {
			o.empty = append(o.empty, f)
		}
		o.rows = append(o.rows, f.Rows...)
	}
	return o, nil
}

// match returns what the functions of g were observed to do (nil without --metrics), and notes
// the rows that match none of them.
func (o *observedRows) match(g *graph.Graph) map[string]metrics.Observation {
	if o == nil {
		return nil
	}
	o.plans++
	observed, unmatched := serverless.MatchObservations(g, o.rows)
	for _, u := range unmatched {
		i := u.Index
		o.unmatched[i]++
		if _, ok := o.reasons[i]; !ok {
			o.reasons[i] = u
		}
	}
	return observed
}

// warnings are the rows that matched no function in any plan, in file order.
func (o *observedRows) warnings() []string {
	if o == nil {
		return nil
	}
	var out []string
	for _, path := range o.repeated {
		out = append(out, fmt.Sprintf("%s is given with --metrics more than once: it is read once", path))
	}
	for _, f := range o.empty {
		out = append(out, fmt.Sprintf("%s holds no function's metrics (%s): the export found no data in its window, "+
			"or looked in another region, project or resource group; nothing is judged from it", f.Path, f.Format))
	}
	for i := range o.rows {
		if n, ok := o.unmatched[i]; ok && n == o.plans {
			out = append(out, o.reasons[i].Warning())
		}
	}
	return out
}

// loadConfig reads .hybridlint.hcl (or --config FILE); nil when there is none or --no-config.
func (a *App) loadConfig(c *commonOptions) (*config.File, error) {
	if c.noConfig {
		return nil, nil
	}
	path, err := config.Find(c.config)
	if err != nil || path == "" {
		return nil, err
	}
	return config.Load(path, report.Formats, configRules())
}

// openAll reads every plan named on the command line; the first input error stops the run, since
// a pipeline that reads half its plans would pass for the wrong reason.
func (a *App) openAll(c *commonOptions) ([]*plan.Input, error) {
	opts := plan.OpenOptions{Stdin: a.Stdin, TFBin: c.tfBin, Dir: c.chdir}
	var out []*plan.Input
	for _, name := range c.files {
		in, err := plan.Open(context.Background(), name, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// sources finds the configuration a plan was made from: the binary plan's snapshot, else the .tf
// files in --chdir and its modules.
func sources(in *plan.Input, c *commonOptions) *source.Config {
	return source.Load(in.Plan, source.Options{Dir: c.chdir, PlanFile: in.PlanFile})
}

// settings builds what the rules and the cost model are run with, from the command line first,
// then the configuration (cfg may be nil): the time, the idle window, the Azure host.json, the
// expected traffic and the prices.
func (a *App) settings(c *commonOptions, cfg *config.File) (rules.Settings, error) {
	s := rules.Settings{Now: a.now(), IdleWindowMinutes: c.idleWindow}
	if cfg != nil {
		s.Prices = cfg.Prices
		if cfg.IdleWindowMinutes != nil && !c.idleWindowSet {
			s.IdleWindowMinutes = *cfg.IdleWindowMinutes
		}
	}
	var err error
	if s.AzureHost, err = azureHost(c); err != nil {
		return rules.Settings{}, err
	}
	if c.usage != "" {
		if s.Usage, err = usage.Load(c.usage); err != nil {
			return rules.Settings{}, err
		}
	}
	return s, nil
}

// azureHost reads the Azure Functions host.json given with --azure-host-json, or found in the
// configuration's directory; nil when there is none.
func azureHost(c *commonOptions) (*serverless.AzureHost, error) {
	if c.azureHostJSON != "" {
		return azurehost.Load(c.azureHostJSON)
	}
	dir := c.chdir
	if dir == "" {
		dir = "."
	}
	return azurehost.Discover(dir)
}

// refuseOverwrite stops a run whose report would replace one of its inputs (plans, configuration,
// usage, host.json, and extra: the command's own inputs), compared by file identity.
func refuseOverwrite(c *commonOptions, in *inputs, extra map[string]string) error {
	files := map[string]string{c.usage: "the usage file", c.azureHostJSON: "the host.json"}
	for _, f := range c.metrics {
		files[f] = "a metrics file"
	}
	for _, f := range c.files {
		files[f] = "the plan"
	}
	if in.cfg != nil {
		files[in.cfg.Path] = "the configuration"
	}
	for f, what := range extra {
		files[f] = what
	}
	for _, out := range in.outputs {
		flag := "--format " + out.format + ":" + out.file
		switch {
		case out.format == "baseline":
			flag = "--write-baseline"
		case out.file == c.output:
			flag = "--output"
		}
		if err := plan.RefuseOverwrite(flag, out.file, files); err != nil {
			return err
		}
	}
	return nil
}
