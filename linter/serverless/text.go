package serverless

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// How the model's numbers and lists read in messages, so that every rule writes a duration, a size
// or a list of resources the same way.

// Seconds renders whole seconds: "30s".
func Seconds(n int) string { return fmt.Sprintf("%ds", n) }

// MillisAsSeconds renders a millisecond limit as seconds, keeping every fraction (29500 ms -> 29.5s,
// 29999 ms -> 29.999s): rounding would print a limit a whole-second timeout seems to fit.
func MillisAsSeconds(ms int) string {
	return strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64) + "s"
}

// DurationText renders a duration for messages: "5 min", "2 h 30 min", "2 d 14 h".
func DurationText(d time.Duration) string {
	m := int(d / time.Minute)
	switch {
	case m < 120:
		return fmt.Sprintf("%d min", m)
	case m < 48*60:
		if m%60 == 0 {
			return fmt.Sprintf("%d h", m/60)
		}
		return fmt.Sprintf("%d h %d min", m/60, m%60)
	}
	d2, h := m/(24*60), (m%(24*60))/60
	if h == 0 {
		return fmt.Sprintf("%d d", d2)
	}
	return fmt.Sprintf("%d d %d h", d2, h)
}

// ListAddresses renders up to three addresses, then "and N more".
func ListAddresses(addrs []string) string {
	const shown = 3
	if len(addrs) <= shown {
		return JoinAnd(addrs)
	}
	return strings.Join(addrs[:shown], ", ") + fmt.Sprintf(" and %d more", len(addrs)-shown)
}

// JoinAnd joins items as a sentence does: "a", "a and b", "a, b and c".
func JoinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Megabytes renders a byte count in MB (MiB, as Lambda's quotas count them) with one decimal.
func Megabytes(bytes int) string {
	return fmt.Sprintf("%.1f MB", float64(bytes)/(1<<20))
}

// ClockDuration renders a duration the way people write timeouts: "10m", "4m30s", "1h30m", "45s".
func ClockDuration(d time.Duration) string {
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	out := ""
	if h > 0 {
		out += fmt.Sprintf("%dh", h)
	}
	if m > 0 {
		out += fmt.Sprintf("%dm", m)
	}
	if s > 0 || out == "" {
		out += fmt.Sprintf("%ds", s)
	}
	return out
}
