package graph_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

func TestChanged(t *testing.T) {
	with := func(addr string, actions ...string) plantest.Resource {
		r := fn(addr)
		r.Actions = actions
		return r
	}
	g := plantest.New().Add(
		with("aws_lambda_function.created", "create"),
		with("aws_lambda_function.updated", "update"),
		with("aws_lambda_function.replaced", "delete", "create"),
		with("aws_lambda_function.replaced_first", "create", "delete"),
		with("aws_lambda_function.deleted", "delete"),
		with("aws_lambda_function.unchanged", "no-op"),
		with("aws_lambda_function.forgotten", "forget"),
		with("data.aws_lambda_function.read", "read"),
	).Graph(t)
	tests := []struct {
		addresses []string
		want      bool
	}{
		{[]string{"aws_lambda_function.created"}, true},
		{[]string{"aws_lambda_function.updated"}, true},
		{[]string{"aws_lambda_function.replaced"}, true},
		{[]string{"aws_lambda_function.replaced_first"}, true},
		{[]string{"aws_lambda_function.deleted"}, true},
		{[]string{"aws_lambda_function.unchanged"}, false},
		{[]string{"aws_lambda_function.forgotten"}, false},
		{[]string{"data.aws_lambda_function.read"}, false},
		{[]string{"aws_lambda_function.not_in_plan"}, false},
		{nil, false},
		{[]string{"aws_lambda_function.unchanged", "aws_lambda_function.deleted"}, true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, g.Changed(tt.addresses...), "%v", tt.addresses)
	}
}
