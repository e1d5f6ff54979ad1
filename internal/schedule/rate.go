package schedule

import (
	"time"
)

// Rate is a schedule that fires at a fixed interval: AWS rate() and Azure's TimeSpan form.
type Rate struct {
	expr   string
	syntax Syntax
	every  time.Duration
}

// Every returns the interval between activations.
func (r Rate) Every() time.Duration { return r.every }

// String returns the expression as parsed.
func (r Rate) String() string { return r.expr }

// Syntax returns the dialect the expression was written in.
func (r Rate) Syntax() Syntax { return r.syntax }

// Next returns the first activation strictly after t. A rate's phase depends on when the rule was
// created, which a plan does not say, so activations are placed on whole multiples of the interval
// since the zero time (for minutes, hours and days: on the minute, hour and UTC midnight). Counts
// and gaps do not depend on the phase.
func (r Rate) Next(t time.Time) time.Time {
	return t.Truncate(r.every).Add(r.every).In(t.Location())
}

// At is an EventBridge Scheduler one-time schedule, at(yyyy-mm-ddThh:mm:ss).
type At struct {
	expr string
	when time.Time
}

// When returns the time the schedule fires, in UTC unless a time zone is applied with In.
func (a At) When() time.Time { return a.when }

// String returns the expression as parsed.
func (a At) String() string { return a.expr }

// Syntax returns AWS, the only dialect with one-time schedules.
func (a At) Syntax() Syntax { return AWS }

// Next returns the schedule's time if it is after t, else the zero time. at() is written without a
// zone; it is read in t's location, as the schedule's schedule_expression_timezone would.
func (a At) Next(t time.Time) time.Time {
	w := a.when
	when := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, t.Location())
	if when.After(t) {
		return when
	}
	return time.Time{}
}
