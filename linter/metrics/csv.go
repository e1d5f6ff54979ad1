package metrics

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// The neutral CSV, for any source without an exporter of its own (Datadog, Prometheus):
//
//	function,metric,value
//	aws_lambda_function.api,p99_ms,812
//	orders-worker,invocations,120000
//
// function is a plan address, a function name, an ARN or a resource id; metric one of csvMetrics;
// value a number, or empty (or "unknown") when the source has none. Lines starting with # are
// comments. The window is --metrics-days.

var csvMetrics = namedFields(map[string]func(o *Observation, x float64){
	"max_memory_mb": func(o *Observation, x float64) { o.MaxMemoryMB = Of(x) },
})

const csvHeader = "function,metric,value"

func (p *parser) parseCSV() error {
	r := csv.NewReader(bytes.NewReader(p.data))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.LazyQuotes = true // addresses carry quotes: module.w["eu"].aws_lambda_function.f
	header := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
				err = pe.Err
			}
			return p.errorf(line, "write one function,metric,value a line; quote a value with commas in it", "is not valid CSV: %v", err)
		}
		if header {
			header = false
			if strings.ToLower(strings.TrimSpace(strings.Join(rec, ","))) != csvHeader {
				return p.errorf(line, "export the metrics as "+formatsString,
					"is not a metrics export hybridlint reads: a CSV starts with the header %s", csvHeader)
			}
			p.file.Format = NeutralCSV
			continue
		}
		if len(rec) != 3 {
			return p.errorf(line, "write one function,metric,value a line, e.g. aws_lambda_function.api,p99_ms,812",
				"has %d fields, not 3", len(rec))
		}
		fn, metric, value := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2])
		if fn == "" {
			return p.errorf(line, "name the function by its address, name, ARN or resource id", "the function is empty")
		}
		set := csvMetrics[metric]
		if set == nil {
			return p.errorf(line, "use one of "+strings.Join(sortedKeys(csvMetrics), ", "), "the metric %q is not one hybridlint reads", metric)
		}
		row := Row{Line: line, Kind: AnyID, ID: fn}
		switch strings.ToLower(value) {
		case "", "unknown", "null", "n/a":
		default:
			x, err := p.number(line, metric, value)
			if err != nil {
				return err
			}
			set(&row.Values, x)
		}
		p.file.Rows = append(p.file.Rows, row)
	}
	if header {
		return p.errorf(1, "export the metrics as "+formatsString, "has only comments")
	}
	return nil
}
