package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidFargateSize(t *testing.T) {
	tests := []struct {
		cpu, memory int
		valid       bool
	}{
		{256, 512, true},
		{256, 1024, true},
		{256, 2048, true},
		{256, 1536, false}, // 0.25 vCPU has no 1.5 GB option
		{256, 4096, false},
		{512, 1024, true},
		{512, 4096, true},
		{512, 512, false},
		{1024, 2048, true},
		{1024, 8192, true},
		{1024, 2560, false}, // 1-GB steps only
		{2048, 16384, true},
		{2048, 3072, false},
		{4096, 30720, true},
		{4096, 31744, false},
		{8192, 16384, true},
		{8192, 20480, true},
		{8192, 17408, false}, // 4-GB steps above 4 vCPU
		{8192, 61440, true},
		{16384, 32768, true},
		{16384, 40960, true},
		{16384, 36864, false}, // 8-GB steps at 16 vCPU
		{16384, 122880, true},
		{16384, 131072, false},
		{768, 2048, false},
		{0, 0, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.valid, ValidFargateSize(tt.cpu, tt.memory), "cpu %d memory %d", tt.cpu, tt.memory)
	}
}

func TestFargateMemoryOptions(t *testing.T) {
	assert.Equal(t, []int{512, 1024, 2048}, FargateMemoryOptionsMiB(256))
	assert.Equal(t, []int{1024, 2048, 3072, 4096}, FargateMemoryOptionsMiB(512))
	assert.Len(t, FargateMemoryOptionsMiB(4096), 23)  // 8..30 GB
	assert.Len(t, FargateMemoryOptionsMiB(8192), 12)  // 16..60 GB by 4
	assert.Len(t, FargateMemoryOptionsMiB(16384), 12) // 32..120 GB by 8
	assert.Nil(t, FargateMemoryOptionsMiB(3000))
	assert.Equal(t, []int{256, 512, 1024, 2048, 4096, 8192, 16384}, FargateCPUUnits())
}

func TestCheckFargateSizeMessages(t *testing.T) {
	err := CheckFargateSize(256, 4096)
	require.Error(t, err)
	assert.Equal(t, "memory 4096 MiB is not valid with cpu 256 on Fargate: use 512, 1024 or 2048 MiB", err.Error())

	err = CheckFargateSize(2048, 2048)
	require.Error(t, err)
	assert.Equal(t, "memory 2048 MiB is not valid with cpu 2048 on Fargate: use 4096 to 16384 MiB in steps of 1024", err.Error())

	err = CheckFargateSize(300, 1024)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cpu 300 is not a Fargate task size: use one of 256, 512, 1024, 2048, 4096, 8192 or 16384")

	assert.NoError(t, CheckFargateSize(1024, 3072))
}
