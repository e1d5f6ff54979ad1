package serverless_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// A finding's window ("over 6.5 days") and the cost report's source ("observed: FILE, 6.5 days")
// say the same length for the same observation.
func TestObservationWindowText(t *testing.T) {
	tests := []struct {
		days          float64
		finding, cost string
	}{
		{14, "over 14 days", "observed: m.csv, 14 days"},
		{1, "over 1 day", "observed: m.csv, 1 day"},
		{6.54, "over 6.5 days", "observed: m.csv, 6.5 days"},
		{0.96, "over 1 day", "observed: m.csv, 1 day"},
		{0, "over the observed window", "observed: m.csv, 0 days"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.finding, serverless.WindowText(tt.days), tt.days)
		assert.Equal(t, tt.cost, serverless.ObservedSource(metrics.Observation{Sources: []string{"m.csv:2", "m.csv:3"}, WindowDays: tt.days}), tt.days)
	}
}
