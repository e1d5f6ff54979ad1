package costreport

import (
	"fmt"
	"io"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
)

// pageStyle is the page's only styling, inline: no fonts, scripts or stylesheets are fetched (the
// Content-Security-Policy forbids it), so the file reads the same offline, attached to a ticket.
const pageStyle = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; color: #1b1f24;
  margin: 2rem auto; max-width: 68rem; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2.4rem; border-top: 1px solid #d0d7de; padding-top: 1.2rem; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
p.meta, p.profile, p.traffic { color: #57606a; margin: .2rem 0; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .92rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.usd { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.summary { font-size: .84rem; width: 100%; }
table.summary td:first-child { min-width: 12rem; }
td.planned { font-weight: 600; }
td.planned::after { content: "planned"; display: block; font-size: .7rem; font-weight: 400; color: #57606a; }
tr.planned td { font-weight: 600; }
tr.recommended td:first-child::after { content: " \2605"; color: #1a7f37; }
p.recommendation { background: #dafbe1; border-left: 4px solid #1a7f37; padding: .4rem .7rem; }
p.pending { background: #f6f8fa; border-left: 4px solid #8c959f; padding: .4rem .7rem; }
p.error, ul.warnings li { color: #cf222e; }
figure { margin: 1rem 0; }
figcaption { color: #57606a; font-size: .9rem; }
svg.chart { max-width: 100%; height: auto; background: #fff; }
svg .plot { fill: #fbfcfd; stroke: #8c959f; }
svg .grid { stroke: #e4e8ec; stroke-width: 1; }
svg .tick { font-size: 12px; fill: #57606a; }
svg .axis { font-size: 13px; fill: #1b1f24; }
svg .legend { font-size: 13px; fill: #1b1f24; }
svg .legend-usd { font-size: 12px; fill: #57606a; }
svg .expected { stroke: #1b1f24; stroke-width: 1.5; stroke-dasharray: 5 4; }
svg .expected-label { font-size: 12px; fill: #1b1f24; font-weight: 600; }
svg .break-even circle { fill: #fff; stroke: #1b1f24; stroke-width: 2; }
svg .break-even text { font-size: 12px; fill: #1b1f24; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg .break-even.decisive circle { fill: #1b1f24; stroke: #fff; stroke-width: 2; }
`

// HTML writes the report as one self-contained page: a summary table, then per function its
// options, recommendation and an inline SVG chart of cost against traffic.
func (r *Report) HTML(w io.Writer) error {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` + "\n")
	b.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n")
	b.WriteString("<title>hybridlint cost report</title>\n<style>" + pageStyle + "</style>\n</head>\n<body>\n")
	b.WriteString("<h1>Monthly cost of the functions</h1>\n")
	fmt.Fprintf(&b, "<p class=\"meta\">%s.</p>\n", esc(upperFirst(r.headline())))
	if len(r.Warnings) > 0 {
		b.WriteString("<ul class=\"warnings\">\n")
		for _, wn := range r.Warnings {
			fmt.Fprintf(&b, "<li>%s</li>\n", esc(wn))
		}
		b.WriteString("</ul>\n")
	}
	if len(r.Functions) == 0 {
		b.WriteString("<p>No function in the plan that hybridlint can price.</p>\n")
	} else {
		r.htmlSummary(&b)
	}
	for i, f := range r.Functions {
		htmlFunction(&b, f, fmt.Sprintf("fn%d", i+1))
	}
	b.WriteString("</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Report) htmlSummary(b *strings.Builder) {
	b.WriteString("<table class=\"summary\">\n<thead><tr><th>Function</th><th>Platform</th><th>Memory</th><th>Timeout</th>" +
		"<th>On demand</th><th>With keep-warm</th><th>With provisioned concurrency</th><th>As a container</th><th>Recommended</th></tr></thead>\n<tbody>\n")
	for i, f := range r.Functions {
		fmt.Fprintf(b, "<tr><td><a href=\"#fn%d\"><code>%s</code></a></td><td>%s</td><td>%s</td><td>%s</td>",
			i+1, breakable(f.title()), breakable(f.Platform), esc(cost.FormatMemory(f.MemoryMB)), esc(f.timeout()))
		for _, kind := range []string{"on_demand", "keep_warm", "provisioned", "container"} {
			class := "usd"
			if kind == f.Current {
				class += " planned"
			}
			fmt.Fprintf(b, "<td class=\"%s\">%s</td>", class, esc(f.option(kind).money()))
		}
		rec := "—"
		if f.Recommendation != nil {
			rec = "<strong>" + esc(f.Recommendation.Label) + "</strong>, " + esc(cost.FormatUSD(f.Recommendation.MonthlyUSD))
		}
		fmt.Fprintf(b, "<td>%s</td></tr>\n", rec)
	}
	b.WriteString("</tbody>\n</table>\n")
	if r.TotalRecommendedUSD > 0 || r.TotalCurrentUSD > 0 {
		fmt.Fprintf(b, "<p>Functions with expected traffic: <strong>%s</strong> a month as planned, <strong>%s</strong> as recommended.</p>\n",
			esc(cost.FormatUSD(r.TotalCurrentUSD)), esc(cost.FormatUSD(r.TotalRecommendedUSD)))
	}
}

func htmlFunction(b *strings.Builder, f Function, id string) {
	fmt.Fprintf(b, "<section class=\"function\" id=\"%s\">\n<h2>%s</h2>\n", id, esc(f.title()))
	fmt.Fprintf(b, "<p class=\"profile\">%s</p>\n<p class=\"traffic\">%s</p>\n", esc(f.profile()), esc(upperFirst(f.trafficText())))
	if f.Error != "" {
		fmt.Fprintf(b, "<p class=\"error\">%s</p>\n</section>\n", esc(f.recommendationText()))
		return
	}
	b.WriteString("<table class=\"options\">\n<thead><tr><th>Option</th><th>Monthly</th><th>Basis</th></tr></thead>\n<tbody>\n")
	for _, o := range f.Options {
		var classes []string
		if o.Kind == f.Current {
			classes = append(classes, "planned")
		}
		if f.Recommendation != nil && f.Recommendation.Kind == o.Kind {
			classes = append(classes, "recommended")
		}
		fmt.Fprintf(b, "<tr class=\"%s\"><td>%s</td><td class=\"usd\">%s</td><td>%s</td></tr>\n",
			strings.Join(classes, " "), esc(f.label(o)), esc(o.money()), esc(o.note()))
	}
	b.WriteString("</tbody>\n</table>\n")
	class := "recommendation"
	if f.Recommendation == nil {
		class = "pending"
	}
	fmt.Fprintf(b, "<p class=\"%s\"><strong>Recommendation:</strong> %s.</p>\n", class, esc(f.recommendationText()))
	if svg := chartSVG(f, id); svg != "" {
		b.WriteString("<figure>\n" + svg + "\n<figcaption>")
		b.WriteString("Monthly cost against requests per month, both on log scales; the dashed vertical line is the expected traffic.")
		if be := f.breakEvenText(); len(be) > 0 {
			b.WriteString(" Break-even points: ")
			for i, t := range be {
				if i > 0 {
					b.WriteString("; ")
				}
				fmt.Fprintf(b, "%d: %s", i+1, esc(t))
			}
			b.WriteString(".")
		}
		b.WriteString("</figcaption>\n</figure>\n")
	}
	b.WriteString("</section>\n")
}

// breakable escapes an address or name and lets the browser wrap it after dots and underscores
// rather than in the middle of a word.
func breakable(s string) string { return wordBreaks.Replace(esc(s)) }

// wordBreaks is built once: a Replacer builds its tables at its first Replace.
var wordBreaks = strings.NewReplacer(".", ".<wbr>", "_", "_<wbr>")
