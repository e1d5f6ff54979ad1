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

// Build prices every function of the plans: List, then Price.
func Build(plans []Plan, o Options) *Report {
	listings := make([]Listing, 0, len(plans))
	for _, p := range plans {
		listings = append(listings, List(p, o.Settings))
	}
	return Price(listings, o)
}

// Listing is the functions of one plan, found and ready to price, holding nothing of the plan's
// graph: pricing reads none of it, so a caller that lets go of the plan and its graph once every
// plan is listed has their memory for the report (on a plan of 10,000 module calls the graph and
// the plan's values are most of the heap, and the priced report a third of it).
type Listing struct {
	name      string
	functions []listed
}

// listed is a function of a listing: the planned function without its graph instances, and the
// address and declaration they gave.
type listed struct {
	pf       serverless.PlannedFunction
	address  string
	location *finding.Location
}

// List finds the functions of a plan (serverless.PlannedFunctions) with the plan's observed traffic,
// and where each is declared.
func List(p Plan, s serverless.Inputs) Listing {
	s.Observed = p.Observed
	pfs := serverless.PlannedFunctions(p.Graph, s)
	l := Listing{name: p.Name, functions: make([]listed, len(pfs))}
	for i, pf := range pfs {
		l.functions[i] = listed{pf: detach(pf), address: pf.Instance.Address}
		if p.Locate != nil {
			l.functions[i].location = p.Locate(pf.Instance.Address)
		}
	}
	return l
}

// detach clears what a planned function points to in the graph (its instance, its pings' and its
// capacity's resources), copying the slices that hold them, so that the listing keeps no part of
// the graph alive.
func detach(pf serverless.PlannedFunction) serverless.PlannedFunction {
	pf.Instance = nil
	if len(pf.KeepWarm) > 0 {
		pings := make([]serverless.KeepWarmPing, len(pf.KeepWarm))
		for i, p := range pf.KeepWarm {
			p.Schedule, p.Target = nil, nil
			pings[i] = p
		}
		pf.KeepWarm = pings
	}
	if len(pf.Provisioned) > 0 {
		capacity := make([]serverless.ProvisionedCapacity, len(pf.Provisioned))
		for i, c := range pf.Provisioned {
			c.Config = nil
			capacity[i] = c
		}
		pf.Provisioned = capacity
	}
	return pf
}

// Price prices every function of the listings into the report.
func Price(listings []Listing, o Options) *Report {
	rep := &Report{Version: 1, Usage: o.UsagePath, Metrics: o.MetricsPaths, MarginPercent: o.MarginPercent, IdleWindowMinutes: o.Settings.IdleWindowMinutes}
	var addresses []string
	for _, l := range listings {
		rep.Plans = append(rep.Plans, l.name)
		fns := make([]Function, 0, len(l.functions))
		for _, lf := range l.functions {
			f := priceFunction(lf.pf, o.Settings, float64(o.MarginPercent))
			f.Address, f.Location = lf.address, lf.location
			if len(listings) > 1 {
				f.Plan = l.name
			}
			fns = append(fns, f)
			addresses = append(addresses, f.Address)
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
