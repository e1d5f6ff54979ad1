// Package cli is hybridlint's command line: it parses arguments, loads plans, runs the engine and
// writes the report, and maps the outcome to the exit codes pipelines rely on: 0 clean, 1 findings
// at or above --fail-on, 2 usage or input error.
package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/ruledoc"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// Exit codes.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitUsage    = 2
	// ExitInternal is a bug in hybridlint (a recovered panic, a rule that failed), which CI must
	// be able to tell from a bad plan.
	ExitInternal = 3
)

// IssuesURL is where internal errors are to be reported.
const IssuesURL = "https://github.com/hybridlint/terraform-provider-hybrid/issues"

// App is one invocation's environment; main fills it from the process, tests from buffers.
type App struct {
	Version string
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
	Getenv  func(string) string
	// IsTerminal reports whether stdout is a terminal (colour is used only then).
	IsTerminal bool
	// Now is the time rules compare dates with.
	Now func() time.Time
	// PlansLoaded, when set, is told how much of the plans may be resident while the rules run
	// (plan.Plan.ResidentBytes, summed), once lint has loaded them: main sizes the collector's
	// budget with it.
	PlansLoaded func(resident int64)
}

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// Run executes a command line. prog is the name the binary was invoked as: as `hybridlint` it
// lints unless the first argument is another subcommand.
func (a *App) Run(prog string, args []string) (code int) {
	cmd := ""
	if len(args) > 0 && isCommand(args[0]) {
		cmd, args = args[0], args[1:]
	} else if strings.TrimSuffix(filepath.Base(prog), ".exe") == "hybridlint" {
		cmd = "lint"
	}
	// Messages of the cost report say so; lint's, the default command's, say hybridlint.
	prefix, helpHint := "hybridlint", "hybridlint help"
	if cmd == "cost" || cmd == "queries" {
		prefix, helpHint = "hybridlint "+cmd, "hybridlint "+cmd+" --help"
	}
	// A plan file is mapped into memory (plan.Load): when another process truncates it meanwhile,
	// reading it faults. Faults panic instead of killing the process, and become an input error.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		// A bug must not end a pipeline with a goroutine dump, nor pass for a bad plan: exit 3.
		if p := recover(); p != nil {
			code = a.crashed(prefix, p, debug.Stack())
		}
	}()
	if cmd != "help" && wantsHelp(args) {
		fmt.Fprint(a.Stdout, commandHelp(cmd))
		return ExitClean
	}
	var err error
	code = ExitClean
	switch cmd {
	case "lint":
		code, err = a.lint(args)
	case "rules":
		err = a.rules(args)
	case "explain":
		err = a.explain(args)
	case "init":
		err = a.init(args)
	case "cost":
		code, err = a.cost(args)
	case "queries":
		err = a.queries(args)
	case "version":
		fmt.Fprintf(a.Stdout, "hybridlint %s (reads plan JSON format %s)\n", a.Version, "0.1 up to 2.0")
	case "help", "-h", "--help":
		fmt.Fprint(a.Stdout, helpText)
	case "":
		err = &usageError{msg: "missing command"}
	}
	if err != nil {
		fmt.Fprintf(a.Stderr, "%s: %s\n", prefix, err)
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(a.Stderr, "run '%s' for usage\n", helpHint)
		}
		return max(code, ExitUsage) // lint says ExitInternal when a rule failed
	}
	return code
}

// crashed reports a recovered panic: a plan changed while it was read is an input error (exit 2);
// anything else is a bug (exit 3) that the user can report with the trace.
func (a *App) crashed(prefix string, p any, stack []byte) int {
	if ie, ok := plan.ChangedWhileRead(p); ok {
		fmt.Fprintf(a.Stderr, "%s: %s\n", prefix, ie)
		return ExitUsage
	}
	fmt.Fprintf(a.Stderr, "%s: internal error: %v\n  this is a bug in hybridlint, not a problem with your input; please report it at %s\n  with the command you ran, the output of hybridlint version, and this trace:\n%s",
		prefix, p, IssuesURL, stack)
	return ExitInternal
}

// wantsHelp reports whether a subcommand's arguments ask for its help.
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			return true
		}
	}
	return false
}

// commandHelp is the help of one subcommand.
func commandHelp(cmd string) string {
	switch cmd {
	case "rules":
		return "Usage: hybridlint rules [--format text|json]\n\nLists every rule with its default severity, category and summary.\n"
	case "explain":
		return "Usage: hybridlint explain RULE\n\nPrints a rule's documentation page (also in docs/rules/RULE.md): example, why, how to fix, options.\n"
	case "init":
		return "Usage: hybridlint init [FILE|-] [--force]\n\nWrites a commented starter .hybridlint.hcl (or FILE; - for standard output) listing every rule,\n" +
			"its options and the prices that can be overridden. An existing file is kept unless --force is given.\n"
	case "version":
		return "Usage: hybridlint version\n"
	case "cost":
		return costHelp
	case "queries":
		return queriesHelp
	}
	return helpText
}

func isCommand(s string) bool {
	switch s {
	case "lint", "rules", "explain", "init", "cost", "queries", "version", "help", "-h", "--help":
		return true
	}
	return false
}

const helpText = `hybridlint: find serverless functions that will breach time or memory limits or suffer cold starts,
in a Terraform or OpenTofu plan.

Usage:
  hybridlint lint [flags] PLAN...   lint plan JSON files (or binary plan files; "-" reads stdin)
  hybridlint rules [--format json]  list the rules
  hybridlint explain RULE           show a rule's documentation
  hybridlint init [FILE] [--force]  write a commented starter .hybridlint.hcl listing every rule and option
  hybridlint cost [flags] PLAN...   monthly cost per function on demand, kept warm, provisioned and as a
                                    container, with the recommendation (text|json|markdown|html);
                                    hybridlint cost --help for its flags
  hybridlint queries [flags] PLAN... print the commands that export the functions' production metrics
                                    (CloudWatch, Cloud Monitoring, Azure Monitor) for lint --metrics;
                                    hybridlint queries --help for its flags
  hybridlint version                print the version

Make a plan:  terraform plan -out tf.plan && terraform show -json tf.plan > plan.json

Lint flags:
  --format FORMAT[:FILE],...  output formats: text (default), json, sarif, junit, github, markdown,
                              checkstyle, gitlab; several at once, each to its own file, e.g.
                              --format github,sarif:hybridlint.sarif,markdown:comment.md
  --output FILE               write the report (the one format without its own file) to FILE
  --fail-on LEVEL             exit 1 when an active finding is at or above error|warning|notice;
                              none never fails (default warning)
  --config FILE               configuration file (default: .hybridlint.hcl in the current directory)
  --no-config                 ignore .hybridlint.hcl
  --baseline FILE             findings listed in FILE are reported as baselined and do not fail the run
  --write-baseline FILE       write the current findings to FILE as a baseline (they then count as baselined)
  --only-changed              report only findings involving a resource the plan creates, updates, replaces or deletes
  --show-suppressed           list suppressed findings too (text and sarif)
  --tf-bin PATH               terraform or tofu binary used to read binary plan files (default: terraform, then tofu, on PATH)
  --chdir DIR                 the configuration's directory: where to run terraform for a binary plan, and where
                              .tf files and .terraform/modules are looked up for file:line locations (default: current directory)
  --idle-window MINUTES       how long an idle function stays warm, for keep-warm rules (default 5)
  --azure-host-json FILE      the function app's host.json, for its functionTimeout (default: host.json in --chdir DIR)
  --usage FILE                expected traffic per function (YAML or JSON; infracost usage files work), for the
                              cost rules; hybrid_unit workloads in the plan count too
  --metrics FILE              what the functions did in production (repeatable): CloudWatch Logs Insights
                              results, CloudWatch get-metric-data, Google Cloud Monitoring time series,
                              Azure Monitor metrics JSON, or a CSV function,metric,value (hybridlint
                              queries prints the commands that export them); rows that match no function
                              are warnings
  --metrics-days N            the observation window when a metrics file does not say it (default 14)
  --no-color                  no colour in text output (also: NO_COLOR set, or output not a terminal)

Suppress a finding in a .tf file, on the line before the resource, module call or attribute:
  # hybridlint:ignore RULE[,RULE] [key="eu"] [expires=YYYY-MM-DD] -- reason

Exit codes: 0 no active finding at or above --fail-on, 1 at least one, 2 usage, input or configuration error,
3 internal error (a bug in hybridlint: please report it).
`

func (a *App) rules(args []string) error {
	asJSON := false
	for _, arg := range args {
		switch arg {
		case "--format=json", "json":
			asJSON = true
		case "--format", "--format=text", "text":
		default:
			return &usageError{msg: fmt.Sprintf("rules: unexpected argument %q (rules lists as text or json: --format json)", arg)}
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
	page, err := rulePage(r)
	if err != nil {
		return err
	}
	_, err = io.WriteString(a.Stdout, page)
	return err
}

// rulePage renders a rule's documentation page, the one docs/rules/<name>.md holds.
func rulePage(r *rules.Rule) (string, error) {
	doc, err := engine.RuleDocumentation(r, rules.All())
	if err != nil {
		return "", err
	}
	return ruledoc.Page(doc)
}
