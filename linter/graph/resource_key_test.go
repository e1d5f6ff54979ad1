package graph

import (
	"testing"
	"unsafe"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/stretchr/testify/assert"
)

// TestResourceKeyIsTheAddressWithoutItsKey: byResource's key is the resource's address without the
// instance key, taken from the instance's own address (no new string for each of a plan's
// resources), and built from its parts when the address is written otherwise.
func TestResourceKeyIsTheAddressWithoutItsKey(t *testing.T) {
	tests := []struct {
		name   string
		inst   Instance
		want   string
		shared bool
	}{
		{name: "root resource", inst: Instance{Address: "aws_lambda_function.a", Mode: tfjson.ManagedResourceMode, Type: "aws_lambda_function", Name: "a"},
			want: "aws_lambda_function.a", shared: true},
		{name: "counted, in a module instance with a dotted key", inst: Instance{Address: `module.svc["eu.1"].aws_lambda_function.a[3]`, Module: `module.svc["eu.1"]`,
			Mode: tfjson.ManagedResourceMode, Type: "aws_lambda_function", Name: "a", Key: 3.0},
			want: `module.svc["eu.1"].aws_lambda_function.a`, shared: true},
		{name: "data source in a module", inst: Instance{Address: `module.m.data.aws_iam_policy_document.p["x"]`, Module: "module.m",
			Mode: tfjson.DataResourceMode, Type: "aws_iam_policy_document", Name: "p", Key: "x"},
			want: "module.m.data.aws_iam_policy_document.p", shared: true},
		{name: "an address that does not spell its parts", inst: Instance{Address: "odd", Module: "module.m", Mode: tfjson.ManagedResourceMode, Type: "t", Name: "n"},
			want: "module.m.t.n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf [8]byte // shorter than every key: the path grows past it
			got := resourceKey(&tt.inst, buf[:0])
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.shared, unsafe.StringData(got) == unsafe.StringData(tt.inst.Address), "the key shares the address's bytes")
		})
	}
}

// TestModuleConfigPath: a module instance's config path is its address without instance keys,
// the address itself (no new string) when it has none.
func TestModuleConfigPath(t *testing.T) {
	tests := []struct {
		m      moduleInstance
		want   string
		shared bool
	}{
		{m: "", want: ""},
		{m: "module.svc_5", want: "module.svc_5", shared: true},
		{m: "module.a.module.b", want: "module.a.module.b", shared: true},
		{m: `module.a["eu.1"].module.b[0]`, want: "module.a.module.b"},
		{m: "module.a.", want: "module.a"},
	}
	for _, tt := range tests {
		t.Run(string(tt.m), func(t *testing.T) {
			got := tt.m.configPathOf(splitAddress(string(tt.m)))
			assert.Equal(t, tt.want, got)
			if tt.shared {
				assert.Equal(t, unsafe.StringData(string(tt.m)), unsafe.StringData(got), "the path shares the address's bytes")
			}
		})
	}
}
