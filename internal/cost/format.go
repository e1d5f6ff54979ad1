package cost

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// FormatUSD renders a monthly amount for people: "$1,234.56", "$0.53", and amounts under a cent
// with two significant digits ("$0.0066") so a small cost does not read as nothing.
//
// An amount that is not finite or is beyond MaxMonthlyUSD is shown as "n/a" with its scale, never
// pushed through an integer conversion that would overflow.
func FormatUSD(usd float64) string {
	if math.IsNaN(usd) || math.IsInf(usd, 0) || math.Abs(usd) > MaxMonthlyUSD {
		return "n/a (beyond " + formatWhole(MaxMonthlyUSD) + ")"
	}
	sign := ""
	if usd < 0 {
		sign, usd = "-", -usd
	}
	switch {
	case usd == 0:
		return "$0"
	case usd < 0.01:
		digits := max(2, 1-int(math.Floor(math.Log10(usd))))
		return sign + "$" + strconv.FormatFloat(usd, 'f', digits, 64)
	}
	whole, cents := math.Modf(math.Round(usd*100) / 100)
	return sign + "$" + groupThousands(int64(whole)) + fmt.Sprintf(".%02d", int(math.Round(cents*100)))
}

func formatWhole(usd float64) string { return "$" + groupThousands(int64(usd)) }

// FormatCount renders a count with thousands separators ("8,760"); counts under 100 that are not
// whole keep up to two decimals ("21.75").
func FormatCount(n float64) string {
	if math.IsNaN(n) || math.IsInf(n, 0) || math.Abs(n) >= 1e15 {
		return strconv.FormatFloat(n, 'g', 3, 64) // beyond what an int64 holds exactly
	}
	if math.Abs(n) >= 100 || n == math.Trunc(n) {
		return groupThousands(int64(math.Round(n)))
	}
	return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(n, 'f', 2, 64), "0"), ".")
}

// FormatRequests renders a traffic level briefly: "950", "12K", "4M", "1.2B". The unit is chosen
// after rounding to 3 significant digits, so 999,999 reads "1M", not "1e+03K".
func FormatRequests(n float64) string {
	if r, err := strconv.ParseFloat(strconv.FormatFloat(n, 'g', 3, 64), 64); err == nil {
		n = r
	}
	for _, u := range []struct {
		div    float64
		suffix string
	}{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}} {
		if n >= u.div {
			return strconv.FormatFloat(n/u.div, 'g', 3, 64) + u.suffix
		}
	}
	return strconv.FormatFloat(n, 'g', 3, 64)
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// PriceDate says which prices an amount rests on, for messages: the latest date among the prices
// the estimates use ("2026-11-25"), and ", with overrides" when any of them is a team's own.
func PriceDate(es ...Estimate) string {
	var d tableDate
	for _, e := range es {
		for i := range e.Items {
			if e.Items[i].Quantity == 0 {
				continue // a price the estimate did not use
			}
			d.add(&e.Items[i].Price)
		}
	}
	return d.String()
}

// tableDate is the latest date among the prices added, and whether any was overridden.
type tableDate struct {
	latest     string
	overridden bool
}

func (d *tableDate) add(pr *Price) {
	if pr.Overridden {
		d.overridden = true
	}
	if pr.Date > d.latest {
		d.latest = pr.Date
	}
}

func (d tableDate) String() string {
	switch {
	case d.latest == "" && d.overridden:
		return "overridden prices"
	case d.overridden:
		return "list prices of " + d.latest + ", with overrides"
	}
	return "list prices of " + d.latest
}

// Date says which price table a run uses, for reports and findings: "list prices of 2026-11-25",
// the latest date in the table, and ", with overrides" when the configuration replaced any price.
// One run has one table, so every figure of a run carries this one date.
func (p Prices) Date() string {
	// Asked for every function of a plan: read the table where it is, without copying it.
	var d tableDate
	for _, pr := range p.fields() {
		d.add(pr)
	}
	return d.String()
}

// LatestDate is the latest date in the table ("2026-11-25"): the date of the price table, which
// the provider's monthly_cost.price_date states.
func (p Prices) LatestDate() string {
	latest := ""
	for _, pr := range p.List() {
		latest = max(latest, pr.Date)
	}
	return latest
}

// FormatMemory renders MiB as "512 MB" or, from 1 GB up, "1.5 GB" (3 significant digits).
func FormatMemory(mb int) string {
	if mb < 1024 {
		return fmt.Sprintf("%d MB", mb)
	}
	return strconv.FormatFloat(float64(mb)/1024, 'g', 3, 64) + " GB"
}
