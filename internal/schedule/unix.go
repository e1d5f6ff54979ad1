package schedule

import (
	"strconv"
	"strings"
)

// Unix cron fields as Google Cloud Scheduler reads them: day-of-week 0-7, where both 0 and 7 are
// Sunday. Source: https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules (unix-cron
// format); POSIX crontab. Looked up 2026-11-25.
func unixFields() []fieldSpec {
	return []fieldSpec{
		{name: "minute", min: 0, max: 59},
		{name: "hour", min: 0, max: 23},
		{name: "day-of-month", min: 1, max: 31},
		{name: "month", min: 1, max: 12, names: monthNames(), nameBase: 1},
		{name: "day-of-week", min: 0, max: 7, names: weekdayNames(), nameBase: 0},
	}
}

// ParseUnix parses a 5-field Unix cron expression (minute hour day-of-month month day-of-week), the
// format of Google Cloud Scheduler. As in Vixie cron and POSIX, when both day fields are
// restricted a day matching either fires; a field starting with "*" counts as unrestricted.
func ParseUnix(expr string) (Schedule, error) {
	fields := strings.Fields(expr)
	fail := func(field, value, msg string) error {
		return &ParseError{Syntax: Unix, Expr: expr, Field: field, Value: value, Msg: msg}
	}
	switch {
	case len(fields) == 1 && strings.HasPrefix(fields[0], "@"):
		return nil, fail("", "", "macros such as @daily are not unix-cron format; write the 5 fields, such as 0 0 * * *")
	case len(fields) == 6:
		return nil, fail("", "", "unix cron has 5 fields (minute hour day-of-month month day-of-week), got 6; remove the seconds or year field")
	case len(fields) != 5:
		return nil, fail("", "", "unix cron needs 5 fields (minute hour day-of-month month day-of-week), got "+strconv.Itoa(len(fields)))
	}
	c := &Cron{expr: strings.Join(fields, " "), syntax: Unix, seconds: 1}
	spec := unixFields()
	sets := make([]uint64, len(spec))
	for i, text := range fields {
		if strings.ContainsAny(text, "?LW#") && !hasName(spec[i], text) {
			return nil, fail(spec[i].name, text, "?, L, W and # are AWS (Quartz) extensions that unix cron does not have")
		}
		set, err := spec[i].parse(text)
		if err != nil {
			return nil, fail(err.field, err.value, err.msg)
		}
		sets[i] = set
	}
	c.minutes, c.hours, c.dom, c.months = sets[0], sets[1], sets[2], sets[3]
	c.dow = sets[4]&allWeekdays | sets[4]>>7 // 7 is Sunday too
	c.rule = bothDays
	if !strings.HasPrefix(fields[2], "*") && !strings.HasPrefix(fields[4], "*") {
		c.rule = eitherDay
	}
	return c, nil
}

// hasName reports whether the letters in text belong to value names ("WED" has a W, "JUL" an L).
func hasName(spec fieldSpec, text string) bool {
	if strings.ContainsAny(text, "?#") || len(spec.names) == 0 {
		return false
	}
	for _, item := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == '-' || r == '/' }) {
		if _, err := strconv.Atoi(item); err == nil {
			continue
		}
		if _, ok := spec.lookupName(item); !ok {
			return false
		}
	}
	return true
}
