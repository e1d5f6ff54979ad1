package metrics_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
)

// row is what a test expects of one parsed row.
type row struct {
	line int
	kind metrics.IDKind
	id   string
	// project and region of a Google row
	project, region string
	values          metrics.Observation
}

func of(x float64) metrics.Number { return metrics.Of(x) }

func TestLoadReadsEachFormatFromItsContent(t *testing.T) {
	tests := []struct {
		file       string
		format     metrics.Format
		window     float64
		fromFile   bool
		rows       []row
		sameLength bool
	}{
		{file: "logs-insights.json", format: metrics.LogsInsights, window: 14, rows: []row{
			{line: 4, kind: metrics.LambdaLogGroup, id: "/aws/lambda/orders-api", values: metrics.Observation{
				Invocations: of(120000), ColdStarts: of(2400), AvgMs: of(180.5), P99Ms: of(2400.12), MaxMs: of(9100.2),
				InitP50Ms: of(410.33), MaxMemoryMB: of(870), MemorySizeMB: of(1024)}},
			// no init_p50_ms field: unknown, not zero
			{line: 15, kind: metrics.LambdaLogGroup, id: "/aws/lambda/worker-eu", values: metrics.Observation{
				Invocations: of(5000), ColdStarts: of(0), AvgMs: of(1200), P99Ms: of(4000), MaxMs: of(5100),
				MaxMemoryMB: of(300), MemorySizeMB: of(512)}},
			{line: 25, kind: metrics.LambdaLogGroup, id: "/aws/lambda/worker-us", values: metrics.Observation{
				Invocations: of(7000), ColdStarts: of(70), AvgMs: of(900), P99Ms: of(3000), MaxMs: of(3900),
				InitP50Ms: of(350), MaxMemoryMB: of(310), MemorySizeMB: of(512)}},
			{line: 36, kind: metrics.LambdaLogGroup, id: "/custom/billing", values: metrics.Observation{Invocations: of(300), AvgMs: of(40)}},
			{line: 41, kind: metrics.LambdaLogGroup, id: "/aws/lambda/retired-fn", values: metrics.Observation{Invocations: of(12)}},
		}},
		// three daily data points cover three days
		{file: "get-metric-data.json", format: metrics.MetricData, window: 3, fromFile: true, rows: []row{
			{line: 3, kind: metrics.LambdaName, id: "orders-api", values: metrics.Observation{P99Ms: of(2100)}},
			{line: 10, kind: metrics.LambdaName, id: "orders-api", values: metrics.Observation{MaxMs: of(9100)}},
			{line: 17, kind: metrics.LambdaName, id: "orders-api", values: metrics.Observation{Invocations: of(120000)}},
			{line: 24, kind: metrics.LambdaName, id: "orders-api:live", values: metrics.Observation{P99Ms: of(2600)}},
			// no data point: no invocation in the window
			{line: 31, kind: metrics.LambdaName, id: "worker-eu", values: metrics.Observation{Invocations: of(0)}},
			{line: 38, kind: metrics.LambdaName, id: "ghost", values: metrics.Observation{Invocations: of(3)}},
		}},
		{file: "google-timeseries.json", format: metrics.GoogleSeries, window: 7, fromFile: true, rows: []row{
			// two distributions in ns: 100 executions, mean 270 ms, p99 in the 1-2 s bucket
			{line: 3, kind: metrics.GoogleFunction, id: "thumbnails", project: "shop-prod", region: "europe-west1",
				values: metrics.Observation{Invocations: of(100), AvgMs: of(270), P99Ms: of(1500)}},
			{line: 40, kind: metrics.GoogleFunction, id: "thumbnails", project: "shop-prod", region: "europe-west1",
				values: metrics.Observation{MaxMemoryMB: of(192)}},
			{line: 54, kind: metrics.GoogleService, id: "api-v2", project: "shop-prod", region: "europe-west1",
				values: metrics.Observation{AvgMs: of(300), P99Ms: of(1536)}},
			{line: 80, kind: metrics.GoogleService, id: "api-v2", project: "shop-prod", region: "europe-west1",
				values: metrics.Observation{Invocations: of(10000)}},
			{line: 94, kind: metrics.GoogleService, id: "api-v2", project: "shop-prod", region: "europe-west1",
				values: metrics.Observation{ColdStarts: of(25), InitP50Ms: of(750)}},
			{line: 117, kind: metrics.GoogleService, id: "web", project: "shop-prod", region: "europe-west1",
				values: metrics.Observation{MaxMemoryUtilization: of(0.91)}},
			{line: 131, kind: metrics.GoogleService, id: "legacy-svc", project: "shop-prod", region: "us-central1",
				values: metrics.Observation{Invocations: of(12)}},
		}},
		{file: "azure-metrics.json", format: metrics.AzureMetrics, window: 10, fromFile: true, rows: []row{
			{line: 8, kind: metrics.AzureResourceID, id: azureApp, values: metrics.Observation{Invocations: of(3000)}},
			// averages weighted by their counts, in seconds: (0.2 x 1000 + 0.4 x 3000) / 4000
			{line: 27, kind: metrics.AzureResourceID, id: azureApp, values: metrics.Observation{AvgMs: of(350), MaxMs: of(12250)}},
			{line: 46, kind: metrics.AzureResourceID, id: azureApp, values: metrics.Observation{MaxMemoryMB: of(500)}},
			{line: 64, kind: metrics.AzureResourceID, id: azureApp},
			{line: 74, kind: metrics.AzureResourceID, id: strings.Replace(azureApp, "orders-func", "other-func", 1), values: metrics.Observation{Invocations: of(7)}},
		}},
		{file: "neutral.csv", format: metrics.NeutralCSV, window: 14, rows: []row{
			{line: 3, kind: metrics.AnyID, id: `module.workers["eu"].aws_lambda_function.worker`, values: metrics.Observation{P99Ms: of(950)}},
			{line: 4, kind: metrics.AnyID, id: "worker-us", values: metrics.Observation{Invocations: of(7000)}},
			{line: 5, kind: metrics.AnyID, id: "worker-us"}, // unknown
			{line: 6, kind: metrics.AnyID, id: "arn:aws:lambda:eu-west-1:123456789012:function:orders-api:live", values: metrics.Observation{MaxMs: of(9500)}},
			{line: 7, kind: metrics.AnyID, id: "aws_lambda_alias.live", values: metrics.Observation{Invocations: of(10)}},
			{line: 8, kind: metrics.AnyID, id: "thumbnails", values: metrics.Observation{MaxMemoryMB: of(250)}},
			{line: 9, kind: metrics.AnyID, id: "projects/shop-prod/locations/europe-west1/functions/thumbnails", values: metrics.Observation{P99Ms: of(1700)}},
			{line: 10, kind: metrics.AnyID, id: azureApp, values: metrics.Observation{AvgMs: of(300)}},
			{line: 11, kind: metrics.AnyID, id: "aws_lambda_function.fresh", values: metrics.Observation{Invocations: of(5)}},
			{line: 12, kind: metrics.AnyID, id: "fresh-name", values: metrics.Observation{Invocations: of(5)}},
			{line: 13, kind: metrics.AnyID, id: "reports", values: metrics.Observation{Invocations: of(5)}},
			{line: 14, kind: metrics.AnyID, id: "retired", values: metrics.Observation{Invocations: of(1)}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			f, err := metrics.Load(path, 14)
			require.NoError(t, err)
			assert.Equal(t, tt.format, f.Format)
			assert.InDelta(t, tt.window, f.WindowDays, 1e-9)
			assert.Equal(t, tt.fromFile, f.WindowFromFile)
			require.Len(t, f.Rows, len(tt.rows))
			for i, want := range tt.rows {
				got := f.Rows[i]
				want.values.WindowDays = tt.window
				assert.Equal(t, path, got.File)
				assert.Equal(t, want.line, got.Line, "row %d", i)
				assert.Equal(t, want.kind, got.Kind, "row %d", i)
				assert.Equal(t, want.id, got.ID, "row %d", i)
				assert.Equal(t, want.project, got.Project, "row %d", i)
				assert.Equal(t, want.region, got.Region, "row %d", i)
				assertObservation(t, want.values, got.Values, "%s row %d", tt.file, i)
			}
		})
	}
}

const azureApp = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop/providers/Microsoft.Web/sites/orders-func"

// assertObservation compares two observations, numbers to 1e-6.
func assertObservation(t *testing.T, want, got metrics.Observation, msg string, args ...any) {
	t.Helper()
	nums := func(o metrics.Observation) []metrics.Number {
		return []metrics.Number{o.Invocations, o.ColdStarts, o.AvgMs, o.P99Ms, o.MaxMs, o.InitP50Ms, o.MaxMemoryMB, o.MemorySizeMB, o.MaxMemoryUtilization}
	}
	names := []string{"Invocations", "ColdStarts", "AvgMs", "P99Ms", "MaxMs", "InitP50Ms", "MaxMemoryMB", "MemorySizeMB", "MaxMemoryUtilization"}
	where := fmt.Sprintf(msg, args...)
	w, g := nums(want), nums(got)
	for i := range w {
		assert.Equal(t, w[i].Known, g[i].Known, "%s known: %s", names[i], where)
		assert.InDelta(t, w[i].Value, g[i].Value, 1e-6, "%s: %s", names[i], where)
	}
	assert.InDelta(t, want.WindowDays, got.WindowDays, 1e-9, "window: %s", where)
}

func TestMetricsDaysIsTheWindowWhenTheFileDoesNotSay(t *testing.T) {
	f, err := metrics.Load("testdata/logs-insights.json", 30)
	require.NoError(t, err)
	assert.Equal(t, 30.0, f.WindowDays)
	assert.Equal(t, 30.0, f.Rows[0].Values.WindowDays)
	g, err := metrics.Load("testdata/azure-metrics.json", 30)
	require.NoError(t, err)
	assert.Equal(t, 10.0, g.WindowDays, "the timespan in the file wins")
}

func TestMalformedFilesNameTheFileTheLineAndWhatToDo(t *testing.T) {
	status := `{"results": [], "status": "Running"}`
	tests := []struct {
		name, text, want string
	}{
		{"empty", "  \n", "m.json: is empty\n  export the metrics as CloudWatch Logs Insights (aws logs get-query-results), CloudWatch get-metric-data, " +
			"Google Cloud Monitoring projects.timeSeries.list, Azure Monitor (az monitor metrics list) JSON, or a CSV with the header function,metric,value"},
		{"not JSON", "{\n  \"results\": [\n    [,]\n  ]\n}", "m.json:3: is not valid JSON: invalid character ',' looking for beginning of value\n  fix the JSON, or export the metrics again"},
		{"cut off", "{\n  \"results\": [\n", "m.json:3: is not valid JSON: it ends early\n  the file is cut off: export the metrics again"},
		{"unknown JSON", `{"items": []}`, "m.json:1: is JSON with the keys items, which no metrics export hybridlint reads has\n  export the metrics as"},
		{"a list", `[1, 2]`, "m.json:1: is not a JSON object"},
		{"console CSV", "@log,invocations,cold_starts,p99_ms\n123456789012:/aws/lambda/a,10,1,300\n",
			"m.json:1: looks like Logs Insights results downloaded from the console, which hybridlint does not read: it reads the JSON of aws logs get-query-results\n" +
				"  save the same results with aws logs get-query-results --query-id ID --output json"},
		{"console CSV quoted", "\"invocations\",\"@log\"\n\"10\",\"123456789012:/aws/lambda/a\"\n", "m.json:1: looks like Logs Insights results downloaded from the console"},
		{"console JSON", `[{"@log": "123456789012:/aws/lambda/a", "invocations": "10"}]`, "m.json:1: looks like Logs Insights results downloaded from the console"},
		{"google error answer", "{\n  \"error\": {\n    \"code\": 403,\n    \"message\": \"Permission monitoring.timeSeries.list denied (or the resource may not exist).\",\n    \"status\": \"PERMISSION_DENIED\"\n  }\n}\n",
			"m.json:2: is the cloud API's error answer, not metrics: 403 PERMISSION_DENIED Permission monitoring.timeSeries.list denied (or the resource may not exist).\n  fix what the error says"},
		{"azure error answer", `{"error": {"code": "AuthorizationFailed", "message": "no access"}}`,
			"m.json:1: is the cloud API's error answer, not metrics: AuthorizationFailed no access"},
		{"trailing", `{"results": [], "status": "Complete"} {}`, "m.json:1: has more after the end of its JSON object"},
		{"running query", status, "m.json:1: the query's status is Running, not Complete: its results are partial or missing\n  wait for the query to finish and run aws logs get-query-results again"},
		{"scheduled query", strings.Replace(status, "Running", "Scheduled", 1), "m.json:1: the query's status is Scheduled, not Complete: its results are partial or missing\n  wait for the query to finish"},
		{"failed query", strings.Replace(status, "Running", "Failed", 1), "m.json:1: the query's status is Failed, not Complete: its results are partial or missing\n  the query ended without results: start it again (aws logs start-query)"},
		{"cancelled query", strings.Replace(status, "Running", "Cancelled", 1), "m.json:1: the query's status is Cancelled, not Complete: its results are partial or missing\n  the query ended without results: start it again"},
		{"timed out query", strings.Replace(status, "Running", "Timeout", 1), "m.json:1: the query's status is Timeout, not Complete: its results are partial or missing\n  the query ended without results: run it again over a shorter window (queries --days) or fewer log groups"},
		{"no @log", "{\"status\": \"Complete\", \"results\": [\n [{\"field\": \"invocations\", \"value\": \"3\"}]]}",
			"m.json:2: results[0] has no @log: the query must end with `by @log`, one row per log group\n  run the Logs Insights query `hybridlint queries` prints"},
		{"not a number", "{\"status\": \"Complete\", \"results\": [\n [{\"field\": \"@log\", \"value\": \"/aws/lambda/a\"},\n  {\"field\": \"p99_ms\", \"value\": \"fast\"}]]}",
			`m.json:2: results[0] p99_ms: "fast" is not a number` + "\n  export the metrics again without editing them"},
		{"negative", "{\"status\": \"Complete\", \"results\": [\n [{\"field\": \"@log\", \"value\": \"/aws/lambda/a\"},\n  {\"field\": \"max_ms\", \"value\": \"-3\"}]]}",
			"m.json:2: results[0] max_ms: -3 is not a count, duration or size (it must be 0 or more)"},
		{"none of the fields", "{\"status\": \"Complete\", \"results\": [\n [{\"field\": \"@log\", \"value\": \"/aws/lambda/a\"}, {\"field\": \"n\", \"value\": \"3\"}]]}",
			"m.json:2: the results have none of the fields avg_ms, cold_starts, init_p50_ms, invocations, max_memory_bytes, max_ms, memory_size_bytes, p99_ms"},
		{"results not a list", `{"status": "Complete", "results": {"a": 1}}`, "m.json:1: is not a list"},
		{"row not a list", "{\"status\": \"Complete\", \"results\": [\n  {\"field\": \"@log\"}]}", "m.json:2: results[0]: a value is a JSON object, not a list"},
		{"foreign label", "{\"MetricDataResults\": [\n {\"Id\": \"m0\", \"Label\": \"Duration\", \"Timestamps\": [], \"Values\": []}]}",
			"m.json:2: MetricDataResults[0]: the label \"Duration\" does not say the function, metric and statistic\n  run the get-metric-data command `hybridlint queries` prints: its labels are <function>|<metric>|<statistic>"},
		{"unread statistic", "{\"MetricDataResults\": [\n {\"Id\": \"m0\", \"Label\": \"a|Errors|Sum\", \"Timestamps\": [], \"Values\": []}]}",
			"m.json:2: MetricDataResults[0]: Errors Sum is not a metric and statistic hybridlint reads\n  hybridlint reads Duration p99, Maximum and Average, and Invocations Sum"},
		{"partial data", "{\"MetricDataResults\": [\n {\"Label\": \"a|Invocations|Sum\", \"Timestamps\": [], \"Values\": [], \"StatusCode\": \"PartialData\"}]}",
			"m.json:2: MetricDataResults[0]: the status is PartialData, not Complete: the values are partial"},
		{"timestamps and values differ", "{\"MetricDataResults\": [\n {\"Label\": \"a|Invocations|Sum\", \"Timestamps\": [\"2026-11-20T00:00:00Z\"], \"Values\": []}]}",
			"m.json:2: MetricDataResults[0] has 1 timestamps but 0 values"},
		{"bad timestamp", "{\"MetricDataResults\": [\n {\"Label\": \"a|Invocations|Sum\", \"Timestamps\": [\"yesterday\"], \"Values\": [1]}]}",
			`m.json:2: MetricDataResults[0] Timestamps[0]: "yesterday" is not an RFC 3339 time`},
		{"value a string", "{\"MetricDataResults\": [\n {\"Label\": \"a|Invocations|Sum\",\n \"Timestamps\": [\"2026-11-20T00:00:00Z\"], \"Values\": [\"x\"]}]}",
			`m.json:2: MetricDataResults[0]: "x" is not a number`},
		{"google metric", "{\"timeSeries\": [\n {\"metric\": {\"type\": \"run.googleapis.com/container/cpu/utilizations\"}}]}",
			"m.json:2: timeSeries[0]: the metric type \"run.googleapis.com/container/cpu/utilizations\" is not one hybridlint reads\n  hybridlint reads cloudfunctions.googleapis.com/function/execution_times"},
		{"google resource", "{\"timeSeries\": [\n {\"metric\": {\"type\": \"run.googleapis.com/request_count\"}, \"resource\": {\"type\": \"gce_instance\"}}]}",
			"m.json:2: timeSeries[0]: the resource type \"gce_instance\" is not cloud_function or cloud_run_revision"},
		{"google no name", "{\"timeSeries\": [\n {\"metric\": {\"type\": \"run.googleapis.com/request_count\"}, \"resource\": {\"type\": \"cloud_run_revision\", \"labels\": {}}}]}",
			"m.json:2: timeSeries[0]: the resource has no service_name label, so which function it is is unknown"},
		{"google next page", "{\"timeSeries\": [],\n \"nextPageToken\": \"CgQIARAB\"}",
			"m.json:2: the answer has a nextPageToken: it is the first page of several, so the series on the other pages are missing\n  split the request so that each answer fits on one page"},
		{"google next page without series", "{\"nextPageToken\": \"CgQIARAB\"}",
			"m.json:1: the answer has a nextPageToken"},
		{"google execution errors", "{\"timeSeries\": [],\n \"executionErrors\": [{\"code\": 4, \"message\": \"deadline exceeded\"}]}",
			"m.json:2: Cloud Monitoring reports 1 execution errors (the first: \"deadline exceeded\"): the time series may be incomplete\n  run the request again"},
		{"google no value", googleSeries(`{"interval": {"endTime": "2026-11-20T00:00:00Z"}, "value": {}}`),
			"m.json:2: timeSeries[0] points[0] has no doubleValue, int64Value or distributionValue"},
		{"google count as distribution", googleSeries(`{"value": {"distributionValue": {"count": "1"}}}`),
			"m.json:2: timeSeries[0] points[0]: run.googleapis.com/request_count is a count, not a distribution"},
		{"google bad time", googleSeries(`{"interval": {"endTime": "noon"}, "value": {"int64Value": "1"}}`),
			`m.json:2: timeSeries[0] points[0]: "noon" is not an RFC 3339 time`},
		{"google buckets", strings.Replace(googleSeries(`{"value": {"distributionValue": {"count": "1", "bucketOptions": {"exponentialBuckets": {"numFiniteBuckets": 4, "growthFactor": 1, "scale": 1}}}}}`), "request_count", "request_latencies", 1),
			"m.json:2: timeSeries[0] points[0]: exponentialBuckets need numFiniteBuckets from 1 to 10000, a growthFactor above 1 and a scale above 0"},
		{"google too many counts", strings.Replace(googleSeries(`{"value": {"distributionValue": {"count": "1", "bucketOptions": {"explicitBuckets": {"bounds": [1]}}, "bucketCounts": ["0", "0", "1"]}}}`), "request_count", "request_latencies", 1),
			"m.json:2: timeSeries[0] points[0]: the distribution has 3 bucketCounts for 2 buckets"},
		{"azure metric", "{\"timespan\": \"2026-11-20T00:00:00Z/2026-11-21T00:00:00Z\", \"value\": [\n {\"name\": {\"value\": \"CpuTime\"}}]}",
			"m.json:2: value[0]: the metric \"CpuTime\" is not one hybridlint reads\n  hybridlint reads FunctionExecutionCount, FunctionExecutionUnits, HttpResponseTime, MemoryWorkingSet"},
		{"azure unit", "{\"timespan\": \"2026-11-20T00:00:00Z/2026-11-21T00:00:00Z\", \"value\": [\n {\"name\": {\"value\": \"HttpResponseTime\"}, \"unit\": \"Minutes\"}]}",
			"m.json:2: value[0]: HttpResponseTime is in \"Minutes\", not Seconds or MilliSeconds"},
		{"azure error", "{\"timespan\": \"2026-11-20T00:00:00Z/2026-11-21T00:00:00Z\", \"value\": [\n {\"name\": {\"value\": \"HttpResponseTime\"}, \"errorCode\": \"Throttled\"}]}",
			"m.json:2: value[0]: Azure Monitor answered Throttled for HttpResponseTime instead of values"},
		{"azure id", "{\"timespan\": \"2026-11-20T00:00:00Z/2026-11-21T00:00:00Z\", \"value\": [\n {\"id\": \"orders\", \"name\": {\"value\": \"MemoryWorkingSet\"}, \"unit\": \"Bytes\"}]}",
			"m.json:2: value[0]: the id \"orders\" is not a resource's metric id (.../providers/Microsoft.Insights/metrics/NAME)"},
		{"azure timespan", "{\"interval\": \"PT1H\",\n \"timespan\": \"last week\", \"value\": []}",
			"m.json:2: timespan \"last week\": want START/END"},
		{"azure timespan backwards", "{\"timespan\": \"2026-11-21T00:00:00Z/2026-11-20T00:00:00Z\", \"value\": []}",
			"m.json:1: timespan \"2026-11-21T00:00:00Z/2026-11-20T00:00:00Z\": the end is not after the start"},
		{"csv header", "name,value\na,1\n", "m.json:1: is not a metrics export hybridlint reads: a CSV starts with the header function,metric,value"},
		{"csv fields", "function,metric,value\na,p99_ms\n", "m.json:2: has 2 fields, not 3\n  write one function,metric,value a line, e.g. aws_lambda_function.api,p99_ms,812"},
		{"csv metric", "function,metric,value\n# note\na,p95_ms,3\n", "m.json:3: the metric \"p95_ms\" is not one hybridlint reads\n  use one of avg_ms, cold_starts, init_p50_ms, invocations, max_memory_mb, max_ms, p99_ms"},
		{"csv value", "function,metric,value\na,p99_ms,3 s\n", `m.json:2: p99_ms: "3 s" is not a number`},
		{"csv infinite", "function,metric,value\na,p99_ms,Inf\n", `m.json:2: p99_ms: "Inf" is not a number`},
		{"csv no function", "function,metric,value\n,p99_ms,3\n", "m.json:2: the function is empty"},
		{"csv comments only", "# nothing yet\n", "m.json:1: has only comments"},
		{"csv quote", "function,metric,value\n\"a,p99_ms,3\n", "m.json:2: has 1 fields, not 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := metrics.Parse("m.json", []byte(tt.text), 14)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "m.json"), "names the file: %v", err)
		})
	}
}

func googleSeries(point string) string {
	return "{\"timeSeries\": [\n {\"metric\": {\"type\": \"run.googleapis.com/request_count\"}, \"resource\": {\"type\": \"cloud_run_revision\", \"labels\": {\"service_name\": \"a\"}}, \"points\": [" + point + "]}]}"
}

func TestLoadRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	_, err := metrics.Load(filepath.Join(dir, "missing.json"), 14)
	require.EqualError(t, err, filepath.Join(dir, "missing.json")+": no such metrics file\n  check the path given with --metrics")
	_, err = metrics.Load(dir, 14)
	require.EqualError(t, err, dir+": is a directory, not a metrics file\n  pass the exported JSON or CSV file itself")
	bom := filepath.Join(dir, "bom.csv")
	require.NoError(t, os.WriteFile(bom, []byte("\xEF\xBB\xBFfunction,metric,value\na,p99_ms,3\n"), 0o600))
	f, err := metrics.Load(bom, 14)
	require.NoError(t, err, "a byte-order mark (Excel's CSV) is skipped")
	assert.Equal(t, metrics.Of(3), f.Rows[0].Values.P99Ms)

	// az monitor metrics list > azure.json in Windows PowerShell 5 writes UTF-16LE.
	data, err := os.ReadFile("testdata/azure-metrics.json")
	require.NoError(t, err)
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range string(data) {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	ps := filepath.Join(dir, "azure.json")
	require.NoError(t, os.WriteFile(ps, utf16, 0o600))
	f, err = metrics.Load(ps, 14)
	require.NoError(t, err)
	assert.Equal(t, metrics.AzureMetrics, f.Format)
	assert.Len(t, f.Rows, 5)

	// Cloud Monitoring answers {} when the filter matches no series in the window.
	for _, empty := range []string{"{}", `{"unit": "ms"}`, `{"nextPageToken": "", "executionErrors": []}`} {
		f, err := metrics.Parse("g.json", []byte(empty), 14)
		require.NoError(t, err, empty)
		assert.Equal(t, metrics.GoogleSeries, f.Format)
		assert.Empty(t, f.Rows)
	}

	bin := filepath.Join(dir, "plan.zip")
	require.NoError(t, os.WriteFile(bin, []byte("PK\x03\x04\x00\x00binary"), 0o600))
	_, err = metrics.Load(bin, 14)
	require.EqualError(t, err, bin+": this is not a text file (it holds binary data)\n  save the export as UTF-8 text")
}
