package cli_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

// These tests run `hybridlint queries` on plans, then run the script it prints under sh with
// stand-ins for aws, gcloud, az and curl that record the arguments they get: what reaches the
// cloud CLIs is what the tests assert, so quoting mistakes show as wrong arguments.

// stubCLI is a stand-in for a cloud CLI: it writes its name and arguments, NUL-separated, to a
// new file under $STUB_LOG, and prints what the script reads from it.
const stubCLI = `#!/bin/sh
f=$(mktemp "$STUB_LOG/call.XXXXXX")
printf '%s\0' "$(basename "$0")" "$@" > "$f"
case " $* " in
  *" start-query "*) echo q-1 ;;
  *" --query status "*) echo Complete ;;
  *" print-access-token "*) echo token ;;
  *) echo '{}' ;;
esac
`

// call is one recorded invocation of a cloud CLI.
type call []string

// has reports whether the call has flag followed by value.
func (c call) has(flag, value string) bool {
	for i := 0; i+1 < len(c); i++ {
		if c[i] == flag && c[i+1] == value {
			return true
		}
	}
	return false
}

// runScript runs the printed commands in dir under sh and returns the calls they made.
func runScript(t *testing.T, dir, script string) []call {
	t.Helper()
	for _, shell := range []string{"sh", "bash", "zsh"} {
		if _, err := exec.LookPath(shell); err != nil && shell != "sh" {
			continue // the script is POSIX: sh is required, the others checked where installed
		}
		syntax := exec.Command(shell, "-n")
		syntax.Stdin = strings.NewReader(script)
		out, err := syntax.CombinedOutput()
		require.NoError(t, err, "%s -n: %s", shell, out)
	}

	stubs, logs := t.TempDir(), t.TempDir()
	for _, name := range []string{"aws", "gcloud", "az", "curl", "hybridlint"} {
		require.NoError(t, os.WriteFile(filepath.Join(stubs, name), []byte(stubCLI), 0o755))
	}
	sh := exec.Command("sh", "-e")
	sh.Dir = dir
	sh.Stdin = strings.NewReader(script)
	sh.Env = append(os.Environ(), "PATH="+stubs+string(os.PathListSeparator)+os.Getenv("PATH"), "STUB_LOG="+logs,
		"AZURE_RESOURCE_GROUP=rg-from-env", "GOOGLE_CLOUD_PROJECT=project-from-env", "HYBRIDLINT_EDGE_REGIONS=eu-west-1 us-east-1")
	out, err := sh.CombinedOutput()
	require.NoError(t, err, "the script fails: %s", out)

	return readCalls(t, logs)
}

// readCalls reads the calls the stand-ins recorded under logs.
func readCalls(t *testing.T, logs string) []call {
	t.Helper()
	entries, err := os.ReadDir(logs)
	require.NoError(t, err)
	var calls []call
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(logs, e.Name()))
		require.NoError(t, err)
		calls = append(calls, strings.Split(strings.TrimSuffix(string(data), "\x00"), "\x00"))
	}
	return calls
}

// callsOf returns the calls of one CLI that include every one of words.
func callsOf(calls []call, cli string, words ...string) []call {
	var out []call
	for _, c := range calls {
		if c[0] != cli {
			continue
		}
		all := true
		for _, w := range words {
			all = all && contains(c, w)
		}
		if all {
			out = append(out, c)
		}
	}
	return out
}

var metricDataID = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]*$`)

// metricDataQueries reads a get-metric-data query file the script wrote, checks the shape
// CloudWatch requires and returns function name -> "metric|stat" of each query.
func metricDataQueries(t *testing.T, path string) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var qs []struct {
		ID         string `json:"Id"`
		Label      string
		ReturnData bool
		MetricStat struct {
			Metric struct {
				Namespace, MetricName string
				Dimensions            []struct{ Name, Value string }
			}
			Period int
			Stat   string
		}
	}
	require.NoError(t, json.Unmarshal(data, &qs), "%s is the JSON get-metric-data reads", path)
	require.LessOrEqual(t, len(qs), 500, "GetMetricData takes at most 500 queries")
	ids := map[string]bool{}
	out := map[string][]string{}
	for _, q := range qs {
		assert.Regexp(t, metricDataID, q.ID)
		assert.False(t, ids[q.ID], "Ids are unique in a call: %s", q.ID)
		ids[q.ID] = true
		fn, metric, stat, ok := metrics.ParseCloudWatchLabel(q.Label)
		require.True(t, ok, "label %q parses", q.Label)
		require.Len(t, q.MetricStat.Metric.Dimensions, 1)
		assert.Equal(t, "FunctionName", q.MetricStat.Metric.Dimensions[0].Name)
		assert.Equal(t, fn, q.MetricStat.Metric.Dimensions[0].Value, "the label names the function queried")
		assert.Equal(t, metric, q.MetricStat.Metric.MetricName)
		assert.Equal(t, stat, q.MetricStat.Stat)
		assert.Equal(t, "AWS/Lambda", q.MetricStat.Metric.Namespace)
		assert.True(t, q.ReturnData)
		assert.Zero(t, q.MetricStat.Period%60, "a period is a multiple of 60 s")
		out[fn] = append(out[fn], metric+"|"+stat)
	}
	return out
}

func TestQueriesForLambdaInModulesAndForEach(t *testing.T) {
	dir := fixture(t, "nested")
	res := run(t, dir, nil, "queries", "--days", "7", "plan.json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Empty(t, res.stderr)
	assert.Contains(t, res.stdout, "end=$(($(date +%s) / 3600 * 3600))\nstart=$((end - 7 * 86400))\n")
	assert.Contains(t, res.stdout, `# module.api.module.fn["ping"].aws_lambda_function.this, module.api.module.fn["report"].aws_lambda_function.this, module.worker["eu"].aws_lambda_function.this`)
	assert.Contains(t, res.stdout, "hybridlint lint --metrics hybridlint-aws-logs-insights-1.json --metrics hybridlint-aws-logs-insights-2.json "+
		"--metrics hybridlint-aws-get-metric-data-1.json --metrics hybridlint-aws-get-metric-data-2.json --metrics-days 7 plan.json\n")

	calls := runScript(t, dir, res.stdout)
	// The existing functions' ARNs say eu-west-1; the new ones run in the CLI's default region.
	starts := callsOf(calls, "aws", "start-query")
	require.Len(t, starts, 2)
	for _, c := range starts {
		i := slices.Index(c, "--log-group-names")
		require.Positive(t, i)
		if contains(c, "--region") {
			assert.Equal(t, call{"aws", "--region", "eu-west-1", "logs", "start-query"}, c[:5])
			assert.Equal(t, call{"/aws/lambda/legacy-export", "/aws/lambda/jobs-us", "--query-string"}, c[i+1:i+4])
		} else {
			assert.Equal(t, call{"/aws/lambda/orders-ping", "/aws/lambda/orders-report", "/aws/lambda/jobs-eu", "--query-string"}, c[i+1:i+5])
		}
		assert.True(t, strings.Contains(strings.Join(c, " "), `pct(@duration, 99) as p99_ms`), "the issue's query")
	}
	// The window ends on a whole hour and spans exactly the days asked for.
	for _, c := range starts {
		i := slices.Index(c, "--start-time")
		start, err1 := strconv.ParseInt(c[i+1], 10, 64)
		end, err2 := strconv.ParseInt(c[i+3], 10, 64)
		require.NoError(t, errors.Join(err1, err2), "epoch seconds: %v", c)
		assert.Equal(t, "--end-time", c[i+2])
		assert.Zero(t, end%3600, "a whole hour")
		assert.Equal(t, int64(7*86400), end-start)
		assert.InDelta(t, time.Now().Unix(), end, 3600+60, "ending now")
	}
	for _, c := range callsOf(calls, "aws", "get-query-results", "--output", "json") {
		assert.True(t, c.has("--query-id", "q-1"), "results are read for the query started")
	}
	_, err := os.Stat(filepath.Join(dir, "hybridlint-aws-logs-insights-1.json"))
	assert.NoError(t, err, "the results are saved where the lint command reads them")

	assert.Equal(t, map[string][]string{
		"orders-ping":   {"Duration|p99", "Duration|Maximum", "Invocations|Sum"},
		"orders-report": {"Duration|p99", "Duration|Maximum", "Invocations|Sum"},
		"jobs-eu":       {"Duration|p99", "Duration|Maximum", "Invocations|Sum"},
	}, metricDataQueries(t, filepath.Join(dir, "hybridlint-aws-get-metric-data-queries-1.json")))
	require.Len(t, callsOf(calls, "aws", "get-metric-data"), 2)
	assert.Len(t, callsOf(calls, "aws", "get-metric-data", "--region", "eu-west-1", "file://hybridlint-aws-get-metric-data-queries-2.json"), 1)
	assert.Len(t, callsOf(calls, "hybridlint", "lint", "plan.json"), 1, "the script ends with the lint")
}

func TestQueriesForGoogleAndAzure(t *testing.T) {
	gcp, _ := filepath.Abs("../../examples/plans/gcp-media-pipeline.json")
	azure, _ := filepath.Abs("../../examples/plans/azure-functions-platform.json")
	dir := t.TempDir()
	res := run(t, dir, nil, "queries", gcp, azure)
	require.Equal(t, 0, res.code, res.stderr)
	calls := runScript(t, dir, res.stdout)

	curls := callsOf(calls, "curl", "https://monitoring.googleapis.com/v3/projects/acme-media-prod/timeSeries")
	require.Len(t, curls, 6, "two metrics of 1st gen functions, four of Cloud Run")
	want := map[string]bool{
		`filter=metric.type="cloudfunctions.googleapis.com/function/execution_times" AND resource.type="cloud_function" AND resource.labels.function_name=one_of("thumbnails")`:                               true,
		`filter=metric.type="cloudfunctions.googleapis.com/function/user_memory_bytes" AND resource.type="cloud_function" AND resource.labels.function_name=one_of("thumbnails")`:                             true,
		`filter=metric.type="run.googleapis.com/request_latencies" AND resource.type="cloud_run_revision" AND resource.labels.service_name=one_of("resize-images","nightly-report","transcoder")`:             true,
		`filter=metric.type="run.googleapis.com/container/memory/utilizations" AND resource.type="cloud_run_revision" AND resource.labels.service_name=one_of("resize-images","nightly-report","transcoder")`: true,
		`filter=metric.type="run.googleapis.com/container/startup_latencies" AND resource.type="cloud_run_revision" AND resource.labels.service_name=one_of("resize-images","nightly-report","transcoder")`:   true,
		`filter=metric.type="run.googleapis.com/request_count" AND resource.type="cloud_run_revision" AND resource.labels.service_name=one_of("resize-images","nightly-report","transcoder")`:                 true,
	}
	for _, c := range curls {
		assert.True(t, c.has("-H", "Authorization: Bearer token"), "the token comes from gcloud, never from hybridlint")
		assert.True(t, c.has("--data-urlencode", "aggregation.alignmentPeriod=1209600s"), "one point over the 14 days")
		assert.True(t, c.has("--data-urlencode", "aggregation.perSeriesAligner=ALIGN_DELTA"))
		var filter string
		for i, a := range c {
			if strings.HasPrefix(a, "filter=") {
				filter = a
			}
			if strings.HasPrefix(a, "interval.") {
				assert.Regexp(t, `^interval\.(start|end)Time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`, a, "RFC 3339 from the portable date (argument %d)", i)
			}
		}
		assert.True(t, want[filter], "unexpected filter %s", filter)
		delete(want, filter)
	}
	assert.Empty(t, want)
	assert.Len(t, callsOf(calls, "curl", "aggregation.crossSeriesReducer=REDUCE_SUM", "aggregation.groupByFields=resource.labels.project_id",
		"aggregation.groupByFields=resource.labels.location", "aggregation.groupByFields=resource.labels.service_name"), 1,
		"request_count is summed over response codes and revisions, per service, keeping the labels matching reads")

	azs := callsOf(calls, "az", "monitor", "metrics", "list")
	require.Len(t, azs, 3)
	flex := callsOf(calls, "az", "func-billing")
	require.Len(t, flex, 1)
	assert.Equal(t, call{"az", "monitor", "metrics", "list", "--resource", "func-billing", "--resource-group", "rg-platform", "--resource-type", "Microsoft.Web/sites",
		"--metrics", "HttpResponseTime", "MemoryWorkingSet",
		"--aggregation", "Average", "Maximum", "Total", "--interval", "1h", "--offset", "14d", "--output", "json"}, flex[0])
	assert.Contains(t, res.stdout, "# note: the plan does not say the app's resource group: set AZURE_RESOURCE_GROUP to it")
	assert.Contains(t, res.stdout, "# note: a Flex Consumption app has no FunctionExecutionCount")
	for _, c := range azs {
		if !contains(c, "func-billing") {
			assert.True(t, c.has("--metrics", "FunctionExecutionCount"), "%v", c)
		}
	}
	batch := callsOf(calls, "az", "func-batch")
	require.Len(t, batch, 1)
	assert.True(t, batch[0].has("--resource-group", "rg-from-env"), "the placeholder is the variable the note names")
}

// An app whose id the plan knows (it exists already) is named by its id.
func TestQueriesAzureByResourceID(t *testing.T) {
	const id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg prod/providers/Microsoft.Web/sites/func-orders"
	p := plantest.New().Add(plantest.Resource{Address: "azurerm_linux_function_app.orders", Actions: []string{"update"},
		After: map[string]any{"id": id, "name": "func-orders", "resource_group_name": "rg prod", "service_plan_id": "x"}})
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plan.json"), p.JSON(), 0o644))
	res := run(t, dir, nil, "queries", "plan.json")
	require.Equal(t, 0, res.code, res.stderr)
	calls := runScript(t, dir, res.stdout)
	azs := callsOf(calls, "az")
	require.Len(t, azs, 1)
	assert.True(t, azs[0].has("--resource", id), "the id reaches az whole, space and all")
	assert.NotContains(t, azs[0], "--resource-group")
}

// Names a plan may hold but a shell must not run: every one reaches the CLI as one argument.
func TestQueriesQuoteEveryValue(t *testing.T) {
	hostile := []string{
		`it's $(touch pwned) "x" ` + "`touch pwned`" + ` ; touch pwned`,
		"two\nlines; touch pwned",
		`back\slash ${HOME} *`,
	}
	p := plantest.New()
	for i, name := range hostile {
		addr := `aws_lambda_function.fn["k` + string(rune('a'+i)) + "\n; touch pwned\"]"
		p.Add(plantest.LambdaFunction(addr, "python3.13", map[string]any{"function_name": name}))
	}
	p.Add(plantest.Resource{Address: "google_cloud_run_v2_service.svc", After: map[string]any{
		"name": `svc") OR resource.labels.service_name=one_of("other`, "project": "acme/../x?y=1#z", "location": "europe-west1"}})
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plan.json"), p.JSON(), 0o644))
	res := run(t, dir, nil, "queries", "plan.json")
	require.Equal(t, 0, res.code, res.stderr)
	for _, line := range strings.Split(res.stdout, "\n") {
		assert.NotEqual(t, "; touch pwned\"]", line, "a newline in an address does not end its comment")
	}
	calls := runScript(t, dir, res.stdout)
	_, err := os.Stat(filepath.Join(dir, "pwned"))
	assert.True(t, os.IsNotExist(err), "nothing in a name ran")

	starts := callsOf(calls, "aws", "start-query")
	require.Len(t, starts, 1)
	for _, name := range hostile {
		assert.Contains(t, starts[0], "/aws/lambda/"+name)
	}
	got := metricDataQueries(t, filepath.Join(dir, "hybridlint-aws-get-metric-data-queries-1.json"))
	for _, name := range hostile {
		assert.Len(t, got[name], 3, "the queries of %q", name)
	}
	curls := callsOf(calls, "curl", "https://monitoring.googleapis.com/v3/projects/acme%2F..%2Fx%3Fy=1%23z/timeSeries")
	require.Len(t, curls, 4, "the project is one path segment")
	assert.Len(t, callsOf(calls, "curl", `filter=metric.type="run.googleapis.com/request_latencies" AND resource.type="cloud_run_revision" AND resource.labels.service_name=one_of("svc\") OR resource.labels.service_name=one_of(\"other")`), 1,
		"a quote in a name stays inside the filter's string")
}

func TestQueriesListFunctionsWhoseNamesAreUnknown(t *testing.T) {
	p := plantest.New().Add(
		plantest.Resource{Address: "aws_lambda_function.later", After: map[string]any{"runtime": "python3.13"}, Unknown: []string{"function_name", "arn"}},
		plantest.Resource{Address: "aws_lambda_function.secret", After: map[string]any{"function_name": "do-not-print-me"}, Sensitive: []string{"function_name"}},
		plantest.Resource{Address: "google_cloudfunctions2_function.fn", After: map[string]any{"location": "europe-west1"}, Unknown: []string{"name"}},
		plantest.Resource{Address: "azurerm_windows_function_app.app", After: map[string]any{"service_plan_id": "x"}, Unknown: []string{"id", "name"}},
	)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plan.json"), p.JSON(), 0o644))
	res := run(t, dir, nil, "queries", "plan.json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "# Functions no command above covers, because the plan does not know their names:\n"+
		"#   aws_lambda_function.later: its function_name is known only after apply\n"+
		"#   aws_lambda_function.secret: its function_name is sensitive, and hybridlint never prints a sensitive value\n"+
		"#   google_cloudfunctions2_function.fn: its name is known only after apply\n"+
		"#   azurerm_windows_function_app.app: its name is known only after apply (and so is its resource id)\n"+
		"# Apply, then run hybridlint queries on the next plan, which knows them; or give each name:\n"+
		"# hybridlint queries --name ADDRESS=NAME (once per function).\n")
	assert.NotContains(t, res.stdout, "do-not-print-me")
	assert.NotContains(t, res.stdout, "\nhybridlint lint", "no command, nothing to lint with")

	// Given names, the same functions get commands; the plan's sensitive value still never shows.
	res = run(t, dir, nil, "queries", "--name", "aws_lambda_function.later=orders-later", "--name=aws_lambda_function.secret=billing",
		"--name", "google_cloudfunctions2_function.fn=resize", "--name", "azurerm_windows_function_app.app=func-app", "plan.json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.NotContains(t, res.stdout, "no command above covers")
	assert.NotContains(t, res.stdout, "do-not-print-me")
	calls := runScript(t, dir, res.stdout)
	starts := callsOf(calls, "aws", "start-query", "/aws/lambda/orders-later", "/aws/lambda/billing")
	assert.Len(t, starts, 1)
	assert.Len(t, callsOf(calls, "curl", `filter=metric.type="run.googleapis.com/request_count" AND resource.type="cloud_run_revision" AND resource.labels.service_name=one_of("resize")`), 1)
	assert.Len(t, callsOf(calls, "az", "--resource", "func-app", "--resource-group", "rg-from-env"), 1)

	res = run(t, dir, nil, "queries", "--name", "aws_lambda_function.nope=x", "plan.json")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "hybridlint queries: --name aws_lambda_function.nope: no Lambda function, Cloud Function, Cloud Run service or function app has that address in the plan")

	res = run(t, dir, nil, "queries", "--format", "json", "plan.json")
	require.Equal(t, 0, res.code, res.stderr)
	var set struct {
		Days     int
		Commands []any
		Unknown  []struct{ Function, Reason string } `json:"unknown_names"`
	}
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &set))
	assert.Equal(t, 14, set.Days)
	assert.NotNil(t, set.Commands, "an empty list, not null, for tooling")
	assert.Empty(t, set.Commands)
	require.Len(t, set.Unknown, 4)
	assert.Equal(t, "aws_lambda_function.later", set.Unknown[0].Function)
}

// Where the plan does not say a Google project, the commands read GOOGLE_CLOUD_PROJECT, and stop
// with a message when it is not set rather than query a wrong project.
func TestQueriesStopWithoutAPlaceholder(t *testing.T) {
	p := plantest.New().Add(plantest.Resource{Address: "google_cloud_run_v2_service.api",
		After: map[string]any{"name": "api", "location": "europe-west1"}, Unknown: []string{"project"}})
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plan.json"), p.JSON(), 0o644))
	res := run(t, dir, nil, "queries", "plan.json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "# note: the plan does not say the project: set GOOGLE_CLOUD_PROJECT to it\n")
	calls := runScript(t, dir, res.stdout)
	assert.Len(t, callsOf(calls, "curl", "https://monitoring.googleapis.com/v3/projects/project-from-env/timeSeries"), 4)

	out, calls := runScriptWithout(t, dir, res.stdout, "GOOGLE_CLOUD_PROJECT")
	assert.Contains(t, out, "set GOOGLE_CLOUD_PROJECT to the project")
	assert.Empty(t, callsOf(calls, "curl"), "no request ran")
}

// runScriptWithout runs the printed commands under sh -e with variable unset, where they must
// stop with an error: it returns what the shell printed and the calls made before it stopped.
func runScriptWithout(t *testing.T, dir, script, variable string) (string, []call) {
	t.Helper()
	stubs, logs := t.TempDir(), t.TempDir() // stand-ins, so that no real CLI runs before the shell stops
	for _, name := range []string{"aws", "gcloud", "az", "curl", "hybridlint"} {
		require.NoError(t, os.WriteFile(filepath.Join(stubs, name), []byte(stubCLI), 0o755))
	}
	env := []string{"PATH=" + stubs + string(os.PathListSeparator) + os.Getenv("PATH"), "STUB_LOG=" + logs}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, variable+"=") && !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	sh := exec.Command("sh", "-e")
	sh.Dir, sh.Env, sh.Stdin = dir, env, strings.NewReader(script)
	out, err := sh.CombinedOutput()
	assert.Error(t, err, "the script stops without %s", variable)
	return string(out), readCalls(t, logs)
}

func TestQueriesJSONAndStdin(t *testing.T) {
	plan, err := os.ReadFile("testdata/nested/plan.json")
	require.NoError(t, err)
	res := runStdin(t, t.TempDir(), plan, "queries", "--format=json", "-")
	require.Equal(t, 0, res.code, res.stderr)
	var set struct {
		Setup    string
		Commands []struct {
			Export, Output, Shell string
			Functions             []string
		}
		Lint string
	}
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &set))
	require.Len(t, set.Commands, 4)
	assert.Equal(t, "aws-logs-insights", set.Commands[0].Export)
	assert.Equal(t, []string{"aws_lambda_function.legacy[0]", `module.worker["us"].aws_lambda_function.this`}, set.Commands[1].Functions)
	assert.Equal(t, "aws-get-metric-data", set.Commands[3].Export)
	assert.Equal(t, "hybridlint-aws-get-metric-data-2.json", set.Commands[3].Output)
	assert.True(t, strings.HasSuffix(set.Lint, " --metrics-days 14 -"), set.Lint)
}

func TestQueriesMistakes(t *testing.T) {
	dir := fixture(t, "nested")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"format_version": "1.2", "resource_changes": [`), 0o644))
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"queries"}, "no plan given"},
		{[]string{"queries", "--days", "0", "plan.json"}, `--days "0": want a whole number of days from 1 to 365`},
		{[]string{"queries", "--days", "many", "plan.json"}, "--days"},
		{[]string{"queries", "--format", "sarif", "plan.json"}, `unknown --format "sarif" (queries writes text or json)`},
		{[]string{"queries", "--usage", "u.yml", "plan.json"}, "unknown flag --usage"},
		{[]string{"queries", "--name", "aws_lambda_function.x", "plan.json"}, `--name "aws_lambda_function.x": want ADDRESS=NAME`},
		{[]string{"queries", "--name", "a.b=x", "--name", "a.b=y", "plan.json"}, "--name gives a.b two names, x and y"},
		{[]string{"queries", "missing.json"}, "missing.json"},
		{[]string{"queries", "broken.json"}, "broken.json"},
		{[]string{"queries", "--output", "plan.json", "plan.json"}, "plan.json"},
	} {
		res := run(t, dir, nil, tt.args...)
		assert.Equal(t, 2, res.code, "%v: %s", tt.args, res.stderr)
		assert.Contains(t, res.stderr, tt.want, "%v", tt.args)
		assert.True(t, strings.HasPrefix(res.stderr, "hybridlint queries: "), "%v: %s", tt.args, res.stderr)
		assert.NotContains(t, res.stderr, "panic")
		assert.Empty(t, res.stdout)
	}
	before, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(before, []byte("{")), "the plan is untouched")

	res := run(t, dir, nil, "queries", "--output", "cmds.sh", "plan.json")
	require.Equal(t, 0, res.code, res.stderr)
	written, err := os.ReadFile(filepath.Join(dir, "cmds.sh"))
	require.NoError(t, err)
	assert.Contains(t, string(written), "aws logs start-query")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "empty.json"), plantest.New().JSON(), 0o644))
	res = run(t, dir, nil, "queries", "--output", "-", "empty.json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.True(t, strings.HasSuffix(res.stdout, "#\n# The plan has no Lambda function, Cloud Function, Cloud Run service or function app.\n"), res.stdout)

	res = run(t, dir, nil, "queries", "--help")
	assert.Equal(t, 0, res.code)
	assert.Contains(t, res.stdout, "Usage: hybridlint queries [flags] PLAN...")
	res = run(t, dir, nil, "help")
	assert.Contains(t, res.stdout, "hybridlint queries [flags] PLAN...")
}
