package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFactsAreComplete(t *testing.T) {
	for _, p := range Platforms() {
		t.Run(string(p), func(t *testing.T) {
			facts := Facts(p)
			require.NotEmpty(t, facts)
			seen := map[string]bool{}
			for _, f := range facts {
				assert.NotEmpty(t, f.Name)
				assert.NotEmpty(t, f.Unit, f.Name)
				assert.NotEmpty(t, f.Description, f.Name)
				assert.NotEmpty(t, f.Source, f.Name)
				assert.Contains(t, []string{DateLimitsRead, DateLookedUp, DateMinInstanceRatesLookedUp}, f.Date, f.Name)
				assert.Greater(t, f.Value, 0.0, f.Name)
				if f.Name != "instance_memory_option" {
					assert.False(t, seen[f.Name], "duplicate fact %s", f.Name)
				}
				seen[f.Name] = true
			}
		})
	}
	assert.Nil(t, Facts("nope"))
}

func factValue(t *testing.T, p Platform, name string) float64 {
	t.Helper()
	for _, f := range Facts(p) {
		if f.Name == name {
			return f.Value
		}
	}
	t.Fatalf("%s has no fact %s", p, name)
	return 0
}

func TestFactsUseTheLimits(t *testing.T) {
	tests := []struct {
		p    Platform
		name string
		want float64
	}{
		{AWSLambda, "max_timeout", 900},
		{AWSLambda, "idle_window", 5},
		{AWSLambda, "max_sync_payload", 6 << 20},
		{AWSLambda, "max_async_payload", 1 << 20},
		{AWSLambda, "price_duration_arm64", 0.0000133334},
		{GCPFunctionsGen1, "max_timeout", 540},
		{GCPFunctionsGen2, "max_timeout_http", 3600},
		{GCPFunctionsGen2, "max_timeout_event", 540},
		{GCPCloudRun, "max_timeout", 3600},
		{GCPCloudRun, "default_timeout", 300},
		{GCPCloudRun, "price_min_instance_idle_cpu", 0.0000025},
		{GCPFunctionsGen2, "price_min_instance_idle_memory", 0.0000025},
		{AzureFunctionsConsumption, "max_timeout", 600},
		{AzureFunctionsConsumption, "default_timeout", 300},
		{AzureFunctionsConsumption, "http_response_limit", 230},
		{AzureFunctionsFlex, "default_timeout", 1800},
		{AzureFunctionsPremium, "memory_ep1", 3584},
		{AWSFargate, "max_memory_cpu_4096", 30720},
		{AWSFargate, "price_cpu", 0.04048},
		{AzureContainerApps, "request_timeout", 240},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, factValue(t, tt.p, tt.name), "%s %s", tt.p, tt.name)
	}
	assert.Equal(t, 2_628_000, SecondsPerMonth, "a 730-hour month, the month every price assumes")
	for _, f := range Facts(AzureFunctionsFlex) {
		assert.NotEqual(t, "max_timeout", f.Name, "Flex has no timeout cap")
	}
}
