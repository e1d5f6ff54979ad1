package spelling_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hybridlint/terraform-provider-hybrid/linter/spelling"
)

func TestClosest(t *testing.T) {
	names := []string{"aws_lambda_timeout_near_limit", "aws_lambda_memory_near_limit", "gcp_memory_near_limit"}
	tests := []struct {
		name string
		want string
	}{
		{"aws_lambda_timeout_near_limt", "aws_lambda_timeout_near_limit"},
		{"aws_lambda_memory_near_limit", "aws_lambda_memory_near_limit"},
		{"gcp_memroy_near_limit", "gcp_memory_near_limit"},
		{"nope", ""},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, spelling.Closest(tt.name, names), tt.name)
	}
	assert.Empty(t, spelling.Closest("aws_lambda_timeout_near_limit", nil), "no candidates, no suggestion")
}
