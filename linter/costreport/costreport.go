// Package costreport is `hybridlint cost`: for every function in a plan, what a month costs on
// demand, kept warm by pings, with provisioned concurrency (or always-ready instances) and as an
// always-on container, the traffic at which those options trade places, and which to choose. It
// prints a table per function, JSON, Markdown, or one self-contained HTML page with a chart of cost
// against traffic per function.
//
// The numbers come from the same code the cost rules use: rules.PlannedFunctions finds the
// functions, their traffic (--usage, hybrid_unit workloads) and what keeps them warm; internal/cost
// prices the options.
package costreport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/azurehost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/config"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/report"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// Exit codes, as for lint: 0 done, 2 a usage or input error (nothing is priced then).
const (
	ExitOK    = 0
	ExitUsage = 2
)

// Formats are the output formats of the cost report.
var Formats = []string{"table", "json", "markdown", "html"}

// Usage is the help text of `hybridlint cost`.
const Usage = `Usage: hybridlint cost [flags] PLAN...

Prices every function of a plan (terraform show -json output, a binary plan file, or - for stdin)
on demand, with keep-warm pings, with provisioned concurrency and as an always-on container, at
the expected traffic, and recommends one.

Flags:
  --usage FILE           expected traffic per function: YAML or JSON with resource_usage, as in an
                         infracost usage file (requests_per_month or monthly_requests, avg_duration_ms
                         or request_duration_ms, p99_duration_ms, peak_concurrency); hybrid_unit
                         workloads in the plan count too
  --format FORMAT        table (default), json, markdown, or html (one self-contained page with a chart
                         of cost against traffic per function)
  --output FILE          write the report to FILE instead of stdout
  --margin PERCENT       how much cheaper the container must be to be recommended (default: the
                         margin_percent of function_container_cheaper in the configuration, else 30)
  --idle-window MINUTES  how long an idle function stays warm: keep-warm is priced at one ping per
                         window where the plan has none (default 5)
  --config FILE          configuration file for prices {} overrides (default: .hybridlint.hcl)
  --no-config            ignore .hybridlint.hcl
  --tf-bin PATH          terraform or tofu binary to read binary plan files
  --chdir DIR            directory to run terraform in for a binary plan (default: current directory)

Prices are list prices without free tiers, each with its source (hybridlint init lists them);
override them in .hybridlint.hcl: prices { aws_lambda_x86_64_gb_second = 0.000015 }.

Exit codes: 0 the report was written, 2 usage or input error.
`

// options are the command's flags.
type options struct {
	usage, format, output, config, tfBin, chdir string
	noConfig                                    bool
	margin, idleWindow                          int
	marginSet, idleWindowSet                    bool
	plans                                       []string
}

// Command runs `hybridlint cost` with args (after the subcommand) and returns the exit code.
// Messages about bad input name the file, what is wrong and what to do, on stderr. getenv is the
// environment (NO_COLOR and the like); the report itself uses no colour.
func Command(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) (code int) {
	_ = getenv
	defer func() {
		// A bug must not end a pipeline with a goroutine dump: say what happened, and exit 2.
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "hybridlint cost: internal error: %v\n  this is a bug in hybridlint; please report it with the command you ran\n", p)
			code = ExitUsage
		}
	}()
	o, err := parseArgs(args)
	if errors.Is(err, errHelp) {
		fmt.Fprint(stdout, Usage)
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "hybridlint cost: %v\nrun 'hybridlint cost --help' for usage\n", err)
		return ExitUsage
	}
	rep, err := run(o, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "hybridlint cost: %v\n", err)
		return ExitUsage
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "hybridlint cost: warning: %s\n", w)
	}
	if err := write(o, rep, stdout); err != nil {
		fmt.Fprintf(stderr, "hybridlint cost: %v\n", err)
		return ExitUsage
	}
	return ExitOK
}

var errHelp = errors.New("help")

func parseArgs(args []string) (*options, error) {
	o := &options{format: "table", margin: 30, idleWindow: 5}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "-" || !strings.HasPrefix(arg, "-") {
			o.plans = append(o.plans, arg)
			continue
		}
		if arg == "--" {
			o.plans = append(o.plans, args[i+1:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		need := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("flag --%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		var err error
		switch name {
		case "usage":
			o.usage, err = need()
		case "format", "f":
			o.format, err = need()
		case "output", "o":
			o.output, err = need()
		case "config":
			o.config, err = need()
		case "tf-bin":
			o.tfBin, err = need()
		case "chdir":
			o.chdir, err = need()
		case "no-config":
			o.noConfig = true
		case "margin":
			o.margin, err = intFlag(name, need, 0, 100)
			o.marginSet = true
		case "idle-window":
			o.idleWindow, err = intFlag(name, need, 1, 24*60)
			o.idleWindowSet = true
		case "h", "help":
			return nil, errHelp
		default:
			err = fmt.Errorf("unknown flag %s", arg)
		}
		if err != nil {
			return nil, err
		}
	}
	if !contains(Formats, o.format) {
		return nil, fmt.Errorf("unknown --format %q: use %s", o.format, strings.Join(Formats, ", "))
	}
	if len(o.plans) == 0 {
		return nil, errors.New("no plan given: pass a plan JSON file, a binary plan file, or - for stdin\n  " +
			"make one with: terraform plan -out tf.plan && terraform show -json tf.plan > plan.json")
	}
	return o, nil
}

func intFlag(name string, need func() (string, error), lo, hi int) (int, error) {
	v, err := need()
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("--%s %q: use a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// run reads the inputs and prices every function.
func run(o *options, stdin io.Reader) (*Report, error) {
	settings := rules.Settings{IdleWindowMinutes: o.idleWindow}
	cfg, err := loadConfig(o)
	if err != nil {
		return nil, err
	}
	if cfg != nil {
		settings.Prices = cfg.Prices
		if cfg.IdleWindowMinutes != nil && !o.idleWindowSet {
			settings.IdleWindowMinutes = *cfg.IdleWindowMinutes
		}
		if opts, ok := cfg.Rules[rules.FunctionContainerCheaper.Name].Options.(*rules.ContainerCheaperOptions); ok && !o.marginSet {
			o.margin = opts.MarginPercent
		}
	}
	if o.usage != "" {
		if settings.Usage, err = usage.Load(o.usage); err != nil {
			return nil, err
		}
	}
	dir := o.chdir
	if dir == "" {
		dir = "."
	}
	if settings.AzureHost, err = azurehost.Discover(dir); err != nil {
		return nil, err
	}
	rep := &Report{Version: 1, Plans: o.plans, Usage: o.usage, MarginPercent: o.margin, IdleWindowMinutes: settings.IdleWindowMinutes}
	var addresses []string
	for _, name := range o.plans {
		p, err := loadPlan(name, o, stdin)
		if err != nil {
			return nil, err
		}
		fns := build(graph.New(p), settings, float64(o.margin))
		for i := range fns {
			if len(o.plans) > 1 {
				fns[i].Plan = name
			}
			addresses = append(addresses, fns[i].Address)
		}
		rep.Functions = append(rep.Functions, fns...)
	}
	for _, u := range settings.Usage.Unused(addresses) {
		rep.Warnings = append(rep.Warnings, u+" matches no function in the plan: check the address")
	}
	rep.finish(settings)
	return rep, nil
}

func loadConfig(o *options) (*config.File, error) {
	if o.noConfig {
		return nil, nil
	}
	path, err := config.Find(o.config)
	if err != nil || path == "" {
		return nil, err
	}
	return config.Load(path, report.Formats)
}

// loadPlan reads one plan: JSON from a file or stdin, or a binary plan file through terraform or
// tofu show -json. plan.Load explains a missing file or a directory.
func loadPlan(name string, o *options, stdin io.Reader) (*plan.Plan, error) {
	if name == "-" {
		data, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("<stdin>: reading: %w", err)
		}
		return plan.Parse("<stdin>", data)
	}
	if binary, _ := plan.IsBinaryPlanFile(name); !binary {
		return plan.Load(name)
	}
	dir := o.chdir
	if dir == "" {
		dir = "."
	}
	data, err := plan.Convert(context.Background(), name, o.tfBin, dir)
	if err != nil {
		return nil, err
	}
	return plan.Parse(name, data)
}

// write renders the report in the chosen format, to --output or stdout.
func write(o *options, rep *Report, stdout io.Writer) (err error) {
	out := stdout
	if o.output != "" {
		f, err := os.Create(o.output)
		if err != nil {
			return fmt.Errorf("%s: cannot write the report: %w", o.output, err)
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("%s: %w", o.output, cerr)
			}
		}()
		out = f
	}
	switch o.format {
	case "json":
		err = rep.JSON(out)
	case "markdown":
		err = rep.Markdown(out)
	case "html":
		err = rep.HTML(out)
	default:
		err = rep.Table(out)
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}

// usd rounds an amount to the cent for JSON.
func usd(x float64) float64 {
	if x != 0 && x < 0.01 && x > -0.01 {
		v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 2, 64), 64)
		return v
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 2, 64), 64)
	return v
}
