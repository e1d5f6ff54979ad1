package queries

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
)

// LogsInsightsQuery is the CloudWatch Logs Insights query whose results `--metrics` reads: one row
// per log group (@log is "<account>:<log group>") from the REPORT line Lambda writes after every
// invocation.
const LogsInsightsQuery = `filter @type = "REPORT"
| stats count(*) as invocations, count(@initDuration) as cold_starts, avg(@duration) as avg_ms,
        pct(@duration, 99) as p99_ms, max(@duration) as max_ms, max(@maxMemoryUsed) as max_memory_bytes,
        max(@memorySize) as memory_size_bytes, pct(@initDuration, 50) as init_p50_ms by @log`

// Export names, as the JSON output and the file names say them.
const (
	ExportLogsInsights  = "aws-logs-insights"
	ExportMetricData    = "aws-get-metric-data"
	ExportTimeSeries    = "google-time-series"
	ExportAzureMetrics  = "azure-monitor-metrics"
	googleMonitoringAPI = "https://monitoring.googleapis.com/v3/projects/"
)

// Command is one command to run, the functions it covers and the file it writes.
type Command struct {
	Export    string   `json:"export"`
	Functions []string `json:"functions"`
	// Output is the file the command writes, relative to the directory it runs in. A command for
	// Lambda@Edge functions runs once per Region of $edge_regions and writes one file per Region:
	// $region in its Output stands for the Region.
	Output string `json:"output"`
	// Notes say what the user should know before running it (a shared log group, a placeholder).
	Notes []string `json:"notes,omitempty"`
	// Shell is the command, POSIX shell, using $start and $end from Setup.
	Shell string `json:"shell"`
}

// Set is every command for a set of plans.
type Set struct {
	Days int `json:"days"`
	// Setup defines $start and $end (epoch seconds), when Google commands need it rfc3339, and
	// when the plan has Lambda@Edge functions $edge_regions.
	Setup    string        `json:"setup"`
	Commands []Command     `json:"commands"`
	Unknown  []UnknownName `json:"unknown_names"`
	// Lint is the lint command that reads every file the commands write.
	Lint string `json:"lint"`
}

// Options say what Build writes commands for.
type Options struct {
	// Days is the window, ending at the last whole hour.
	Days int
	// Plans are the plans as given on the command line, for the lint command.
	Plans []string
	// Names are function names by plan address (--name ADDRESS=NAME), for functions whose names
	// the plan does not know.
	Names map[string]string
}

// Build writes the commands for the functions of the plans (graphs). An address in o.Names that
// is no function of the plans is an error: a typing mistake would otherwise go unnoticed.
func Build(graphs []*graph.Graph, o Options) (Set, error) {
	t := targets{names: o.Names, used: map[string]bool{}}
	for _, g := range graphs {
		t.collect(g)
	}
	var missing []string
	for addr := range o.Names {
		if !t.used[addr] {
			missing = append(missing, addr)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return Set{}, fmt.Errorf("--name %s: no Lambda function, Cloud Function, Cloud Run service or function app has that address in the plan (give the address as the plan writes it, e.g. module.api.aws_lambda_function.this[\"eu\"])",
			strings.Join(missing, ", "))
	}
	planNames, days := o.Plans, o.Days
	s := Set{Days: days, Commands: []Command{}, Unknown: append([]UnknownName{}, t.unknown...)}
	s.Commands = append(s.Commands, logsInsights(t.lambda)...)
	s.Commands = append(s.Commands, metricData(t.lambda, days)...)
	google := timeSeries(t.google, days)
	s.Commands = append(s.Commands, google...)
	s.Commands = append(s.Commands, azureMetrics(t.azure, days)...)

	// Whole hours: CloudWatch starts periods of an hour or more on the hour, so the one period
	// get-metric-data asks for then covers the window exactly, in one data point.
	s.Setup = fmt.Sprintf("end=$(($(date +%%s) / 3600 * 3600))\nstart=$((end - %d * 86400))\n", days)
	if slices.ContainsFunc(t.lambda, func(fn lambdaTarget) bool { return fn.edge }) {
		s.Setup += edgeSetup
	}
	if len(google) > 0 {
		// Cloud Monitoring wants RFC 3339 times: GNU and busybox date read -d @epoch, BSD and
		// macOS date -r epoch.
		s.Setup += `rfc3339() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -r "$1" +%Y-%m-%dT%H:%M:%SZ; }` + "\n"
	}
	lint := []string{"hybridlint", "lint"}
	for _, c := range s.Commands {
		if strings.Contains(c.Output, edgeRegion) {
			// One file per Region: the shell lists them from $edge_regions.
			lint = append(lint, fmt.Sprintf(`$(for region in $(echo "$edge_regions"); do printf ' --metrics %%s' "%s"; done)`, c.Output))
			continue
		}
		lint = append(lint, "--metrics", quote(c.Output))
	}
	if len(s.Commands) > 0 {
		lint = append(lint, "--metrics-days", fmt.Sprint(days))
	}
	for _, p := range planNames {
		lint = append(lint, quote(p))
	}
	s.Lint = strings.Join(lint, " ")
	return s, nil
}

// edgeRegion is the region of Lambda@Edge functions: each Region of $edge_regions in turn, which
// the user sets, since an edge function runs (and logs, and reports metrics) in the Regions of the
// edge locations that served its viewers, which no plan says.
const edgeRegion = "$region"

// edgeSetup asks for the Regions the Lambda@Edge commands run in. There is no default: AWS
// documents no fixed list of the Regions Lambda@Edge runs in (the guide sends the reader to the
// CloudFront console, which shows an edge function's metrics per Region), a list too short would
// leave traffic out without a word, and a Region where the function never ran has no log group
// for Logs Insights to read, so start-query would fail there. The script stops before any query
// when it is unset, as it does for GOOGLE_CLOUD_PROJECT.
const edgeSetup = `
# Lambda@Edge: CloudFront runs an edge function in the Region of the edge location that served
# the viewer, and the function logs (to /aws/lambda/us-east-1.<name>) and reports its metrics in
# that Region only. Its commands below run once per Region of edge_regions, one file per Region;
# hybridlint adds the files up. Set HYBRIDLINT_EDGE_REGIONS to every Region where the
# distributions served viewers, space-separated (the CloudFront console shows a Lambda@Edge
# function's metrics per Region; AWS lists no fixed set, so there is no default).
edge_regions="${HYBRIDLINT_EDGE_REGIONS:?set HYBRIDLINT_EDGE_REGIONS to the Regions where the distributions served viewers, space-separated}"
`

// byRegion groups Lambda functions by the region their ARN names ("" for the CLI's default
// region, edgeRegion for edge functions), one function name once per region.
func byRegion(fns []lambdaTarget) ([]string, map[string][]lambdaTarget) {
	groups := map[string][]lambdaTarget{}
	var regions []string
	seen := map[[2]string]bool{}
	for _, fn := range fns {
		region := fn.region
		if fn.edge {
			region = edgeRegion
		}
		if _, ok := groups[region]; !ok {
			regions = append(regions, region)
		}
		if key := [2]string{region, fn.name}; !seen[key] {
			seen[key] = true
			groups[region] = append(groups[region], fn)
		}
	}
	slices.Sort(regions)
	return regions, groups
}

// batches splits n items into runs of at most size.
func batches[T any](items []T, size int) [][]T {
	var out [][]T
	for len(items) > size {
		out = append(out, items[:size])
		items = items[size:]
	}
	if len(items) > 0 {
		out = append(out, items)
	}
	return out
}

func regionFlag(region string) string {
	switch region {
	case "":
		return ""
	case edgeRegion:
		return ` --region "$region"`
	}
	return " --region " + quote(region)
}

// output is the file a command writes: hybridlint-<export>-<n>.json, or for edge functions
// hybridlint-<export>-<n>-$region.json, one per Region.
func output(export string, n int, region string) string {
	if region == edgeRegion {
		return fmt.Sprintf("hybridlint-%s-%d-%s.json", export, n, edgeRegion)
	}
	return fmt.Sprintf("hybridlint-%s-%d.json", export, n)
}

// redirect is the shell word of a command's output file.
func redirect(file string) string {
	if strings.Contains(file, edgeRegion) {
		return `"` + file + `"` // the name is ours: only $region needs expanding
	}
	return quote(file)
}

// perRegion runs a command once per Region of $edge_regions when its region is edgeRegion.
func perRegion(region, shell string) string {
	if region != edgeRegion {
		return shell
	}
	return "for region in $(echo \"$edge_regions\"); do\n" + shell + "\ndone"
}

// logsInsights runs the query over the functions' log groups, 50 log groups a query, and waits for
// it to finish before it saves the results.
func logsInsights(fns []lambdaTarget) []Command {
	var out []Command
	regions, groups := byRegion(fns)
	for _, region := range regions {
		var logGroups []string
		owners, shared := map[string][]string{}, map[string]bool{}
		for _, fn := range groups[region] {
			if _, ok := owners[fn.logGroup]; !ok {
				logGroups = append(logGroups, fn.logGroup)
			}
			owners[fn.logGroup] = append(owners[fn.logGroup], fn.address)
			shared[fn.logGroup] = len(owners[fn.logGroup]) > 1
		}
		for _, batch := range batches(logGroups, platform.CloudWatchLogsInsightsMaxLogGroups) {
			c := Command{Export: ExportLogsInsights, Output: output(ExportLogsInsights, len(out)+1, region)}
			quoted := make([]string, len(batch))
			for i, lg := range batch {
				quoted[i] = quote(lg)
				c.Functions = append(c.Functions, owners[lg]...)
				if shared[lg] {
					c.Notes = append(c.Notes, fmt.Sprintf("%s share the log group %s: its row cannot say which of them it is about, so get-metric-data below is the export for them",
						strings.Join(owners[lg], ", "), lg))
				}
			}
			aws := "aws" + regionFlag(region)
			c.Shell = perRegion(region, fmt.Sprintf("query_id=$(%s logs start-query --start-time \"$start\" --end-time \"$end\" \\\n"+
				"  --log-group-names %s \\\n  --query-string %s \\\n  --query queryId --output text) &&\n"+
				"while status=$(%s logs get-query-results --query-id \"$query_id\" --query status --output text) &&\n"+
				"  { [ \"$status\" = Scheduled ] || [ \"$status\" = Running ]; }; do sleep 5; done &&\n"+
				"%s logs get-query-results --query-id \"$query_id\" --output json > %s",
				aws, strings.Join(quoted, " "), quote(LogsInsightsQuery), aws, aws, redirect(c.Output)))
			out = append(out, c)
		}
	}
	return out
}

// metricQuery is one MetricDataQuery of get-metric-data.
type metricQuery struct {
	ID         string     `json:"Id"`
	MetricStat metricStat `json:"MetricStat"`
	Label      string     `json:"Label"`
	ReturnData bool       `json:"ReturnData"`
}

type metricStat struct {
	Metric struct {
		Namespace  string      `json:"Namespace"`
		MetricName string      `json:"MetricName"`
		Dimensions []dimension `json:"Dimensions"`
	} `json:"Metric"`
	Period int    `json:"Period"`
	Stat   string `json:"Stat"`
}

type dimension struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}

// lambdaStats are the statistics get-metric-data asks of each function, with the suffix of
// their query Ids.
var lambdaStats = []struct{ metric, stat, id string }{
	{"Duration", "p99", "p99"},
	{"Duration", "Maximum", "max"},
	{"Invocations", "Sum", "invocations"},
}

// metricData asks CloudWatch for each function's Duration p99 and maximum and its invocations
// over the whole window in one period, 500 queries a call. The query file is written by a here
// document: 500 queries on the command line would pass the 128 KiB Linux allows one argument.
func metricData(fns []lambdaTarget, days int) []Command {
	var out []Command
	regions, groups := byRegion(fns)
	perCall := platform.CloudWatchGetMetricDataMaxQueries / len(lambdaStats)
	for _, region := range regions {
		for _, batch := range batches(groups[region], perCall) {
			n := len(out) + 1
			c := Command{Export: ExportMetricData, Output: output(ExportMetricData, n, region)}
			var qs []metricQuery
			for i, fn := range batch {
				c.Functions = append(c.Functions, fn.address)
				for _, st := range lambdaStats {
					q := metricQuery{ID: fmt.Sprintf("f%d_%s", i, st.id), Label: metrics.CloudWatchLabel(fn.metricName(), st.metric, st.stat), ReturnData: true}
					q.MetricStat.Metric.Namespace = "AWS/Lambda"
					q.MetricStat.Metric.MetricName = st.metric
					q.MetricStat.Metric.Dimensions = []dimension{{"FunctionName", fn.metricName()}}
					q.MetricStat.Period, q.MetricStat.Stat = days*86400, st.stat
					qs = append(qs, q)
				}
			}
			body := queryLines(qs)
			file := fmt.Sprintf("hybridlint-%s-queries-%d.json", ExportMetricData, n)
			c.Shell = fmt.Sprintf("cat > %s <<'HYBRIDLINT_QUERIES'\n%s\nHYBRIDLINT_QUERIES\n", file, body) +
				perRegion(region, fmt.Sprintf("aws%s cloudwatch get-metric-data --start-time \"$start\" --end-time \"$end\" \\\n"+
					"  --metric-data-queries file://%s --output json > %s",
					regionFlag(region), file, redirect(c.Output)))
			out = append(out, c)
		}
	}
	return out
}

// queryLines is the queries as a JSON array, one query a line.
func queryLines(qs []metricQuery) string {
	lines := make([]string, len(qs))
	for i, q := range qs {
		b, err := json.Marshal(q)
		if err != nil {
			panic(err) // plain structs of strings and numbers always marshal
		}
		lines[i] = "  " + string(b)
	}
	return "[\n" + strings.Join(lines, ",\n") + "\n]"
}

// googleMetric is a Cloud Monitoring metric type the rules read, and how its points are aligned.
type googleMetric struct {
	metricType, resourceType, label string
	// reduce sums the series of a service into one (request_count is split by response code).
	reduce bool
}

// googleMetrics are the metrics read per product: 1st gen functions report on cloud_function,
// Cloud Run services and 2nd gen functions on cloud_run_revision. Distributions are aligned with
// ALIGN_DELTA over the whole window: one distribution per series, whose count, mean and buckets
// give invocations, the average and the percentiles.
var googleMetrics = []googleMetric{
	{"cloudfunctions.googleapis.com/function/execution_times", "cloud_function", "function_name", false},
	{"cloudfunctions.googleapis.com/function/user_memory_bytes", "cloud_function", "function_name", false},
	{"run.googleapis.com/request_latencies", "cloud_run_revision", "service_name", false},
	{"run.googleapis.com/container/memory/utilizations", "cloud_run_revision", "service_name", false},
	{"run.googleapis.com/container/startup_latencies", "cloud_run_revision", "service_name", false},
	{"run.googleapis.com/request_count", "cloud_run_revision", "service_name", true},
}

// googleNamesPerFilter bounds the names in one one_of(...), so that a request URL stays a few
// kilobytes long.
const googleNamesPerFilter = 20

// timeSeries lists the time series through the REST API projects.timeSeries.list: gcloud has no
// command that reads time series (gcloud monitoring manages dashboards, policies, snoozes and
// uptime checks), so curl calls it with gcloud's access token. A filter names one metric type.
func timeSeries(fns []googleTarget, days int) []Command {
	type key struct {
		project  string
		cloudRun bool
	}
	groups := map[key][]googleTarget{}
	var keys []key
	seen := map[[2]any]bool{}
	for _, fn := range fns {
		k := key{fn.project, fn.cloudRun}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		if !seen[[2]any{k, fn.name}] {
			seen[[2]any{k, fn.name}] = true
			groups[k] = append(groups[k], fn)
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.project != b.project {
			return strings.Compare(a.project, b.project)
		}
		return map[bool]int{false: 0, true: 1}[a.cloudRun] - map[bool]int{false: 0, true: 1}[b.cloudRun]
	})
	var out []Command
	for _, k := range keys {
		project, note := quote(googleMonitoringAPI+url.PathEscape(k.project)+"/timeSeries"), ""
		if k.project == "" {
			project = `"` + googleMonitoringAPI + `${GOOGLE_CLOUD_PROJECT:?set GOOGLE_CLOUD_PROJECT to the project}/timeSeries"`
			note = "the plan does not say the project: set GOOGLE_CLOUD_PROJECT to it"
		}
		for _, batch := range batches(groups[k], googleNamesPerFilter) {
			names := make([]string, len(batch))
			var addresses []string
			for i, fn := range batch {
				names[i] = filterString(fn.name)
				addresses = append(addresses, fn.address)
			}
			for _, m := range googleMetrics {
				if (m.resourceType == "cloud_run_revision") != k.cloudRun {
					continue
				}
				c := Command{Export: ExportTimeSeries, Functions: addresses,
					Output: fmt.Sprintf("hybridlint-%s-%d.json", ExportTimeSeries, len(out)+1)}
				if note != "" {
					c.Notes = []string{note}
				}
				filter := fmt.Sprintf("metric.type=%s AND resource.type=%s AND resource.labels.%s=one_of(%s)",
					filterString(m.metricType), filterString(m.resourceType), m.label, strings.Join(names, ","))
				aggregation := fmt.Sprintf(" \\\n  --data-urlencode aggregation.alignmentPeriod=%ds --data-urlencode aggregation.perSeriesAligner=ALIGN_DELTA", days*86400)
				if m.reduce {
					aggregation += " \\\n  --data-urlencode aggregation.crossSeriesReducer=REDUCE_SUM --data-urlencode aggregation.groupByFields=resource.labels.project_id" +
						" \\\n  --data-urlencode aggregation.groupByFields=resource.labels.location --data-urlencode aggregation.groupByFields=resource.labels." + m.label
				}
				c.Shell = fmt.Sprintf("curl -sS --fail-with-body -G -H \"Authorization: Bearer $(gcloud auth print-access-token)\" %s \\\n"+
					"  --data-urlencode %s \\\n"+
					"  --data-urlencode \"interval.startTime=$(rfc3339 \"$start\")\" --data-urlencode \"interval.endTime=$(rfc3339 \"$end\")\"%s \\\n"+
					"  > %s", project, quote("filter="+filter), aggregation, quote(c.Output))
				out = append(out, c)
			}
		}
	}
	return out
}

// azureMetrics lists each app's metrics per hour over the window. Flex Consumption apps have no
// FunctionExecutionCount or FunctionExecutionUnits (they count executions per billing meter,
// https://learn.microsoft.com/azure/azure-functions/monitor-functions, read 2026-12-04), and
// Azure Monitor refuses a request that names a metric the resource lacks.
func azureMetrics(apps []azureTarget, days int) []Command {
	var out []Command
	seen := map[string]bool{}
	for _, app := range apps {
		key := app.id + "\x00" + app.group + "\x00" + app.name
		if seen[key] {
			continue
		}
		seen[key] = true
		c := Command{Export: ExportAzureMetrics, Functions: []string{app.address},
			Output: fmt.Sprintf("hybridlint-%s-%d.json", ExportAzureMetrics, len(out)+1)}
		resource := "--resource " + quote(app.id)
		if app.id == "" {
			group := quote(app.group)
			if app.group == "" {
				group = `"${AZURE_RESOURCE_GROUP:?set AZURE_RESOURCE_GROUP to the resource group of the app}"`
				c.Notes = append(c.Notes, "the plan does not say the app's resource group: set AZURE_RESOURCE_GROUP to it")
			}
			resource = fmt.Sprintf("--resource %s --resource-group %s --resource-type Microsoft.Web/sites", quote(app.name), group)
		}
		metricNames := "FunctionExecutionCount FunctionExecutionUnits HttpResponseTime MemoryWorkingSet"
		if app.flex {
			metricNames = "HttpResponseTime MemoryWorkingSet"
			c.Notes = append(c.Notes, "a Flex Consumption app has no FunctionExecutionCount or FunctionExecutionUnits: its executions are "+
				"OnDemandFunctionExecutionCount and AlwaysReadyFunctionExecutionCount, which hybridlint does not read, so this export gives "+
				"response times and memory only")
		}
		c.Shell = fmt.Sprintf("az monitor metrics list %s \\\n  --metrics %s \\\n"+
			"  --aggregation Average Maximum Total --interval 1h --offset %dd --output json > %s",
			resource, metricNames, days, quote(c.Output))
		out = append(out, c)
	}
	return out
}
