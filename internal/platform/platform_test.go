package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePlatform(t *testing.T) {
	for _, p := range Platforms() {
		got, err := ParsePlatform(string(p))
		require.NoError(t, err)
		assert.Equal(t, p, got)
		assert.True(t, p.Valid())
	}
	_, err := ParsePlatform("aws_lambda2")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown platform "aws_lambda2"`)
	assert.Contains(t, err.Error(), "azure_container_apps", "the error lists the accepted names")
	assert.False(t, Platform("").Valid())
}

func TestPlatformKinds(t *testing.T) {
	tests := []struct {
		p                   Platform
		cloud               Cloud
		function, container bool
	}{
		{AWSLambda, AWS, true, false},
		{GCPFunctionsGen1, GCP, true, false},
		{GCPFunctionsGen2, GCP, true, false},
		{GCPCloudRun, GCP, true, true},
		{AzureFunctionsConsumption, Azure, true, false},
		{AzureFunctionsFlex, Azure, true, false},
		{AzureFunctionsPremium, Azure, true, false},
		{AWSFargate, AWS, false, true},
		{AzureContainerApps, Azure, false, true},
		{Platform("oracle_functions"), "", false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.p), func(t *testing.T) {
			assert.Equal(t, tt.cloud, tt.p.Cloud())
			assert.Equal(t, tt.function, tt.p.IsFunction())
			assert.Equal(t, tt.container, tt.p.IsContainer())
		})
	}
}

// Lambda's CPU grows with memory, one vCPU per 1,769 MB, up to its 6 vCPU: at 1,769 MB exactly one,
// at the 10,240 MB maximum 5.79, and never more than 6 whatever the memory.
func TestLambdaVCPU(t *testing.T) {
	assert.InDelta(t, 1.0, LambdaVCPU(LambdaMBPerVCPU), 1e-9)
	assert.InDelta(t, 0.5, LambdaVCPU(LambdaMBPerVCPU/2), 1e-3)
	assert.InDelta(t, 10240.0/1769, LambdaVCPU(LambdaMaxMemoryMB), 1e-9)
	assert.InDelta(t, 6.0, LambdaVCPU(6*LambdaMBPerVCPU), 1e-9)
	assert.InDelta(t, 6.0, LambdaVCPU(6*LambdaMBPerVCPU+1), 1e-9, "capped at 6 vCPU")
}
