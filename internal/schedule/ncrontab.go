package schedule

import (
	"strconv"
	"strings"
	"time"
)

// NCRONTAB fields as Azure Functions timer triggers read them: seconds first, day-of-week 0-6 from
// Sunday, names as any prefix of the English name. Day-of-month and day-of-week must both match
// (NCrontab's GetNextOccurrence checks the weekday after picking the day), unlike Unix cron.
// Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-expressions;
// atifaziz/NCrontab CrontabSchedule.cs and CrontabFieldImpl.cs. Looked up 2026-11-25.
func ncrontabFields() []fieldSpec {
	return []fieldSpec{
		{name: "second", min: 0, max: 59},
		{name: "minute", min: 0, max: 59},
		{name: "hour", min: 0, max: 23},
		{name: "day", min: 1, max: 31},
		{name: "month", min: 1, max: 12, names: monthFullNames(), nameBase: 1, prefixNames: true},
		{name: "day-of-week", min: 0, max: 6, names: weekdayFullNames(), nameBase: 0, prefixNames: true},
	}
}

// ParseNCRONTAB parses an Azure Functions timer schedule: a 6-field NCRONTAB expression
// ({second} {minute} {hour} {day} {month} {day-of-week}) or a TimeSpan interval ("00:05:00").
// A TimeSpan works only for function apps on an App Service (Dedicated) plan.
func ParseNCRONTAB(expr string) (Schedule, error) {
	fields := strings.Fields(expr)
	fail := func(field, value, msg string) error {
		return &ParseError{Syntax: NCRONTAB, Expr: expr, Field: field, Value: value, Msg: msg}
	}
	if len(fields) == 1 && strings.Contains(fields[0], ":") {
		return parseTimeSpan(expr, fields[0])
	}
	switch {
	case len(fields) == 5:
		return nil, fail("", "", "Azure timer triggers need 6 fields with seconds first ({second} {minute} {hour} {day} {month} {day-of-week}); add a seconds field, such as 0 "+strings.Join(fields, " "))
	case len(fields) != 6:
		return nil, fail("", "", "NCRONTAB needs 6 fields ({second} {minute} {hour} {day} {month} {day-of-week}) or a TimeSpan such as 00:05:00, got "+strconv.Itoa(len(fields))+" fields")
	}
	spec := ncrontabFields()
	sets := make([]uint64, len(spec))
	for i, text := range fields {
		if strings.ContainsAny(text, "?#") || (strings.ContainsAny(text, "LW") && !hasName(spec[i], text)) {
			return nil, fail(spec[i].name, text, "?, L, W and # are not NCRONTAB; use *, lists, ranges and steps")
		}
		set, err := spec[i].parse(text)
		if err != nil {
			return nil, fail(err.field, err.value, err.msg)
		}
		sets[i] = set
	}
	return &Cron{expr: strings.Join(fields, " "), syntax: NCRONTAB, hasSeconds: true,
		seconds: sets[0], minutes: sets[1], hours: sets[2], dom: sets[3], months: sets[4], dow: sets[5],
		rule: bothDays}, nil
}

// maxTimeSpanDays keeps a TimeSpan within time.Duration's 292 years.
const maxTimeSpanDays = 100_000

// parseTimeSpan reads the .NET TimeSpan forms Azure documents: "hh:mm:ss" when hh is below 24,
// "dd:hh:mm" when the first number is 24 or more, and "d.hh:mm:ss" or "d:hh:mm:ss" with days.
// Source: the timer trigger reference ("the TimeSpan format is hh:mm:ss when hh is less than 24.
// When the first two digits are 24 or greater, the format is dd:hh:mm"), as quoted in
// @azure/functions type definitions. Looked up 2026-11-25.
func parseTimeSpan(expr, text string) (Schedule, error) {
	fail := func(msg string) error {
		return &ParseError{Syntax: NCRONTAB, Expr: expr, Msg: msg}
	}
	days := 0
	rest := text
	if d, r, ok := strings.Cut(text, "."); ok && !strings.Contains(d, ":") {
		n, err := strconv.Atoi(d)
		if err != nil || n < 0 {
			return nil, fail("the days before the dot must be a whole number, such as 1.00:00:00")
		}
		days, rest = n, r
	}
	parts := strings.Split(rest, ":")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || len(p) > 9 {
			return nil, fail("a TimeSpan is hh:mm:ss (or dd:hh:mm from 24 up, or d.hh:mm:ss); " + strconv.Quote(p) + " is not a number")
		}
		nums[i] = n
	}
	var h, m, s int
	switch {
	case len(nums) == 4 && days == 0:
		days, h, m, s = nums[0], nums[1], nums[2], nums[3]
	case len(nums) == 3 && nums[0] >= 24 && days == 0:
		days, h, m = nums[0], nums[1], nums[2]
	case len(nums) == 3:
		h, m, s = nums[0], nums[1], nums[2]
	case len(nums) == 2:
		h, m = nums[0], nums[1]
	default:
		return nil, fail("a TimeSpan is hh:mm:ss, such as 00:05:00 for every 5 minutes")
	}
	if h > 23 || m > 59 || s > 59 || days > maxTimeSpanDays {
		return nil, fail("hours must be 0-23, minutes and seconds 0-59, and days at most 100000 in a TimeSpan")
	}
	every := time.Duration(days)*24*time.Hour + time.Duration(h)*time.Hour +
		time.Duration(m)*time.Minute + time.Duration(s)*time.Second
	if every <= 0 {
		return nil, fail("a TimeSpan of zero never fires; use at least 00:00:01")
	}
	return Rate{expr: text, syntax: NCRONTAB, every: every}, nil
}
