package schedule

import (
	"fmt"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// RenderInterval writes "every N minutes" in the schedule syntax of a platform's cloud:
//
//   - AWS: rate(5 minutes), rate(1 minute), rate(2 hours), rate(1 day): a rate is a true fixed
//     interval, so every whole number of minutes works, from EventBridge's 1-minute minimum up.
//   - GCP (unix cron) and Azure (NCRONTAB): "*/5 * * * *" and "0 */5 * * * *". Cron steps restart
//     at every hour and day, so only intervals that divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15,
//     20, 30 minutes), divide a day in whole hours (1, 2, 3, 4, 6, 8, 12 hours) or equal a day keep
//     a constant gap. Any other interval is an error that names the nearest ones that work, rather
//     than an expression that fires unevenly: "*/7" fires at :56 and again at :00, four minutes
//     later. Azure's TimeSpan form would be exact, but it runs only on App Service plans, none of
//     which is a platform hybridlint models for functions.
func RenderInterval(p platform.Platform, minutes int) (string, error) {
	syntax, err := SyntaxOf(p)
	if err != nil {
		return "", err
	}
	if minutes < platform.EventBridgeMinRateMinutes {
		return "", fmt.Errorf("interval of %d minutes: schedules run at most once a minute, so use at least 1", minutes)
	}
	if minutes > MaxIntervalMinutes {
		return "", fmt.Errorf("interval of %d minutes: a keep-warm ping more than a year apart keeps nothing warm; use at most %d minutes", minutes, MaxIntervalMinutes)
	}
	if syntax == AWS {
		return renderRate(minutes), nil
	}
	cron, ok := renderCron(minutes)
	if !ok {
		lower, higher := nearestCronIntervals(minutes)
		return "", fmt.Errorf("every %d minutes cannot be written as %s with an even gap, because cron steps restart every hour and day: use %s",
			minutes, syntax.Description(), describeAlternatives(lower, higher))
	}
	if syntax == NCRONTAB {
		return "0 " + cron, nil
	}
	return cron, nil
}

// MaxIntervalMinutes bounds an interval: a year. Idle instances are reclaimed within minutes to
// hours (internal/platform), so a longer interval is a mistake, and bounding it keeps every
// computation on it small.
const MaxIntervalMinutes = 365 * 24 * 60

func renderRate(minutes int) string {
	value, unit := minutes, "minute"
	switch {
	case minutes%(24*60) == 0:
		value, unit = minutes/(24*60), "day"
	case minutes%60 == 0:
		value, unit = minutes/60, "hour"
	}
	if value != 1 {
		unit += "s"
	}
	return fmt.Sprintf("rate(%d %s)", value, unit)
}

// renderCron returns a 5-field cron with a constant gap of minutes, if one exists.
func renderCron(minutes int) (string, bool) {
	switch {
	case minutes == 1:
		return "* * * * *", true
	case minutes < 60 && 60%minutes == 0:
		return fmt.Sprintf("*/%d * * * *", minutes), true
	case minutes == 60:
		return "0 * * * *", true
	case minutes%60 == 0 && minutes < 24*60 && (24*60)%minutes == 0:
		return fmt.Sprintf("0 */%d * * *", minutes/60), true
	case minutes == 24*60:
		return "0 0 * * *", true
	}
	return "", false
}

// nearestCronIntervals returns the closest intervals below and above minutes that renderCron can
// write; higher is 0 above a day.
func nearestCronIntervals(minutes int) (lower, higher int) {
	if minutes > 24*60 {
		return 24 * 60, 0 // a day is the longest; no search over the (possibly huge) input
	}
	for m := minutes - 1; m >= 1; m-- {
		if _, ok := renderCron(m); ok {
			lower = m
			break
		}
	}
	for m := minutes + 1; m <= 24*60; m++ {
		if _, ok := renderCron(m); ok {
			higher = m
			break
		}
	}
	return lower, higher
}

func describeAlternatives(lower, higher int) string {
	var alts []string
	for _, m := range []int{lower, higher} {
		if m > 0 {
			alts = append(alts, fmt.Sprintf("%d (%s)", m, describeMinutes(m)))
		}
	}
	return strings.Join(alts, " or ") + " minutes instead"
}

func describeMinutes(m int) string {
	switch {
	case m%(24*60) == 0:
		return fmt.Sprintf("%dd", m/(24*60))
	case m%60 == 0:
		return fmt.Sprintf("%dh", m/60)
	}
	return fmt.Sprintf("%dm", m)
}
