package serverless

import (
	"strconv"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// Pricing is a function's options priced once, for every place that states a figure: the cost
// rules, `hybridlint cost` and the finding's cost object read the same rows.
type Pricing struct {
	Comparison *cost.Comparison
	// Complete is true when the expected traffic gives requests and an average duration; without
	// it only the fixed parts are priced (at no traffic), and a known peak still sizes capacity.
	Complete bool
	Rows     []cost.Row
	// PriceDate is the run's price table: "list prices of 2026-11-25".
	PriceDate string
}

// Price prices the function's options at its expected traffic, or their fixed parts alone when
// the traffic is not complete.
func (f PlannedFunction) Price(in Inputs) (Pricing, error) {
	complete := f.HasTraffic && f.Traffic.Complete()
	if !complete {
		f.Traffic.RequestsPerMonth, f.Traffic.AvgDurationMs = 0, 0
	}
	c, err := f.Compare(in)
	if err != nil {
		return Pricing{}, err
	}
	return Pricing{Comparison: c, Complete: complete, Rows: c.Rows(), PriceDate: in.PriceList().Date()}, nil
}

// Row returns the first row of kind k that is priced as the plan declares it.
func (p Pricing) Row(k cost.Kind) (cost.Row, bool) {
	for _, r := range p.Rows {
		if r.Kind == k && !r.SizedToPeak {
			return r, r.Err == nil
		}
	}
	return cost.Row{}, false
}

// Detail is the cost object of a finding about the function: every priced row, as the cost report
// prints it. An on-demand row without traffic has no price and is left out, as the report leaves
// its amount out.
func (p Pricing) Detail(address string) *finding.CostDetail {
	d := &finding.CostDetail{Function: address, PriceDate: p.PriceDate, Options: []finding.CostOption{}}
	for _, r := range p.Rows {
		if amount, ok := p.Amount(r); ok {
			d.Options = append(d.Options, finding.CostOption{Kind: KindID(r.Kind), MonthlyUSD: amount, Basis: r.Basis, FixedOnly: !p.Complete})
		}
	}
	return d
}

// Amount is a row's monthly amount as reports print it (RoundUSD), and false when the row has no
// price: an error, or on demand without traffic.
func (p Pricing) Amount(r cost.Row) (float64, bool) {
	if r.Err != nil || (!p.Complete && r.Kind == cost.OnDemand) {
		return 0, false
	}
	return RoundUSD(r.Estimate.USD), true
}

// KindID names a cost.Kind in JSON: on_demand, keep_warm, provisioned, container.
func KindID(k cost.Kind) string {
	switch k {
	case cost.OnDemand:
		return "on_demand"
	case cost.KeptWarm:
		return "keep_warm"
	case cost.ProvisionedCapacity:
		return "provisioned"
	}
	return "container"
}

// RoundUSD rounds an amount to the cent, or to two significant digits below a cent, as JSON and
// messages carry it.
func RoundUSD(x float64) float64 {
	if x != 0 && x < 0.01 && x > -0.01 {
		v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 2, 64), 64)
		return v
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 2, 64), 64)
	return v
}
