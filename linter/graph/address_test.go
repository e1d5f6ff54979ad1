package graph_test

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

// TestParseInstanceAddressSharesTheAddress: the parts of an address written as Terraform writes it
// are its own bytes, not copies (the report parses each finding's address).
func TestParseInstanceAddressSharesTheAddress(t *testing.T) {
	addr := `module.api["eu"].module.fn[2].aws_lambda_function.this[0]`
	got, ok := graph.ParseInstanceAddress(addr)
	require.True(t, ok)
	within := func(s string) bool {
		start := uintptr(unsafe.Pointer(unsafe.StringData(addr)))
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return p >= start && p+uintptr(len(s)) <= start+uintptr(len(addr))
	}
	assert.True(t, within(got.Resource), got.Resource)
	for _, m := range got.Modules {
		assert.True(t, within(m.Address), m.Address)
	}
	padded, ok := graph.ParseInstanceAddress(`module.fn[02].aws_lambda_function.this`)
	require.True(t, ok)
	assert.Equal(t, `module.fn[2]`, padded.Modules[0].Address, "an address written otherwise is spelt as Terraform writes it")
	assert.Equal(t, "aws_lambda_function.this", padded.Resource)
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
