package plan

import (
	"encoding/json"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
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
			var ok bool
			node, ok = rawChild(node, step)
			require.True(t, ok, "%v", tc.path)
		}
		assert.Equal(t, tc.want, string(node), "%v", tc.path)
	}
}

// TestRawChildCannotWalk: raw JSON cut short or not JSON up to the member is not walked (ok is
// false, and Get hides the value); a shape that simply has no such member is walked (ok, nil).
func TestRawChildCannotWalk(t *testing.T) {
	for _, tc := range []struct {
		raw    string
		step   any
		wantOK bool
	}{
		{`   `, "a", true},
		{`{"a":1}`, 1.5, true}, // neither a member name nor an index
		{`[1]`, "a", true},
		{`{"a":1}`, 0, true},
		{`{a:1}`, "a", false},
		{`{"a`, "a", false},
		{`{"a"`, "a", false},
		{`{"a" 1}`, "b", false},
		{`{"a":`, "a", false},
		{`{"a":"x`, "b", false},
		{`{"a":{"b":"x}`, "c", false},
		{`{"a":{"b":[1,2}`, "c", false},
		{`{"a":[{"b":1}`, "c", false},
		{`{"a":1`, "b", false},
		{`[1,"x`, 1, false},
		{`[[1,2`, 1, false},
		{`[1,`, 1, false}, // a list cut short fails as an object cut short does
		{`[1`, 1, false},
		{`[1]`, 1, true},
	} {
		child, ok := rawChild([]byte(tc.raw), tc.step)
		assert.Equal(t, tc.wantOK, ok, "%s %v", tc.raw, tc.step)
		assert.Nil(t, child, "%s %v", tc.raw, tc.step)
	}
}

// TestValueEnd: the index just past a value, or -1 when it does not end.
func TestValueEnd(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		at   int
		want int
	}{
		{`12,`, 0, 2},
		{`12`, 0, 2},
		{`12`, 2, -1},
		{`"a,b"x`, 0, 5},
		{`"a`, 0, -1},
		{`{"a":"}"},`, 0, 9},
		{`[1,[2]],`, 0, 7},
		{`{"a":"}`, 0, -1},
		{`[1,[2]`, 0, -1},
		{`x[1]`, 1, 4},
	} {
		assert.Equal(t, tc.want, valueEnd([]byte(tc.raw), tc.at), "%s at %d", tc.raw, tc.at)
	}
}

// TestDecodeAgreesWithEncodingJSON: decode reads numbers, strings and bools itself; what it
// returns must be what json.Unmarshal returns, and it must refuse what json.Unmarshal refuses.
func TestDecodeAgreesWithEncodingJSON(t *testing.T) {
	for _, raw := range []string{
		``, `0`, `-0`, `12`, `-3.25`, `1e3`, `1E+2`, `2.5e-3`, `1e400`, `01`, `1.`, `-`, `1x`,
		`"plain"`, `""`, `"with \"escape\""`, `"\u00e9"`, "\"tab\there\"", "\"bad utf8 \xff\"", `"unterminated`,
		`"a"b"`, `true`, `false`, `tru`, `null`, `{"a":[1,"b"]}`, `[1,]`, `{"a":1,}`,
	} {
		var want any
		wantErr := json.Unmarshal([]byte(raw), &want)
		got, ok := decode([]byte(raw))
		if wantErr != nil {
			assert.False(t, ok, "%s: encoding/json refuses it: %v", raw, wantErr)
			continue
		}
		assert.True(t, ok, raw)
		assert.Equal(t, want, got, raw)
	}
}

// TestDecodeReadsPlainValuesItself: plain strings (the empty one too) and numbers (from 0 to 9
// first) are decoded without encoding/json, as decode promises; what goes through json.Unmarshal
// allocates more than it does, so fewer allocations show that decode read the value itself.
func TestDecodeReadsPlainValuesItself(t *testing.T) {
	for _, raw := range []string{`""`, `"plain"`, `0`, `9`, `95.5`, `-3`, `1e3`} {
		b := []byte(raw)
		itself := testing.AllocsPerRun(50, func() { decode(b) })
		var out any
		viaJSON := testing.AllocsPerRun(50, func() { _ = json.Unmarshal(b, &out) })
		assert.Less(t, itself, viaJSON, "%s is decoded without encoding/json", raw)
	}
}

// TestValuesCheckedOnceStillFailClosed: an instance's values are checked as strictly as the
// scanner reads a plan when a rule first reads one of them, and what a read hands out is checked
// again then, so bytes that change between reads (a mapped file rewritten under us) hide the
// value rather than leak it or read it wrongly.
func TestValuesCheckedOnceStillFailClosed(t *testing.T) {
	create := []tfjson.Action{tfjson.ActionCreate}
	t.Run("invalid JSON after the value hides it too", func(t *testing.T) {
		rc := &ResourceChange{Actions: create, After: []byte(`{"timeout":777,"x":[1,,2]}`)}
		assert.Equal(t, Sensitive, rc.Values().Get("timeout").State)
	})
	t.Run("an escaped key is the attribute it spells", func(t *testing.T) {
		rc := &ResourceChange{Actions: create, After: []byte(`{"x":"}","time\u006fut":5}`), AfterSensitive: []byte(`{"time\u006fut":false}`)}
		v := rc.Values().Get("timeout")
		assert.Equal(t, Known, v.State)
		assert.Equal(t, 5.0, v.V)
	})
	for _, tc := range []struct {
		name, after, sensitive, afterLater, sensitiveLater string
	}{
		{"marking rewritten as garbage", `{"timeout":777}`, `{"timeout":false}`, `{"timeout":777}`, `{"timeout":falsx}`},
		{"marking cut", `{"timeout":777}`, `{"timeout":false}`, `{"timeout":777}`, "{\"timeout\":f\x00\x00\x00\x00\x00"},
		{"value rewritten as garbage", `{"timeout":777}`, `{}`, `{"timeout":7-7}`, `{}`},
		{"value cut", `{"timeout":"abc"}`, `{}`, `{"timeout":"ab` + "\x00\x00\x00", `{}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Len(t, tc.afterLater, len(tc.after))
			require.Len(t, tc.sensitiveLater, len(tc.sensitive))
			after, sensitive := []byte(tc.after), []byte(tc.sensitive)
			rc := &ResourceChange{Actions: create, After: after, AfterUnknown: []byte(`{}`), AfterSensitive: sensitive}
			require.Equal(t, Known, rc.Values().Get("timeout").State, "the first read checks the values")
			copy(after, tc.afterLater)
			copy(sensitive, tc.sensitiveLater)
			v := rc.Values().Get("timeout")
			assert.Equal(t, Sensitive, v.State)
			assert.Nil(t, v.V)
		})
	}
}
