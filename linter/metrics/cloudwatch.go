package metrics

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// CloudWatch Logs Insights: `aws logs get-query-results` prints
//
//	{"results": [[{"field": "@log", "value": "123456789012:/aws/lambda/orders"},
//	              {"field": "invocations", "value": "1200"}, ...], ...],
//	 "statistics": {...}, "status": "Complete"}
//
// (GetQueryResults in the CloudWatch Logs API reference,
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html,
// read 2026-12-04): every value is a string, and a field a row has no value for is left out.

// namedFields are the measurements the Logs Insights query and the CSV name alike, with memory,
// which each gives in its own unit.
func namedFields(memory map[string]func(o *Observation, x float64)) map[string]func(o *Observation, x float64) {
	fields := map[string]func(o *Observation, x float64){
		"invocations": func(o *Observation, x float64) { o.Invocations = Of(x) },
		"cold_starts": func(o *Observation, x float64) { o.ColdStarts = Of(x) },
		"avg_ms":      func(o *Observation, x float64) { o.AvgMs = Of(x) },
		"p99_ms":      func(o *Observation, x float64) { o.P99Ms = Of(x) },
		"max_ms":      func(o *Observation, x float64) { o.MaxMs = Of(x) },
		"init_p50_ms": func(o *Observation, x float64) { o.InitP50Ms = Of(x) },
	}
	for k, set := range memory {
		fields[k] = set
	}
	return fields
}

// logsInsightsFields are the fields of the query the issue and `hybridlint queries` give, with
// where each goes; memory is in bytes, as the REPORT line's @maxMemoryUsed and @memorySize are.
var logsInsightsFields = namedFields(map[string]func(o *Observation, x float64){
	"max_memory_bytes":  func(o *Observation, x float64) { o.MaxMemoryMB = Of(x / platform.LambdaReportBytesPerMB) },
	"memory_size_bytes": func(o *Observation, x float64) { o.MemorySizeMB = Of(x / platform.LambdaReportBytesPerMB) },
})

const logsInsightsHint = "run the Logs Insights query `hybridlint queries` prints (stats ... by @log) and save `aws logs get-query-results` output"

// logsInsightsStatusHint says what to do about a query that is not Complete: wait for one that
// is still Scheduled or Running; run again one that ended without results (Failed, Cancelled,
// Timeout: waiting does not help; a query times out after 60 minutes, so a shorter window or fewer
// log groups is the way through). Statuses from GetQueryResults in the CloudWatch Logs API
// reference, https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html
// (read 2026-12-04).
func logsInsightsStatusHint(status string) string {
	switch status {
	case "Scheduled", "Running":
		return "wait for the query to finish and run aws logs get-query-results again"
	case "Timeout":
		return "the query ended without results: run it again over a shorter window (queries --days) or fewer log groups"
	default:
		return "the query ended without results: start it again (aws logs start-query), then save get-query-results once its status is Complete"
	}
}

func (p *parser) parseLogsInsights(top object) error {
	if v, ok := top.values["status"]; ok {
		var status string
		if err := p.decode(v, "status", &status); err != nil {
			return err
		}
		if status != "" && status != "Complete" {
			return p.errorf(p.lineAt(v.offset), logsInsightsStatusHint(status),
				"the query's status is %s, not Complete: its results are partial or missing", status)
		}
	}
	rows, err := elements(top.values["results"])
	if err != nil {
		return p.syntaxError(err)
	}
	known := false
	for i, r := range rows {
		var fields []struct {
			Field string  `json:"field"`
			Value *string `json:"value"`
		}
		what := fmt.Sprintf("results[%d]", i)
		if err := p.decode(r, what, &fields); err != nil {
			return err
		}
		row := Row{Line: p.lineAt(r.offset), Kind: LambdaLogGroup}
		for _, f := range fields {
			switch {
			case f.Field == "@log":
				if f.Value != nil {
					row.ID = logGroupOf(*f.Value)
				}
			case logsInsightsFields[f.Field] != nil:
				known = true
				if f.Value == nil || *f.Value == "" {
					continue // no value: unknown
				}
				x, err := p.number(row.Line, what+" "+f.Field, *f.Value)
				if err != nil {
					return err
				}
				logsInsightsFields[f.Field](&row.Values, x)
			}
		}
		if row.ID == "" {
			return p.errorf(row.Line, logsInsightsHint, "%s has no @log: the query must end with `by @log`, one row per log group", what)
		}
		row.weight = row.Values.Invocations.Value
		p.file.Rows = append(p.file.Rows, row)
	}
	if len(rows) > 0 && !known {
		return p.errorf(p.lineAt(rows[0].offset), logsInsightsHint, "the results have none of the fields %s", strings.Join(sortedKeys(logsInsightsFields), ", "))
	}
	return nil
}

// logGroupOf drops the account a Logs Insights @log puts before the log group
// ("123456789012:/aws/lambda/orders").
func logGroupOf(v string) string {
	account, group, ok := strings.Cut(v, ":")
	if !ok || account == "" || strings.Trim(account, "0123456789") != "" {
		return v
	}
	return group
}

// number reads a measured value: a finite number of 0 or more.
func (p *parser) number(line int, what, s string) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, p.errorf(line, "export the metrics again without editing them", "%s: %q is not a number", what, s)
	}
	return x, p.checkValue(line, what, x)
}

// maxValue bounds every value read: no count, duration (ms) or size (bytes) reaches 10^15, and
// sums of values under it stay finite.
const maxValue = 1e15

// checkValue refuses what no measurement can be: a negative count, duration or size, or one
// beyond maxValue.
func (p *parser) checkValue(line int, what string, x float64) error {
	if x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return p.errorf(line, "export the metrics again without editing them", "%s: %g is not a count, duration or size (it must be 0 or more)", what, x)
	}
	if x > maxValue {
		return p.errorf(line, "export the metrics again without editing them", "%s: %g is beyond any real count, duration or size", what, x)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// CloudWatch get-metric-data: `aws cloudwatch get-metric-data` prints
//
//	{"MetricDataResults": [{"Id": "m0", "Label": "orders|Duration|p99",
//	   "Timestamps": ["2026-11-20T00:00:00+00:00", ...], "Values": [812.5, ...], "StatusCode": "Complete"}],
//	 "Messages": []}
//
// (GetMetricData and MetricDataResult in the CloudWatch API reference,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataResult.html,
// read 2026-12-04). The queries `hybridlint queries` prints label each result with
// CloudWatchLabel, so the label says which function, metric and statistic it is.

const metricDataHint = "run the get-metric-data command `hybridlint queries` prints: its labels are <function>|<metric>|<statistic>"

// metricDataStats are the metric and statistic pairs read, and where each value goes.
var metricDataStats = map[string]func(o *Observation, values []float64){
	"Duration|p99":     func(o *Observation, v []float64) { o.P99Ms = Of(maxOf(v)) },
	"Duration|Maximum": func(o *Observation, v []float64) { o.MaxMs = Of(maxOf(v)) },
	"Duration|Average": func(o *Observation, v []float64) { o.AvgMs = Of(meanOf(v)) },
	"Invocations|Sum":  func(o *Observation, v []float64) { o.Invocations = Of(sumOf(v)) },
}

func (p *parser) parseMetricData(top object) error {
	results, err := elements(top.values["MetricDataResults"])
	if err != nil {
		return p.syntaxError(err)
	}
	var stamps []time.Time
	for i, r := range results {
		var res struct {
			Label      string       `json:"Label"`
			Timestamps []string     `json:"Timestamps"`
			Values     []flexNumber `json:"Values"`
			StatusCode string       `json:"StatusCode"`
		}
		what := fmt.Sprintf("MetricDataResults[%d]", i)
		if err := p.decode(r, what, &res); err != nil {
			return err
		}
		line := p.lineAt(r.offset)
		fn, metric, stat, ok := ParseCloudWatchLabel(res.Label)
		if !ok {
			return p.errorf(line, metricDataHint, "%s: the label %q does not say the function, metric and statistic", what, res.Label)
		}
		set := metricDataStats[metric+"|"+stat]
		if set == nil {
			return p.errorf(line, "hybridlint reads Duration p99, Maximum and Average, and Invocations Sum",
				"%s: %s %s is not a metric and statistic hybridlint reads", what, metric, stat)
		}
		switch res.StatusCode {
		case "", "Complete":
		default:
			return p.errorf(line, "run get-metric-data again (the AWS CLI follows NextToken itself) and save the whole output",
				"%s: the status is %s, not Complete: the values are partial", what, res.StatusCode)
		}
		if len(res.Timestamps) != len(res.Values) {
			return p.errorf(line, "export the metrics again without editing them",
				"%s has %d timestamps but %d values", what, len(res.Timestamps), len(res.Values))
		}
		values := make([]float64, len(res.Values))
		for j, v := range res.Values {
			if err := p.checkValue(line, fmt.Sprintf("%s Values[%d]", what, j), v.Value); err != nil {
				return err
			}
			values[j] = v.Value
		}
		for j, s := range res.Timestamps {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return p.errorf(line, "export the metrics again without editing them", "%s Timestamps[%d]: %q is not an RFC 3339 time", what, j, s)
			}
			stamps = append(stamps, t)
		}
		row := Row{Line: line, Kind: LambdaName, ID: fn}
		switch {
		case len(values) > 0:
			set(&row.Values, values)
		case metric == "Invocations":
			row.Values.Invocations = Of(0) // no data point: not invoked in the window
		}
		p.file.Rows = append(p.file.Rows, row)
	}
	p.window = spanDays(stamps)
	return nil
}

// spanDays is the window a series of period-aligned timestamps covers: from the first to the
// last, plus one period (the smallest gap between two of them); 0 with fewer than two.
func spanDays(stamps []time.Time) float64 {
	if len(stamps) < 2 {
		return 0
	}
	sort.Slice(stamps, func(i, j int) bool { return stamps[i].Before(stamps[j]) })
	var period time.Duration
	for i := 1; i < len(stamps); i++ {
		if gap := stamps[i].Sub(stamps[i-1]); gap > 0 && (period == 0 || gap < period) {
			period = gap
		}
	}
	if period == 0 {
		return 0
	}
	return (stamps[len(stamps)-1].Sub(stamps[0]) + period).Hours() / 24
}

func maxOf(v []float64) float64 {
	m := v[0]
	for _, x := range v[1:] {
		m = math.Max(m, x)
	}
	return m
}

func sumOf(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

func meanOf(v []float64) float64 { return sumOf(v) / float64(len(v)) }
