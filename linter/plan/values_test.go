package plan

import (
	"encoding/json"
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

// TestValueGetters: each typed getter hands out a value only when it is Known and of its type;
// an unknown, sensitive, null or absent value, or one of another type, gives the zero value and
// false, so no rule reasons about a value the plan does not give.
func TestValueGetters(t *testing.T) {
	rc := &ResourceChange{
		Actions:        tfjson.Actions{tfjson.ActionCreate},
		After:          []byte(`{"on": true, "off": false, "list": [1, "a"], "map": {"a": "b"}, "s": "x", "f": 1.5, "n": null, "hidden": [true]}`),
		AfterUnknown:   []byte(`{"later": true}`),
		AfterSensitive: []byte(`{"hidden": true}`),
	}
	// got is what every getter returns; ok names the one getter that said ok (or "").
	type got struct {
		known bool
		b     bool
		l     []any
		m     map[string]any
		s     string
		f     float64
		ok    []string
	}
	read := func(v Value) got {
		var g got
		var ok bool
		g.known = v.Known()
		if g.b, ok = v.Bool(); ok {
			g.ok = append(g.ok, "bool")
		}
		if g.l, ok = v.List(); ok {
			g.ok = append(g.ok, "list")
		}
		if g.m, ok = v.Map(); ok {
			g.ok = append(g.ok, "map")
		}
		if g.s, ok = v.String(); ok {
			g.ok = append(g.ok, "string")
		}
		if g.f, ok = v.number(); ok {
			g.ok = append(g.ok, "number")
		}
		return g
	}
	for _, tc := range []struct {
		attr  string
		state State
		want  got
	}{
		{"on", Known, got{known: true, b: true, ok: []string{"bool"}}},
		{"off", Known, got{known: true, ok: []string{"bool"}}},
		{"list", Known, got{known: true, l: []any{1.0, "a"}, ok: []string{"list"}}},
		{"map", Known, got{known: true, m: map[string]any{"a": "b"}, ok: []string{"map"}}},
		{"s", Known, got{known: true, s: "x", ok: []string{"string"}}},
		{"f", Known, got{known: true, f: 1.5, ok: []string{"number"}}},
		{"n", Null, got{}},
		{"later", Unknown, got{}},
		{"hidden", Sensitive, got{}},
		{"missing", Absent, got{}},
	} {
		t.Run(tc.attr, func(t *testing.T) {
			v := rc.Values().Get(tc.attr)
			require.Equal(t, tc.state, v.State)
			assert.Equal(t, tc.want, read(v))
		})
	}
	// A Value another package builds: its State decides, not what V holds.
	for _, state := range []State{Absent, Null, Unknown, Sensitive} {
		for _, v := range []any{true, []any{1.0}, map[string]any{"a": "b"}, "x", 2.0} {
			g := read(Value{State: state, V: v})
			assert.False(t, g.known, "%v %v", state, v)
			assert.Empty(t, g.ok, "%v %v: no getter hands out a value that is not Known", state, v)
		}
	}
}

// TestValueNumberFromJSONNumber: a Value holding a json.Number (a decoder with UseNumber) reads
// as the number it spells, and as no number when it spells none.
func TestValueNumberFromJSONNumber(t *testing.T) {
	n, ok := Value{State: Known, V: json.Number("90")}.Int()
	assert.True(t, ok)
	assert.Equal(t, 90, n)
	f, ok := Value{State: Known, V: json.Number("2.5")}.Float()
	assert.True(t, ok)
	assert.Equal(t, 2.5, f)
	f, ok = Value{State: Known, V: json.Number("ninety")}.Float()
	assert.False(t, ok)
	assert.Zero(t, f)
}

// TestGetWithoutPath: Get with no path reads the instance's values as a whole; an instance with no
// values at all (nothing planned after) reads as Null, not as an absent attribute.
func TestGetWithoutPath(t *testing.T) {
	create := tfjson.Actions{tfjson.ActionCreate}
	v := (&ResourceChange{Actions: create, After: []byte(`{"a":1}`)}).Values().Get()
	assert.Equal(t, Known, v.State)
	assert.Equal(t, map[string]any{"a": 1.0}, v.V)
	assert.Equal(t, Value{State: Null}, (&ResourceChange{Actions: create}).Values().Get())
	assert.Equal(t, Value{State: Null}, (&ResourceChange{Actions: create, After: []byte(`null`)}).Values().Get())
}
