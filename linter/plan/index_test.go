package plan

import (
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMemberIndexReadsAsRawChild: the indexed read finds what the walk finds, for every key of
// objects written in the ways a plan (or a hand-edited one) writes them.
func TestMemberIndexReadsAsRawChild(t *testing.T) {
	long := `{"a":"` + strings.Repeat("x", 1<<16) + `","b":1}`
	for _, tc := range []struct {
		name    string
		raw     string
		indexed bool
	}{
		{"compact", `{"timeout":30,"runtime":"python3.12","tags":{"timeout":1},"vpc":[{"a":2}]}`, true},
		{"spaced", " { \"a\" : 1 ,\n\t\"b\" :[ 1, 2 ] , \"c\":{ } } ", true},
		{"a key repeats: the first wins", `{"a":1,"b":2,"a":3}`, true},
		{"a key is a prefix of another", `{"ab":1,"a":2,"abc":3}`, true},
		{"strings holding quotes and keys", `{"s":"x\"a\":9","a":"\\","b":"\"}"}`, true},
		{"empty", `{}`, true},
		{"an escaped key", `{"\u0061":1,"b":2}`, false},
		{"not an object", `[1,2]`, false},
		{"null", `null`, false},
		{"none", ``, false},
		{"past two-byte offsets", long, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte(tc.raw)
			offsets, ok := indexMembers(nil, raw)
			assert.Equal(t, tc.indexed, ok)
			if !ok {
				assert.Empty(t, offsets, "an object that cannot be indexed leaves nothing behind")
			}
			m := members{offsets: offsets, ok: ok}
			for _, key := range []string{"a", "b", "c", "ab", "abc", "timeout", "runtime", "tags", "vpc", "s", "missing", ""} {
				want, wantOK := rawChild(raw, key)
				got, gotOK := m.child(raw, key)
				assert.Equal(t, string(want), string(got), key)
				assert.Equal(t, wantOK, gotOK, key)
			}
		})
	}
}

// TestValuesIndexedOnSecondRead: the first read of an instance checks its values and leaves no
// index (most instances are read once); the second builds it, and every later read, and a wrong
// type recorded before or after, reads the same as without it.
func TestValuesIndexedOnSecondRead(t *testing.T) {
	rc := &ResourceChange{
		Actions:        tfjson.Actions{tfjson.ActionCreate},
		After:          []byte(`{"timeout":"30","memory_size":512,"arn":null,"tags":{"a":"b"},"secret":"s"}`),
		AfterUnknown:   []byte(`{"arn":true,"tags":{}}`),
		AfterSensitive: []byte(`{"secret":true}`),
	}
	v := rc.Values()
	_, ok := v.Get("timeout").PositiveInt() // a wrong type, recorded before the index exists
	require.False(t, ok)
	assert.False(t, rc.extra.Load().indexed, "one read builds no index")

	want := map[string]State{"timeout": Known, "memory_size": Known, "arn": Unknown, "tags": Known, "secret": Sensitive, "missing": Absent}
	for round := 0; round < 2; round++ {
		for key, state := range want {
			assert.Equal(t, state, v.Get(key).State, key)
		}
	}
	require.True(t, rc.extra.Load().indexed)
	index := rc.extra.Load().index
	assert.True(t, index.value().ok)
	assert.Len(t, index.value().offsets, 5)
	assert.True(t, index.unknown().ok)
	assert.Len(t, index.unknown().offsets, 2)

	n, ok := v.Get("memory_size").Int()
	assert.True(t, ok)
	assert.Equal(t, 512, n)
	_, ok = v.Get("tags").PositiveInt() // a second wrong type, recorded after: the index stays
	require.False(t, ok)
	assert.True(t, rc.extra.Load().indexed)
	p := &Plan{Changes: []*ResourceChange{rc}}
	require.Len(t, p.WrongTypes(), 2, "the first wrong type survives the index, the index the second")
}
