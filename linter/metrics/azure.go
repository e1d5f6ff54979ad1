package metrics

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// Azure Monitor: `az monitor metrics list --resource <app id> --metrics ... --aggregation
// Average Maximum Total` prints
//
//	{"cost": 0, "interval": "PT1H", "namespace": "Microsoft.Web/sites", "resourceregion": "westeurope",
//	 "timespan": "2026-11-20T00:00:00Z/2026-12-04T00:00:00Z",
//	 "value": [{"id": "<app id>/providers/Microsoft.Insights/metrics/HttpResponseTime",
//	   "name": {"value": "HttpResponseTime", "localizedValue": "Response Time"}, "unit": "Seconds",
//	   "errorCode": "Success", "timeseries": [{"data": [{"timeStamp": "...", "average": 0.21, "maximum": 4.2}]}]}]}
//
// (Metrics - List in the Azure Monitor REST API reference,
// https://learn.microsoft.com/rest/api/monitor/metrics/list, and the metrics of Microsoft.Web/sites,
// https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-web-sites-metrics,
// read 2026-12-04).

const azureHint = "run the az monitor metrics list command `hybridlint queries` prints (--aggregation Average Maximum Total)"

// azureMetrics are the metrics read, with the unit each must be in.
var azureMetrics = map[string]struct {
	units []string
	read  func(o *Observation, d []azurePoint, unitMs float64)
}{
	"FunctionExecutionCount": {units: []string{"Count"}, read: func(o *Observation, d []azurePoint, _ float64) {
		if total, ok := sumKnown(d, func(p azurePoint) flexNumber { return p.Total }); ok {
			o.Invocations = Of(total)
		}
	}},
	// MB-milliseconds: what the Consumption plan bills, read so that an export with it is not
	// refused; the duration and memory rules need the two apart, which it does not give.
	"FunctionExecutionUnits": {units: []string{"Count", "MilliSeconds", "Unspecified"}, read: func(*Observation, []azurePoint, float64) {}},
	"HttpResponseTime": {units: []string{"Seconds", "MilliSeconds"}, read: func(o *Observation, d []azurePoint, unitMs float64) {
		if avg, ok := meanKnown(d); ok {
			o.AvgMs = Of(avg * unitMs)
		}
		if m, ok := maxKnown(d, func(p azurePoint) flexNumber { return p.Maximum }); ok {
			o.MaxMs = Of(m * unitMs)
		}
	}},
	"MemoryWorkingSet": {units: []string{"Bytes"}, read: func(o *Observation, d []azurePoint, _ float64) {
		if m, ok := maxKnown(d, func(p azurePoint) flexNumber { return p.Maximum }); ok {
			o.MaxMemoryMB = Of(m / platform.AzureBytesPerMB)
		}
	}},
}

type azurePoint struct {
	TimeStamp string     `json:"timeStamp"`
	Average   flexNumber `json:"average"`
	Maximum   flexNumber `json:"maximum"`
	Total     flexNumber `json:"total"`
	Count     flexNumber `json:"count"`
}

func (p *parser) parseAzure(top object) error {
	if v, ok := top.values["timespan"]; ok {
		var span string
		if err := p.decode(v, "timespan", &span); err != nil {
			return err
		}
		days, err := timespanDays(span)
		if err != nil {
			return p.errorf(p.lineAt(v.offset), "export the metrics again without editing them", "timespan %q: %v", span, err)
		}
		p.window = days
	}
	metrics, err := elements(top.values["value"])
	if err != nil {
		return p.syntaxError(err)
	}
	for i, m := range metrics {
		var v struct {
			ID   string `json:"id"`
			Name struct {
				Value string `json:"value"`
			} `json:"name"`
			Unit       string `json:"unit"`
			ErrorCode  string `json:"errorCode"`
			Timeseries []struct {
				Data []azurePoint `json:"data"`
			} `json:"timeseries"`
		}
		what := fmt.Sprintf("value[%d]", i)
		if err := p.decode(m, what, &v); err != nil {
			return err
		}
		line := p.lineAt(m.offset)
		def, ok := azureMetrics[v.Name.Value]
		if !ok {
			return p.errorf(line, "hybridlint reads "+strings.Join(sortedKeys(azureMetrics), ", "), "%s: the metric %q is not one hybridlint reads", what, v.Name.Value)
		}
		if v.ErrorCode != "" && v.ErrorCode != "Success" {
			return p.errorf(line, azureHint, "%s: Azure Monitor answered %s for %s instead of values", what, v.ErrorCode, v.Name.Value)
		}
		unitMs := 1.0
		switch {
		case !slices.Contains(def.units, v.Unit):
			return p.errorf(line, azureHint, "%s: %s is in %q, not %s", what, v.Name.Value, v.Unit, strings.Join(def.units, " or "))
		case v.Unit == "Seconds":
			unitMs = 1000
		}
		id := resourceOfMetric(v.ID)
		if id == "" {
			return p.errorf(line, azureHint, "%s: the id %q is not a resource's metric id (.../providers/Microsoft.Insights/metrics/NAME)", what, v.ID)
		}
		var points []azurePoint
		for j, ts := range v.Timeseries {
			for k, pt := range ts.Data {
				for _, x := range []flexNumber{pt.Average, pt.Maximum, pt.Total, pt.Count} {
					if err := p.checkValue(line, fmt.Sprintf("%s timeseries[%d].data[%d]", what, j, k), x.Value); err != nil {
						return err
					}
				}
				points = append(points, pt)
			}
		}
		row := Row{Line: line, Kind: AzureResourceID, ID: id}
		def.read(&row.Values, points, unitMs)
		p.file.Rows = append(p.file.Rows, row)
	}
	return nil
}

// resourceOfMetric is the resource id in a metric's id: what comes before
// /providers/Microsoft.Insights/metrics/ (in any case, as Azure ids are compared).
func resourceOfMetric(id string) string {
	i := strings.LastIndex(strings.ToLower(id), "/providers/microsoft.insights/metrics/")
	if i <= 0 {
		return ""
	}
	return id[:i]
}

// timespanDays reads "start/end" (ISO 8601 times) into days.
func timespanDays(span string) (float64, error) {
	start, end, ok := strings.Cut(span, "/")
	if !ok {
		return 0, fmt.Errorf("want START/END")
	}
	a, err := time.Parse(time.RFC3339Nano, start)
	if err != nil {
		return 0, fmt.Errorf("the start is not an ISO 8601 time")
	}
	b, err := time.Parse(time.RFC3339Nano, end)
	if err != nil {
		return 0, fmt.Errorf("the end is not an ISO 8601 time")
	}
	if !b.After(a) {
		return 0, fmt.Errorf("the end is not after the start")
	}
	return b.Sub(a).Hours() / 24, nil
}

func sumKnown(d []azurePoint, get func(azurePoint) flexNumber) (float64, bool) {
	s, any := 0.0, false
	for _, p := range d {
		if v := get(p); v.Known {
			s, any = s+v.Value, true
		}
	}
	return s, any
}

func maxKnown(d []azurePoint, get func(azurePoint) flexNumber) (float64, bool) {
	m, any := math.Inf(-1), false
	for _, p := range d {
		if v := get(p); v.Known {
			m, any = math.Max(m, v.Value), true
		}
	}
	return m, any
}

// meanKnown is the mean of the grains' averages, weighted by their sample counts when every
// grain gives one.
func meanKnown(d []azurePoint) (float64, bool) {
	sum, weights, n := 0.0, 0.0, 0
	counted := true
	for _, p := range d {
		if !p.Average.Known {
			continue
		}
		n++
		sum += p.Average.Value
		if p.Count.Known && p.Count.Value > 0 {
			weights += p.Count.Value
		} else {
			counted = false
		}
	}
	if n == 0 {
		return 0, false
	}
	if counted && weights > 0 {
		w := 0.0
		for _, p := range d {
			if p.Average.Known {
				w += p.Average.Value * p.Count.Value
			}
		}
		return w / weights, true
	}
	return sum / float64(n), true
}
