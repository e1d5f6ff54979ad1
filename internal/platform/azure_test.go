package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAzurePlanForSKU(t *testing.T) {
	tests := []struct {
		sku  string
		plan AzurePlan
		ok   bool
	}{
		{"Y1", AzurePlanConsumption, true},
		{"FC1", AzurePlanFlex, true},
		{"EP1", AzurePlanPremium, true},
		{"ep3", AzurePlanPremium, true},
		{"P1v3", AzurePlanDedicated, true}, // App Service Premium, not Elastic Premium
		{"B1", AzurePlanDedicated, true},
		{"S2", AzurePlanDedicated, true},
		{"I1v2", AzurePlanDedicated, true},
		{"WS1", "", false}, // Logic Apps Standard
		{"", "", false},
	}
	for _, tt := range tests {
		plan, ok := AzurePlanForSKU(tt.sku)
		assert.Equal(t, tt.ok, ok, tt.sku)
		assert.Equal(t, tt.plan, plan, tt.sku)
	}
}

func TestAzureTimeouts(t *testing.T) {
	assert.Equal(t, 300, AzureDefaultTimeout(AzurePlanConsumption))
	for _, p := range []AzurePlan{AzurePlanFlex, AzurePlanPremium, AzurePlanDedicated} {
		assert.Equal(t, 1800, AzureDefaultTimeout(p), p)
		_, bounded := AzureMaxTimeout(p)
		assert.False(t, bounded, p)
	}
	maxSeconds, bounded := AzureMaxTimeout(AzurePlanConsumption)
	assert.True(t, bounded)
	assert.Equal(t, 600, maxSeconds)
}

func TestAzureMemory(t *testing.T) {
	assert.True(t, ValidAzureFlexInstanceMemory(512))
	assert.True(t, ValidAzureFlexInstanceMemory(AzureFlexDefaultInstanceMemoryMB))
	assert.False(t, ValidAzureFlexInstanceMemory(1024))

	sku, ok := LookupAzurePremiumSKU("ep2")
	require.True(t, ok)
	assert.Equal(t, AzurePremiumSKU{"EP2", 2, 7168}, sku)
	_, ok = LookupAzurePremiumSKU("EP4")
	assert.False(t, ok)

	sku, ok = SmallestAzurePremiumSKU(4096)
	require.True(t, ok)
	assert.Equal(t, "EP2", sku.Name)
	_, ok = SmallestAzurePremiumSKU(16384)
	assert.False(t, ok)
}

func TestCheckContainerAppsSize(t *testing.T) {
	tests := []struct {
		cpu     float64
		memory  int
		wantErr string
	}{
		{0.25, 512, ""},
		{0.5, 1024, ""},
		{1.75, 3584, ""},
		{4, 8192, ""},
		{0.5, 2048, "memory 2048 MiB does not match cpu 0.5 on Container Apps, which needs exactly 1024 MiB (2 GiB per vCPU)"},
		{0.3, 614, "cpu 0.3 is not a Container Apps size: use 0.25 to 4 vCPU in steps of 0.25"},
		{8, 16384, "cpu 8 is not a Container Apps size"},
		{0, 0, "cpu 0 is not a Container Apps size"},
	}
	for _, tt := range tests {
		err := CheckContainerAppsSize(tt.cpu, tt.memory)
		if tt.wantErr == "" {
			assert.NoError(t, err, "%g/%d", tt.cpu, tt.memory)
			continue
		}
		require.Error(t, err)
		assert.Contains(t, err.Error(), tt.wantErr)
	}
}
