package schedule

import "time"

// ReferenceStart is the moment from which schedules are measured when a result must not depend on
// the day it is computed: a plan linted today and next week, or planned twice by Terraform, gets the
// same counts and gaps. It is a Monday at midnight UTC, so weekday patterns start on a week's first day.
var ReferenceStart = time.Date(2026, time.January, 5, 0, 0, 0, 0, time.UTC)
