package plan

import (
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/stretchr/testify/assert"
)

func TestValues(t *testing.T) {
	rc := &ResourceChange{
		Actions:        tfjson.Actions{tfjson.ActionCreate},
		After:          []byte(`{"timeout": 30, "name": "fn", "tags": {"a": "b"}, "env": [{"variables": {"SECRET": "x", "PLAIN": "y"}}], "nothing": null, "vpc": [{"subnets": ["s-1"]}]}`),
		AfterUnknown:   []byte(`{"arn": true, "vpc": [{"subnets": true}]}`),
		AfterSensitive: []byte(`{"env": [{"variables": {"SECRET": true}}], "name": false}`),
	}
	v := rc.Values()
	tests := []struct {
		path  []any
		state State
		value any
	}{
		{[]any{"timeout"}, Known, float64(30)},
		{[]any{"name"}, Known, "fn"},
		{[]any{"arn"}, Unknown, nil},
		{[]any{"vpc", 0, "subnets"}, Unknown, nil},
		{[]any{"vpc", 0, "subnets", 0}, Unknown, nil},
		{[]any{"env", 0, "variables", "SECRET"}, Sensitive, nil},
		{[]any{"env", 0, "variables", "PLAIN"}, Known, "y"},
		{[]any{"env", 0, "variables"}, Sensitive, nil}, // a map with a sensitive member is not handed out
		{[]any{"nothing"}, Null, nil},
		{[]any{"missing"}, Absent, nil},
		{[]any{"tags", "a"}, Known, "b"},
	}
	for _, tt := range tests {
		got := v.Get(tt.path...)
		assert.Equal(t, tt.state, got.State, "%v", tt.path)
		assert.Equal(t, tt.value, got.V, "%v", tt.path)
	}
	_, ok := v.Get("arn").String()
	assert.False(t, ok, "an unknown value is never handed out as a string")
	n, ok := v.Get("timeout").Int()
	assert.True(t, ok)
	assert.Equal(t, 30, n)
}

func TestValuesOfDeleteUseBefore(t *testing.T) {
	rc := &ResourceChange{Actions: tfjson.Actions{tfjson.ActionDelete}, Before: []byte(`{"timeout": 60}`), After: []byte(`null`),
		BeforeSensitive: []byte(`{}`)}
	n, ok := rc.Values().Get("timeout").Int()
	assert.True(t, ok)
	assert.Equal(t, 60, n)
}
