package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

// --metrics on lint and cost, run as a process: the five formats, rows that match nothing,
// observed traffic in the cost report, and malformed files.

var metricsFixtures = []string{"logs-insights.json", "get-metric-data.json", "google-timeseries.json", "azure-metrics.json", "neutral.csv"}

// metricsDir is a directory with the observed plan (plan.json) and the metrics fixtures.
func metricsDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plan.json"), plantest.ObservedPlan().JSON(), 0o644))
	for _, f := range metricsFixtures {
		data, err := os.ReadFile(filepath.Join("..", "metrics", "testdata", f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), data, 0o644))
	}
	return dir
}

func metricsArgs(files ...string) []string {
	var args []string
	for _, f := range files {
		args = append(args, "--metrics", f)
	}
	return args
}

func warningLines(stderr, prefix string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, strings.TrimPrefix(l, prefix))
		}
	}
	return out
}

func TestMetricsRowsThatMatchNothingAreWarnings(t *testing.T) {
	dir := metricsDir(t)
	const why = " matches no function in the plan: check the name, or give the function's address in a CSV"
	want := []string{
		"logs-insights.json:41 (/aws/lambda/retired-fn)" + why,
		"get-metric-data.json:38 (ghost)" + why,
		"google-timeseries.json:131 (legacy-svc)" + why,
		"azure-metrics.json:74 (/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop/providers/Microsoft.Web/sites/other-func)" + why,
		"neutral.csv:12 (fresh-name)" + why,
		"neutral.csv:13 (reports) names 2 functions in the plan (aws_lambda_function.reports, google_cloudfunctions_function.reports) " +
			"and is used for none: give the address or ARN in a CSV",
		"neutral.csv:14 (retired)" + why,
	}
	lint := run(t, dir, nil, append(append([]string{"lint", "--no-config", "--fail-on", "none"}, metricsArgs(metricsFixtures...)...), "plan.json")...)
	require.Equal(t, 0, lint.code, lint.stderr)
	assert.Equal(t, want, warningLines(lint.stderr, "hybridlint lint: warning: "))

	cost := run(t, dir, nil, append(append([]string{"cost", "--no-config", "--format", "json"}, metricsArgs(metricsFixtures...)...), "plan.json")...)
	require.Equal(t, 0, cost.code, cost.stderr)
	assert.Equal(t, want, warningLines(cost.stderr, "hybridlint cost: warning: "))
	assert.Equal(t, want, decodeCost(t, cost.stdout).Warnings, "the report carries the warnings too")

	// A row is a warning only when it matches nothing in every plan given.
	two := run(t, dir, nil, "lint", "--no-config", "--fail-on", "none", "--metrics", "logs-insights.json", "plan.json", "plan.json")
	require.Equal(t, 0, two.code, two.stderr)
	assert.Equal(t, want[:1], warningLines(two.stderr, "hybridlint lint: warning: "))
}

// An export that holds no function's metrics at all (Cloud Monitoring answers {} when the filter
// matches nothing; a Logs Insights query run in another region completes with no results) is a
// warning on lint and cost, so that it does not read as "nothing to worry about".
func TestMetricsFilesWithoutRowsAreWarnings(t *testing.T) {
	dir := metricsDir(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "google-empty.json"), []byte("{}\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "logs-empty.json"),
		[]byte(`{"results": [], "statistics": {"recordsMatched": 0.0}, "status": "Complete"}`), 0o644))
	const where = ": the export found no data in its window, or looked in another region, project or resource group; nothing is judged from it"
	want := []string{
		"google-empty.json holds no function's metrics (Google Cloud Monitoring time series)" + where,
		"logs-empty.json holds no function's metrics (CloudWatch Logs Insights results)" + where,
	}
	args := metricsArgs("google-empty.json", "logs-empty.json")
	lint := run(t, dir, nil, append(append([]string{"lint", "--no-config", "--fail-on", "none"}, args...), "plan.json")...)
	require.Equal(t, 0, lint.code, lint.stderr)
	assert.Equal(t, want, warningLines(lint.stderr, "hybridlint lint: warning: "))

	cost := run(t, dir, nil, append(append([]string{"cost", "--no-config", "--format", "json"}, args...), "plan.json")...)
	require.Equal(t, 0, cost.code, cost.stderr)
	assert.Equal(t, want, decodeCost(t, cost.stdout).Warnings)

	full := run(t, dir, nil, "lint", "--no-config", "--fail-on", "none", "--metrics", "logs-insights.json", "plan.json")
	require.Equal(t, 0, full.code, full.stderr)
	assert.NotContains(t, full.stderr, "holds no function's metrics", "a file with rows is not empty")
}

// A file given twice (a glob and its own name, ./a.json and a.json) is read once: the rows of
// one file add up, so reading it twice would double the invocations and cold starts.
func TestMetricsFileGivenTwiceIsReadOnce(t *testing.T) {
	dir := metricsDir(t)
	const eu = `module.workers["eu"].aws_lambda_function.worker`
	once := run(t, dir, nil, "cost", "--no-config", "--format", "json", "--metrics", "logs-insights.json", "plan.json")
	require.Equal(t, 0, once.code, once.stderr)
	twice := run(t, dir, nil, "cost", "--no-config", "--format", "json", "--metrics", "logs-insights.json", "--metrics", "logs-insights.json", "plan.json")
	require.Equal(t, 0, twice.code, twice.stderr)
	other := run(t, dir, nil, "lint", "--no-config", "--fail-on", "none", "--metrics", "logs-insights.json", "--metrics", "./logs-insights.json", "plan.json")
	require.Equal(t, 0, other.code, other.stderr)
	requests := func(stdout string) float64 {
		var rep observedCost
		require.NoError(t, json.Unmarshal([]byte(stdout), &rep), stdout)
		for _, f := range rep.Functions {
			if f.Address == eu {
				require.NotNil(t, f.Traffic)
				require.NotNil(t, f.Traffic.RequestsPerMonth)
				return *f.Traffic.RequestsPerMonth
			}
		}
		t.Fatalf("%s is not in the cost report", eu)
		return 0
	}
	assert.InDelta(t, 5000.0/14*730/24, requests(once.stdout), 0.5)
	assert.InDelta(t, requests(once.stdout), requests(twice.stdout), 0.001, "the second mention adds nothing")
	assert.Contains(t, warningLines(twice.stderr, "hybridlint cost: warning: "), "logs-insights.json is given with --metrics more than once: it is read once")
	assert.Contains(t, warningLines(other.stderr, "hybridlint lint: warning: "), "./logs-insights.json is given with --metrics more than once: it is read once",
		"the same file under another name is the same file")
}

type observedCost struct {
	Metrics   []string `json:"metrics"`
	Functions []struct {
		Address string `json:"address"`
		Traffic *struct {
			RequestsPerMonth *float64 `json:"requests_per_month"`
			AvgDurationMs    float64  `json:"avg_duration_ms"`
			P99DurationMs    float64  `json:"p99_duration_ms"`
			Source           string   `json:"source"`
			Complete         bool     `json:"complete"`
		} `json:"traffic"`
	} `json:"functions"`
}

func TestCostPricesObservedTraffic(t *testing.T) {
	dir := metricsDir(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "usage.yml"),
		[]byte("resource_usage:\n  module.workers[\"us\"].aws_lambda_function.worker:\n    requests_per_month: 1000\n"), 0o644))
	const eu, us = `module.workers["eu"].aws_lambda_function.worker`, `module.workers["us"].aws_lambda_function.worker`
	tests := []struct {
		name    string
		args    []string
		address string
		// requests a month, average ms, source
		requests float64
		avg      float64
		source   string
	}{
		{name: "Logs Insights over the default 14 days", args: []string{"--metrics", "logs-insights.json"}, address: eu,
			requests: 5000.0 / 14 * 730 / 24, avg: 1200, source: "observed: logs-insights.json, 14 days"},
		{name: "--metrics-days when the file does not say", args: []string{"--metrics", "logs-insights.json", "--metrics-days", "7"}, address: eu,
			requests: 5000.0 / 7 * 730 / 24, avg: 1200, source: "observed: logs-insights.json, 7 days"},
		{name: "the usage file wins, observed fills the rest", args: []string{"--metrics", "logs-insights.json", "--usage", "usage.yml"}, address: us,
			requests: 1000, avg: 900, source: "usage.yml:2, observed: logs-insights.json, 14 days"},
		{name: "Google over the 7 days of its intervals", args: []string{"--metrics", "google-timeseries.json", "--metrics-days", "30"},
			address: "google_cloudfunctions_function.thumbnails", requests: 100.0 / 7 * 730 / 24, avg: 270, source: "observed: google-timeseries.json, 7 days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, dir, nil, append(append([]string{"cost", "--no-config", "--format", "json"}, tt.args...), "plan.json")...)
			require.Equal(t, 0, res.code, res.stderr)
			var rep observedCost
			require.NoError(t, json.Unmarshal([]byte(res.stdout), &rep), res.stdout)
			assert.Contains(t, rep.Metrics, tt.args[1])
			found := false
			for _, f := range rep.Functions {
				if f.Address != tt.address {
					continue
				}
				found = true
				require.NotNil(t, f.Traffic)
				require.NotNil(t, f.Traffic.RequestsPerMonth)
				assert.InDelta(t, tt.requests, *f.Traffic.RequestsPerMonth, 1e-6)
				assert.Equal(t, tt.avg, f.Traffic.AvgDurationMs)
				assert.Equal(t, tt.source, f.Traffic.Source)
				assert.True(t, f.Traffic.Complete)
			}
			require.True(t, found, "no %s in %s", tt.address, res.stdout)
		})
	}
	// The same source in every format.
	for _, format := range []string{"text", "markdown", "html"} {
		res := run(t, dir, nil, "cost", "--no-config", "--format", format, "--metrics", "logs-insights.json", "plan.json")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Contains(t, res.stdout, "(observed: logs-insights.json, 14 days)", format)
	}
}

func TestMalformedMetricsExitTwo(t *testing.T) {
	dir := metricsDir(t)
	write := func(name, text string) string {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
		return name
	}
	tests := []struct {
		args []string
		want string
	}{
		{metricsArgs(write("running.json", "{\n  \"status\": \"Running\",\n  \"results\": []\n}")),
			"running.json:2: the query's status is Running, not Complete: its results are partial or missing\n  wait for the query to finish and run aws logs get-query-results again"},
		{metricsArgs(write("bad.csv", "function,metric,value\napi,p95_ms,3\n")),
			"bad.csv:2: the metric \"p95_ms\" is not one hybridlint reads\n  use one of avg_ms, cold_starts, init_p50_ms, invocations, max_memory_mb, max_ms, p99_ms"},
		{metricsArgs(write("cut.json", "{\"timeSeries\": [\n")), "cut.json:2: is not valid JSON: it ends early\n  the file is cut off: export the metrics again"},
		{metricsArgs("missing.json"), "missing.json: no such metrics file\n  check the path given with --metrics"},
		{[]string{"--metrics-days", "0"}, `--metrics-days "0": want a whole number of days from 1 to 455`},
		{[]string{"--metrics"}, "flag --metrics needs a value"},
	}
	for _, tt := range tests {
		for _, cmd := range []string{"lint", "cost"} {
			t.Run(cmd+" "+strings.Join(tt.args, " "), func(t *testing.T) {
				args := append([]string{cmd, "--no-config", "plan.json"}, tt.args...)
				res := run(t, dir, nil, args...)
				assert.Equal(t, 2, res.code, res.stderr)
				assert.Contains(t, res.stderr, tt.want)
				assert.Empty(t, res.stdout)
			})
		}
	}
	over := run(t, dir, nil, "lint", "--no-config", "--metrics", "neutral.csv", "--format", "json:neutral.csv", "plan.json")
	assert.Equal(t, 2, over.code, over.stderr)
	assert.Contains(t, over.stderr, "a metrics file")
}

func TestHelpListsMetricsFlags(t *testing.T) {
	for _, cmd := range []string{"lint", "cost"} {
		res := run(t, t.TempDir(), nil, cmd, "-h")
		assert.Contains(t, res.stdout+res.stderr, "--metrics FILE", cmd)
		assert.Contains(t, res.stdout+res.stderr, "--metrics-days N", cmd)
	}
}

// lint's cost rules price observed traffic as cost does: a busy function without a usage entry
// is worth a container.
func TestLintPricesObservedTraffic(t *testing.T) {
	dir := metricsDir(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "busy.csv"),
		[]byte("function,metric,value\norders-api,invocations,50000000\norders-api,avg_ms,900\n"), 0o644))
	res := run(t, dir, nil, "lint", "--no-config", "--format", "json", "--fail-on", "none", "--metrics", "busy.csv", "plan.json")
	require.Equal(t, 0, res.code, res.stderr)
	f := find(t, decode(t, res.stdout).Findings, "function_container_cheaper", "aws_lambda_function.orders")
	// 50,000,000 in 14 days is 109M a month
	assert.Contains(t, f.Message, "expected 109M requests a month of 900 ms (observed: busy.csv, 14 days)")

	quiet := run(t, dir, nil, "lint", "--no-config", "--format", "json", "--fail-on", "none", "plan.json")
	require.Equal(t, 0, quiet.code, quiet.stderr)
	for _, f := range decode(t, quiet.stdout).Findings {
		assert.NotEqual(t, "function_container_cheaper", f.Rule, "without traffic the rule stays silent")
	}
}
