// Package schedule parses, renders and measures the schedule expressions that trigger keep-warm
// pings and scheduled functions on the three clouds:
//
//   - AWS EventBridge rules and Scheduler: rate(value unit), cron() with 6 fields (minutes hours
//     day-of-month month day-of-week year, with ? L W #), and Scheduler's one-time at();
//   - Google Cloud Scheduler: Unix cron, 5 fields;
//   - Azure Functions timer triggers: NCRONTAB, 6 fields with seconds first, or a TimeSpan
//     "hh:mm:ss" (App Service plans only).
//
// A month is 730 hours throughout, the month AWS and Azure price examples use
// (platform.HoursPerMonth), so invocation counts line up with the cost model.
package schedule

import (
	"fmt"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// Schedule is a parsed schedule expression.
type Schedule interface {
	// Next returns the first activation strictly after t, in t's location, or the zero time when
	// the schedule never fires again (a cron for February 30, an at() in the past, an AWS cron whose
	// years have passed). Cron fields are read as wall-clock time in t's location: pass UTC for
	// EventBridge rules, the schedule's time zone for Scheduler, Cloud Scheduler and Azure.
	Next(t time.Time) time.Time
	// String returns the expression as parsed, with spacing normalised.
	String() string
	// Syntax says which dialect the expression was written in.
	Syntax() Syntax
}

// Expr is the name early design notes used for Schedule.
type Expr = Schedule

// Syntax is a schedule expression dialect.
type Syntax string

// The dialects, one per cloud.
const (
	AWS      Syntax = "aws"      // rate(), cron() with 6 fields, at()
	Unix     Syntax = "unix"     // 5-field cron (Google Cloud Scheduler)
	NCRONTAB Syntax = "ncrontab" // 6-field cron with seconds, or a TimeSpan (Azure Functions)
)

// SyntaxOf returns the dialect a platform's schedules are written in.
func SyntaxOf(p platform.Platform) (Syntax, error) {
	switch p.Cloud() {
	case platform.AWS:
		return AWS, nil
	case platform.GCP:
		return Unix, nil
	case platform.Azure:
		return NCRONTAB, nil
	}
	return "", fmt.Errorf("no schedule syntax for platform %q: use one of %v", p, platform.Platforms())
}

// Parse parses expr in the given dialect.
func Parse(s Syntax, expr string) (Schedule, error) {
	switch s {
	case AWS:
		return ParseAWS(expr)
	case Unix:
		return ParseUnix(expr)
	case NCRONTAB:
		return ParseNCRONTAB(expr)
	}
	return nil, fmt.Errorf("unknown schedule syntax %q: use aws, unix or ncrontab", s)
}

// ParseError says which expression, and which field of it, could not be parsed, and why.
type ParseError struct {
	Syntax Syntax
	Expr   string
	// Field names the cron field ("day-of-week"), or is empty when the problem is the whole
	// expression.
	Field string
	// Value is the offending text of the field.
	Value string
	Msg   string
}

func (e *ParseError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s schedule %q: %s", e.Syntax.Description(), e.Expr, e.Msg)
	}
	return fmt.Sprintf("%s schedule %q: %s field %q: %s", e.Syntax.Description(), e.Expr, e.Field, e.Value, e.Msg)
}

// Description names the dialect for messages: "AWS", "unix cron", "NCRONTAB".
func (s Syntax) Description() string {
	switch s {
	case AWS:
		return "AWS"
	case Unix:
		return "unix cron"
	case NCRONTAB:
		return "NCRONTAB"
	}
	return string(s)
}
