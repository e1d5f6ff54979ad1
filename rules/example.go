package rules

import (
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

// Example is the plan a rule's documentation page runs the rule on. It lives in the rule's own
// file, in Doc; the page shows the resources the findings involve and what hybridlint prints.
type Example struct {
	// Note says in a sentence what the plan gets wrong.
	Note string
	// Plan lists the example plan's resource instances, as `terraform show -json` would plan them.
	Plan []ExampleResource
}

// ExampleResource is one resource instance of an example plan.
type ExampleResource = plantest.Resource

// JSON renders the example as plan JSON.
func (e Example) JSON() []byte { return plantest.New().Add(e.Plan...).JSON() }

// ExampleSettings are the settings examples run with. "Now" is fixed, so pages do not change with
// the day they are generated on.
func ExampleSettings() Settings {
	return Settings{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), IdleWindowMinutes: 5}
}
