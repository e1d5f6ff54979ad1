package graph_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

func TestParseInstanceAddress(t *testing.T) {
	tests := []struct {
		addr string
		want graph.InstanceAddress
		ok   bool
	}{
		{addr: "aws_lambda_function.fn", want: graph.InstanceAddress{Resource: "aws_lambda_function.fn"}, ok: true},
		{addr: "aws_lambda_function.fn[0]", want: graph.InstanceAddress{Resource: "aws_lambda_function.fn", Key: 0.0, HasKey: true}, ok: true},
		{addr: "aws_lambda_function.fn[12]", want: graph.InstanceAddress{Resource: "aws_lambda_function.fn", Key: 12.0, HasKey: true}, ok: true},
		{addr: `aws_lambda_function.fn["a.b[c]"]`, want: graph.InstanceAddress{Resource: "aws_lambda_function.fn", Key: "a.b[c]", HasKey: true}, ok: true},
		{addr: `aws_lambda_function.fn["say \"hi\""]`, want: graph.InstanceAddress{Resource: "aws_lambda_function.fn", Key: `say "hi"`, HasKey: true}, ok: true},
		{addr: "data.aws_iam_policy_document.p", want: graph.InstanceAddress{Resource: "data.aws_iam_policy_document.p"}, ok: true},
		{addr: `data.aws_iam_policy_document.p["x"]`, want: graph.InstanceAddress{Resource: "data.aws_iam_policy_document.p", Key: "x", HasKey: true}, ok: true},
		{
			addr: `module.api["eu"].module.fn[2].aws_lambda_function.this[0]`,
			want: graph.InstanceAddress{
				Modules: []graph.ModuleStep{
					{Name: "api", Key: "eu", HasKey: true, Address: `module.api["eu"]`},
					{Name: "fn", Key: 2.0, HasKey: true, Address: `module.api["eu"].module.fn[2]`},
				},
				Resource: "aws_lambda_function.this", Key: 0.0, HasKey: true,
			},
			ok: true,
		},
		{
			addr: "module.a.module.b.data.aws_region.r",
			want: graph.InstanceAddress{
				Modules:  []graph.ModuleStep{{Name: "a", Address: "module.a"}, {Name: "b", Address: "module.a.module.b"}},
				Resource: "data.aws_region.r",
			},
			ok: true,
		},
		// Not resource instance addresses.
		{addr: "aws_lambda_function", ok: false},
		{addr: "aws_lambda_function.fn.arn", ok: false},
		{addr: "aws_lambda_function[0].fn", ok: false},
		{addr: "data.aws_region", ok: false},
		{addr: "data.aws_region.r.name", ok: false},
		{addr: "data[0].aws_region.r", ok: false},
		{addr: "data.aws_region[0].r", ok: false},
		{addr: "module.a", want: graph.InstanceAddress{Modules: []graph.ModuleStep{{Name: "a", Address: "module.a"}}}, ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			got, ok := graph.ParseInstanceAddress(tt.addr)
			assert.Equal(t, tt.ok, ok)
			if tt.ok || tt.want.Modules != nil {
				assert.Equal(t, tt.want, got)
			}
		})
	}
}

func TestStripKeysAndFormatKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"aws_lambda_function.fn", "aws_lambda_function.fn"},
		{`module.fn["eu"].aws_lambda_function.this[0]`, "module.fn.aws_lambda_function.this"},
		{`module.fn["a.b"].aws_lambda_function.this[count.index]`, "module.fn.aws_lambda_function.this"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, graph.StripKeys(tt.in), tt.in)
	}
	assert.Equal(t, `"eu"`, graph.FormatKey("eu"))
	assert.Equal(t, "3", graph.FormatKey(3.0))
	assert.Equal(t, "1.5", graph.FormatKey(1.5))
	assert.Equal(t, "", graph.FormatKey(true))
}
