package cli

import (
	"fmt"
	"io"

	"github.com/hybridlint/terraform-provider-hybrid/linter/config"
	"github.com/hybridlint/terraform-provider-hybrid/linter/costreport"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/report"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

var (
	lintFormats = formatList{names: report.Formats}
	// costFormats: "table" is what text was called before lint and cost shared their flags.
	costFormats = formatList{names: costreport.Formats, aliases: map[string]string{"table": "text"}}
)

// costHelp is the help text of `hybridlint cost`.
const costHelp = `Usage: hybridlint cost [flags] PLAN...

Prices every function of a plan (terraform show -json output, a binary plan file, or - for stdin)
on demand, with keep-warm pings, with provisioned concurrency and as an always-on container, at
the expected traffic, and recommends one.

Flags:
  --usage FILE                expected traffic per function: YAML or JSON with resource_usage, as in an
                              infracost usage file (requests_per_month or monthly_requests, avg_duration_ms
                              or request_duration_ms, p99_duration_ms, peak_concurrency); hybrid_unit
                              workloads in the plan count too
  --metrics FILE              what the functions did in production (repeatable): CloudWatch Logs Insights
                              results, CloudWatch get-metric-data, Google Cloud Monitoring time series,
                              Azure Monitor metrics JSON, or a CSV function,metric,value; a function without
                              a --usage entry is priced from its observed invocations (scaled to a month)
                              and average duration
  --metrics-days N            the observation window when a metrics file does not say it (default 14)
  --format FORMAT[:FILE],...  text (default; table is the same), json, markdown, or html (one
                              self-contained page with a chart of cost against traffic per function);
                              several at once, each to its own file, e.g. --format text,html:cost.html
  --output FILE               write the report (the one format without its own file) to FILE
  --margin PERCENT            how much cheaper the container must be to be recommended (default: the
                              margin_percent of function_container_cheaper in the configuration, else 30)
  --idle-window MINUTES       how long an idle function stays warm: keep-warm is priced at one ping per
                              window where the plan has none (default 5)
  --azure-host-json FILE      the function app's host.json, for its functionTimeout (default: host.json in
                              --chdir DIR)
  --config FILE               configuration file for prices {} overrides (default: .hybridlint.hcl)
  --no-config                 ignore .hybridlint.hcl
  --tf-bin PATH               terraform or tofu binary to read binary plan files (default: terraform, then
                              tofu, on PATH)
  --chdir DIR                 the configuration's directory: where to run terraform for a binary plan, and
                              where .tf files are looked up for each function's file:line (default: current
                              directory)

Prices are list prices without free tiers, each with its source (hybridlint init lists them);
override them in .hybridlint.hcl: prices { aws_lambda_x86_64_gb_second = 0.000015 }.

Exit codes: 0 the report was written, 2 usage or input error, 3 internal error (a bug: please report it).
`

// cost writes the cost report: `hybridlint cost [flags] PLAN...`. It reads its inputs as lint
// does (the same flags, configuration, plans and settings) and hands them to costreport.
func (a *App) cost(args []string) (int, error) {
	o, err := parseCostArgs(args)
	if err != nil {
		return ExitUsage, err
	}
	in, err := a.readInputs(&o.commonOptions, nil)
	if err != nil {
		return ExitUsage, err
	}
	if err := refuseOverwrite(&o.commonOptions, in, nil); err != nil {
		return ExitUsage, err
	}
	// Each plan is listed, checked and let go before the next is read into a graph, and all
	// before any is priced: a plan's values and graph are most of the memory of a run, and none of
	// them is read once its functions are listed.
	settings := in.settings.Inputs()
	listings := make([]costreport.Listing, 0, len(in.plans))
	for i, p := range in.plans {
		src := sources(p, &o.commonOptions)
		g := graph.New(p.Plan)
		listings = append(listings, costreport.List(costreport.Plan{Name: o.files[i], Graph: g, Observed: in.observed.match(g), Locate: func(address string) *finding.Location {
			pl, _ := src.Locate(address, "")
			return pl.Resource
		}}, settings))
		if err := p.Plan.WrongTypesError(); err != nil {
			return ExitUsage, err
		}
		in.plans[i] = nil
	}
	rep := costreport.Price(listings, costreport.Options{Settings: settings, MarginPercent: costMargin(o, in.cfg), UsagePath: o.usage,
		MetricsPaths: o.metrics, MetricsWarnings: in.observed.warnings()})
	for _, w := range rep.Warnings {
		fmt.Fprintf(a.Stderr, "hybridlint cost: warning: %s\n", w)
	}
	for _, out := range in.outputs {
		write := func(w io.Writer) error { return rep.Write(w, out.format) }
		if out.file != "" {
			err = writeFile(out.file, write)
		} else if err = write(a.Stdout); err != nil {
			err = fmt.Errorf("writing the report: %w", err)
		}
		if err != nil {
			return ExitUsage, err
		}
	}
	return ExitClean, nil
}

// costMargin is --margin, else the margin_percent of function_container_cheaper in the
// configuration, else the rule's default.
func costMargin(o *costOptions, cfg *config.File) int {
	if o.marginSet {
		return o.margin
	}
	if cfg != nil {
		if opts, ok := cfg.Rules[rules.FunctionContainerCheaper.Name].Options.(*rules.ContainerCheaperOptions); ok {
			return opts.MarginPercent
		}
	}
	return rules.FunctionContainerCheaper.Options().(*rules.ContainerCheaperOptions).MarginPercent
}
