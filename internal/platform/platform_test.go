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
