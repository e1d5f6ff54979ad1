// Package cli is hybridlint's command line: it parses arguments, loads plans, runs the engine and
// writes the report, and maps the outcome to the exit codes pipelines rely on: 0 clean, 1 findings
// at or above --fail-on, 2 usage or input error.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/report"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// Exit codes.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitUsage    = 2
)

// App is one invocation's environment; main fills it from the process, tests from buffers.
type App struct {
	Version string
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
	Getenv  func(string) string
	// IsTerminal reports whether stdout is a terminal (colour is used only then).
	IsTerminal bool
	// RuleDocs holds the generated rule pages (docs/rules/<name>.md), for `explain`.
	RuleDocs fs.FS
	// Now is the time rules compare dates with.
	Now func() time.Time
}

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// Run executes a command line. prog is the name the binary was invoked as: as `hybridlint` it
// lints unless the first argument is another subcommand.
func (a *App) Run(prog string, args []string) int {
	cmd := ""
	if len(args) > 0 && isCommand(args[0]) {
		cmd, args = args[0], args[1:]
	} else if strings.TrimSuffix(filepath.Base(prog), ".exe") == "hybridlint" {
		cmd = "lint"
	}
	var err error
	code := ExitClean
	switch cmd {
	case "lint":
		code, err = a.lint(args)
	case "rules":
		err = a.rules(args)
	case "explain":
		err = a.explain(args)
	case "version":
		fmt.Fprintf(a.Stdout, "hybridlint %s (reads plan JSON format %s)\n", a.Version, "0.1 up to 2.0")
	case "help", "-h", "--help":
		fmt.Fprint(a.Stdout, usage)
	case "":
		err = &usageError{msg: "missing command"}
	}
	if err != nil {
		fmt.Fprintf(a.Stderr, "hybridlint: %s\n", err)
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(a.Stderr, "run 'hybridlint help' for usage\n")
		}
		return ExitUsage
	}
	return code
}

func isCommand(s string) bool {
	switch s {
	case "lint", "rules", "explain", "version", "help", "-h", "--help":
		return true
	}
	return false
}

const usage = `hybridlint: find serverless functions that will breach time or memory limits or suffer cold starts,
in a Terraform or OpenTofu plan.

Usage:
  hybridlint lint [flags] PLAN...   lint plan JSON files (or binary plan files; "-" reads stdin)
  hybridlint rules [--format json]  list the rules
  hybridlint explain RULE           show a rule's documentation
  hybridlint version                print the version

Make a plan:  terraform plan -out tf.plan && terraform show -json tf.plan > plan.json

Lint flags:
  --format text|json        output format (default text)
  --fail-on LEVEL           exit 1 when a finding is at or above error|warning|notice; none never fails (default warning)
  --output FILE             write the report to FILE instead of stdout
  --tf-bin PATH             terraform or tofu binary used to read binary plan files (default: terraform, then tofu, on PATH)
  --chdir DIR               directory to run terraform in when converting a binary plan (default: current directory)
  --idle-window MINUTES     how long an idle function stays warm, for keep-warm rules (default 5)
  --no-color                no colour in text output (also: NO_COLOR set, or output not a terminal)

Exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 usage or input error.
`

// lintOptions are the lint command's flags.
type lintOptions struct {
	format     string
	failOn     string
	output     string
	tfBin      string
	chdir      string
	idleWindow int
	noColor    bool
	files      []string
}

func parseLintArgs(args []string) (*lintOptions, error) {
	o := &lintOptions{format: "text", failOn: "warning", idleWindow: 5}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "-" || !strings.HasPrefix(arg, "-") {
			o.files = append(o.files, arg)
			continue
		}
		if arg == "--" {
			o.files = append(o.files, args[i+1:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		needValue := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", &usageError{msg: fmt.Sprintf("flag --%s needs a value", name)}
			}
			i++
			return args[i], nil
		}
		var err error
		switch name {
		case "format", "f":
			o.format, err = needValue()
		case "fail-on":
			o.failOn, err = needValue()
		case "output", "o":
			o.output, err = needValue()
		case "tf-bin":
			o.tfBin, err = needValue()
		case "chdir":
			o.chdir, err = needValue()
		case "idle-window":
			var v string
			if v, err = needValue(); err == nil {
				if _, scanErr := fmt.Sscanf(v, "%d", &o.idleWindow); scanErr != nil || o.idleWindow <= 0 {
					err = &usageError{msg: fmt.Sprintf("--idle-window %q: want a whole number of minutes above 0", v)}
				}
			}
		case "no-color":
			o.noColor = true
		case "h", "help":
			return nil, &usageError{msg: "lint usage:\n" + usage}
		default:
			err = &usageError{msg: fmt.Sprintf("unknown flag %s", arg)}
		}
		if err != nil {
			return nil, err
		}
	}
	switch o.format {
	case "text", "json":
	default:
		return nil, &usageError{msg: fmt.Sprintf("unknown --format %q (use text or json)", o.format)}
	}
	switch o.failOn {
	case "error", "warning", "notice", "none":
	default:
		return nil, &usageError{msg: fmt.Sprintf("unknown --fail-on %q (use error, warning, notice or none)", o.failOn)}
	}
	if len(o.files) == 0 {
		return nil, &usageError{msg: "no plan given: pass a plan JSON file, a binary plan file, or - for stdin\n  " +
			"make one with: terraform plan -out tf.plan && terraform show -json tf.plan > plan.json"}
	}
	return o, nil
}

func (a *App) lint(args []string) (int, error) {
	o, err := parseLintArgs(args)
	if err != nil {
		return ExitUsage, err
	}
	plans, err := a.loadAll(o)
	if err != nil {
		return ExitUsage, err
	}
	cfg := engine.Config{Settings: rules.Settings{Now: a.now(), IdleWindowMinutes: o.idleWindow}}
	var findings []finding.Finding
	var ruleErrors []string
	for _, p := range plans {
		res := engine.Run(graph.New(p), rules.All(), cfg)
		if len(plans) > 1 {
			for i := range res.Findings {
				res.Findings[i].File = p.Path
			}
		}
		findings = append(findings, res.Findings...)
		ruleErrors = append(ruleErrors, res.Errors...)
	}
	engine.Sort(findings)
	rep := report.New(report.Tool{Name: "hybridlint", Version: a.Version}, findings, ruleErrors)

	out := a.Stdout
	color := a.IsTerminal && !o.noColor && a.Getenv("NO_COLOR") == ""
	if o.output != "" {
		f, err := os.Create(o.output)
		if err != nil {
			return ExitUsage, fmt.Errorf("writing the report: %w", err)
		}
		defer f.Close()
		out, color = f, false
	}
	switch o.format {
	case "json":
		err = report.JSON(out, rep)
	default:
		err = report.Text(out, rep, color)
	}
	if err != nil {
		return ExitUsage, fmt.Errorf("writing the report: %w", err)
	}
	if len(ruleErrors) > 0 {
		return ExitUsage, errors.New("a rule failed; the findings above may be incomplete")
	}
	return exitCode(findings, o.failOn), nil
}

func exitCode(fs []finding.Finding, failOn string) int {
	if failOn == "none" {
		return ExitClean
	}
	threshold, _ := finding.ParseSeverity(failOn)
	for _, f := range fs {
		if f.Severity >= threshold {
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

// loadAll reads every input; the first input error stops the run, since a pipeline that lints
// half its plans would pass for the wrong reason.
func (a *App) loadAll(o *lintOptions) ([]*plan.Plan, error) {
	var plans []*plan.Plan
	for _, name := range o.files {
		p, err := a.load(name, o)
		if err != nil {
			return nil, err
		}
		plans = append(plans, p)
	}
	return plans, nil
}

func (a *App) load(name string, o *lintOptions) (*plan.Plan, error) {
	if name == "-" {
		data, err := io.ReadAll(a.Stdin)
		if err != nil {
			return nil, fmt.Errorf("<stdin>: reading: %w", err)
		}
		return plan.Parse("<stdin>", data)
	}
	info, err := os.Stat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &plan.InputError{Path: name, Problem: "no such file",
			Hint: "check the path; make a plan with: terraform plan -out tf.plan && terraform show -json tf.plan > plan.json"}
	case err != nil:
		return nil, &plan.InputError{Path: name, Problem: err.Error()}
	case info.IsDir():
		return nil, &plan.InputError{Path: name, Problem: "is a directory, not a plan file",
			Hint: "pass the plan JSON file itself (e.g. " + filepath.Join(name, "plan.json") + ")"}
	}
	if binary, _ := plan.IsBinaryPlanFile(name); binary {
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
	return plan.Load(name)
}

func (a *App) rules(args []string) error {
	asJSON := false
	for _, arg := range args {
		switch arg {
		case "--format=json", "json":
			asJSON = true
		case "--format", "--format=text", "text":
		default:
			return &usageError{msg: fmt.Sprintf("rules: unexpected argument %q", arg)}
		}
	}
	all := rules.All()
	if asJSON {
		type row struct {
			Name     string           `json:"name"`
			Severity finding.Severity `json:"severity"`
			Category finding.Category `json:"category"`
			Summary  string           `json:"summary"`
		}
		rows := make([]row, 0, len(all))
		for _, r := range all {
			rows = append(rows, row{r.Name, r.Severity, r.Category, r.Summary})
		}
		return writeJSON(a.Stdout, rows)
	}
	tw := tabwriter.NewWriter(a.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tCATEGORY\tSUMMARY")
	for _, r := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name, r.Severity, r.Category, r.Summary)
	}
	return tw.Flush()
}

func (a *App) explain(args []string) error {
	if len(args) != 1 {
		return &usageError{msg: "explain needs one rule name; 'hybridlint rules' lists them"}
	}
	r := rules.ByName(args[0])
	if r == nil {
		return &usageError{msg: fmt.Sprintf("no rule named %q; 'hybridlint rules' lists them", args[0])}
	}
	if a.RuleDocs != nil {
		if page, err := fs.ReadFile(a.RuleDocs, r.Name+".md"); err == nil {
			_, err = a.Stdout.Write(page)
			return err
		}
	}
	_, err := fmt.Fprintf(a.Stdout, "# %s\n\n%s (%s, %s)\n\n## Why\n\n%s\n\n## How to fix\n\n%s\n",
		r.Name, r.Summary, r.Severity, r.Category, r.Doc.Why, r.Doc.HowToFix)
	return err
}
