package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLimitsOf(t *testing.T) {
	tests := []struct {
		p                                             Platform
		maxTimeout, defaultTimeout, eventMax, httpMax int
		guaranteed                                    int
		defaultMemory, accepted, refused              int
		refusal                                       string
		types                                         []string
	}{
		{AWSLambda, 900, 3, 0, 0, 0, 128, 10240, 10241,
			"10241 MB is outside the 128-10240 MB that AWS Lambda offers", []string{"aws_lambda_function"}},
		{GCPFunctionsGen1, 540, 60, 0, 0, 0, 256, 8192, 384,
			"384 MB is not a size Cloud Functions (1st gen) offers: use 128, 256, 512, 1024, 2048, 4096 or 8192 MB",
			[]string{"google_cloudfunctions_function"}},
		{GCPFunctionsGen2, 3600, 60, 540, 0, 0, 256, 32768, 32769,
			"32769 MiB is outside the 128-32768 MiB that Cloud Run functions offers", []string{"google_cloudfunctions2_function"}},
		{GCPCloudRun, 3600, 300, 0, 0, 0, 512, 128, 127,
			"127 MiB is outside the 128-32768 MiB that Cloud Run offers",
			[]string{"google_cloud_run_service", "google_cloud_run_v2_service"}},
		{AzureFunctionsConsumption, 600, 300, 0, 230, 0, 1536, 1, 1537,
			"1537 MB is outside the 1-1536 MB that Azure Functions Consumption offers",
			[]string{"azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_function_app"}},
		{AzureFunctionsFlex, 0, 1800, 0, 230, 0, 2048, 512, 1024,
			"1024 MB is not a size Azure Functions Flex Consumption offers: use 512, 2048 or 4096 MB",
			[]string{"azurerm_function_app_flex_consumption"}},
		{AzureFunctionsPremium, 0, 1800, 0, 230, 3600, 3584, 14336, 14337,
			"14337 MB is outside the 1-14336 MB that Azure Functions Premium (largest plan EP3) offers",
			[]string{"azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_function_app"}},
	}
	require.Len(t, tests, len(FunctionPlatforms()), "every function platform has a row")
	for _, tt := range tests {
		t.Run(string(tt.p), func(t *testing.T) {
			l, ok := LimitsOf(tt.p)
			require.True(t, ok)
			assert.Equal(t, tt.maxTimeout, l.MaxTimeoutSeconds, "max timeout")
			assert.Equal(t, tt.defaultTimeout, l.DefaultTimeoutSeconds, "default timeout")
			assert.Equal(t, tt.eventMax, l.EventMaxTimeoutSeconds, "event-driven cap")
			assert.Equal(t, tt.httpMax, l.HTTPResponseSeconds, "HTTP response limit")
			assert.Equal(t, tt.guaranteed, l.GuaranteedTimeoutSeconds, "guaranteed run time")
			assert.Equal(t, tt.defaultMemory, l.DefaultMemoryMB, "default memory")
			assert.NoError(t, l.CheckMemory(tt.defaultMemory), "the default memory is accepted")
			assert.NoError(t, l.CheckMemory(tt.accepted))
			assert.EqualError(t, l.CheckMemory(tt.refused), tt.refusal)
			assert.Error(t, l.CheckMemory(0))
			if l.MemorySizesMB != nil {
				assert.Equal(t, l.MemorySizesMB[len(l.MemorySizesMB)-1], l.MaxMemoryMB, "the largest size is the maximum")
			}
			assert.Equal(t, tt.types, FunctionResourceTypesOn(tt.p), "resource types")
			for _, typ := range tt.types {
				assert.True(t, IsFunctionResourceType(typ), typ)
			}
		})
	}
	for _, p := range ContainerPlatforms() {
		if !p.IsFunction() {
			_, ok := LimitsOf(p)
			assert.False(t, ok, "%s hosts no function", p)
			assert.Empty(t, FunctionResourceTypesOn(p), "%s", p)
		}
	}
}

func TestFunctionResourceTypesIn(t *testing.T) {
	assert.Equal(t, []string{"aws_lambda_function"}, FunctionResourceTypesIn(AWS))
	assert.Equal(t, []string{"google_cloudfunctions_function", "google_cloudfunctions2_function",
		"google_cloud_run_service", "google_cloud_run_v2_service"}, FunctionResourceTypesIn(GCP))
	assert.Equal(t, []string{"azurerm_linux_function_app", "azurerm_windows_function_app",
		"azurerm_function_app_flex_consumption", "azurerm_function_app"}, FunctionResourceTypesIn(Azure))
	assert.Len(t, FunctionResourceTypes(), 9)
	assert.False(t, IsFunctionResourceType("aws_ecs_service"))
}
