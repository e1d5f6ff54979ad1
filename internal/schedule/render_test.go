package schedule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

func TestRenderInterval(t *testing.T) {
	tests := []struct {
		p       platform.Platform
		minutes int
		want    string
		wantErr string
	}{
		{platform.AWSLambda, 1, "rate(1 minute)", ""},
		{platform.AWSLambda, 5, "rate(5 minutes)", ""},
		{platform.AWSLambda, 7, "rate(7 minutes)", ""},
		{platform.AWSLambda, 60, "rate(1 hour)", ""},
		{platform.AWSLambda, 90, "rate(90 minutes)", ""},
		{platform.AWSLambda, 120, "rate(2 hours)", ""},
		{platform.AWSLambda, 1440, "rate(1 day)", ""},
		{platform.AWSLambda, 2880, "rate(2 days)", ""},
		{platform.AWSLambda, 0, "", "use at least 1"},
		{platform.GCPFunctionsGen2, 1, "* * * * *", ""},
		{platform.GCPFunctionsGen2, 5, "*/5 * * * *", ""},
		{platform.GCPCloudRun, 30, "*/30 * * * *", ""},
		{platform.GCPCloudRun, 60, "0 * * * *", ""},
		{platform.GCPCloudRun, 180, "0 */3 * * *", ""},
		{platform.GCPCloudRun, 1440, "0 0 * * *", ""},
		{platform.GCPCloudRun, 7, "", "every 7 minutes cannot be written as unix cron with an even gap, because cron steps restart every hour and day: use 6 (6m) or 10 (10m) minutes instead"},
		{platform.GCPCloudRun, 90, "", "use 60 (1h) or 120 (2h) minutes instead"},
		{platform.GCPCloudRun, 300, "", "use 240 (4h) or 360 (6h) minutes instead"},
		{platform.GCPCloudRun, 2880, "", "use 1440 (1d) minutes instead"},
		{platform.GCPCloudRun, 1 << 40, "", "a keep-warm ping more than a year apart keeps nothing warm; use at most 525600 minutes"},
		{platform.AWSLambda, 1 << 40, "", "use at most 525600 minutes"},
		{platform.AzureFunctionsPremium, MaxIntervalMinutes, "", "use 1440 (1d) minutes instead"},
		{platform.AWSLambda, MaxIntervalMinutes, "rate(365 days)", ""},
		{platform.AzureFunctionsConsumption, 5, "0 */5 * * * *", ""},
		{platform.AzureFunctionsFlex, 1, "0 * * * * *", ""},
		{platform.AzureFunctionsPremium, 120, "0 0 */2 * * *", ""},
		{platform.AzureFunctionsFlex, 45, "", "cannot be written as NCRONTAB"},
		{"nowhere", 5, "", `no schedule syntax for platform "nowhere"`},
	}
	for _, tt := range tests {
		t.Run(string(tt.p), func(t *testing.T) {
			got, err := RenderInterval(tt.p, tt.minutes)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestRenderedSchedulesKeepTheirInterval parses what RenderInterval writes and checks that every gap
// in a month is exactly the interval asked for.
func TestRenderedSchedulesKeepTheirInterval(t *testing.T) {
	for _, p := range []platform.Platform{platform.AWSLambda, platform.GCPCloudRun, platform.AzureFunctionsFlex} {
		syntax, err := SyntaxOf(p)
		require.NoError(t, err)
		for minutes := 1; minutes <= 1440; minutes++ {
			expr, err := RenderInterval(p, minutes)
			if err != nil {
				continue
			}
			s, err := Parse(syntax, expr)
			require.NoError(t, err, expr)
			st := MonthStats(s, january)
			want := time.Duration(minutes) * time.Minute
			assert.Equal(t, want, st.Shortest, "%s %s", p, expr)
			assert.Equal(t, want, st.Longest, "%s %s", p, expr)
		}
	}
}
