package costreport

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exampleHTML renders the example plan's report as HTML.
func exampleHTML(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, example(t).Write(&b, "html"))
	return b.String()
}

func TestHTMLIsSelfContained(t *testing.T) {
	page := exampleHTML(t)
	assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>"))
	assert.Contains(t, page, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
		"the browser itself refuses to fetch anything")
	for _, banned := range []string{"<script", "<link", "<img", "<iframe", "@import", "https://", "src="} {
		assert.NotContains(t, page, banned)
	}
	// The only URLs are the SVG namespace and the charts' own clip paths.
	urls := regexp.MustCompile(`(?:http://|url\()[^" )]*`).FindAllString(page, -1)
	for _, u := range urls {
		assert.Regexp(t, `^(http://www\.w3\.org/2000/svg|url\(#fn\d+-plot)$`, u)
	}
	// Seven functions have expected traffic, so seven charts; the nightly export has none.
	assert.Equal(t, 7, strings.Count(page, `<svg class="chart"`))
	assert.Contains(t, page, `<title id="fn4-title">Monthly cost of aws_lambda_function.resize against requests per month</title>`)
	assert.Contains(t, page, "expected: 50M requests/month")
	assert.Contains(t, page, "Break-even points: 1: on demand and with provisioned concurrency cost the same at 13.1M requests a month; 2: on demand and as a container cost the same at 15M requests a month.")
	// Addresses are escaped.
	assert.NotContains(t, page, `<code>aws_lambda_function.resize"`)
}

func TestHTMLEscapesWhatThePlanSays(t *testing.T) {
	f := Function{Address: `module.m["<b>"].aws_lambda_function.f`, Platform: "aws_lambda", MemoryMB: 128, Current: "on_demand"}
	var b bytes.Buffer
	require.NoError(t, (&Report{Plans: []string{"<plan>"}, Functions: []Function{f}}).HTML(&b))
	assert.NotContains(t, b.String(), "<b>")
	assert.Contains(t, b.String(), "&lt;b&gt;")
	assert.NotContains(t, b.String(), "<plan>")
}

// chromium is where Debian's chromium package installs the browser.
const chromium = "/usr/bin/chromium"

// runChromium runs headless Chromium on a page with the given extra arguments and a fresh profile,
// with no network, sync or component updates.
func runChromium(t *testing.T, page string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}
	c := exec.CommandContext(ctx, chromium, append(append(base, args...), "file://"+page)...)
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	require.NoError(t, c.Run(), "chromium failed: %s", stderr.String())
	return stdout.Bytes()
}

// TestHTMLRendersInChromium opens the example report in headless Chromium: the DOM the browser
// builds holds every chart with its labels, and a screenshot shows the charts drawn in their
// colours. The screenshot is kept in testdata/screenshots for a person to look at.
func TestHTMLRendersInChromium(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("%s not found: install Debian's chromium package (apt-get install -y chromium) to run the HTML rendering test", chromium)
	}
	shots, err := filepath.Abs(filepath.Join("testdata", "screenshots"))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(shots, 0o755))
	page := filepath.Join(shots, "cost-report.html")
	require.NoError(t, os.WriteFile(page, []byte(exampleHTML(t)), 0o644))

	dom := string(runChromium(t, page, "--dump-dom"))
	assert.Equal(t, 7, strings.Count(dom, "<svg"), "one chart per function with expected traffic")
	assert.Equal(t, 7, strings.Count(dom, `<g class="legend-item" data-option="container">`))
	assert.Equal(t, 7, strings.Count(dom, `data-option="on_demand" fill="none"`), "a line per option")
	for _, label := range []string{
		"requests per month (log scale)", "USD per month (log scale)", "expected: 200M requests/month",
		"as a container", "with provisioned concurrency", "$1,009.12 a month", "1: 13.1M", "2: 15M, decides", "$10K",
		// On demand and keep-warm coincide for the checkout function: both stay visible and the legend says so.
		"$2.53 a month, under keep-warm",
	} {
		assert.Contains(t, dom, label)
	}
	assert.Contains(t, dom, `<g class="break-even decisive">`, "the break-even that drives a recommendation is marked")
	assert.NotContains(t, dom, "busy on average", "no jargon")
	// The legend lists the options in the same order in every chart.
	order := regexp.MustCompile(`<g class="legend-item" data-option="([a-z_]+)">`)
	for _, chart := range strings.Split(dom, "<svg")[1:] {
		var got []string
		for _, m := range order.FindAllStringSubmatch(chart, -1) {
			got = append(got, m[1])
		}
		assert.IsIncreasing(t, legendRanks(got), "legend order %v", got)
	}

	shot := filepath.Join(shots, "cost-report.png")
	_ = os.Remove(shot)
	runChromium(t, page, "--screenshot="+shot, "--window-size=1280,2000", "--hide-scrollbars")
	f, err := os.Open(shot)
	require.NoError(t, err, "chromium wrote no screenshot")
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	require.Equal(t, image.Rect(0, 0, 1280, 2000), img.Bounds())
	// The first chart is on the first screen: its lines must show in their colours.
	for name, rgb := range map[string][3]uint8{"on demand": {0x00, 0x72, 0xB2}, "container": {0xD5, 0x5E, 0x00}, "provisioned": {0x00, 0x9E, 0x73}} {
		assert.Greater(t, countColour(img, rgb), 200, "the %s line is not drawn", name)
	}
	t.Logf("screenshot of the cost report: %s (page: %s)", shot, page)
}

// countColour counts the pixels within a small distance of a colour.
func countColour(img image.Image, rgb [3]uint8) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, rgb[0]) && near(g>>8, rgb[1]) && near(bl>>8, rgb[2]) {
				n++
			}
		}
	}
	return n
}

func near(v uint32, want uint8) bool {
	d := int(v) - int(want)
	return d > -24 && d < 24
}

// legendRanks maps option kinds to their place in cost.Kinds.
func legendRanks(kinds []string) []int {
	var out []int
	for _, id := range kinds {
		k, _ := kindOf(id)
		out = append(out, int(k))
	}
	return out
}

// TestChartRangeSpansTheCrossings: the x axis spans a decade around the expected traffic and the
// break-even points, not 10K to 10B always.
func TestChartRangeSpansTheCrossings(t *testing.T) {
	r := 2e6
	lo, hi := chartRange(Function{Traffic: &Traffic{RequestsPerMonth: &r}, BreakEvens: []BreakEven{{RequestsPerMonth: 5.9e7}}})
	assert.Equal(t, 1e5, lo)
	assert.Equal(t, 1e9, hi)
	lo, hi = chartRange(Function{Traffic: &Traffic{RequestsPerMonth: &r}})
	assert.Equal(t, 1e5, lo, "at least three decades")
	assert.Equal(t, 1e8, hi)
}
