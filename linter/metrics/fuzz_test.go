package metrics

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no file makes Parse panic, that every refusal names the file, and that
// whatever parses carries only finite values of 0 or more and merges. Run it with:
// go test ./linter/metrics -fuzz=FuzzParse -fuzztime=30s
func FuzzParse(f *testing.F) {
	fixtures, _ := filepath.Glob("testdata/*.json")
	csvs, _ := filepath.Glob("testdata/*.csv")
	for _, path := range append(fixtures, csvs...) {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(string(data))
		}
	}
	for _, seed := range []string{
		`{"results": [[{"field": "@log", "value": "1e400"}]], "status": "Complete"}`,
		`{"MetricDataResults": [{"Label": "a|Duration|p99", "Timestamps": ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"], "Values": [1, 2]}]}`,
		`{"timeSeries": [{"metric": {"type": "run.googleapis.com/request_latencies"}, "resource": {"type": "cloud_run_revision", "labels": {"service_name": "a"}},
		  "points": [{"value": {"distributionValue": {"count": "3", "bucketOptions": {"linearBuckets": {"numFiniteBuckets": 1, "width": 1e308, "offset": -1e308}}, "bucketCounts": ["1", "1", "1"]}}}]}]}`,
		`{"timespan": "2026-01-01T00:00:00Z/2026-01-02T00:00:00Z", "value": [{"id": "/s/providers/Microsoft.Insights/metrics/X", "name": {"value": "MemoryWorkingSet"}, "unit": "Bytes", "timeseries": [{"data": [{"maximum": 1e308}]}]}]}`,
		"function,metric,value\na,invocations,1e308\na,invocations,1e308\n", "function,metric,value\n\"", "{", "[", "\xff\xfe",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		file, err := Parse("m.json", []byte(text), DefaultWindowDays)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "m.json") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if file.WindowDays <= 0 || math.IsInf(file.WindowDays, 0) || math.IsNaN(file.WindowDays) {
			t.Fatalf("window %g from %q", file.WindowDays, text)
		}
		for _, r := range file.Rows {
			for _, n := range []Number{r.Values.Invocations, r.Values.ColdStarts, r.Values.AvgMs, r.Values.P99Ms, r.Values.MaxMs,
				r.Values.InitP50Ms, r.Values.MaxMemoryMB, r.Values.MemorySizeMB, r.Values.MaxMemoryUtilization} {
				if n.Known && (n.Value < 0 || math.IsNaN(n.Value)) {
					t.Fatalf("row %s has %g from %q", r.Source(), n.Value, text)
				}
			}
		}
		if len(file.Rows) > 0 {
			Merge("f", file.Rows)
		}
	})
}
