package graph

import (
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

func change(addr, typ, name string, key any) *plan.ResourceChange {
	return &plan.ResourceChange{Address: addr, Mode: tfjson.ManagedResourceMode, Type: typ, Name: name, Index: key}
}

// TestResourcesFoundWithAndWithoutByResource: a resource of one instance without key is found
// through byAddress, not byResource; when the same resource path also has keyed instances, or
// instances whose address does not spell it, all of them are found, in plan order, whichever
// came first, and a keyed reference finds only its key.
func TestResourcesFoundWithAndWithoutByResource(t *testing.T) {
	refs := map[string][]string{
		"bare_then_keyed":   {"aws_x.m"},
		"key_of_mixed":      {"aws_x.m[0].arn", "aws_x.m"},
		"keyed_then_bare":   {"aws_x.k"},
		"odd_then_written":  {"aws_x.o"},
		"single":            {"aws_x.s"},
		"key_of_single":     {"aws_x.s[0]"},
		"address_not_spelt": {"aws_x.n"},
	}
	referrer := &plan.ConfigResource{Address: "aws_y.r", Mode: tfjson.ManagedResourceMode, Type: "aws_y", Name: "r"}
	for path, r := range refs {
		referrer.Attributes = append(referrer.Attributes, &plan.Attribute{Path: path, References: r})
	}
	p := &plan.Plan{
		Changes: []*plan.ResourceChange{
			change("aws_x.m", "aws_x", "m", nil),
			change("aws_x.m[0]", "aws_x", "m", 0.0),
			change(`aws_x.k["a"]`, "aws_x", "k", "a"),
			change("aws_x.k", "aws_x", "k", nil),
			change("odd", "aws_x", "o", nil),
			change("aws_x.o", "aws_x", "o", nil),
			change("aws_x.s", "aws_x", "s", nil),
			change("aws_x.n", "aws_z", "n", nil), // at aws_x.n, but its parts say aws_z.n
			change("aws_y.r", "aws_y", "r", nil),
		},
		Config: &plan.Module{Resources: []*plan.ConfigResource{referrer}},
	}
	g := New(p)
	from := g.ByAddress("aws_y.r")
	require.NotNil(t, from)
	want := map[string][]string{
		"bare_then_keyed":   {"aws_x.m", "aws_x.m[0]"},
		"key_of_mixed":      {"aws_x.m[0]"},
		"keyed_then_bare":   {`aws_x.k["a"]`, "aws_x.k"},
		"odd_then_written":  {"odd", "aws_x.o"},
		"single":            {"aws_x.s"},
		"key_of_single":     nil,
		"address_not_spelt": nil,
	}
	for attr, addrs := range want {
		var got []string
		for _, e := range g.Targets(from, attr) {
			got = append(got, e.To.Address)
		}
		assert.Equal(t, addrs, got, attr)
	}
	assert.Empty(t, g.byResource["aws_x.s"], "a sole instance without key is left to byAddress")
}

// TestConfigOfBlocksWhosePathsCollide: blocks are found by their path in the module, and a type
// or name with a dot in it can give two blocks one path; each instance still gets the block of
// its own type and name.
func TestConfigOfBlocksWhosePathsCollide(t *testing.T) {
	first := &plan.ConfigResource{Address: "a.b.c", Type: "a.b", Name: "c"}
	second := &plan.ConfigResource{Address: "a.b.c", Type: "a", Name: "b.c"}
	p := &plan.Plan{
		Changes: []*plan.ResourceChange{change("a.b.c", "a", "b.c", nil), change("other", "a.b", "c", nil), change("none", "a", "bc", nil)},
		Config:  &plan.Module{Resources: []*plan.ConfigResource{first, second}},
	}
	g := New(p)
	assert.Same(t, second, g.ByAddress("a.b.c").Config)
	assert.Same(t, first, g.ByAddress("other").Config)
	assert.Nil(t, g.ByAddress("none").Config)
}

// TestByTypeLeavesOutRepeatedAddresses: a change that repeats an address seen before is left out,
// and so is a type none of whose changes is kept.
func TestByTypeLeavesOutRepeatedAddresses(t *testing.T) {
	p := &plan.Plan{Changes: []*plan.ResourceChange{
		change("aws_x.a", "aws_x", "a", nil),
		change("aws_x.a", "aws_y", "a", nil),
		change("aws_x.b", "aws_x", "b", nil),
	}}
	g := New(p)
	var got []string
	for _, inst := range g.ByType("aws_x") {
		got = append(got, inst.Address)
	}
	assert.Equal(t, []string{"aws_x.a", "aws_x.b"}, got)
	assert.Nil(t, g.ByType("aws_y"))
	assert.Equal(t, 2, cap(g.ByType("aws_x")), "the list is made with room for every change of its type")
}

// keyed finds instances by key: one instance for most keys, every one, in order, for a key
// written twice; a list handed out cannot be appended into its neighbours.
func TestKeyedByKey(t *testing.T) {
	var k *keyed[string]
	for _, add := range []struct{ item, key any }{
		{"a0", "a"}, {"b0", "b"}, {"a1", "a"}, {"n0", nil}, {"a2", "a"}, {"c0", 3.0}, {"d0", "d"}, {"d1", "d"},
	} {
		k = k.add(add.item.(string), add.key)
	}
	assert.Equal(t, []string{"a0", "b0", "a1", "n0", "a2", "c0", "d0", "d1"}, k.all)
	assert.Equal(t, []string{"a0", "a1", "a2"}, k.byKey("a"))
	assert.Equal(t, []string{"d0", "d1"}, k.byKey("d"))
	assert.Equal(t, []string{"b0"}, k.byKey("b"))
	assert.Equal(t, []string{"c0"}, k.byKey(3.0))
	assert.Nil(t, k.byKey("missing"))
	assert.Nil(t, k.byKey(nil))
	b := append(k.byKey("b"), "x")
	assert.Equal(t, []string{"b0", "x"}, b)
	assert.Equal(t, "a1", k.all[2], "appending to b's list left the instance after it alone")
}
