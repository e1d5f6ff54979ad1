package schedule

import (
	"math/bits"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// Month is the month all counts use: 730 hours (platform.HoursPerMonth), as in AWS's and Azure's
// price examples, so invocation counts multiply straight into monthly prices.
const Month = platform.HoursPerMonth * time.Hour

// year is twelve Months: 8,760 hours, a 365-day year.
const year = 12 * Month

// maxWalk bounds the activations walked for a Schedule implemented outside this package.
const maxWalk = 1_000_000

// Stats describes a schedule's activations over one Month.
type Stats struct {
	// Count is the number of activations in (from, from+Month].
	Count int
	// Shortest and Longest are the shortest and longest time between two consecutive activations,
	// counting from the first activation after from up to and including the first one after the
	// month ends, so a gap that straddles the month's end counts. Both are zero when fewer than
	// two activations exist.
	Shortest, Longest time.Duration
	// Never is true when the schedule has no activation after from at all.
	Never bool
}

// MonthStats counts the activations of s in the Month after from and measures the gaps between
// them. It is fast for every schedule this package parses: arithmetic for rates, one pass over the
// days of the month for crons (at most 86,400 activations a day for an every-second NCRONTAB).
// Cron days are laid out in from's location; a daylight-saving change within a day shifts that
// day's later activations by the hour it adds or removes, which this ignores.
func MonthStats(s Schedule, from time.Time) Stats {
	switch v := s.(type) {
	case Rate:
		return rateStats(v.every, from)
	case *Cron:
		return v.stats(from, from.Add(Month), true)
	}
	return walkStats(s, from)
}

// InvocationsPerMonth returns how often s fires in an average Month: the activations in the year
// (12 Months, 365 days) after from, divided by 12, so weekly and monthly patterns count fairly
// whatever month from falls in. Pass a fixed from (not "now") where the result must not change
// between two runs, as in a Terraform plan.
func InvocationsPerMonth(s Schedule, from time.Time) float64 {
	switch v := s.(type) {
	case Rate:
		return float64(Month) / float64(v.every)
	case *Cron:
		return float64(v.stats(from, from.Add(year), false).Count) / 12
	}
	n := 0
	for t := s.Next(from); !t.IsZero() && !t.After(from.Add(year)) && n < maxWalk; t = s.Next(t) {
		n++
	}
	return float64(n) / 12
}

// rateStats is arithmetic: activations sit on multiples of the interval (see Rate.Next).
func rateStats(every time.Duration, from time.Time) Stats {
	first := Rate{every: every}.Next(from)
	end := from.Add(Month)
	st := Stats{Shortest: every, Longest: every}
	if !first.After(end) {
		st.Count = int(end.Sub(first)/every) + 1
	}
	return st
}

// gapTracker accumulates Stats from activations in time order.
type gapTracker struct {
	st   Stats
	last time.Time
	seen bool
}

func (g *gapTracker) add(t time.Time) {
	if g.seen {
		gap := t.Sub(g.last)
		if g.st.Shortest == 0 || gap < g.st.Shortest {
			g.st.Shortest = gap
		}
		if gap > g.st.Longest {
			g.st.Longest = gap
		}
	}
	g.last, g.seen = t, true
}

// walkStats handles a Schedule implemented elsewhere by walking Next, at most maxWalk steps.
func walkStats(s Schedule, from time.Time) Stats {
	end := from.Add(Month)
	var g gapTracker
	t := s.Next(from)
	for i := 0; !t.IsZero() && i < maxWalk; i++ {
		g.add(t)
		if t.After(end) {
			break
		}
		g.st.Count++
		t = s.Next(t)
	}
	g.st.Never = !g.seen
	return g.st
}

// stats counts the activations in (from, end] day by day; with gaps set it also measures the gaps
// up to the first activation after end. Days wholly inside the window are summarised from the
// time-of-day pattern, so an every-second cron costs two partial days, not 2.6 million steps.
func (c *Cron) stats(from, end time.Time, gaps bool) Stats {
	offsets := c.dayOffsets()
	inner := innerGaps(offsets)
	loc := from.Location()
	var g gapTracker
	y, mo, d := from.Date()
	for day := time.Date(y, mo, d, 0, 0, 0, 0, loc); !day.After(end); day = day.AddDate(0, 0, 1) {
		if !c.matchesDate(day) {
			continue
		}
		if day.After(from) && !day.Add(24*time.Hour).After(end) {
			g.st.Count += len(offsets)
			if gaps {
				g.addDay(day.Add(offsets[0]), day.Add(offsets[len(offsets)-1]), inner)
			}
			continue
		}
		for _, off := range offsets {
			t := day.Add(off)
			if !t.After(from) {
				continue
			}
			if t.After(end) {
				break
			}
			g.st.Count++
			if gaps {
				g.add(t)
			}
		}
	}
	if gaps {
		// The gap that straddles the end of the month.
		if next := c.Next(latest(end, g.last)); !next.IsZero() {
			g.add(next)
		}
	}
	g.st.Never = !g.seen && c.Next(from).IsZero()
	return g.st
}

// gapRange is the shortest and longest gap between consecutive activations within one day.
type gapRange struct{ shortest, longest time.Duration }

func innerGaps(offsets []time.Duration) gapRange {
	var r gapRange
	for i := 1; i < len(offsets); i++ {
		gap := offsets[i] - offsets[i-1]
		if r.shortest == 0 || gap < r.shortest {
			r.shortest = gap
		}
		r.longest = max(r.longest, gap)
	}
	return r
}

// addDay records a whole day of activations from first to last whose gaps span inner.
func (g *gapTracker) addDay(first, last time.Time, inner gapRange) {
	g.add(first)
	if inner.longest > 0 {
		if g.st.Shortest == 0 || inner.shortest < g.st.Shortest {
			g.st.Shortest = inner.shortest
		}
		g.st.Longest = max(g.st.Longest, inner.longest)
	}
	g.last = last
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// matchesDate reports whether the cron fires on the given day at all.
func (c *Cron) matchesDate(day time.Time) bool {
	y, mo, d := day.Date()
	return c.yearOK(y) && c.months&(1<<uint(mo)) != 0 && c.dayOK(y, mo, d)
}

// dayOffsets lists the times of day the cron fires on a matching day, ascending.
func (c *Cron) dayOffsets() []time.Duration {
	out := make([]time.Duration, 0, bits.OnesCount64(c.hours)*bits.OnesCount64(c.minutes)*bits.OnesCount64(c.seconds))
	for h := nextBit(c.hours, 0); h >= 0; h = nextBit(c.hours, h+1) {
		for m := nextBit(c.minutes, 0); m >= 0; m = nextBit(c.minutes, m+1) {
			for s := nextBit(c.seconds, 0); s >= 0; s = nextBit(c.seconds, s+1) {
				out = append(out, time.Duration(h)*time.Hour+time.Duration(m)*time.Minute+time.Duration(s)*time.Second)
			}
		}
	}
	return out
}
