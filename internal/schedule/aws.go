package schedule

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// AWS cron fields. Day-of-week runs 1-7 from Sunday. Source:
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html. Read 2026-08.
func awsFields() []fieldSpec {
	return []fieldSpec{
		{name: "minutes", min: 0, max: 59},
		{name: "hours", min: 0, max: 23},
		{name: "day-of-month", min: 1, max: 31},
		{name: "month", min: 1, max: 12, names: monthNames(), nameBase: 1},
		{name: "day-of-week", min: 1, max: 7, names: weekdayNames(), nameBase: 1},
		{name: "year", min: firstYear, max: lastYear},
	}
}

// ParseAWS parses an EventBridge or EventBridge Scheduler schedule expression: rate(value unit),
// cron(minutes hours day-of-month month day-of-week year), or Scheduler's at(yyyy-mm-ddThh:mm:ss).
// Cron expressions follow AWS's rules: exactly one of day-of-month and day-of-week is "?"; L, W
// and # work as in Quartz (day-of-month L, LW, 15W; day-of-week L, 6L, FRI#3).
func ParseAWS(expr string) (Schedule, error) {
	e := strings.TrimSpace(expr)
	fail := func(field, value, msg string) error {
		return &ParseError{Syntax: AWS, Expr: expr, Field: field, Value: value, Msg: msg}
	}
	inner, kind, ok := unwrapAWS(e)
	if !ok {
		return nil, fail("", "", "use rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)")
	}
	switch kind {
	case "rate":
		return parseAWSRate(expr, inner)
	case "at":
		when, err := time.Parse("2006-01-02T15:04:05", strings.TrimSpace(inner))
		if err != nil {
			return nil, fail("", "", "at() needs a date and time as yyyy-mm-ddThh:mm:ss, such as at(2026-12-31T23:00:00)")
		}
		return At{expr: "at(" + strings.TrimSpace(inner) + ")", when: when}, nil
	}
	return parseAWSCron(expr, inner)
}

// unwrapAWS splits "kind(inner)".
func unwrapAWS(e string) (inner, kind string, ok bool) {
	for _, k := range []string{"rate", "cron", "at"} {
		if strings.HasPrefix(e, k+"(") && strings.HasSuffix(e, ")") {
			return e[len(k)+1 : len(e)-1], k, true
		}
	}
	return "", "", false
}

// parseAWSRate reads "value unit". AWS requires the singular unit for 1 and the plural for more
// ("rate(1 hours)" and "rate(5 hour)" are rejected), and nothing faster than a minute. Source:
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html (rate
// expressions). Read 2026-08.
func parseAWSRate(expr, inner string) (Schedule, error) {
	fail := func(msg string) error { return &ParseError{Syntax: AWS, Expr: expr, Msg: msg} }
	parts := strings.Fields(inner)
	if len(parts) != 2 {
		return nil, fail("rate() needs a value and a unit, such as rate(5 minutes)")
	}
	value, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || value < 1 {
		return nil, fail("the rate value " + strconv.Quote(parts[0]) + " must be a whole number of at least 1")
	}
	units := map[string]time.Duration{"minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour}
	unit := parts[1]
	singular := strings.TrimSuffix(unit, "s")
	d, known := units[singular]
	switch {
	case !known:
		return nil, fail("the rate unit " + strconv.Quote(unit) + " is not minute(s), hour(s) or day(s)")
	case value == 1 && unit != singular:
		return nil, fail("AWS wants the singular unit for 1: write rate(1 " + singular + ")")
	case value > 1 && unit == singular:
		return nil, fail("AWS wants the plural unit above 1: write rate(" + parts[0] + " " + singular + "s)")
	case value > math.MaxInt64/int64(d):
		return nil, fail("the rate is too long to represent")
	}
	return Rate{expr: "rate(" + parts[0] + " " + unit + ")", syntax: AWS, every: time.Duration(value) * d}, nil
}

func parseAWSCron(expr, inner string) (Schedule, error) {
	fields := strings.Fields(inner)
	if len(fields) != 6 {
		return nil, &ParseError{Syntax: AWS, Expr: expr, Msg: "cron() needs 6 fields (minutes hours day-of-month month day-of-week year), got " +
			strconv.Itoa(len(fields)) + "; AWS has no seconds field, and the year may be *"}
	}
	c := &Cron{expr: "cron(" + strings.Join(fields, " ") + ")", syntax: AWS, seconds: 1}
	if err := c.parseAWSFields(fields); err != nil {
		return nil, &ParseError{Syntax: AWS, Expr: expr, Field: err.field, Value: err.value, Msg: err.msg}
	}
	return c, nil
}

func (c *Cron) parseAWSFields(f []string) *fieldError {
	spec := awsFields()
	for _, i := range []int{0, 1, 3, 5} {
		if strings.ContainsAny(f[i], "?#") {
			return spec[i].errorf(f[i], "? and # are only allowed in day-of-month and day-of-week")
		}
	}
	var err *fieldError
	if c.minutes, err = spec[0].parse(f[0]); err != nil {
		return err
	}
	if c.hours, err = spec[1].parse(f[1]); err != nil {
		return err
	}
	if c.months, err = spec[3].parse(f[3]); err != nil {
		return err
	}
	domQ, dowQ := f[2] == "?", f[4] == "?"
	switch {
	case domQ && dowQ:
		return spec[4].errorf(f[4], "day-of-month and day-of-week cannot both be ?; set one of them")
	case !domQ && !dowQ:
		return spec[4].errorf(f[4], "AWS needs ? in day-of-month or day-of-week: when one is set (even to *), the other must be ?")
	}
	c.dom, c.dow = allDays, allWeekdays
	if !domQ {
		if err = c.parseAWSDayOfMonth(spec[2], f[2]); err != nil {
			return err
		}
	} else if err = c.parseAWSDayOfWeek(spec[4], f[4]); err != nil {
		return err
	}
	return c.parseAWSYear(spec[5], f[5])
}

const (
	allDays     uint64 = (1<<32 - 1) &^ 1 // bits 1-31
	allWeekdays uint64 = 1<<7 - 1         // bits 0-6
)

// parseAWSDayOfMonth reads L, LW, nW or an ordinary field.
func (c *Cron) parseAWSDayOfMonth(spec fieldSpec, text string) *fieldError {
	switch {
	case text == "L":
		c.lastDay = true
		return nil
	case text == "LW":
		c.lastWeekday = true
		return nil
	case strings.HasSuffix(text, "W"):
		n, err := strconv.Atoi(strings.TrimSuffix(text, "W"))
		if err != nil || n < 1 || n > 31 {
			return spec.errorf(text, "W takes one day from 1 to 31, such as 15W (the weekday nearest the 15th)")
		}
		c.nearestWeekdayTo = n
		return nil
	case strings.ContainsAny(text, "LW#"):
		return spec.errorf(text, "use L, LW or nW on their own; # belongs in day-of-week")
	}
	var err *fieldError
	c.dom, err = spec.parse(text)
	return err
}

// parseAWSDayOfWeek reads L, nL, n#k or an ordinary field, and converts AWS's 1-7 (Sunday = 1)
// to time.Weekday.
func (c *Cron) parseAWSDayOfWeek(spec fieldSpec, text string) *fieldError {
	switch {
	case text == "L": // the last day of the week: Saturday
		c.dow = 1 << uint(time.Saturday)
		return nil
	case strings.HasSuffix(text, "L"):
		v, err := spec.value(text, strings.TrimSuffix(text, "L"))
		if err != nil {
			return spec.errorf(text, "nL takes one weekday, such as 6L or FRIL (the last Friday of the month)")
		}
		c.lastOfWeekday, c.specialWeekday = true, time.Weekday(v-1)
		return nil
	case strings.Contains(text, "#"):
		day, nth, _ := strings.Cut(text, "#")
		v, err := spec.value(text, day)
		k, kerr := strconv.Atoi(nth)
		if err != nil || kerr != nil || k < 1 || k > 5 {
			return spec.errorf(text, "# takes a weekday and a week from 1 to 5, such as 3#2 or TUE#2 (the second Tuesday)")
		}
		c.nthOf, c.specialWeekday = k, time.Weekday(v-1)
		return nil
	}
	set, err := spec.parse(text)
	c.dow = set >> 1 // AWS 1-7 to time.Weekday 0-6
	return err
}

func (c *Cron) parseAWSYear(spec fieldSpec, text string) *fieldError {
	if text == "*" {
		return nil
	}
	// Years do not fit one 64-bit set; parse each item against a shifted spec.
	years := new([4]uint64)
	for _, item := range strings.Split(text, ",") {
		lo, hi, step, err := spec.parseBounds(text, item)
		if err != nil {
			return err
		}
		for y := lo; y <= hi; y += step {
			i := y - firstYear
			years[i/64] |= 1 << uint(i%64)
		}
	}
	c.years = years
	return nil
}
