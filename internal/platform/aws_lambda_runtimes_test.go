package platform

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestLambdaRuntimeTable(t *testing.T) {
	table := lambdaRuntimes()
	assert.Equal(t, "2026-07-31T15:23:50Z", table.UpdatedAt.Truncate(time.Second).Format(time.RFC3339))
	assert.Len(t, table.Runtimes, 49)
	assert.Contains(t, table.Runtimes, "python3.9")

	tests := []struct {
		name                string
		eos, create, update string
	}{
		{"nodejs18.x", "2025-09-01", "2027-02-01", "2027-03-03"},
		{"python3.9", "2025-12-15", "2027-02-01", "2027-03-03"},
		{"java8.al2", "2027-06-30", "2027-07-31", "2027-08-31"},
		{"dotnet9", "2026-11-10", "", ""}, // container-only, no block dates
		{"ruby4.0", "2029-03-31", "2029-04-30", "2029-05-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := LambdaRuntime(tt.name)
			require.True(t, ok)
			assert.Equal(t, tt.eos, dateOrEmpty(d.EndOfSupport))
			assert.Equal(t, tt.create, dateOrEmpty(d.BlockCreate))
			assert.Equal(t, tt.update, dateOrEmpty(d.BlockUpdate))
		})
	}
	_, ok := LambdaRuntime("python3.99")
	assert.False(t, ok)
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func TestRuntimeDatesMilestones(t *testing.T) {
	d, ok := LambdaRuntime("python3.9")
	require.True(t, ok)
	tests := []struct {
		now                         string
		deprecated, create, updated bool
	}{
		{"2025-12-14", false, false, false},
		{"2025-12-15", true, false, false}, // the day itself counts
		{"2027-02-01", true, true, false},
		{"2027-03-03", true, true, true},
	}
	for _, tt := range tests {
		now := date(tt.now)
		assert.Equal(t, tt.deprecated, d.Deprecated(now), tt.now)
		assert.Equal(t, tt.create, d.CreateBlocked(now), tt.now)
		assert.Equal(t, tt.updated, d.UpdateBlocked(now), tt.now)
	}
	var none RuntimeDates
	assert.False(t, none.Deprecated(date("2100-01-01")), "an unannounced milestone is never reached")
}
