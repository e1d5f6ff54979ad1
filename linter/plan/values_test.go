package plan

import (
	"fmt"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

func TestValuesShapeMismatchDoesNotPanic(t *testing.T) {
	rc := &ResourceChange{Actions: tfjson.Actions{tfjson.ActionCreate},
		After: []byte(`{"architectures": {"a": "arm64"}, "list": [1], "n": 3}`), AfterUnknown: []byte(`{}`)}
	v := rc.Values()
	for _, path := range [][]any{{"architectures", 0}, {"list", "x"}, {"n", 0}, {"n", "x"}, {"missing", 0, "x"}} {
		got := v.Get(path...)
		assert.NotEqual(t, Known, got.State, "%v", path)
	}
}

func TestValuesOfForgetUseBefore(t *testing.T) {
	rc := &ResourceChange{Actions: tfjson.Actions{tfjson.ActionForget}, Before: []byte(`{"visibility_timeout_seconds": 600}`),
		After: []byte(`null`)}
	assert.True(t, rc.Leaving())
	n, ok := rc.Values().Get("visibility_timeout_seconds").Int()
	assert.True(t, ok, "a forgotten resource's values are its before state, not absent")
	assert.Equal(t, 600, n)
	assert.False(t, (&ResourceChange{Actions: tfjson.Actions{tfjson.ActionDelete, tfjson.ActionCreate}}).Leaving(), "a replacement stays")
}

func TestPlannedValuesMissingAttributeIsUnknown(t *testing.T) {
	p, err := Parse("pv.json", []byte(`{"format_version": "0.1", "planned_values": {"root_module": {"resources": [
		{"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue", "name": "q", "values": {"name": "q"}}]}}}`))
	assert.NoError(t, err)
	assert.Equal(t, Unknown, p.Changes[0].Values().Get("visibility_timeout_seconds").State,
		"planned_values leaves unknown values out: missing must not read as the provider default")
}

func TestWrongTypesAreRecorded(t *testing.T) {
	for _, tc := range []struct {
		after, read, want string
	}{
		{`{"timeout":"30"}`, "int", `a.b: timeout is "30" (a string), where a whole number is expected`},
		{`{"timeout":{"s":1}}`, "int", "a.b: timeout is an object, where a whole number is expected"},
		{`{"timeout":[1]}`, "float", "a.b: timeout is a list, where a number is expected"},
		{`{"timeout":9223372036854775808}`, "int", "a.b: timeout is 9.223372036854776e+18, where a whole number is expected"},
		{`{"timeout":2.5}`, "int", "a.b: timeout is 2.5, where a whole number is expected"},
		{`{"timeout":-1}`, "positive", "a.b: timeout is -1, where a whole number of 1 or more is expected"},
		{`{"timeout":"\u001b[31m"}`, "int", `a.b: timeout is "\x1b[31m" (a string), where a whole number is expected`},
		{`{"timeout":30}`, "positive", ""},
		// The bounds: 2^52 (float64 holds every whole number up to it) and 1 for a positive value.
		{`{"timeout":4503599627370496}`, "int", ""},
		{`{"timeout":-4503599627370496}`, "int", ""},
		{`{"timeout":4503599627370498}`, "int", "a.b: timeout is 4.503599627370498e+15, where a whole number is expected"},
		{`{"timeout":-4503599627370498}`, "int", "a.b: timeout is -4.503599627370498e+15, where a whole number is expected"},
		{`{"timeout":0}`, "positive", "a.b: timeout is 0, where a whole number of 1 or more is expected"},
		{`{"timeout":1}`, "positive", ""},
		{`{"timeout":null}`, "int", ""},
	} {
		p, err := Parse("p.json", []byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"actions":["create"],"after":`+tc.after+`,"after_unknown":{}}}]}`))
		require.NoError(t, err)
		v := p.Changes[0].Values().Get("timeout")
		switch tc.read {
		case "int":
			v.Int()
			v.Int() // recorded once
		case "float":
			v.Float()
		case "positive":
			v.PositiveInt()
		}
		if tc.want == "" {
			assert.NoError(t, p.WrongTypesError(), tc.after)
			continue
		}
		require.Len(t, p.WrongTypes(), 1, tc.after)
		assert.Equal(t, tc.want, p.WrongTypes()[0].String())
		assert.ErrorContains(t, p.WrongTypesError(), "p.json: values of the wrong type where hybridlint reads them:\n  "+tc.want)
	}
}

// A value marked sensitive stays sensitive when it is null: reading it as Null would let a rule
// substitute the platform default for a value the user set and hid, and reason about it.
func TestValuesSensitiveNullIsSensitive(t *testing.T) {
	rc := &ResourceChange{
		Actions:        tfjson.Actions{tfjson.ActionCreate},
		After:          []byte(`{"timeout": null, "env": [{"variables": {"TOKEN": null}}], "memory_size": null}`),
		AfterSensitive: []byte(`{"timeout": true, "env": [{"variables": {"TOKEN": true}}]}`),
	}
	v := rc.Values()
	assert.Equal(t, Sensitive, v.Get("timeout").State)
	assert.Equal(t, Sensitive, v.Get("env", 0, "variables", "TOKEN").State)
	assert.Equal(t, Null, v.Get("memory_size").State, "a null that is not marked stays null")
}

func TestWrongTypesErrorListsTenThenCounts(t *testing.T) {
	tests := []struct {
		wrong int
		last  string
	}{
		{9, "a.r8: timeout is \"x\" (a string), where a whole number is expected"},
		{10, "a.r9: timeout is \"x\" (a string), where a whole number is expected"},
		{11, "and 1 more"},
		{12, "and 2 more"},
	}
	for _, tt := range tests {
		var changes []string
		for i := range tt.wrong {
			changes = append(changes, fmt.Sprintf(`{"address":"a.r%d","change":{"actions":["create"],"after":{"timeout":"x"},"after_unknown":{}}}`, i))
		}
		p, err := Parse("p.json", []byte(`{"format_version":"1.2","resource_changes":[`+strings.Join(changes, ",")+`]}`))
		require.NoError(t, err)
		for _, rc := range p.Changes {
			rc.Values().Get("timeout").Int()
		}
		var ie *InputError
		require.ErrorAs(t, p.WrongTypesError(), &ie)
		lines := strings.Split(ie.Problem, "\n  ")
		assert.Len(t, lines, 1+min(tt.wrong, 11), "%d wrong values", tt.wrong)
		assert.Equal(t, tt.last, lines[len(lines)-1], "%d wrong values", tt.wrong)
	}
}
