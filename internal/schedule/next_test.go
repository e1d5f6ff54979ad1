package schedule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// from is Tuesday 2026-03-10 10:17:30 UTC. The expected times below were worked out with a calendar:
// 2026-01-01 is a Thursday, so 2026-03-01 is a Sunday, 2026-04-01 a Wednesday, 2026-05-01 a Friday,
// 2026-06-01 a Monday, 2026-07-01 a Wednesday and 2026-08-01 a Saturday.
var from = time.Date(2026, 3, 10, 10, 17, 30, 0, time.UTC)

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04:05", s)
	if err != nil {
		panic(err)
	}
	return t
}

type nextCase struct {
	expr string
	from time.Time
	want []string // the next activations, in order; empty means it never fires
}

func checkNext(t *testing.T, syntax Syntax, tests []nextCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			s, err := Parse(syntax, tt.expr)
			require.NoError(t, err)
			start := tt.from
			if start.IsZero() {
				start = from
			}
			cur := start
			for _, w := range tt.want {
				cur = s.Next(cur)
				assert.Equal(t, at(w), cur, "after %s", start)
			}
			if len(tt.want) == 0 {
				assert.True(t, s.Next(cur).IsZero(), "expected no activation after %s", cur)
			}
		})
	}
}

func TestAWSNext(t *testing.T) {
	checkNext(t, AWS, []nextCase{
		{expr: "rate(5 minutes)", want: []string{"2026-03-10 10:20:00", "2026-03-10 10:25:00", "2026-03-10 10:30:00"}},
		{expr: "rate(1 hour)", want: []string{"2026-03-10 11:00:00", "2026-03-10 12:00:00"}},
		{expr: "rate(1 day)", want: []string{"2026-03-11 00:00:00", "2026-03-12 00:00:00"}},
		{expr: "cron(0/15 * * * ? *)", want: []string{"2026-03-10 10:30:00", "2026-03-10 10:45:00", "2026-03-10 11:00:00"}},
		{expr: "cron(0 9 ? * MON-FRI *)", want: []string{"2026-03-11 09:00:00", "2026-03-12 09:00:00", "2026-03-13 09:00:00", "2026-03-16 09:00:00"}},
		// AWS numbers weekdays from Sunday = 1: 2 is Monday, 4 Wednesday.
		{expr: "cron(30 8 ? * 2,4 *)", want: []string{"2026-03-11 08:30:00", "2026-03-16 08:30:00", "2026-03-18 08:30:00"}},
		{expr: "cron(0 0 L * ? *)", want: []string{"2026-03-31 00:00:00", "2026-04-30 00:00:00", "2026-05-31 00:00:00"}},
		// Last weekday: 2026-05-31 is a Sunday, so Friday the 29th.
		{expr: "cron(0 12 LW * ? *)", want: []string{"2026-03-31 12:00:00", "2026-04-30 12:00:00", "2026-05-29 12:00:00"}},
		{expr: "cron(0 0 1W * ? *)", want: []string{"2026-04-01 00:00:00", "2026-05-01 00:00:00", "2026-06-01 00:00:00"}},
		// 2026-08-01 is a Saturday: the nearest weekday inside August is Monday the 3rd.
		{expr: "cron(0 0 1W * ? *)", from: at("2026-07-15 00:00:00"), want: []string{"2026-08-03 00:00:00"}},
		// 2026-02-15 is a Sunday: Monday the 16th.
		{expr: "cron(0 0 15W * ? *)", from: at("2026-02-01 00:00:00"), want: []string{"2026-02-16 00:00:00", "2026-03-16 00:00:00"}},
		{expr: "cron(0 10 ? * 2#1 *)", want: []string{"2026-04-06 10:00:00", "2026-05-04 10:00:00", "2026-06-01 10:00:00"}},
		{expr: "cron(0 10 ? * MON#5 *)", want: []string{"2026-03-30 10:00:00", "2026-06-29 10:00:00", "2026-08-31 10:00:00"}},
		// The nth weekday on the 7th, 14th, 21st and 28th, the last day of its week of the month:
		// 2026-09-01 is a Tuesday, so September's Mondays are the 7th, 14th, 21st and 28th, and
		// 2026-10-01 is a Thursday, so October's are the 5th, 12th, 19th and 26th.
		{expr: "cron(0 10 ? * MON#1 *)", from: at("2026-09-01 00:00:00"), want: []string{"2026-09-07 10:00:00", "2026-10-05 10:00:00"}},
		{expr: "cron(0 10 ? * MON#2 *)", from: at("2026-09-01 00:00:00"), want: []string{"2026-09-14 10:00:00", "2026-10-12 10:00:00"}},
		{expr: "cron(0 10 ? * MON#3 *)", from: at("2026-09-01 00:00:00"), want: []string{"2026-09-21 10:00:00", "2026-10-19 10:00:00"}},
		{expr: "cron(0 10 ? * MON#4 *)", from: at("2026-09-01 00:00:00"), want: []string{"2026-09-28 10:00:00", "2026-10-26 10:00:00"}},
		{expr: "cron(15 3 ? * 6L *)", want: []string{"2026-03-27 03:15:00", "2026-04-24 03:15:00", "2026-05-29 03:15:00"}},
		{expr: "cron(0 0 ? * L *)", want: []string{"2026-03-14 00:00:00", "2026-03-21 00:00:00"}}, // L alone: Saturday
		{expr: "cron(5,35 */6 ? * SUN,SAT *)", want: []string{"2026-03-14 00:05:00", "2026-03-14 00:35:00", "2026-03-14 06:05:00"}},
		{expr: "cron(0 12 1 JAN,JUL ? 2027-2028)", want: []string{"2027-01-01 12:00:00", "2027-07-01 12:00:00", "2028-01-01 12:00:00", "2028-07-01 12:00:00"}},
		{expr: "cron(0 0 29 2 ? *)", want: []string{"2028-02-29 00:00:00", "2032-02-29 00:00:00"}},
		{expr: "cron(0 0 1 1 ? 2020)"},
		{expr: "cron(0 0 30 2 ? *)"},
		{expr: "at(2026-03-10T12:00:00)", want: []string{"2026-03-10 12:00:00"}},
		{expr: "at(2026-03-10T09:00:00)"},
	})
}

func TestUnixNext(t *testing.T) {
	checkNext(t, Unix, []nextCase{
		{expr: "*/5 * * * *", want: []string{"2026-03-10 10:20:00", "2026-03-10 10:25:00"}},
		{expr: "0 9 * * 1-5", want: []string{"2026-03-11 09:00:00", "2026-03-12 09:00:00", "2026-03-13 09:00:00", "2026-03-16 09:00:00"}},
		{expr: "0 0 1,15 * *", want: []string{"2026-03-15 00:00:00", "2026-04-01 00:00:00", "2026-04-15 00:00:00"}},
		// Both day fields restricted: Fridays or the 1st and 15th.
		{expr: "30 4 1,15 * 5", want: []string{"2026-03-13 04:30:00", "2026-03-15 04:30:00", "2026-03-20 04:30:00"}},
		// A day-of-month starting with * counts as unrestricted, so both must match: the 1st, 11th,
		// 21st or 31st when it is a Friday.
		{expr: "0 0 */10 * 5", want: []string{"2026-05-01 00:00:00", "2026-07-31 00:00:00", "2026-08-21 00:00:00"}},
		{expr: "0 0 * * 7", want: []string{"2026-03-15 00:00:00", "2026-03-22 00:00:00"}}, // 7 is Sunday
		{expr: "0 12 * * sun", want: []string{"2026-03-15 12:00:00"}},
		{expr: "15 10 * JAN,MAR *", want: []string{"2026-03-11 10:15:00", "2026-03-12 10:15:00"}},
		{expr: "0 0 30 2 *"},
	})
}

func TestNCRONTABNext(t *testing.T) {
	checkNext(t, NCRONTAB, []nextCase{
		{expr: "0 */5 * * * *", want: []string{"2026-03-10 10:20:00", "2026-03-10 10:25:00"}},
		{expr: "*/20 * * * * *", want: []string{"2026-03-10 10:17:40", "2026-03-10 10:18:00", "2026-03-10 10:18:20"}},
		{expr: "0 30 9 * * 1-5", want: []string{"2026-03-11 09:30:00", "2026-03-12 09:30:00", "2026-03-13 09:30:00"}},
		// 2027-01-01 is a Friday: January Mondays start on the 4th.
		{expr: "0 30 9 * Jan Mon", want: []string{"2027-01-04 09:30:00", "2027-01-11 09:30:00"}},
		{expr: "0 0 9 * * Wednesday", want: []string{"2026-03-11 09:00:00", "2026-03-18 09:00:00"}},
		// Both day fields must match: Friday the 13th only.
		{expr: "0 0 0 13 * Fri", want: []string{"2026-03-13 00:00:00", "2026-11-13 00:00:00", "2027-08-13 00:00:00"}},
		{expr: "00:05:00", want: []string{"2026-03-10 10:20:00", "2026-03-10 10:25:00"}},
		{expr: "1.00:00:00", want: []string{"2026-03-11 00:00:00", "2026-03-12 00:00:00"}},
		{expr: "0 0 0 31 2 *"},
	})
}

func TestNextIsStrictlyAfter(t *testing.T) {
	s, err := ParseAWS("cron(0/5 * * * ? *)")
	require.NoError(t, err)
	onTheDot := at("2026-03-10 10:20:00")
	assert.Equal(t, at("2026-03-10 10:25:00"), s.Next(onTheDot))
	r, err := ParseAWS("rate(5 minutes)")
	require.NoError(t, err)
	assert.Equal(t, at("2026-03-10 10:25:00"), r.Next(onTheDot))
}

func TestNextKeepsTheLocation(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	s, err := ParseUnix("0 9 * * *")
	require.NoError(t, err)
	got := s.Next(time.Date(2026, 3, 10, 10, 0, 0, 0, berlin))
	assert.Equal(t, time.Date(2026, 3, 11, 9, 0, 0, 0, berlin), got)
	assert.Equal(t, berlin, got.Location())
}

func TestNextAcrossDaylightSaving(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	// 2026-11-01 01:00-02:00 happens twice in New York; 2026-03-08 02:00-03:00 not at all.
	for _, expr := range []string{"0 30 1 * * *", "0 30 2 * * *", "0 */20 * * * *"} {
		s, err := ParseNCRONTAB(expr)
		require.NoError(t, err)
		for _, day := range []time.Time{time.Date(2026, 11, 1, 0, 0, 0, 0, ny), time.Date(2026, 3, 8, 0, 0, 0, 0, ny)} {
			for t0 := day; t0.Before(day.Add(5 * time.Hour)); t0 = t0.Add(7 * time.Minute) {
				next := s.Next(t0)
				require.False(t, next.IsZero(), "%s after %s", expr, t0)
				assert.True(t, next.After(t0), "%s: Next(%s) = %s is not after it", expr, t0, next)
				assert.LessOrEqual(t, next.Sub(t0), 25*time.Hour, "%s after %s", expr, t0)
			}
		}
	}
}
