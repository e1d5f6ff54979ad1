package schedule

import (
	"time"
)

// dayRule is how the day-of-month and day-of-week fields combine; the three dialects differ.
type dayRule int

const (
	// bothDays: a day must match both fields (NCRONTAB always; Unix cron when either field
	// starts with "*").
	bothDays dayRule = iota
	// eitherDay: a day matching either field fires (Unix cron when both are restricted).
	eitherDay
)

// Cron is a parsed cron expression of any dialect. Fields are sets of bits; the AWS-only
// specials (L, W, #) are kept beside them.
type Cron struct {
	expr   string
	syntax Syntax

	seconds, minutes, hours uint64
	// hasSeconds is true for NCRONTAB; the others fire at second 0.
	hasSeconds bool
	// dom holds days 1-31, months 1-12, dow weekdays 0-6 with Sunday = 0 (time.Weekday).
	dom, months, dow uint64
	rule             dayRule

	// years restricts AWS crons to years 1970-2199, bit y-firstYear; nil means every year.
	years *[4]uint64

	// AWS day-of-month specials: L (last day), LW (last weekday), nW (weekday nearest day n).
	lastDay, lastWeekday bool
	nearestWeekdayTo     int
	// AWS day-of-week specials: nL (last weekday n of the month), n#k (k-th weekday n).
	lastOfWeekday  bool
	nthOf          int // k of n#k (the weekday is specialWeekday); 0 when unused
	specialWeekday time.Weekday
}

// AWS cron year range. Source:
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html (Year
// 1970-2199).
const (
	firstYear = 1970
	lastYear  = 2199
)

// searchYears bounds how far Next looks ahead for crons without a year field. The Gregorian
// calendar repeats every 400 years, so a cron that does not fire within 400 years never fires.
const searchYears = 400

// String returns the expression as parsed.
func (c *Cron) String() string { return c.expr }

// Syntax returns the dialect the expression was written in.
func (c *Cron) Syntax() Syntax { return c.syntax }

// Next returns the first activation strictly after t; see Schedule.
func (c *Cron) Next(t time.Time) time.Time {
	step := time.Minute
	if c.hasSeconds {
		step = time.Second
	}
	start := t.Truncate(step).Add(step)
	y, mo, d := start.Date()
	h, mi, s := start.Clock()
	limit := c.lastSearchYear(y)
	for y <= limit {
		switch {
		case !c.yearOK(y):
			y, mo, d, h, mi, s = y+1, time.January, 1, 0, 0, 0
			continue
		case c.months&(1<<uint(mo)) == 0 || d > daysIn(y, mo):
			y, mo = nextMonth(y, mo)
			d, h, mi, s = 1, 0, 0, 0
			continue
		case !c.dayOK(y, mo, d):
			d, h, mi, s = d+1, 0, 0, 0
			continue
		}
		if H, M, S, ok := c.timeOfDay(h, mi, s); ok {
			cand := time.Date(y, mo, d, H, M, S, 0, t.Location())
			if cand.After(t) {
				return cand
			}
			// A wall-clock time repeated by a daylight-saving change maps before t: look on from
			// the next second of that day.
			if h, mi, s, ok = secondAfter(H, M, S); ok {
				continue
			}
		}
		d, h, mi, s = d+1, 0, 0, 0
	}
	return time.Time{}
}

func (c *Cron) lastSearchYear(from int) int {
	if c.syntax == AWS {
		return lastYear
	}
	return from + searchYears
}

func (c *Cron) yearOK(y int) bool {
	if c.years == nil {
		return c.syntax != AWS || (y >= firstYear && y <= lastYear)
	}
	if y < firstYear || y > lastYear {
		return false
	}
	i := y - firstYear
	return c.years[i/64]&(1<<uint(i%64)) != 0
}

// timeOfDay returns the first time of day at or after h:m:s that the hour, minute and second
// fields allow.
func (c *Cron) timeOfDay(h, m, s int) (int, int, int, bool) {
	for H := nextBit(c.hours, h); H >= 0; H = nextBit(c.hours, H+1) {
		for M := nextBit(c.minutes, startAt(H == h, m)); M >= 0; M = nextBit(c.minutes, M+1) {
			if S := nextBit(c.seconds, startAt(H == h && M == m, s)); S >= 0 {
				return H, M, S, true
			}
		}
	}
	return 0, 0, 0, false
}

// secondAfter returns the wall-clock second after h:m:s, or false at the end of the day.
func secondAfter(h, m, s int) (int, int, int, bool) {
	t := (h*60+m)*60 + s + 1
	return t / 3600, t / 60 % 60, t % 60, t < 24*3600
}

func startAt(sameAsStart bool, v int) int {
	if sameAsStart {
		return v
	}
	return 0
}

// dayOK reports whether a date matches the day-of-month and day-of-week fields.
func (c *Cron) dayOK(y int, mo time.Month, d int) bool {
	domOK := c.domMatches(y, mo, d)
	if domOK == (c.rule == eitherDay) {
		return domOK // decided without working out the weekday
	}
	return c.dowMatches(y, mo, d)
}

func (c *Cron) domMatches(y int, mo time.Month, d int) bool {
	switch {
	case c.lastDay:
		return d == daysIn(y, mo)
	case c.lastWeekday:
		return d == nearestWeekday(y, mo, daysIn(y, mo))
	case c.nearestWeekdayTo > 0:
		// "31W" does not fire in a 30-day month, as Quartz reads it.
		return c.nearestWeekdayTo <= daysIn(y, mo) && d == nearestWeekday(y, mo, c.nearestWeekdayTo)
	}
	return c.dom&(1<<uint(d)) != 0
}

func (c *Cron) dowMatches(y int, mo time.Month, d int) bool {
	wd := weekday(y, mo, d)
	switch {
	case c.lastOfWeekday:
		return wd == c.specialWeekday && d+7 > daysIn(y, mo)
	case c.nthOf > 0:
		return wd == c.specialWeekday && (d-1)/7+1 == c.nthOf
	}
	return c.dow&(1<<uint(wd)) != 0
}

// nearestWeekday is the Monday-to-Friday day closest to day n of the month without leaving the
// month, as Quartz and AWS define W: Saturday moves to Friday (or Monday on the 1st), Sunday to
// Monday (or Friday on the last day).
func nearestWeekday(y int, mo time.Month, n int) int {
	switch weekday(y, mo, n) {
	case time.Saturday:
		if n == 1 {
			return 3
		}
		return n - 1
	case time.Sunday:
		if n == daysIn(y, mo) {
			return n - 2
		}
		return n + 1
	}
	return n
}

func weekday(y int, mo time.Month, d int) time.Weekday {
	return time.Date(y, mo, d, 12, 0, 0, 0, time.UTC).Weekday()
}

func daysIn(y int, mo time.Month) int {
	return time.Date(y, mo+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

func nextMonth(y int, mo time.Month) (int, time.Month) {
	if mo == time.December {
		return y + 1, time.January
	}
	return y, mo + 1
}
