package serverless_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

func TestParseFunctionTimeout(t *testing.T) {
	tests := []struct {
		in        string
		want      time.Duration
		unbounded bool
		err       string
	}{
		{in: "00:05:00", want: 5 * time.Minute},
		{in: "00:10:00", want: 10 * time.Minute},
		{in: "1:30:15", want: time.Hour + 30*time.Minute + 15*time.Second},
		{in: "1.02:00:00", want: 26 * time.Hour},
		{in: "00:00:01.5", want: 1500 * time.Millisecond},
		{in: " -1 ", unbounded: true},
		{in: "600", err: `"600" is not a timespan`},
		{in: "10:00", err: `"10:00" is not a timespan`},
		{in: "00:61:00", err: `"00:61:00" is not a timespan`},
		{in: "00:00:00", err: "below the 00:00:01"},
		{in: "-00:05:00", err: "is not a timespan"},
		{in: "x.00:05:00", err: "is not a timespan"},
		{in: "00:00:1e1", err: "is not a timespan"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, unbounded, err := serverless.ParseFunctionTimeout(tt.in)
			if tt.err != "" {
				require.ErrorContains(t, err, tt.err)
				require.ErrorContains(t, err, `"-1" for no limit`, "the error says what to write")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, d)
			require.Equal(t, tt.unbounded, unbounded)
		})
	}
}
