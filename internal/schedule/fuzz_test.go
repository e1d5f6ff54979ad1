package schedule

import (
	"testing"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// The fuzz targets check that no input panics or hangs the parsers, and that whatever parses also
// behaves: Next moves forward, the month statistics are consistent, and String parses back to the
// same expression. Run one with, for example: go test ./internal/schedule -fuzz=FuzzParseAWS -fuzztime=30s

func FuzzParseAWS(f *testing.F) {
	for _, seed := range []string{
		"rate(5 minutes)", "rate(1 day)", "cron(0/5 * * * ? *)", "cron(0 9 ? * MON-FRI *)",
		"cron(0 0 L * ? *)", "cron(0 12 LW * ? *)", "cron(0 0 15W * ? *)", "cron(0 10 ? * 6#3 *)",
		"cron(15 3 ? * 6L 2026-2030)", "cron(0 0 29 2 ? *)", "at(2026-03-10T12:00:00)", "cron(,)", "rate()",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, expr string) { checkParsed(t, ParseAWS, expr) })
}

func FuzzParseUnix(f *testing.F) {
	for _, seed := range []string{
		"*/5 * * * *", "0 9 * * 1-5", "30 4 1,15 * 5", "0 0 */10 * 5", "0 0 * * 7", "15 10 * JAN,MAR sun", "0 0 30 2 *", "@daily",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, expr string) { checkParsed(t, ParseUnix, expr) })
}

func FuzzParseNCRONTAB(f *testing.F) {
	for _, seed := range []string{
		"0 */5 * * * *", "*/20 * * * * *", "0 30 9 * Jan Mon", "0 0 0 13 * Friday", "00:05:00", "1.00:00:00", "25:00:00", "1:02:03:04",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, expr string) { checkParsed(t, ParseNCRONTAB, expr) })
}

func checkParsed(t *testing.T, parse func(string) (Schedule, error), expr string) {
	s, err := parse(expr)
	if err != nil {
		if err.Error() == "" {
			t.Fatalf("empty error for %q", expr)
		}
		return
	}
	start := time.Date(2026, 3, 10, 10, 17, 30, 0, time.UTC)
	next := s.Next(start)
	if !next.IsZero() && !next.After(start) {
		t.Fatalf("%q: Next(%s) = %s is not after it", expr, start, next)
	}
	st := MonthStats(s, start)
	if st.Count < 0 || st.Shortest > st.Longest || (st.Never && !next.IsZero()) {
		t.Fatalf("%q: inconsistent stats %+v (next %s)", expr, st, next)
	}
	if st.Count > 0 && next.After(start.Add(Month)) {
		t.Fatalf("%q: %d activations in the month but the first is at %s", expr, st.Count, next)
	}
	if n := InvocationsPerMonth(s, start); n < 0 {
		t.Fatalf("%q: negative invocations %g", expr, n)
	}
	again, err := parse(s.String())
	if err != nil || again.String() != s.String() {
		t.Fatalf("%q: String() %q does not parse back: %v", expr, s.String(), err)
	}
}

// FuzzRenderInterval renders any interval on every platform with a schedule: it ends at once (the
// nearest even cron intervals are found without walking up to the input) and what it writes
// parses back.
func FuzzRenderInterval(f *testing.F) {
	for _, seed := range []int{1, 7, 90, 1441, 2880, MaxIntervalMinutes, 1 << 40, -5} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, minutes int) {
		for _, p := range []platform.Platform{platform.AWSLambda, platform.GCPCloudRun, platform.AzureFunctionsFlex} {
			expr, err := RenderInterval(p, minutes)
			if err != nil {
				continue
			}
			syntax, _ := SyntaxOf(p)
			if _, err := Parse(syntax, expr); err != nil {
				t.Fatalf("%s: rendered %q for %d minutes, which does not parse: %v", p, expr, minutes, err)
			}
		}
	})
}
