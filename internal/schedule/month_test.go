package schedule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// january is 2026-01-01 00:00 UTC, a Thursday. Its Month runs to 2026-01-31 10:00 (730 h later).
var january = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestMonthStats(t *testing.T) {
	tests := []struct {
		syntax            Syntax
		expr              string
		count             int
		shortest, longest time.Duration
		never             bool
	}{
		// 730 h / 5 min = 8,760.
		{AWS, "rate(5 minutes)", 8760, 5 * time.Minute, 5 * time.Minute, false},
		{AWS, "cron(0/5 * * * ? *)", 8760, 5 * time.Minute, 5 * time.Minute, false},
		{Unix, "*/5 * * * *", 8760, 5 * time.Minute, 5 * time.Minute, false},
		{NCRONTAB, "0 */5 * * * *", 8760, 5 * time.Minute, 5 * time.Minute, false},
		// 730 h x 360 activations an hour.
		{NCRONTAB, "*/10 * * * * *", 262800, 10 * time.Second, 10 * time.Second, false},
		// January 2026 has 22 weekdays up to the 31st (a Saturday); Friday to Monday is 72 h.
		{AWS, "cron(0 9 ? * MON-FRI *)", 22, 24 * time.Hour, 72 * time.Hour, false},
		// Office hours 08:00-17:00 on weekdays: 10 a day x 22 days; Friday 17:00 to Monday 08:00 is 63 h.
		{Unix, "0 8-17 * * 1-5", 220, time.Hour, 63 * time.Hour, false},
		// Fridays (2, 9, 16, 23, 30) or the 13th (a Tuesday): 6; 13th to Friday 16th is 72 h.
		{Unix, "0 0 13 * 5", 6, 72 * time.Hour, 168 * time.Hour, false},
		// Third Friday: January 16; the next, February 20, is 35 days on and counts for the gap.
		{AWS, "cron(0 0 ? * 6#3 *)", 1, 35 * 24 * time.Hour, 35 * 24 * time.Hour, false},
		{AWS, "cron(0 0 L * ? *)", 1, 28 * 24 * time.Hour, 28 * 24 * time.Hour, false},
		// Friday the 13th: none in January; one activation after it is not a gap.
		{NCRONTAB, "0 0 0 13 * Fri", 0, 0, 0, false},
		{Unix, "0 0 30 2 *", 0, 0, 0, true},
		{AWS, "cron(0 0 1 1 ? 2020)", 0, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			s, err := Parse(tt.syntax, tt.expr)
			require.NoError(t, err)
			st := MonthStats(s, january)
			assert.Equal(t, tt.count, st.Count, "count")
			assert.Equal(t, tt.shortest, st.Shortest, "shortest gap")
			assert.Equal(t, tt.longest, st.Longest, "longest gap")
			assert.Equal(t, tt.never, st.Never, "never")
		})
	}
}

func TestInvocationsPerMonth(t *testing.T) {
	tests := []struct {
		syntax Syntax
		expr   string
		want   float64
	}{
		{AWS, "rate(5 minutes)", 8760},
		{AWS, "rate(1 minute)", 43800},
		{AWS, "rate(7 minutes)", 43800.0 / 7},
		{AWS, "rate(1 day)", 730.0 / 24},
		{NCRONTAB, "00:10:00", 4380},
		// 2026 has 261 weekdays.
		{AWS, "cron(0 9 ? * MON-FRI *)", 261.0 / 12},
		// The 1st of every month: February to December 2026 and 2027-01-01 00:00, the year's last instant.
		{Unix, "0 0 1 * *", 1},
		// 52 Fridays and twelve 13ths in 2026, three of them Fridays (Feb, Mar, Nov), plus Friday 2027-01-01.
		{Unix, "0 0 13 * 5", 62.0 / 12},
		{NCRONTAB, "0 0 0 13 * Fri", 3.0 / 12},
		{Unix, "0 0 30 2 *", 0},
		{AWS, "at(2026-06-01T00:00:00)", 1.0 / 12},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			s, err := Parse(tt.syntax, tt.expr)
			require.NoError(t, err)
			assert.InDelta(t, tt.want, InvocationsPerMonth(s, january), 1e-9)
		})
	}
}

// foreign is a Schedule implemented outside the package: every 6 hours on the hour.
type foreign struct{}

func (foreign) Next(t time.Time) time.Time { return t.Truncate(6 * time.Hour).Add(6 * time.Hour) }
func (foreign) String() string             { return "every 6h" }
func (foreign) Syntax() Syntax             { return "custom" }

func TestStatsOfForeignSchedules(t *testing.T) {
	st := MonthStats(foreign{}, january)
	assert.Equal(t, Stats{Count: 121, Shortest: 6 * time.Hour, Longest: 6 * time.Hour}, st) // 730/6 = 121.7
	assert.InDelta(t, 8760.0/6/12, InvocationsPerMonth(foreign{}, january), 1e-9)
}

func BenchmarkMonthStatsEverySecond(b *testing.B) {
	s, err := ParseNCRONTAB("* * * * * *")
	require.NoError(b, err)
	for b.Loop() {
		MonthStats(s, january)
	}
}

func BenchmarkMonthStatsEveryFiveMinutes(b *testing.B) {
	s, err := ParseAWS("cron(0/5 * * * ? *)")
	require.NoError(b, err)
	for b.Loop() {
		MonthStats(s, january)
	}
}

func BenchmarkInvocationsPerMonthEverySecond(b *testing.B) {
	s, err := ParseNCRONTAB("* * * * * *")
	require.NoError(b, err)
	for b.Loop() {
		InvocationsPerMonth(s, january)
	}
}

func BenchmarkNextRare(b *testing.B) {
	s, err := ParseNCRONTAB("0 0 0 13 * Fri")
	require.NoError(b, err)
	for b.Loop() {
		s.Next(january)
	}
}
