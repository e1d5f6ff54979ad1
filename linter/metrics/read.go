package metrics

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// DefaultWindowDays is the observation window assumed when a file does not say it
// (--metrics-days): the 14 days AWS Compute Optimizer also looks back over.
const DefaultWindowDays = 14

// MaxWindowDays bounds --metrics-days at 455 days (15 months): no export covers more.
const MaxWindowDays = 455

// Format is the kind of export a file is, detected from its content.
type Format string

// The formats hybridlint reads.
const (
	LogsInsights  Format = "CloudWatch Logs Insights results"
	MetricData    Format = "CloudWatch get-metric-data results"
	GoogleSeries  Format = "Google Cloud Monitoring time series"
	AzureMetrics  Format = "Azure Monitor metrics"
	NeutralCSV    Format = "function,metric,value CSV"
	formatsString        = "CloudWatch Logs Insights (aws logs get-query-results), CloudWatch get-metric-data, " +
		"Google Cloud Monitoring projects.timeSeries.list, Azure Monitor (az monitor metrics list) JSON, or a CSV with the header function,metric,value"
)

// IDKind says what a row's identifier is, so the serverless model knows how to match it.
type IDKind int

const (
	// LambdaName is a Lambda function name, or name:qualifier (an alias or version).
	LambdaName IDKind = iota + 1
	// LambdaLogGroup is a CloudWatch log group, "/aws/lambda/<name>" or a custom one.
	LambdaLogGroup
	// GoogleFunction is a 1st gen Cloud Function's name (resource cloud_function).
	GoogleFunction
	// GoogleService is a Cloud Run service's name, which a 2nd gen function's is too
	// (resource cloud_run_revision).
	GoogleService
	// AzureResourceID is a function app's resource id.
	AzureResourceID
	// AnyID is what the neutral CSV gives: an address, a name, an ARN or a resource id.
	AnyID
)

// Row is one identifier's values in one file: a Logs Insights result row, the get-metric-data
// results of one function, a Google time series, an Azure metric, a CSV line.
type Row struct {
	File string
	Line int
	Kind IDKind
	// ID is the function as the file names it; Project and Region narrow a Google name when the
	// series carries them ("" otherwise).
	ID              string
	Project, Region string
	// Values holds what the row measured; Function and Sources are left for the matcher.
	Values Observation
	// weight is how many invocations the row's average duration is over (0 when unknown), so
	// that averages of several rows merge weighted.
	weight float64
}

// Source is the row as messages name it: "metrics.json:12".
func (r Row) Source() string { return fmt.Sprintf("%s:%d", r.File, r.Line) }

// Describe names the row and its identifier for a warning: "metrics.json:12 (orders-api)".
func (r Row) Describe() string { return fmt.Sprintf("%s (%s)", r.Source(), r.ID) }

// Error is a problem with a metrics file, at a line when there is one: the CLI's input error
// (exit 2), as for plans.
type Error = plan.InputError

// File is a parsed metrics file.
type File struct {
	Path   string
	Format Format
	// WindowDays is the window the file covers, from the file or the default it was read with;
	// WindowFromFile says which.
	WindowDays     float64
	WindowFromFile bool
	Rows           []Row
}

// Load reads and parses a metrics file; windowDays is the window when the file does not say
// (--metrics-days).
func Load(path string, windowDays float64) (*File, error) {
	data, err := plan.ReadSmallFile(path, "a metrics file")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Error{Path: path, Problem: "no such metrics file", Hint: "check the path given with --metrics"}
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "is a directory") {
			return nil, &Error{Path: path, Problem: "is a directory, not a metrics file", Hint: "pass the exported JSON or CSV file itself"}
		}
		var ie *plan.InputError
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, &Error{Path: path, Problem: err.Error()}
	}
	return Parse(path, data, windowDays)
}

// Parse reads a metrics file from its bytes, detecting the format from the content (not the
// file name: exports are saved under any name).
func Parse(path string, data []byte, windowDays float64) (*File, error) {
	data, err := plan.DecodeText(data)
	if err != nil {
		return nil, &Error{Path: path, Problem: err.Error(), Hint: "save the export as UTF-8 text"}
	}
	text := bytes.TrimSpace(data)
	if len(text) == 0 {
		return nil, &Error{Path: path, Problem: "is empty", Hint: "export the metrics as " + formatsString}
	}
	p := &parser{path: path, data: data, file: &File{Path: path, WindowDays: windowDays}}
	if consoleTable(text) {
		return nil, p.errorf(1, "save the same results with aws logs get-query-results --query-id ID --output json "+
			"(aws logs describe-queries lists the ids of recent queries), or run the commands `hybridlint queries` prints",
			"looks like Logs Insights results downloaded from the console, which hybridlint does not read: it reads the JSON of aws logs get-query-results")
	}
	if text[0] == '{' || text[0] == '[' {
		err = p.parseJSON()
	} else {
		err = p.parseCSV()
	}
	if err != nil {
		return nil, err
	}
	if p.window > 0 {
		p.file.WindowDays, p.file.WindowFromFile = p.window, true
	}
	for i := range p.file.Rows {
		p.file.Rows[i].File = path
		p.file.Rows[i].Values.WindowDays = p.file.WindowDays
	}
	return p.file, nil
}

// consoleTable reports whether text is a Logs Insights table saved from the console rather than
// get-query-results: a CSV whose header names @log, or a JSON list of rows keyed by field name.
// The README offers the query for the console too, so this is the likeliest wrong export; its
// downloads are not a documented format, so they are refused with the way to the one that is.
func consoleTable(text []byte) bool {
	first, _, _ := bytes.Cut(text, []byte("\n"))
	if text[0] != '[' {
		for _, f := range strings.Split(string(first), ",") {
			if strings.Trim(strings.TrimSpace(f), `"`) == "@log" {
				return true
			}
		}
		return false
	}
	var rows []map[string]json.RawMessage
	if err := json.Unmarshal(text, &rows); err != nil || len(rows) == 0 {
		return false
	}
	_, ok := rows[0]["@log"]
	return ok
}

// parser holds one file's reading state.
type parser struct {
	path string
	data []byte
	file *File
	// window is the window in days the file says it covers, 0 when it does not.
	window float64
	// newlines are the offsets of the file's line ends, for lineAt.
	newlines []int
}

func (p *parser) errorf(line int, hint, format string, args ...any) *Error {
	return &Error{Path: p.path, Line: line, Problem: fmt.Sprintf(format, args...), Hint: hint}
}

// parseJSON detects which provider's JSON the file is by its top-level keys.
func (p *parser) parseJSON() error {
	top, err := topLevel(p.data)
	if err != nil {
		return p.syntaxError(err)
	}
	switch {
	case top.has("results") && (top.has("status") || top.has("statistics")):
		p.file.Format = LogsInsights
		return p.parseLogsInsights(top)
	case top.has("MetricDataResults"):
		p.file.Format = MetricData
		return p.parseMetricData(top)
	case top.has("timeSeries") || googleEmpty(top):
		p.file.Format = GoogleSeries
		return p.parseGoogle(top)
	case top.has("value") && (top.has("timespan") || top.has("namespace") || top.has("interval")):
		p.file.Format = AzureMetrics
		return p.parseAzure(top)
	case top.has("results"):
		p.file.Format = LogsInsights
		return p.parseLogsInsights(top)
	case top.has("error") && len(top.keys) == 1:
		return p.apiError(top.values["error"])
	}
	return p.errorf(1, "export the metrics as "+formatsString,
		"is JSON with the keys %s, which no metrics export hybridlint reads has", strings.Join(top.keys, ", "))
}

// apiError explains a file that holds a cloud API's error answer instead of metrics: the curl
// `hybridlint queries` prints for Google writes the body of a failed request (--fail-with-body),
// {"error": {"code": 403, "message": "...", "status": "PERMISSION_DENIED"}} (Google's JSON error
// format, https://cloud.google.com/apis/design/errors; Azure's REST errors have the same "error"
// with a string code). Naming the error saves the reader from guessing why no format matched.
func (p *parser) apiError(v jsonValue) error {
	var e struct {
		Code    any    `json:"code"`
		Status  string `json:"status"`
		Message string `json:"message"`
	}
	if err := p.decode(v, "error", &e); err != nil {
		return err
	}
	code := ""
	if e.Code != nil {
		code = fmt.Sprint(e.Code)
	}
	var what []string
	for _, s := range []string{code, e.Status, e.Message} {
		if s != "" {
			what = append(what, s)
		}
	}
	return p.errorf(p.lineAt(v.offset), "fix what the error says (the login, the role that reads monitoring data, the project or resource) and run the command again",
		"is the cloud API's error answer, not metrics: %s", strings.Join(what, " "))
}

// googleEmpty reports whether top is a timeSeries.list answer without series: Cloud Monitoring
// leaves an empty list out ({} or {"unit": "ms"} when the filter matches nothing in the window).
func googleEmpty(top object) bool {
	for _, k := range top.keys {
		if k != "unit" && k != "nextPageToken" && k != "executionErrors" {
			return false
		}
	}
	return true
}
