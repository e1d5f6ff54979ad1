package rules

import (
	"time"
)

// ExampleSettings are the settings examples run with. "Now" is fixed, so pages do not change with
// the day they are generated on.
func ExampleSettings() Settings {
	return Settings{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), IdleWindowMinutes: 5}
}
