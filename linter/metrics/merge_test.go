package metrics_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
)

func rowsOf(t *testing.T, path string, ids ...string) []metrics.Row {
	t.Helper()
	f, err := metrics.Load(path, 14)
	require.NoError(t, err)
	var out []metrics.Row
	for _, r := range f.Rows {
		for _, id := range ids {
			if r.ID == id {
				out = append(out, r)
			}
		}
	}
	return out
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name    string
		rows    []metrics.Row
		want    metrics.Observation
		sources []string
	}{
		{
			// The alias's p99 (2,600 ms) is the function's: the largest p99 of the file.
			name: "one file: maxima of maxima, the function and its alias",
			rows: rowsOf(t, "testdata/get-metric-data.json", "orders-api", "orders-api:live"),
			want: metrics.Observation{WindowDays: 3, Invocations: of(120000), P99Ms: of(2600), MaxMs: of(9100)},
			sources: []string{"testdata/get-metric-data.json:3", "testdata/get-metric-data.json:10",
				"testdata/get-metric-data.json:17", "testdata/get-metric-data.json:24"},
		},
		{
			// Cloud Run: the request count and the latency distribution are separate series.
			name:    "one file: counts from one series, latencies and cold starts from others",
			rows:    rowsOf(t, "testdata/google-timeseries.json", "api-v2"),
			want:    metrics.Observation{WindowDays: 7, Invocations: of(10000), ColdStarts: of(25), AvgMs: of(300), P99Ms: of(1536), InitP50Ms: of(750)},
			sources: []string{"testdata/google-timeseries.json:54", "testdata/google-timeseries.json:80", "testdata/google-timeseries.json:94"},
		},
		{
			name: "one file: several rows of a count add up, averages weigh by invocations",
			rows: append(rowsOf(t, "testdata/logs-insights.json", "/aws/lambda/worker-eu"), rowsOf(t, "testdata/logs-insights.json", "/aws/lambda/worker-us")...),
			// (5,000 x 1,200 + 7,000 x 900) / 12,000 = 1,025
			want: metrics.Observation{WindowDays: 14, Invocations: of(12000), ColdStarts: of(70), AvgMs: of(1025), P99Ms: of(4000), MaxMs: of(5100),
				InitP50Ms: of(350), MaxMemoryMB: of(310), MemorySizeMB: of(512)},
			sources: []string{"testdata/logs-insights.json:15", "testdata/logs-insights.json:25"},
		},
		{
			// Logs Insights (14 days) and get-metric-data (3 days) of one function: the counts
			// are not added; they and the window come from the first file giving invocations.
			name: "two files: counts and window from one, maxima from both",
			rows: append(rowsOf(t, "testdata/get-metric-data.json", "orders-api"), rowsOf(t, "testdata/logs-insights.json", "/aws/lambda/orders-api")...),
			want: metrics.Observation{WindowDays: 3, Invocations: of(120000), ColdStarts: of(2400), AvgMs: of(180.5), P99Ms: of(2400.12), MaxMs: of(9100.2),
				InitP50Ms: of(410.33), MaxMemoryMB: of(870), MemorySizeMB: of(1024)},
			sources: []string{"testdata/get-metric-data.json:3", "testdata/get-metric-data.json:10", "testdata/get-metric-data.json:17", "testdata/logs-insights.json:4"},
		},
		{
			name:    "two files: the one without invocations gives only what the other lacks",
			rows:    append(rowsOf(t, "testdata/azure-metrics.json", azureApp)[1:2], rowsOf(t, "testdata/neutral.csv", "worker-us")...),
			want:    metrics.Observation{WindowDays: 14, Invocations: of(7000), AvgMs: of(350), MaxMs: of(12250)},
			sources: []string{"testdata/azure-metrics.json:27", "testdata/neutral.csv:4", "testdata/neutral.csv:5"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metrics.Merge("aws_lambda_function.f", tt.rows)
			assert.Equal(t, "aws_lambda_function.f", got.Function)
			assert.Equal(t, tt.sources, got.Sources)
			assertObservation(t, tt.want, got, "%s", tt.name)
		})
	}
}

// A Lambda@Edge function's exports are one per Region, each with that Region's traffic: they add
// up, where Merge takes two files as two views of the same traffic.
func TestMergeRegions(t *testing.T) {
	const group = "/aws/lambda/us-east-1.storefront-security-headers"
	rows := append(rowsOf(t, "testdata/edge-logs-insights-eu-west-1.json", group), rowsOf(t, "testdata/edge-logs-insights-us-east-1.json", group)...)
	require.Len(t, rows, 2)
	for _, tt := range []struct {
		name  string
		merge func(string, []metrics.Row) metrics.Observation
		want  metrics.Observation
	}{
		{
			// 1,000 + 3,000 invocations; (1,000 x 300 + 3,000 x 500) / 4,000 = 450 ms; the p99 is
			// the larger Region's, an upper bound.
			name:  "regions add up",
			merge: metrics.MergeRegions,
			want: metrics.Observation{WindowDays: 14, Invocations: of(4000), ColdStarts: of(240), AvgMs: of(450), P99Ms: of(4100), P99UpperBound: true,
				MaxMs: of(4700), InitP50Ms: of(450), MaxMemoryMB: of(100), MemorySizeMB: of(128)},
		},
		{
			name:  "two views of an ordinary function: counts from the first",
			merge: metrics.Merge,
			want: metrics.Observation{WindowDays: 14, Invocations: of(1000), ColdStarts: of(40), AvgMs: of(300), P99Ms: of(4100), MaxMs: of(4700),
				InitP50Ms: of(450), MaxMemoryMB: of(100), MemorySizeMB: of(128)},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.merge("aws_lambda_function.f", rows)
			assert.Equal(t, []string{"testdata/edge-logs-insights-eu-west-1.json:3", "testdata/edge-logs-insights-us-east-1.json:3"}, got.Sources)
			assertObservation(t, tt.want, got, "%s", tt.name)
			assert.Equal(t, tt.want.P99UpperBound, got.P99UpperBound, "the p99 is the largest Region's")
		})
	}

	// Rows of different kinds are still views of one traffic: a get-metric-data export of the
	// same Regions does not add to the Logs Insights counts.
	views := append(append([]metrics.Row{}, rows...), rowsOf(t, "testdata/get-metric-data.json", "orders-api")...)
	assert.Equal(t, 4000.0, metrics.MergeRegions("aws_lambda_function.f", views).Invocations.Value)

	// One Region's p99 is that traffic's own, not a bound.
	assert.False(t, metrics.MergeRegions("aws_lambda_function.f", rows[:1]).P99UpperBound)
}
