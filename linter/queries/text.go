package queries

import (
	"fmt"
	"io"
	"strings"
)

// exportTitles say, above each kind of command, what it exports.
var exportTitles = map[string]string{
	ExportLogsInsights: "AWS Lambda, CloudWatch Logs Insights: invocations, cold starts, durations and memory from the\n" +
		"# REPORT line of every invocation (Logs Insights bills the gigabytes of logs it scans).",
	ExportMetricData: "AWS Lambda, CloudWatch get-metric-data: Duration p99 and maximum and Invocations over the window\n" +
		"# (no memory or cold starts); each result's Label is \"<function>|<metric>|<statistic>\".",
	ExportTimeSeries: "Google Cloud, Cloud Monitoring projects.timeSeries.list through its REST API (gcloud has no command\n" +
		"# that lists time series), with gcloud's access token: one request per metric type.",
	ExportAzureMetrics: "Azure Functions, az monitor metrics list: executions, execution units, HTTP response time and\n" +
		"# memory per hour.",
}

// WriteText writes the commands as one shell script to paste; planNames name the plans in its
// first line.
func (s Set) WriteText(w io.Writer, planNames []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# hybridlint queries: commands that export what the functions did over the last %d days, in the\n"+
		"# formats `hybridlint lint --metrics FILE` reads. Plan: %s\n"+
		"#\n"+
		"# Paste them into a POSIX shell (sh, bash, zsh; not fish or PowerShell) logged in to each cloud\n"+
		"# with its CLI (aws, gcloud, az; curl for Google). They only read monitoring data. hybridlint\n"+
		"# needs no credentials and calls no cloud: it reads the files these commands write.\n",
		s.Days, commentText(strings.Join(planNames, ", ")))
	if len(s.Commands) == 0 && len(s.Unknown) == 0 {
		b.WriteString("#\n# The plan has no Lambda function, Cloud Function, Cloud Run service or function app.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	if len(s.Commands) > 0 {
		b.WriteString("\n" + s.Setup)
	}
	export := ""
	for _, c := range s.Commands {
		if c.Export != export {
			export = c.Export
			fmt.Fprintf(&b, "\n# %s\n", exportTitles[export])
		}
		fmt.Fprintf(&b, "\n# %s\n", commentText(strings.Join(c.Functions, ", ")))
		for _, n := range c.Notes {
			fmt.Fprintf(&b, "# note: %s\n", commentText(n))
		}
		b.WriteString(c.Shell + "\n")
	}
	if len(s.Unknown) > 0 {
		b.WriteString("\n# Functions no command above covers, because the plan does not know their names:\n")
		for _, u := range s.Unknown {
			fmt.Fprintf(&b, "#   %s: %s\n", commentText(u.Address), commentText(u.Reason))
		}
		b.WriteString("# Apply, then run hybridlint queries on the next plan, which knows them; or give each name:\n" +
			"# hybridlint queries --name ADDRESS=NAME (once per function).\n")
	}
	if len(s.Commands) > 0 {
		b.WriteString("\n# Then lint with the evidence:\n" + s.Lint + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
