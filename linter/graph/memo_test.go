package graph_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

// Memo builds once per graph and key; a build that panics stores nothing.
func TestMemo(t *testing.T) {
	b := plantest.New().Add(fn("aws_lambda_function.a"))
	g, other := b.Graph(t), b.Graph(t)
	builds := map[string]int{}
	build := func(name string) func() any {
		return func() any { builds[name]++; return name + " built" }
	}

	assert.Equal(t, "a built", g.Memo("a", build("a")))
	assert.Equal(t, "a built", g.Memo("a", build("a")), "the second ask")
	assert.Equal(t, "b built", g.Memo("b", build("b")))
	assert.Equal(t, "a built", other.Memo("a", build("a")), "another graph")
	assert.Equal(t, map[string]int{"a": 2, "b": 1}, builds, "once per graph and key")

	require.Panics(t, func() { g.Memo("c", func() any { panic("boom") }) })
	assert.Equal(t, "c built", g.Memo("c", build("c")), "after a panic the next ask builds")
}
