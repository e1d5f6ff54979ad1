// Package costreport is the model and the renderers of `hybridlint cost`: for every function in a
// plan, what a month costs on demand, kept warm by pings, with provisioned concurrency (or
// always-ready instances) and as an always-on container, the traffic at which those options trade
// places, and which to choose. It renders the report as text (a table per function), JSON,
// Markdown, or one self-contained HTML page with a chart of cost against traffic per function.
//
// It reads no file and parses no flag: the CLI (linter/cli) opens the plans, reads the
// configuration, the usage file and host.json, and hands the graphs and settings to Build.
//
// The numbers come from the same code the cost rules use: serverless.PlannedFunctions finds the
// functions, their traffic (--usage, hybrid_unit workloads) and what keeps them warm; internal/cost
// prices the options.
package costreport

import (
	"fmt"
	"io"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// Formats are the output formats of the cost report.
var Formats = []string{"text", "json", "markdown", "html"}

// Plan is one plan to price.
type Plan struct {
	// Name is the plan as the user named it ("-" for standard input).
	Name  string
	Graph *graph.Graph
	// Locate returns where an instance's resource block is declared; nil, or a nil result, when
	// the sources are not at hand.
	Locate func(address string) *finding.Location
	// Observed is what the plan's functions did in production (--metrics rows matched to this
	// plan), by address; nil without --metrics. A function without a usage entry is priced
	// from it (serverless.ObservedTraffic).
	Observed map[string]metrics.Observation
}

// Options are what the report is built with besides the plans.
type Options struct {
	// Settings are what the serverless model reads besides the plan: idle window, host.json,
	// expected traffic, prices.
	Settings serverless.Inputs
	// MarginPercent is how much cheaper a container must be to be recommended.
	MarginPercent int
	// UsagePath is the --usage file, for the report to name; "" when none was given.
	UsagePath string
	// MetricsPaths are the --metrics files, for the report to name; MetricsWarnings name the
	// rows of them that match no function of any plan.
	MetricsPaths    []string
	MetricsWarnings []string
}

// Build prices every function of the plans.
func Build(plans []Plan, o Options) *Report {
	rep := &Report{Version: 1, Usage: o.UsagePath, Metrics: o.MetricsPaths, MarginPercent: o.MarginPercent, IdleWindowMinutes: o.Settings.IdleWindowMinutes}
	var addresses []string
	for _, p := range plans {
		rep.Plans = append(rep.Plans, p.Name)
		settings := o.Settings
		settings.Observed = p.Observed
		fns := build(p.Graph, settings, float64(o.MarginPercent))
		for i := range fns {
			if len(plans) > 1 {
				fns[i].Plan = p.Name
			}
			if p.Locate != nil {
				fns[i].Location = p.Locate(fns[i].Address)
			}
			addresses = append(addresses, fns[i].Address)
		}
		if rep.Functions == nil {
			rep.Functions = fns // one plan (the usual case): no second copy of its functions
		} else {
			rep.Functions = append(rep.Functions, fns...)
		}
	}
	for _, u := range o.Settings.Usage.Unused(addresses) {
		rep.Warnings = append(rep.Warnings, u+" matches no function in the plan: check the address")
	}
	rep.Warnings = append(rep.Warnings, o.MetricsWarnings...)
	rep.finish(o.Settings)
	return rep
}

// Write renders the report in format, one of Formats ("table" is text, its name before 2026-12).
func (r *Report) Write(w io.Writer, format string) error {
	switch format {
	case "text", "table":
		return r.Text(w)
	case "json":
		return r.JSON(w)
	case "markdown":
		return r.Markdown(w)
	case "html":
		return r.HTML(w)
	}
	return fmt.Errorf("no cost report format %q", format)
}

// usd rounds an amount to the cent for JSON.
func usd(x float64) float64 { return serverless.RoundUSD(x) }
