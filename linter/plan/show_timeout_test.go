package plan_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// HYBRIDLINT_TF_TIMEOUT bounds `show -json`: unset means the default, a positive Go duration is
// taken as is, and anything else (zero, negative, not a duration) is an error naming the variable,
// the value and the default, never a silent default.
func TestShowTimeout(t *testing.T) {
	tests := []struct {
		value string
		want  time.Duration
		err   bool
	}{
		{"", plan.DefaultShowTimeout, false},
		{"1ns", time.Nanosecond, false},
		{"90s", 90 * time.Second, false},
		{"10m", 10 * time.Minute, false},
		{"0s", 0, true},
		{"-1s", 0, true},
		{"90", 0, true},
		{"soon", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			got, err := plan.ShowTimeout(func(name string) string {
				require.Equal(t, plan.ShowTimeoutEnv, name)
				return tt.value
			})
			if tt.err {
				require.Error(t, err)
				assert.Equal(t, `HYBRIDLINT_TF_TIMEOUT="`+tt.value+`": not a duration such as 90s or 10m (unset it for the default, 5m0s)`, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
