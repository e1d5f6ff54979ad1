// Package metrics holds what functions did in production, read from exports a team can make
// without giving hybridlint credentials (CloudWatch Logs Insights and get-metric-data, Google Cloud
// Monitoring time series, Azure Monitor metrics, a neutral CSV). The rules that judge a function
// "likely to breach" from evidence read it through serverless.Inputs; matching a row to a plan
// function is the serverless model's job, since only it knows how each platform names a function.
package metrics

import "strings"

// Number is a measured value that an export may or may not carry: a Logs Insights query without
// cold starts, or a Cloud Run export without latencies, leaves the field unknown, never zero.
type Number struct {
	Value float64
	Known bool
}

// Of is a known Number.
func Of(v float64) Number { return Number{Value: v, Known: true} }

// Observation is what one function did over an observation window. Durations are in
// milliseconds, memory in megabytes as the platform counts them (Lambda: 1 MB = 1,000,000 bytes).
type Observation struct {
	// Function is the plan address of the function the rows were matched to.
	Function string
	// Sources name the rows the values came from ("metrics.json:12"), for messages and unmatched-row
	// warnings; Window is the observation window in days, as the file says or --metrics-days.
	Sources    []string
	WindowDays float64

	Invocations Number
	ColdStarts  Number
	AvgMs       Number
	P99Ms       Number
	// P99UpperBound says P99Ms is the largest of several Regions' p99s (a Lambda@Edge function's,
	// MergeRegions): at or above the p99 of all the traffic, which the parts cannot give exactly.
	P99UpperBound bool
	MaxMs         Number
	InitP50Ms     Number
	// MaxMemoryMB is the most memory used; MemorySizeMB the memory the function had when measured
	// (Logs Insights reports it), which may differ from what the plan now sets.
	MaxMemoryMB  Number
	MemorySizeMB Number
	// MaxMemoryUtilization is the peak share (0-1) of the instance's memory, for platforms that
	// report a ratio rather than bytes (Cloud Run's container/memory/utilizations).
	MaxMemoryUtilization Number
}

// The CloudWatch get-metric-data queries that `hybridlint queries` prints label each result
// "<function name>|<metric>|<statistic>" (for example "orders-api|Duration|p99"), so the results
// say which function and statistic they are without a side file. Ids are free for the printer to
// choose; the label is the contract between the printer and the reader.
const labelSeparator = "|"

// CloudWatchLabel is the Label of a get-metric-data query for one function's metric and statistic.
func CloudWatchLabel(function, metric, stat string) string {
	return function + labelSeparator + metric + labelSeparator + stat
}

// ParseCloudWatchLabel splits a label CloudWatchLabel made; ok is false for any other label.
func ParseCloudWatchLabel(label string) (function, metric, stat string, ok bool) {
	parts := strings.Split(label, labelSeparator)
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}
