package schedule

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		syntax Syntax
		expr   string
		field  string
		want   string
	}{
		{AWS, "every 5 minutes", "", "use rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)"},
		{AWS, "rate(5)", "", "rate() needs a value and a unit"},
		{AWS, "rate(0 minutes)", "", `the rate value "0" must be a whole number of at least 1`},
		{AWS, "rate(1 minutes)", "", "write rate(1 minute)"},
		{AWS, "rate(5 minute)", "", "write rate(5 minutes)"},
		{AWS, "rate(5 seconds)", "", `the rate unit "seconds" is not minute(s), hour(s) or day(s)`},
		{AWS, "rate(99999999999999 days)", "", "too long"},
		{AWS, "rate(153722868 minutes)", "", "too long"}, // one minute past the longest time.Duration
		{AWS, "cron(0 * * * *)", "", "cron() needs 6 fields"},
		{AWS, "cron(0 0 * * * *)", "day-of-week", "the other must be ?"},
		{AWS, "cron(0 0 ? * ? *)", "day-of-week", "cannot both be ?"},
		{AWS, "cron(60 * * * ? *)", "minutes", "value 60 is out of range; use 0-59"},
		{AWS, "cron(0 24 * * ? *)", "hours", "value 24 is out of range; use 0-23"},
		{AWS, "cron(0 0 32 * ? *)", "day-of-month", "value 32 is out of range; use 1-31"},
		{AWS, "cron(0 0 * 13 ? *)", "month", "use 1-12 or JAN-DEC"},
		{AWS, "cron(0 0 ? * 0 *)", "day-of-week", "value 0 is out of range; use 1-7 or SUN-SAT"},
		{AWS, "cron(0 0 ? * MON-FOO *)", "day-of-week", `"FOO" is not a number or a name`},
		{AWS, "cron(0 0 ? * FRI-MON *)", "day-of-week", "range FRI-MON runs backwards; write it as two ranges, FRI-SAT,SUN-MON"},
		{AWS, "cron(0 0 ? * 2#6 *)", "day-of-week", "# takes a weekday and a week from 1 to 5"},
		{AWS, "cron(0 0 32W * ? *)", "day-of-month", "W takes one day from 1 to 31"},
		{AWS, "cron(0 0 L,15 * ? *)", "day-of-month", "use L, LW or nW on their own"},
		{AWS, "cron(0 0 * * ? 2300)", "year", "use 1970-2199"},
		{AWS, "cron(*/0 * * * ? *)", "minutes", `step "0" must be a whole number of at least 1`},
		{AWS, "cron(1,,2 * * * ? *)", "minutes", "empty list item"},
		{AWS, "cron(? * * * ? *)", "minutes", "? and # are only allowed in day-of-month and day-of-week"},
		{AWS, "at(tomorrow)", "", "at() needs a date and time as yyyy-mm-ddThh:mm:ss"},
		{Unix, "0 0 * * * *", "", "unix cron has 5 fields"},
		{Unix, "@daily", "", "macros such as @daily are not unix-cron format"},
		{Unix, "0 0 * *", "", "unix cron needs 5 fields (minute hour day-of-month month day-of-week), got 4"},
		{Unix, "0 0 * * * * *", "", "unix cron needs 5 fields (minute hour day-of-month month day-of-week), got 7"},
		{Unix, "0 0 L * *", "day-of-month", "AWS (Quartz) extensions"},
		{Unix, "0 0 ? * 1", "day-of-month", "AWS (Quartz) extensions"},
		{Unix, "0 0 * * 8", "day-of-week", "value 8 is out of range; use 0-7 or SUN-SAT"},
		{Unix, "0 -1 * * *", "hour", "missing end"},
		{NCRONTAB, "*/5 * * * *", "", "add a seconds field, such as 0 */5 * * * *"},
		{NCRONTAB, "0 0 0 *", "", "NCRONTAB needs 6 fields ({second} {minute} {hour} {day} {month} {day-of-week}) or a TimeSpan such as 00:05:00, got 4 fields"},
		{NCRONTAB, "0 0 0 * * * *", "", "NCRONTAB needs 6 fields ({second} {minute} {hour} {day} {month} {day-of-week}) or a TimeSpan such as 00:05:00, got 7 fields"},
		{NCRONTAB, "0 0 0 * * 7", "day-of-week", "value 7 is out of range; use 0-6 or SUNDAY-SATURDAY"},
		{NCRONTAB, "0 0 0 * * Mo", "day-of-week", `"Mo" is not a number or a name`},
		{NCRONTAB, "0 0 0 L * *", "day", "not NCRONTAB"},
		{NCRONTAB, "00:00:00", "", "a TimeSpan of zero never fires"},
		{NCRONTAB, "00:61:00", "", "minutes and seconds 0-59"},
		{NCRONTAB, "ab:00:00", "", `"ab" is not a number`},
	}
	for _, tt := range tests {
		t.Run(string(tt.syntax)+" "+tt.expr, func(t *testing.T) {
			_, err := Parse(tt.syntax, tt.expr)
			require.Error(t, err)
			var pe *ParseError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, tt.field, pe.Field)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), tt.expr, "the message quotes the expression")
		})
	}
}

func TestParseErrorNamesTheField(t *testing.T) {
	_, err := ParseAWS("cron(0 0 ? * MON-FOO *)")
	require.Error(t, err)
	assert.Equal(t, `AWS schedule "cron(0 0 ? * MON-FOO *)": day-of-week field "MON-FOO": "FOO" is not a number or a name; use 1-7 or SUN-SAT`, err.Error())
}

func TestParseNormalises(t *testing.T) {
	s, err := ParseAWS("  cron(0   9 ? * MON-FRI  *) ")
	require.NoError(t, err)
	assert.Equal(t, "cron(0 9 ? * MON-FRI *)", s.String())
	assert.Equal(t, AWS, s.Syntax())

	s, err = ParseNCRONTAB("25:00:00")
	require.NoError(t, err)
	r, ok := s.(Rate)
	require.True(t, ok)
	assert.Equal(t, 25*24*time.Hour, r.Every(), "from 24 up the TimeSpan is dd:hh:mm")

	s, err = ParseNCRONTAB("1:02:03:04")
	require.NoError(t, err)
	assert.Equal(t, 26*time.Hour+3*time.Minute+4*time.Second, s.(Rate).Every())

	_, err = Parse("cobol", "0 0 * * *")
	assert.EqualError(t, err, `unknown schedule syntax "cobol": use aws, unix or ncrontab`)
}

func TestSyntaxOf(t *testing.T) {
	tests := map[platform.Platform]Syntax{
		platform.AWSLambda: AWS, platform.AWSFargate: AWS,
		platform.GCPFunctionsGen1: Unix, platform.GCPCloudRun: Unix,
		platform.AzureFunctionsConsumption: NCRONTAB, platform.AzureContainerApps: NCRONTAB,
	}
	for p, want := range tests {
		got, err := SyntaxOf(p)
		require.NoError(t, err)
		assert.Equal(t, want, got, p)
	}
	_, err := SyntaxOf("ibm_code_engine")
	assert.Error(t, err)
}

// The longest rate a time.Duration holds parses; one unit more is the "too long" error above.
func TestParseLongestRate(t *testing.T) {
	s, err := ParseAWS("rate(153722867 minutes)")
	require.NoError(t, err)
	assert.Equal(t, 153722867*time.Minute, s.(Rate).Every())
}

func TestNextBit(t *testing.T) {
	tests := []struct {
		set  uint64
		from int
		want int
	}{
		{0b100, -5, 2},
		{0b100, 0, 2},
		{0b100, 2, 2},
		{0b100, 3, -1},
		{0, 0, -1},
		{1 << 63, 62, 63},
		{1 << 63, 63, 63},
		{1 << 63, 64, -1},
		{^uint64(0), 100, -1},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, nextBit(tt.set, tt.from), "nextBit(%b, %d)", tt.set, tt.from)
	}
}

func TestNCRONTABTimeSpanBounds(t *testing.T) {
	const day = 24 * time.Hour
	const outOfRange = "hours must be 0-23, minutes and seconds 0-59, and days at most 100000 in a TimeSpan"
	tests := []struct {
		span  string
		every time.Duration
		err   string
	}{
		{span: "00:00:01", every: time.Second},
		{span: "00:05", every: 5 * time.Minute},
		{span: "23:59:59", every: 23*time.Hour + 59*time.Minute + 59*time.Second},
		{span: "24:00:00", every: 24 * day}, // from 24 up, three numbers are dd:hh:mm
		{span: "24:01:02", every: 24*day + time.Hour + 2*time.Minute},
		{span: "23:00", every: 23 * time.Hour},
		{span: "24:00", err: outOfRange},
		{span: "00:59:00", every: 59 * time.Minute},
		{span: "00:60:00", err: outOfRange},
		{span: "00:00:59", every: 59 * time.Second},
		{span: "00:00:60", err: outOfRange},
		{span: "1.00:00:00", every: day},
		{span: "100000.00:00:00", every: 100000 * day},
		{span: "100001.00:00:00", err: outOfRange},
		{span: "100000:00:00", every: 100000 * day},
		{span: "100001:00:00", err: outOfRange},
		{span: "1:02:03:04:05", err: "a TimeSpan is hh:mm:ss, such as 00:05:00 for every 5 minutes"},
	}
	for _, tt := range tests {
		s, err := ParseNCRONTAB(tt.span)
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, tt.span)
			continue
		}
		require.NoError(t, err, tt.span)
		assert.Equal(t, tt.every, s.(Rate).Every(), tt.span)
	}
}
