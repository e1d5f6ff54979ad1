package costreport

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
)

// Words the table, Markdown and HTML forms share.

// headline says what the report covers.
func (r *Report) headline() string {
	n := len(r.Functions)
	noun := "functions"
	if n == 1 {
		noun = "function"
	}
	s := fmt.Sprintf("%d %s in %s; %s, without free tiers", n, noun, strings.Join(r.Plans, ", "), r.PriceDate)
	if len(r.Overrides) > 0 {
		var names []string
		for _, o := range r.Overrides {
			names = append(names, o.Name)
		}
		s += " (overridden: " + strings.Join(names, ", ") + ")"
	}
	return s + fmt.Sprintf("; a container is recommended when it is at least %d%% cheaper", r.MarginPercent)
}

// profile describes a function's size, and where it is declared when that is known:
// "aws_lambda, 512 MB, x86_64, 0.289 vCPU, timeout 30 s; declared at main.tf:12".
func (f Function) profile() string {
	parts := []string{f.Platform, cost.FormatMemory(f.MemoryMB)}
	if f.Architecture != "" {
		parts = append(parts, f.Architecture)
	}
	if f.VCPU > 0 {
		parts = append(parts, fmt.Sprintf("%g vCPU", f.VCPU))
	}
	parts = append(parts, "timeout "+f.timeout())
	s := strings.Join(parts, ", ")
	if f.MemoryNote != "" {
		s += " (memory: " + f.MemoryNote + ")"
	}
	if f.Location != nil {
		s += "; declared at " + f.Location.String()
	}
	return s
}

func (f Function) timeout() string {
	if f.TimeoutSeconds == nil {
		return "unknown"
	}
	return fmt.Sprintf("%d s", *f.TimeoutSeconds)
}

// trafficText says what is expected of the function.
func (f Function) trafficText() string {
	t := f.Traffic
	if t == nil {
		return "no expected traffic: give it with --usage FILE, --metrics FILE or a hybrid_unit workload; only fixed costs are shown"
	}
	var parts []string
	if t.RequestsPerMonth != nil {
		parts = append(parts, cost.FormatCount(*t.RequestsPerMonth)+" requests a month")
	}
	if t.AvgDurationMs > 0 {
		parts = append(parts, cost.FormatCount(t.AvgDurationMs)+" ms on average")
	}
	if t.P99DurationMs > 0 {
		parts = append(parts, cost.FormatCount(t.P99DurationMs)+" ms at p99")
	}
	if t.PeakConcurrency > 0 {
		parts = append(parts, fmt.Sprintf("peak concurrency %d", t.PeakConcurrency))
	}
	if t.AverageConcurrency > 0 {
		parts = append(parts, inFlight(t.AverageConcurrency))
	}
	s := "expected " + strings.Join(parts, ", ") + " (" + t.Source + ")"
	if !t.Complete {
		s += "; requests a month and an average duration are both needed, so only fixed costs are shown"
	}
	return s
}

// money renders an option's monthly cost for a table cell.
func (o Option) money() string {
	switch {
	case o.MonthlyUSD == nil:
		return "n/a"
	case o.FixedOnly && o.Kind != "container":
		return cost.FormatUSD(*o.MonthlyUSD) + " + traffic"
	}
	return cost.FormatUSD(*o.MonthlyUSD)
}

// note is what a table says beside an option's cost: how it is sized, or why it has no price.
func (o Option) note() string {
	if o.MonthlyUSD == nil {
		return o.Unavailable
	}
	return o.Basis
}

// label names an option, marking the one the plan uses now.
func (f Function) label(o Option) string {
	if o.Kind == f.Current && !o.SizedToPeak {
		return o.Label + " (as planned)"
	}
	return o.Label
}

func (f Function) option(kind string) Option {
	for _, o := range f.Options {
		if o.Kind == kind {
			return o
		}
	}
	return Option{Kind: kind, Unavailable: "not priced"}
}

// recommendationText says what to do, with the numbers.
func (f Function) recommendationText() string {
	switch {
	case f.Error != "":
		return "cannot be priced: " + f.Error
	case f.Recommendation == nil:
		return "give the expected traffic to compare the options"
	}
	return f.Recommendation.Label + ": " + f.Recommendation.Reason
}

// breakEvenText lists the break-even points: "on demand and as a container cost the same at 15M
// requests a month".
func (f Function) breakEvenText() []string {
	var out []string
	for _, b := range f.BreakEvens {
		out = append(out, fmt.Sprintf("%s and %s cost the same at %s requests a month", f.option(b.A).Label, f.option(b.B).Label,
			cost.FormatRequests(b.RequestsPerMonth)))
	}
	return out
}

// Text writes the report as text: a table per function.
func (r *Report) Text(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "hybridlint cost: %s\n", r.headline())
	if len(r.Functions) == 0 {
		b.WriteString("\nno function in the plan that hybridlint can price (Lambda, Cloud Functions, Azure Functions on Consumption, Flex or Premium)\n")
	}
	for _, f := range r.Functions {
		fmt.Fprintf(&b, "\n%s\n  %s\n  %s\n", f.title(), f.profile(), f.trafficText())
		if f.Error == "" {
			b.WriteString("\n")
			tw := tabwriter.NewWriter(&b, 0, 0, 3, ' ', 0)
			fmt.Fprintln(tw, "  OPTION\tMONTHLY\tBASIS")
			for _, o := range f.Options {
				fmt.Fprintf(tw, "  %s\t%s\t%s\n", f.label(o), o.money(), o.note())
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "  recommendation: %s\n", f.recommendationText())
		for _, be := range f.breakEvenText() {
			fmt.Fprintf(&b, "  break-even: %s\n", be)
		}
	}
	if r.TotalRecommendedUSD > 0 || r.TotalCurrentUSD > 0 {
		fmt.Fprintf(&b, "\nfunctions with expected traffic: %s a month as planned, %s as recommended\n",
			cost.FormatUSD(r.TotalCurrentUSD), cost.FormatUSD(r.TotalRecommendedUSD))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// title names a function, with its plan when several were given.
func (f Function) title() string {
	if f.Plan != "" {
		return f.Address + " (" + f.Plan + ")"
	}
	return f.Address
}

// inFlight says how many requests are being served at once on average, in words:
// "about 20 requests in flight on average", "0.061 requests in flight on average".
func inFlight(avg float64) string {
	if avg >= 1.5 {
		return fmt.Sprintf("about %s requests in flight on average", cost.FormatCount(math.Round(avg)))
	}
	return fmt.Sprintf("%.2g requests in flight on average", avg)
}
