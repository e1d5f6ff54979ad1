package plan

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeAny decodes raw JSON for comparisons in tests; nil when there is none.
func decodeAny(raw []byte) any {
	var out any
	if len(raw) == 0 || json.Unmarshal(raw, &out) != nil {
		return nil
	}
	return out
}

func TestContainsTrue(t *testing.T) {
	for raw, want := range map[string]bool{
		`true`:                           true,
		`false`:                          false,
		`{}`:                             false,
		`{"a":{"b":[false,true]}}`:       true,
		`{"true":false,"b":[false]}`:     false,
		`{"x\"true":false}`:              false,
		`{"trusted":{"t":false}}`:        false,
		`{"trusted":{"t":[{"u":true}]}}`: true,
	} {
		assert.Equal(t, want, containsTrue([]byte(raw)), raw)
	}
}

func TestRawChild(t *testing.T) {
	raw := []byte(` {"a": {"b": [1, {"c": null}], "a": 2}, "s": "x\"y", "n": null} `)
	for _, tc := range []struct {
		path []any
		want string
	}{
		{[]any{"a", "b", 0}, `1`},
		{[]any{"a", "b", 1, "c"}, `null`},
		{[]any{"a", "a"}, `2`},
		{[]any{"s"}, `"x\"y"`},
		{[]any{"n"}, `null`},
		{[]any{"missing"}, ``},
		{[]any{"a", "b", 2}, ``},
		{[]any{"a", "b", -1}, ``},
		{[]any{"a", 0}, ``},
		{[]any{"s", "x"}, ``},
	} {
		node := raw
		for _, step := range tc.path {
			var err error
			node, err = rawChild(node, step)
			require.NoError(t, err, "%v", tc.path)
		}
		assert.Equal(t, tc.want, string(node), "%v", tc.path)
	}
}
