package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/queries"
)

// queriesHelp is the help text of `hybridlint queries`.
const queriesHelp = `Usage: hybridlint queries [flags] PLAN...

Prints, for the functions of a plan (terraform show -json output, a binary plan file, or - for
stdin), ready-to-paste commands that export what they did in production, in the formats
hybridlint lint --metrics FILE reads:
  AWS Lambda      aws logs start-query (CloudWatch Logs Insights over the functions' log groups)
                  and aws cloudwatch get-metric-data (Duration p99 and maximum, Invocations)
  Google Cloud    curl to Cloud Monitoring projects.timeSeries.list, with gcloud's access token
                  (Cloud Functions execution times and memory; Cloud Run latencies, memory,
                  startup latencies and requests)
  Azure           az monitor metrics list for each function app
The commands are POSIX shell (sh, bash, zsh) and end with the hybridlint lint command that reads
what they write. hybridlint itself needs no credentials and calls no cloud.

Flags:
  --days N             the observation window, ending at the last whole hour (default 14, at most
                       365; a platform returns what it still keeps of a longer window)
  --format text|json   text (default): the commands as one script; json: the same commands and the
                       functions each covers, for tooling
  --name ADDRESS=NAME  the name of a function the plan knows only after apply (or as a sensitive
                       value), by its address: module.api.aws_lambda_function.this=orders-api;
                       once per function
  --output FILE        write them to FILE instead of standard output
  --tf-bin PATH        terraform or tofu binary to read binary plan files (default: terraform, then
                       tofu, on PATH)
  --chdir DIR          where to run terraform for a binary plan (default: current directory)

Functions whose names the plan does not know (known after apply) are listed with what to do:
apply and run queries on the next plan, or give their names with --name.

Exit codes: 0 the commands were written, 2 usage or input error, 3 internal error (a bug: please report it).
`

// maxQueryDays bounds --days: the platforms keep metrics for months at most, and a window longer
// than a year is a typing mistake.
const maxQueryDays = 365

// queriesOptions are the queries command's flags.
type queriesOptions struct {
	days         int
	format       string
	output       string
	tfBin, chdir string
	files        []string
	names        map[string]string
}

func parseQueriesArgs(args []string) (*queriesOptions, error) {
	o := &queriesOptions{days: 14, format: "text", names: map[string]string{}}
	err := scanArgs(args, &o.files, func(f *flagArg) error {
		var err error
		switch f.name {
		case "days":
			o.days, err = f.intValue(1, maxQueryDays, fmt.Sprintf("a whole number of days from 1 to %d", maxQueryDays))
		case "format", "f":
			if o.format, err = f.needValue(); err == nil && o.format != "text" && o.format != "json" {
				err = &usageError{msg: fmt.Sprintf("unknown --format %q (queries writes text or json)", o.format)}
			}
		case "output", "o":
			o.output, err = f.needValue()
		case "tf-bin":
			o.tfBin, err = f.needValue()
		case "chdir":
			o.chdir, err = f.needValue()
		case "name":
			var v string
			if v, err = f.needValue(); err == nil {
				err = o.addName(v)
			}
		default:
			err = &usageError{msg: fmt.Sprintf("unknown flag %s (hybridlint queries --help lists its flags)", f.arg)}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	c := commonOptions{files: o.files, chdir: o.chdir}
	if err := c.check(); err != nil {
		return nil, err
	}
	return o, nil
}

// addName reads --name ADDRESS=NAME. The name follows the last =: a for_each key in the address
// may hold one, a function name may not.
func (o *queriesOptions) addName(v string) error {
	i := strings.LastIndex(v, "=")
	if i <= 0 || i == len(v)-1 {
		return &usageError{msg: fmt.Sprintf("--name %q: want ADDRESS=NAME, e.g. --name aws_lambda_function.api=orders-api", v)}
	}
	addr := v[:i]
	if prev, dup := o.names[addr]; dup && prev != v[i+1:] {
		return &usageError{msg: fmt.Sprintf("--name gives %s two names, %s and %s", addr, prev, v[i+1:])}
	}
	o.names[addr] = v[i+1:]
	return nil
}

// queries prints the commands that export the plan's functions' metrics:
// `hybridlint queries [flags] PLAN...`. It reads plans as lint does.
func (a *App) queries(args []string) error {
	o, err := parseQueriesArgs(args)
	if err != nil {
		return err
	}
	inputs := map[string]string{}
	for _, f := range o.files {
		inputs[f] = "the plan"
	}
	if err := plan.RefuseOverwrite("--output", o.output, inputs); err != nil {
		return err
	}
	plans, err := a.openAll(&commonOptions{files: o.files, tfBin: o.tfBin, chdir: o.chdir})
	if err != nil {
		return err
	}
	graphs := make([]*graph.Graph, len(plans))
	for i, p := range plans {
		graphs[i] = graph.New(p.Plan)
	}
	set, err := queries.Build(graphs, queries.Options{Days: o.days, Plans: o.files, Names: o.names})
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	for _, p := range plans {
		if err := p.Plan.WrongTypesError(); err != nil {
			return err
		}
	}
	write := func(w io.Writer) error {
		if o.format == "json" {
			return writeJSON(w, set)
		}
		return set.WriteText(w, o.files)
	}
	if o.output != "" && o.output != "-" {
		return writeFile(o.output, write)
	}
	if err := write(a.Stdout); err != nil {
		return fmt.Errorf("writing the commands: %w", err)
	}
	return nil
}
