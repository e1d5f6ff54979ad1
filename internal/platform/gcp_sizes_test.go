package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckCloudRunSize(t *testing.T) {
	tests := []struct {
		name    string
		cpu     float64
		memory  int
		wantErr string
	}{
		{"default service", 1, 512, ""},
		{"1 vCPU at its 4 GiB ceiling", 1, 4096, ""},
		{"more than 4 GiB needs 2 vCPU", 1, 6144, "memory 6144 MiB needs more CPU than 1 vCPU, which allows at most 4096 MiB: use at least 2 vCPU"},
		{"more than 8 GiB needs 4 vCPU", 2, 12288, "use at least 4 vCPU"},
		{"more than 16 GiB needs 6 vCPU", 4, 20480, "use at least 6 vCPU"},
		{"more than 24 GiB needs 8 vCPU", 6, 32768, "use at least 8 vCPU"},
		{"8 vCPU at the 32 GiB cap", 8, 32768, ""},
		{"above the cap", 8, 65536, "exceeds Cloud Run's 32768 MiB (32 GiB) maximum"},
		{"4 vCPU needs 2 GiB", 4, 1024, "4 vCPU needs at least 2048 MiB of memory, got 1024 MiB"},
		{"6 vCPU needs 4 GiB", 6, 2048, "6 vCPU needs at least 4096 MiB"},
		{"fractional up to 512 MiB", 0.08, 512, ""},
		{"0.25 vCPU cannot have 1 GiB", 0.25, 1024, "use at least 0.5 vCPU"},
		{"0.5 vCPU up to 1 GiB", 0.5, 1024, ""},
		{"more than 1 GiB needs 1 vCPU", 0.5, 2048, "use at least 1 vCPU"},
		{"3 vCPU is not a setting", 3, 4096, "cpu 3 is not a Cloud Run CPU setting"},
		{"1.5 vCPU is not a setting", 1.5, 2048, "cpu 1.5 is not a Cloud Run CPU setting"},
		{"below 0.08", 0.05, 128, "cpu 0.05 is not a Cloud Run CPU setting"},
		{"above 8", 16, 32768, "is not a Cloud Run CPU setting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckCloudRunSize(tt.cpu, tt.memory)
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestCheckCloudRunConcurrency(t *testing.T) {
	assert.NoError(t, CheckCloudRunConcurrency(0.5, 1))
	assert.NoError(t, CheckCloudRunConcurrency(1, 80))
	err := CheckCloudRunConcurrency(0.5, 80)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cpu 0.5 is fractional, which Cloud Run allows only with a maximum concurrency of 1, got 80")
}

func TestGCPMemoryTiers(t *testing.T) {
	v, ok := GCPGen1VCPU(2048)
	assert.True(t, ok)
	assert.Equal(t, 1.0, v)
	_, ok = GCPGen1VCPU(16384)
	assert.False(t, ok, "1st gen stops at 8 GB")
	_, ok = GCPGen1VCPU(300)
	assert.False(t, ok, "1st gen accepts only the tiers")

	tests := []struct {
		memory int
		vcpu   float64
		ok     bool
	}{
		{128, 0.083, true}, {256, 0.167, true}, {300, 0.333, true}, {1024, 0.583, true},
		{1536, 1, true}, {4096, 2, true}, {8192, 2, true}, {16384, 4, true}, {32768, 8, true}, {32769, 0, false},
	}
	for _, tt := range tests {
		got, ok := GCPGen2DefaultVCPU(tt.memory)
		assert.Equal(t, tt.ok, ok, "memory %d", tt.memory)
		assert.Equal(t, tt.vcpu, got, "memory %d", tt.memory)
	}
	for _, tier := range GCPGen2MemoryTiers() {
		assert.NoError(t, CheckCloudRunSize(tier.VCPU, tier.MemoryMiB), "a 2nd-gen tier's own CPU is a valid Cloud Run pair: %+v", tier)
	}
}
