package rules

import (
	"strconv"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
)

// ExampleSettings are the settings examples run with. "Now" is fixed, so pages do not change with
// the day they are generated on.
func ExampleSettings() Settings {
	return Settings{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), IdleWindowMinutes: 5}
}

// ExampleMetricsWindowDays is the observation window of the examples' metrics: --metrics-days'
// default, as the neutral CSV does not say its window.
const ExampleMetricsWindowDays = 14

// ObservedByAddress is the example's observations as Settings.Observed takes them; nil when it has none.
func (e Example) ObservedByAddress() map[string]metrics.Observation {
	if len(e.Observed) == 0 {
		return nil
	}
	out := map[string]metrics.Observation{}
	for _, o := range e.Observed {
		out[o.Function] = o
	}
	return out
}

// MetricsCSV renders the example's observations in the neutral CSV --metrics reads
// (function,metric,value), for its documentation page; "" when it has none.
func (e Example) MetricsCSV() string {
	if len(e.Observed) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("function,metric,value\n")
	for _, o := range e.Observed {
		for _, m := range []struct {
			name string
			n    metrics.Number
		}{
			{"invocations", o.Invocations}, {"cold_starts", o.ColdStarts}, {"avg_ms", o.AvgMs}, {"p99_ms", o.P99Ms},
			{"max_ms", o.MaxMs}, {"max_memory_mb", o.MaxMemoryMB}, {"init_p50_ms", o.InitP50Ms},
		} {
			if m.n.Known {
				b.WriteString(o.Function + "," + m.name + "," + strconv.FormatFloat(m.n.Value, 'f', -1, 64) + "\n")
			}
		}
	}
	return b.String()
}
