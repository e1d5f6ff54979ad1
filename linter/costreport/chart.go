package costreport

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
)

// The chart of one function: monthly cost (y, log scale) against requests a month (x, log scale)
// for each option that can be priced, with the break-even points marked and the expected traffic
// drawn as a vertical line. Capacity that grows with traffic (container instances, provisioned
// environments) makes some lines step up.

// Geometry of the chart, in SVG user units.
const (
	chartWidth   = 960
	chartHeight  = 440
	plotLeft     = 78
	plotRight    = 650
	plotTop      = 40
	plotBottom   = 370
	samples      = 320
	minChartUSD  = 0.01
	legendLeft   = 672
	legendRowGap = 44
)

// series colours and dashes: the Okabe-Ito palette, which stays distinct for colour-blind readers,
// and a dash pattern per option so the lines differ in grey too.
var seriesStyle = map[cost.Kind]struct{ color, dash string }{
	cost.OnDemand:            {"#0072B2", ""},
	cost.KeptWarm:            {"#E69F00", "8 4"},
	cost.ProvisionedCapacity: {"#009E73", "2 4"},
	cost.AlwaysOnContainer:   {"#D55E00", "12 4 2 4"},
}

type series struct {
	kind   cost.Kind
	points [][2]float64 // requests, USD
	atExp  float64
}

// chartRange picks the traffic shown: a decade either side of the expected traffic and the
// break-even points (where the options cross), at least three decades, within 10 to 10^12
// requests a month.
func chartRange(f Function) (lo, hi float64) {
	pts := []float64{*f.Traffic.RequestsPerMonth}
	for _, b := range f.BreakEvens {
		pts = append(pts, b.RequestsPerMonth)
	}
	lo, hi = math.Inf(1), 0.0
	for _, p := range pts {
		if p > 0 {
			lo, hi = math.Min(lo, p), math.Max(hi, p)
		}
	}
	if hi == 0 {
		lo, hi = 1e3, 1e6
	}
	lo = math.Pow(10, math.Floor(math.Log10(lo))-1)
	hi = math.Pow(10, math.Ceil(math.Log10(hi))+1)
	for hi/lo < 1e3 {
		lo /= 10
		hi *= 10
	}
	return math.Max(lo, 10), math.Min(hi, 1e12)
}

// chartSVG draws the chart of a function with expected traffic; "" when it has none.
func chartSVG(f Function, id string) string {
	if f.comparison == nil || f.Traffic == nil || !f.Traffic.Complete {
		return ""
	}
	c := f.comparison
	expected := *f.Traffic.RequestsPerMonth
	xlo, xhi := chartRange(f)
	var all []series
	ymin, ymax := math.Inf(1), 0.0
	for _, k := range cost.Kinds() {
		if c.Err(k) != nil {
			continue
		}
		s := series{kind: k}
		for i := 0; i <= samples; i++ {
			r := xlo * math.Pow(xhi/xlo, float64(i)/samples)
			usd, _ := c.USD(k, r)
			s.points = append(s.points, [2]float64{r, usd})
			ymax = math.Max(ymax, usd)
			if usd >= minChartUSD {
				ymin = math.Min(ymin, usd)
			}
		}
		s.atExp, _ = c.USD(k, expected)
		all = append(all, s)
	}
	if len(all) == 0 || !(ymax > 0) || math.IsInf(ymax, 0) || math.IsInf(ymin, 0) {
		return "" // nothing to draw, or amounts that overflow: an axis without an end
	}
	ylo := math.Pow(10, math.Floor(math.Log10(math.Max(ymin, minChartUSD))))
	yhi := math.Pow(10, math.Ceil(math.Log10(ymax)))
	if yhi/ylo < 100 {
		ylo /= 10
	}
	x := func(r float64) float64 {
		return plotLeft + (plotRight-plotLeft)*math.Log10(r/xlo)/math.Log10(xhi/xlo)
	}
	y := func(usd float64) float64 {
		usd = math.Max(usd, ylo)
		return plotBottom - (plotBottom-plotTop)*math.Log10(usd/ylo)/math.Log10(yhi/ylo)
	}

	var b strings.Builder
	title := "Monthly cost of " + f.Address + " against requests per month"
	fmt.Fprintf(&b, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title %s-desc">`,
		chartWidth, chartHeight, chartWidth, chartHeight, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`, id, esc(title))
	fmt.Fprintf(&b, `<desc id="%s-desc">%s</desc>`, id, esc(chartDescription(f, all)))
	fmt.Fprintf(&b, `<defs><clipPath id="%s-plot"><rect x="%d" y="%d" width="%d" height="%d"/></clipPath></defs>`,
		id, plotLeft, plotTop, plotRight-plotLeft, plotBottom-plotTop)
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="plot"/>`, plotLeft, plotTop, plotRight-plotLeft, plotBottom-plotTop)

	// Grid and axes: one line per decade.
	for r := xlo; r <= xhi*1.0001; r *= 10 {
		px := x(r)
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" y1="%d" x2="%.1f" y2="%d"/>`, px, plotTop, px, plotBottom)
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%d" text-anchor="middle">%s</text>`, px, plotBottom+18, esc(cost.FormatRequests(r)))
	}
	for v := ylo; v <= yhi*1.0001; v *= 10 {
		py := y(v)
		fmt.Fprintf(&b, `<line class="grid" x1="%d" y1="%.1f" x2="%d" y2="%.1f"/>`, plotLeft, py, plotRight, py)
		fmt.Fprintf(&b, `<text class="tick" x="%d" y="%.1f" text-anchor="end">%s</text>`, plotLeft-8, py+4, esc(axisUSD(v)))
	}
	fmt.Fprintf(&b, `<text class="axis" x="%d" y="%d" text-anchor="middle">requests per month (log scale)</text>`,
		(plotLeft+plotRight)/2, plotBottom+44)
	fmt.Fprintf(&b, `<text class="axis" transform="translate(18 %d) rotate(-90)" text-anchor="middle">USD per month (log scale)</text>`,
		(plotTop+plotBottom)/2)

	// The lines. A line that coincides with an earlier one (keep-warm pings cost next to nothing
	// beside on-demand traffic) would hide it: the earlier one is drawn wide beneath, so
	// both stay visible, and the legend says they coincide.
	sameAs := coinciding(all, y)
	fmt.Fprintf(&b, `<g clip-path="url(#%s-plot)">`, id)
	for i, s := range all {
		st := seriesStyle[s.kind]
		var pts []string
		for _, p := range s.points {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(p[0]), y(p[1])))
		}
		dash := ""
		if st.dash != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, st.dash)
		}
		width := "2.5"
		if _, hidden := sameAs[i]; hidden {
			width = "7"
		}
		fmt.Fprintf(&b, `<polyline class="series" data-option="%s" fill="none" stroke="%s" stroke-width="%s"%s points="%s"/>`,
			kindID(s.kind), st.color, width, dash, strings.Join(pts, " "))
	}
	b.WriteString(`</g>`)

	// The expected traffic.
	ex := x(expected)
	fmt.Fprintf(&b, `<line class="expected" x1="%.1f" y1="%d" x2="%.1f" y2="%d"/>`, ex, plotTop, ex, plotBottom)
	anchor := "start"
	labelX := ex + 6
	if ex > plotRight-150 {
		anchor, labelX = "end", ex-6
	}
	fmt.Fprintf(&b, `<text class="expected-label" x="%.1f" y="%d" text-anchor="%s">expected: %s requests/month</text>`,
		labelX, plotTop-10, anchor, esc(cost.FormatRequests(expected)))
	for _, s := range all {
		fmt.Fprintf(&b, `<circle class="at-expected" cx="%.1f" cy="%.1f" r="4" fill="%s"/>`, ex, y(s.atExp), seriesStyle[s.kind].color)
	}

	// The break-even points, numbered; the caption under the chart says which options they join.
	// Labels are placed where they overlap neither an earlier label nor a marker.
	var taken []box
	type marker struct {
		x, y  float64
		label string
	}
	var markers []marker
	decisive := f.decisiveBreakEven()
	for i, be := range f.BreakEvens {
		a, ok := kindOf(be.A)
		if !ok {
			continue
		}
		usd, _ := c.USD(a, be.RequestsPerMonth)
		px, py := x(be.RequestsPerMonth), y(usd)
		if px < plotLeft || px > plotRight {
			continue
		}
		label := fmt.Sprintf("%d: %s", i+1, cost.FormatRequests(be.RequestsPerMonth))
		if i == decisive {
			label += ", decides"
		}
		markers = append(markers, marker{px, py, label})
		taken = append(taken, box{px - 9, py - 9, px + 9, py + 9})
	}
	taken = append(taken, legendFree())
	for _, m := range markers {
		class, r := "break-even", 6
		if strings.HasSuffix(m.label, ", decides") {
			class, r = "break-even decisive", 8
		}
		fmt.Fprintf(&b, `<g class="%s"><circle cx="%.1f" cy="%.1f" r="%d"/>`, class, m.x, m.y, r)
		if lx, ly, ok := placeLabel(m.x, m.y, m.label, &taken); ok {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, lx, ly, esc(m.label))
		}
		b.WriteString(`</g>`)
	}

	// The legend, in the same order in every chart (cost.Kinds), with each option's cost at the
	// expected traffic.
	for i, s := range all {
		st := seriesStyle[s.kind]
		ly := plotTop + 10 + i*legendRowGap
		dash := ""
		if st.dash != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, st.dash)
		}
		fmt.Fprintf(&b, `<g class="legend-item" data-option="%s"><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="3"%s/>`,
			kindID(s.kind), legendLeft, ly, legendLeft+34, ly, st.color, dash)
		fmt.Fprintf(&b, `<text class="legend" x="%d" y="%d">%s</text>`, legendLeft+42, ly+5, esc(s.kind.String()))
		note := ""
		if j, ok := sameAs[i]; ok {
			note = ", under " + strings.TrimPrefix(all[j].kind.String(), "with ")
		}
		fmt.Fprintf(&b, `<text class="legend-usd" x="%d" y="%d">%s a month%s</text></g>`, legendLeft+42, ly+23, esc(cost.FormatUSD(s.atExp)), esc(note))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// box is a rectangle of the chart that a label must not cover.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// placeLabel finds where a marker's label (centred text, 12px) goes: above, below, further above
// or below, or to a side, whichever first overlaps nothing placed yet and stays in the plot. It
// returns the text's anchor point and records the label's box; false when every place is taken,
// so labels never overlap.
func placeLabel(x, y float64, label string, taken *[]box) (float64, float64, bool) {
	w, h := 7.2*float64(len(label)), 14.0
	offsets := [][2]float64{{0, -12}, {0, 24}, {0, -28}, {0, 40}, {-w/2 - 12, 4}, {w/2 + 12, 4}, {0, -44}, {0, 56},
		{-w/2 - 12, -20}, {w/2 + 12, -20}, {-w/2 - 12, 28}, {w/2 + 12, 28}, {0, -60}, {0, 72}}
	for _, o := range offsets {
		lx, ly := x+o[0], y+o[1]
		b := box{lx - w/2, ly - h + 3, lx + w/2, ly + 3}
		if b.x0 < plotLeft || b.x1 > plotRight || b.y0 < plotTop || b.y1 > plotBottom {
			continue
		}
		free := true
		for _, t := range *taken {
			if b.overlaps(t) {
				free = false
				break
			}
		}
		if free {
			*taken = append(*taken, b)
			return lx, ly, true
		}
	}
	return 0, 0, false // no free place: the caption under the chart still lists the point
}

// chartDescription says in words what the chart shows, for screen readers.
func chartDescription(f Function, all []series) string {
	var parts []string
	for _, s := range all {
		parts = append(parts, fmt.Sprintf("%s %s", s.kind, cost.FormatUSD(s.atExp)))
	}
	d := fmt.Sprintf("At the expected %s requests a month: %s.", cost.FormatRequests(*f.Traffic.RequestsPerMonth), strings.Join(parts, ", "))
	if be := f.breakEvenText(); len(be) > 0 {
		d += " Break-even: " + strings.Join(be, "; ") + "."
	}
	return d
}

func kindOf(id string) (cost.Kind, bool) {
	for _, k := range cost.Kinds() {
		if kindID(k) == id {
			return k, true
		}
	}
	return 0, false
}

// axisUSD labels a decade of the cost axis: "$0.01", "$1", "$1K".
func axisUSD(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("$%gM", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("$%gK", v/1e3)
	}
	return fmt.Sprintf("$%g", v)
}

func esc(s string) string { return html.EscapeString(s) }

// coinciding maps each series whose line another one hides to the one drawn over it: on the
// chart, the two lie within 3 pixels of each other at three samples in four. Keys and values
// index all.
func coinciding(all []series, y func(float64) float64) map[int]int {
	out := map[int]int{}
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			close := 0
			for k := range all[i].points {
				if math.Abs(y(all[i].points[k][1])-y(all[j].points[k][1])) < 3 {
					close++
				}
			}
			if close*4 >= len(all[i].points)*3 {
				out[i] = j
				break
			}
		}
	}
	return out
}

// decisiveBreakEven is the index in BreakEvens of the point that drives the recommendation: where
// the way the plan runs the function now and the recommended option trade places; -1 when the
// recommendation is the current way or none is listed.
func (f Function) decisiveBreakEven() int {
	if f.Recommendation == nil {
		return -1
	}
	for i, be := range f.BreakEvens {
		if be.A == f.Current && be.B == f.Recommendation.Kind {
			return i
		}
	}
	return -1
}

// legendFree is the space above the plot where the expected-traffic label goes, kept free of
// break-even labels.
func legendFree() box { return box{plotLeft, 0, plotRight, plotTop} }
