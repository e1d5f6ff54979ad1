package costreport

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// Report is the cost report; its JSON form is the `--format json` output (version 1).
type Report struct {
	Version int      `json:"version"`
	Plans   []string `json:"plans"`
	Usage   string   `json:"usage,omitempty"`
	// Metrics are the --metrics files the observed traffic comes from.
	Metrics []string `json:"metrics,omitempty"`
	// PriceDate says which prices the amounts rest on: "list prices of 2026-11-25".
	PriceDate string `json:"price_date"`
	// Overrides are the prices .hybridlint.hcl replaced.
	Overrides         []PriceOverride `json:"price_overrides"`
	MarginPercent     int             `json:"margin_percent"`
	IdleWindowMinutes int             `json:"idle_window_minutes"`
	Functions         []Function      `json:"functions"`
	// TotalUSD sums, over the functions with expected traffic, the option the report recommends
	// and the way the plan runs them now.
	TotalCurrentUSD     float64  `json:"total_current_usd"`
	TotalRecommendedUSD float64  `json:"total_recommended_usd"`
	Warnings            []string `json:"warnings"`
}

// PriceOverride is a price the configuration replaced.
type PriceOverride struct {
	Name string  `json:"name"`
	USD  float64 `json:"usd"`
	Unit string  `json:"unit"`
}

// Function is one function's prices.
type Function struct {
	Address string `json:"address"`
	// Plan is the plan file the function comes from, when several were given.
	Plan     string  `json:"plan,omitempty"`
	Platform string  `json:"platform"`
	MemoryMB int     `json:"memory_mb"`
	VCPU     float64 `json:"vcpu,omitempty"`
	// MemoryNote explains a memory that is not the function's own setting.
	MemoryNote   string `json:"memory_note,omitempty"`
	Architecture string `json:"architecture,omitempty"`
	// TimeoutSeconds is nil when the plan does not say (or there is no limit).
	TimeoutSeconds *int     `json:"timeout_seconds"`
	Traffic        *Traffic `json:"traffic"`
	// Current is how the plan runs the function now: on_demand, keep_warm or provisioned.
	Current        string          `json:"current"`
	Options        []Option        `json:"options"`
	Recommendation *Recommendation `json:"recommendation"`
	// BreakEvens are the traffic levels at which another option starts or stops being cheaper
	// than the current one.
	BreakEvens []BreakEven `json:"break_evens"`
	// Error says why the function cannot be priced at all (a size its platform does not run).
	Error string `json:"error,omitempty"`
	// Location is where the function's resource block is declared, when its sources were found
	// (the binary plan's configuration snapshot, or the .tf files in the configuration's directory).
	Location *finding.Location `json:"location,omitempty"`

	comparison *cost.Comparison
}

// Traffic is what is expected of a function and where that comes from.
type Traffic struct {
	RequestsPerMonth *float64 `json:"requests_per_month"`
	AvgDurationMs    float64  `json:"avg_duration_ms,omitempty"`
	P99DurationMs    float64  `json:"p99_duration_ms,omitempty"`
	PeakConcurrency  int      `json:"peak_concurrency,omitempty"`
	// AverageConcurrency is requests x duration over the month's seconds.
	AverageConcurrency float64 `json:"average_concurrency,omitempty"`
	Source             string  `json:"source"`
	// Complete is true when requests and average duration are both known, so options can be priced.
	Complete bool `json:"complete"`
}

// Option is one way to run the function, priced at the expected traffic.
type Option struct {
	// Kind is on_demand, keep_warm, provisioned or container.
	Kind  string `json:"kind"`
	Label string `json:"label"`
	// MonthlyUSD is the cost at the expected traffic; nil when the option cannot be priced (see
	// Unavailable). Without expected traffic it is the fixed part alone (FixedOnly).
	MonthlyUSD *float64 `json:"monthly_usd"`
	FixedOnly  bool     `json:"fixed_only,omitempty"`
	// Basis says how the option is sized: "8,760 pings x 3 a month", "1 x aws_fargate 1 vCPU / 2 GB".
	Basis string `json:"basis,omitempty"`
	// SizedToPeak marks the provisioned option sized to the expected peak, shown beside the one
	// the plan declares when the plan provisions fewer instances.
	SizedToPeak bool   `json:"sized_to_peak,omitempty"`
	Items       []Item `json:"items,omitempty"`
	Unavailable string `json:"unavailable,omitempty"`
}

// Item is one line of an option's bill.
type Item struct {
	What      string  `json:"what"`
	Quantity  float64 `json:"quantity"`
	Unit      string  `json:"unit"`
	PriceName string  `json:"price_name"`
	PriceUSD  float64 `json:"price_usd"`
	USD       float64 `json:"usd"`
	Source    string  `json:"source"`
	Date      string  `json:"date,omitempty"`
}

// Recommendation is the option the report suggests.
type Recommendation struct {
	Kind       string  `json:"kind"`
	Label      string  `json:"label"`
	MonthlyUSD float64 `json:"monthly_usd"`
	Reason     string  `json:"reason"`
}

// BreakEven is the traffic at which two options cost the same.
type BreakEven struct {
	A                string  `json:"a"`
	B                string  `json:"b"`
	RequestsPerMonth float64 `json:"requests_per_month"`
}

// kindID names a cost.Kind in JSON.
func kindID(k cost.Kind) string { return serverless.KindID(k) }

// priceFunction prices a planned function; the caller fills in its address and location.
func priceFunction(pf serverless.PlannedFunction, s serverless.Inputs, margin float64) Function {
	f := Function{Platform: string(pf.Function.Platform), MemoryMB: pf.Function.MemoryMB,
		VCPU: roundTo(pf.Function.CPU(), 3), MemoryNote: pf.MemoryNote, Current: kindID(pf.CurrentKind())}
	if pf.Function.Platform == platform.AWSLambda {
		f.Architecture = string(pf.Function.Arch)
	}
	if pf.TimeoutSeconds > 0 {
		t := pf.TimeoutSeconds
		f.TimeoutSeconds = &t
	}
	complete := pf.HasTraffic && pf.Traffic.Complete()
	if pf.HasTraffic {
		t := &Traffic{AvgDurationMs: pf.Traffic.AvgDurationMs, P99DurationMs: pf.Traffic.P99DurationMs,
			PeakConcurrency: pf.Traffic.PeakConcurrency, Source: pf.Traffic.Source(), Complete: complete}
		if pf.Traffic.HasRequests {
			r := pf.Traffic.RequestsPerMonth
			t.RequestsPerMonth = &r
		}
		if complete {
			t.AverageConcurrency = roundTo(pf.Workload().AverageConcurrency(), 3)
		}
		f.Traffic = t
	}
	pr, err := pf.Price(s)
	if err != nil {
		f.Error = err.Error()
		return f
	}
	if k, usd, ok := beyondPricing(pr); ok {
		f.Error = fmt.Sprintf("%s would cost $%s a month, beyond the %s that hybridlint prices: check the prices block of .hybridlint.hcl and the expected traffic",
			k, strconv.FormatFloat(usd, 'g', 3, 64), cost.FormatUSD(cost.MaxMonthlyUSD))
		return f
	}
	c := pr.Comparison
	if complete {
		// Only a chart reads it, and only with complete traffic (see chart.go): a plan of
		// thousands of functions without traffic would otherwise hold every comparison.
		f.comparison = c
	}
	for _, row := range pr.Rows {
		f.Options = append(f.Options, option(pr, row))
	}
	if !complete {
		return f
	}
	if rec, ok := c.Recommend(margin, pf.WarmNeeded()); ok {
		f.Recommendation = &Recommendation{Kind: kindID(rec.Kind), Label: rec.Kind.String(), MonthlyUSD: usd(rec.USD), Reason: rec.Reason}
		if rec.SizedToPeak && rec.Kind == cost.ProvisionedCapacity {
			f.Recommendation.Label += ", sized to the peak"
		}
	}
	// The break-even points that matter to the decision: where each other option overtakes the
	// way the plan runs the function now.
	current := pf.CurrentKind()
	for _, k := range cost.Kinds() {
		if k == current {
			continue
		}
		if r, ok := c.BreakEven(current, k); ok {
			f.BreakEvens = append(f.BreakEvens, BreakEven{A: kindID(current), B: kindID(k), RequestsPerMonth: roundTo(r, 6)})
		}
	}
	return f
}

// beyondPricing finds a priced row whose monthly cost overflows or passes cost.MaxMonthlyUSD:
// such amounts come from absurd prices or traffic, and the report, its chart and its JSON print
// none of them.
func beyondPricing(pr serverless.Pricing) (cost.Kind, float64, bool) {
	for _, row := range pr.Rows {
		if row.Err == nil && !(math.Abs(row.Estimate.USD) <= cost.MaxMonthlyUSD) {
			return row.Kind, row.Estimate.USD, true
		}
	}
	return 0, 0, false
}

// option is one row of the function's pricing: at the expected traffic, or only its fixed part
// without traffic.
func option(pr serverless.Pricing, row cost.Row) Option {
	o := Option{Kind: kindID(row.Kind), Label: row.Kind.String()}
	if row.SizedToPeak {
		o.Label += ", sized to the peak"
		o.SizedToPeak = true
	}
	v, ok := pr.Amount(row)
	switch {
	case row.Err != nil:
		o.Unavailable = row.Err.Error()
		return o
	case !ok:
		o.Unavailable = "needs the expected traffic: requests a month and the average duration"
		return o
	}
	o.MonthlyUSD, o.Basis, o.FixedOnly = &v, row.Basis, !pr.Complete
	for _, it := range row.Estimate.Items {
		o.Items = append(o.Items, Item{What: it.What, Quantity: roundTo(it.Quantity, 6), Unit: it.Price.Unit, PriceName: it.Price.Name,
			PriceUSD: it.Price.USD, USD: usd(it.USD), Source: it.Price.Source, Date: it.Price.Date})
	}
	return o
}

// finish adds what spans the functions: totals, the price date and the overrides.
func (r *Report) finish(s serverless.Inputs) {
	for _, p := range s.PriceList().List() {
		if p.Overridden {
			r.Overrides = append(r.Overrides, PriceOverride{Name: p.Name, USD: p.USD, Unit: p.Unit})
		}
	}
	for _, f := range r.Functions {
		if f.Error != "" {
			r.Warnings = append(r.Warnings, f.Address+": "+f.Error)
		}
		for _, o := range f.Options {
			if o.MonthlyUSD == nil || o.SizedToPeak {
				continue
			}
			if o.Kind == f.Current && f.Recommendation != nil {
				r.TotalCurrentUSD += *o.MonthlyUSD
			}
		}
		if f.Recommendation != nil {
			r.TotalRecommendedUSD += f.Recommendation.MonthlyUSD
		}
	}
	r.TotalCurrentUSD, r.TotalRecommendedUSD = usd(r.TotalCurrentUSD), usd(r.TotalRecommendedUSD)
	r.PriceDate = s.PriceList().Date()
	if r.Functions == nil {
		r.Functions = []Function{}
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
	if r.Overrides == nil {
		r.Overrides = []PriceOverride{}
	}
}

// JSON writes the report as indented JSON, the bytes json.Encoder with SetIndent("", "  ") writes
// for it, one function at a time: the encoder marshals a whole value, then indents it into a
// second buffer, which for the 10,000 functions of linter/benchmark's many-modules plan (57 MB of
// JSON) took the peak memory of hybridlint cost from 1.3 to 2.7 times the plan. The report without
// its functions is encoded whole, and the functions are written where it says "functions": [].
func (r *Report) JSON(w io.Writer) error {
	if len(r.Functions) == 0 {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	rest := *r
	rest.Functions = []Function{}
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&rest); err != nil {
		return err
	}
	const empty = "\n  \"functions\": []"
	before, after, ok := bytes.Cut(head.Bytes(), []byte(empty))
	if !ok {
		return fmt.Errorf("the cost report's JSON has no %q member", "functions")
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(before)
	bw.WriteString(empty[:len(empty)-1])
	var fn bytes.Buffer
	enc = json.NewEncoder(&fn)
	enc.SetIndent("    ", "  ")
	for i := range r.Functions {
		if i > 0 {
			bw.WriteByte(',')
		}
		fn.Reset()
		if err := enc.Encode(&r.Functions[i]); err != nil {
			return err
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimSuffix(fn.Bytes(), []byte("\n")))
	}
	bw.WriteString("\n  ]")
	bw.Write(after)
	return bw.Flush()
}

// roundTo keeps digits significant digits, so JSON carries 0.289 rather than 0.28943...
func roundTo(x float64, digits int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', digits, 64), 64)
	return v
}
