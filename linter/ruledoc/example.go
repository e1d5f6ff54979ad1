package ruledoc

import (
	"bytes"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/report"
)

// The files of a rule's runnable example, in ExampleDir: the whole plan the page shows an excerpt
// of, the metrics it reads, and the configuration that turns off the other rules it trips.
const (
	PlanFile    = "plan.json"
	MetricsFile = "metrics.csv"
	ConfigFile  = ".hybridlint.hcl"
)

// ExampleDir is where a rule's example lives, relative to the repository root (slash-separated),
// so that the page's command runs as shown from there.
func ExampleDir(name string) string { return "examples/rules/" + name }

// ExampleFiles are the files of every rule's example, and a README that says where they come from,
// keyed by their path from the repository root.
func ExampleFiles(all []Rule) map[string]string {
	files := map[string]string{path.Join(ExampleDir(""), IndexFile): examplesIndex(all)}
	for _, r := range all {
		dir := ExampleDir(r.Name)
		files[path.Join(dir, PlanFile)] = string(r.Example.Plan)
		if r.Example.Metrics != "" {
			files[path.Join(dir, MetricsFile)] = r.Example.Metrics
		}
		if len(r.Example.Disabled) > 0 {
			files[path.Join(dir, ConfigFile)] = exampleConfig(r)
		}
	}
	return files
}

// Command is the page's `hybridlint` command line, without the program name: the flags and files
// of the rule's example, from the repository root.
func Command(r Rule) []string {
	dir := ExampleDir(r.Name)
	args := []string{"lint", "--no-config"}
	if len(r.Example.Disabled) > 0 {
		args = []string{"lint", "--config", path.Join(dir, ConfigFile)}
	}
	if r.Example.Metrics != "" {
		args = append(args, "--metrics", path.Join(dir, MetricsFile))
	}
	return append(args, path.Join(dir, PlanFile))
}

// ExampleOutput is what Command prints: the findings, and the notice that the example has no .tf
// files to take file:line locations from (the example is a plan alone).
func ExampleOutput(r Rule) (string, error) {
	rep := report.New(report.Tool{Name: "hybridlint"}, r.Example.Findings, nil)
	plan := path.Join(ExampleDir(r.Name), PlanFile)
	rep.Notices = []finding.Note{{Message: report.NoSourcesNotice([]string{plan}, len(r.Example.Findings), "")}}
	var out bytes.Buffer
	if err := report.Text(&out, rep, false, false); err != nil {
		return "", fmt.Errorf("rule %s: printing its example's findings: %w", r.Name, err)
	}
	return out.String(), nil
}

// ExampleExitCode is the exit code of Command: 1 when a finding is at or above --fail-on's
// default, warning.
func ExampleExitCode(r Rule) int {
	for _, f := range r.Example.Findings {
		if f.Severity >= finding.Warning {
			return 1
		}
	}
	return 0
}

func examplesIndex(all []Rule) string {
	var b strings.Builder
	b.WriteString("# Rule examples\n\nThe example of each rule's page in [docs/rules](../../docs/rules/README.md), whole: ")
	b.WriteString("`" + PlanFile + "` (in the shape `terraform show -json` writes), `" + MetricsFile + "` for the rules that ")
	b.WriteString("read `--metrics`, and `" + ConfigFile + "` where the plan trips other rules too. Generated from the rules' ")
	b.WriteString("own metadata (`make docs`); do not edit. Each page shows the command that lints its example from the ")
	b.WriteString("repository root, and what it prints.\n\n| Rule | Run it |\n|---|---|\n")
	for _, r := range all {
		fmt.Fprintf(&b, "| [%s](../../docs/rules/%s) | `hybridlint %s` |\n", r.Name, FileName(r.Name), strings.Join(Command(r), " "))
	}
	return b.String()
}

func exampleConfig(r Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# The example plan of %s trips these rules too:\n# they are off, so that its run shows %s alone.\n", r.Name, r.Name)
	for _, name := range r.Example.Disabled {
		fmt.Fprintf(&b, "\nrule %s {\n  enabled = false\n}\n", strconv.Quote(name))
	}
	return b.String()
}

// link links a file of the repository from a page in docs/rules.
func link(file string) string { return "[`" + file + "`](../../" + file + ")" }

func codeList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "`" + n + "`"
	}
	if len(quoted) == 1 {
		return quoted[0]
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
}
