package schedule

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// fieldSpec describes one cron field: its name in error messages, its range, and the names its
// values may be written as.
type fieldSpec struct {
	name     string
	min, max int
	// names[i] is the name of value nameBase+i.
	names    []string
	nameBase int
	// prefixNames accepts any prefix of at least three letters of a name, as NCrontab does
	// ("Mon", "Monday"); otherwise only the exact three-letter names are accepted.
	prefixNames bool
}

// The three-letter names AWS and Unix cron accept.
func monthNames() []string {
	return []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}
}

func weekdayNames() []string { return []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"} }

// The full names NCrontab matches prefixes of.
func monthFullNames() []string {
	return []string{"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
		"SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"}
}

func weekdayFullNames() []string {
	return []string{"SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"}
}

// fieldError is a field-level problem; the parser wraps it into a ParseError with the expression.
type fieldError struct {
	field, value, msg string
}

func (e *fieldError) Error() string { return fmt.Sprintf("%s field %q: %s", e.field, e.value, e.msg) }

func (f fieldSpec) errorf(value, format string, args ...any) *fieldError {
	return &fieldError{field: f.name, value: value, msg: fmt.Sprintf(format, args...)}
}

// parse reads a field made of comma-separated items: "*", a value, a range "a-b", each optionally
// with a step "/n" ("*/5", "10/5", "1-30/2"), values as numbers or names. It returns the set of
// values as bits, bit v for value v.
func (f fieldSpec) parse(text string) (uint64, *fieldError) {
	if text == "" {
		return 0, f.errorf(text, "is empty")
	}
	var set uint64
	for _, item := range strings.Split(text, ",") {
		b, err := f.parseItem(text, item)
		if err != nil {
			return 0, err
		}
		set |= b
	}
	return set, nil
}

func (f fieldSpec) parseItem(text, item string) (uint64, *fieldError) {
	lo, hi, step, err := f.parseBounds(text, item)
	if err != nil {
		return 0, err
	}
	var set uint64
	for v := lo; v <= hi; v += step {
		set |= 1 << uint(v)
	}
	return set, nil
}

// parseBounds reads one list item into the first and last value and the step.
func (f fieldSpec) parseBounds(text, item string) (lo, hi, step int, err *fieldError) {
	if item == "" {
		return 0, 0, 0, f.errorf(text, "has an empty list item; remove the extra comma")
	}
	rangePart, step := item, 1
	if i := strings.IndexByte(item, '/'); i >= 0 {
		rangePart = item[:i]
		n, convErr := strconv.Atoi(item[i+1:])
		if convErr != nil || n < 1 {
			return 0, 0, 0, f.errorf(text, "step %q must be a whole number of at least 1", item[i+1:])
		}
		// A step wider than the field only ever picks the start; capping it keeps the loops
		// over the values from overflowing on absurd input.
		step = min(n, f.max-f.min+1)
	}
	lo, hi = f.min, f.max
	switch {
	case rangePart == "*":
	case strings.Contains(rangePart, "-"):
		a, b, _ := strings.Cut(rangePart, "-")
		if lo, err = f.value(text, a); err != nil {
			return 0, 0, 0, err
		}
		if hi, err = f.value(text, b); err != nil {
			return 0, 0, 0, err
		}
		if lo > hi {
			return 0, 0, 0, f.errorf(text, "range %s runs backwards; write it as two ranges, %s-%s,%s-%s",
				rangePart, a, f.format(f.max), f.format(f.min), b)
		}
	default:
		if lo, err = f.value(text, rangePart); err != nil {
			return 0, 0, 0, err
		}
		if step == 1 {
			hi = lo
		}
	}
	return lo, hi, step, nil
}

// value reads one value, a number or a name, and checks its range.
func (f fieldSpec) value(text, s string) (int, *fieldError) {
	if s == "" {
		return 0, f.errorf(text, "has a range with a missing end")
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < f.min || n > f.max {
			return 0, f.errorf(text, "value %d is out of range; use %d-%d%s", n, f.min, f.max, f.nameHint())
		}
		return n, nil
	}
	if v, ok := f.lookupName(s); ok {
		return v, nil
	}
	if len(f.names) == 0 {
		return 0, f.errorf(text, "%q is not a number; use %d-%d", s, f.min, f.max)
	}
	return 0, f.errorf(text, "%q is not a number or a name; use %d-%d%s", s, f.min, f.max, f.nameHint())
}

func (f fieldSpec) lookupName(s string) (int, bool) {
	u := strings.ToUpper(s)
	for i, name := range f.names {
		if u == name || (f.prefixNames && len(u) >= 3 && strings.HasPrefix(name, u)) {
			return f.nameBase + i, true
		}
	}
	return 0, false
}

func (f fieldSpec) nameHint() string {
	if len(f.names) == 0 {
		return ""
	}
	return fmt.Sprintf(" or %s-%s", f.names[0], f.names[len(f.names)-1])
}

func (f fieldSpec) format(v int) string {
	if len(f.names) > 0 && v >= f.nameBase && v-f.nameBase < len(f.names) {
		return f.names[v-f.nameBase]
	}
	return strconv.Itoa(v)
}

// nextBit returns the smallest value >= from in set, or -1.
func nextBit(set uint64, from int) int {
	if from < 0 {
		from = 0
	}
	if from > 63 {
		return -1
	}
	rest := set >> uint(from)
	if rest == 0 {
		return -1
	}
	return from + bits.TrailingZeros64(rest)
}
