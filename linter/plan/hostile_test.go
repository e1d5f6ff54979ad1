package plan

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseHostileEncodings feeds the crafted files that used to crash the encoding detection
// (index out of range) or were misdescribed: each is an InputError naming the file, or a plan.
func TestParseHostileEncodings(t *testing.T) {
	for _, tc := range []struct {
		file, wantErr string
	}{
		{"utf16-bom-odd-utf8.json", "odd number of bytes"},
		{"utf16-guess-7-bytes.json", "odd number of bytes"},
		{"utf16-cut-odd.json", "odd number of bytes"},
		{"utf32.json", "UTF-32"},
		{"utf32-nobom.json", "UTF-32"},
		{"utf16-cjk.json", ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("../testdata/hostile", tc.file)
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			p, err := Parse(path, data)
			if tc.wantErr == "" {
				require.NoError(t, err)
				name, ok := p.Changes[0].Values().Get("function_name").String()
				require.True(t, ok)
				assert.Equal(t, "日本語の関数名テキスト", name)
				return
			}
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, path, ie.Path)
			assert.Contains(t, ie.Problem, tc.wantErr)
		})
	}
}

// TestTruncatedWhileRead maps a large plan, truncates it as an editor saving it would, and reads
// the values the rules read next: the fault is a panic that names the file, not a SIGBUS crash.
func TestTruncatedWhileRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.json")
	var b bytes.Buffer
	b.WriteString(`{"format_version":"1.2","resource_changes":[`)
	for i := 0; b.Len() < mapThreshold+(1<<20); i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"address":"aws_lambda_function.f%d","type":"aws_lambda_function","name":"f%d","mode":"managed","change":{"actions":["create"],"after":{"timeout":%d,"description":"%s"}}}`,
			i, i, i%900+1, strings.Repeat("x", 200))
	}
	b.WriteString(`]}`)
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))

	p, err := Load(path)
	require.NoError(t, err)
	require.NoError(t, os.Truncate(path, 0))

	recovered := func() (r any) {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() { r = recover() }()
		for _, rc := range p.Changes {
			rc.Values().Get("timeout")
		}
		return nil
	}()
	require.NotNil(t, recovered, "reading a truncated mapping must fault")
	ie, ok := ChangedWhileRead(recovered)
	require.True(t, ok, "%v", recovered)
	assert.Equal(t, path, ie.Path)
	assert.Contains(t, ie.Problem, "truncated or rewritten while hybridlint read it")

	_, ok = ChangedWhileRead(errors.New("some other panic"))
	assert.False(t, ok)
}

// TestParseDeepNesting: configuration and planned_values nested far deeper than any plan are an
// error with a place, not a stack overflow.
func TestParseDeepNesting(t *testing.T) {
	const n = 200000
	for name, doc := range map[string]string{
		"module calls": `{"format_version":"1.2","configuration":{"root_module":` +
			strings.Repeat(`{"module_calls":{"m":{"module":`, n) + `{}` + strings.Repeat(`}}}`, n) + `}}`,
		"child modules": `{"format_version":"1.2","planned_values":{"root_module":` +
			strings.Repeat(`{"child_modules":[`, n) + `{}` + strings.Repeat(`]}`, n) + `}}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("deep.json", []byte(doc))
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Contains(t, ie.Problem, "nested more than 10000 levels deep")
		})
	}
}

// TestSkippedValuesAreValidated: what the scanner skips is decoded only when a rule asks, so it
// must be JSON that encoding/json decodes, or a value (or the marking that hides it) vanishes.
func TestSkippedValuesAreValidated(t *testing.T) {
	wrap := func(after, sensitive string) string {
		return `{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"actions":["create"],"after":` + after +
			`,"after_sensitive":` + sensitive + `}}],"prior_state":{"values":[1, 2.5e3, -0, "\u00e9\n", {"a":[true,false,null]}]}}`
	}
	for _, tc := range []struct{ name, doc, want string }{
		{"trailing comma in after", wrap(`{"timeout":777,}`, `{}`), "trailing comma"},
		{"trailing comma in an array", wrap(`{"l":[1,]}`, `{}`), "trailing comma"},
		{"trailing comma in after_sensitive", wrap(`{"timeout":777}`, `{"timeout":true,}`), "trailing comma"},
		{"1e400 in after_sensitive", wrap(`{"timeout":777}`, `{"timeout":true,"x":1e400}`), "number 1e400 is out of range"},
		{"-1e400 in after", wrap(`{"timeout":-1e400}`, `{}`), "out of range"},
		{"missing colon", wrap(`{"timeout" 777}`, `{}`), "expected ':'"},
		{"missing comma", wrap(`{"a":1 "b":2}`, `{}`), "expected ',' or '}'"},
		{"two commas", wrap(`[1,,2]`, `{}`), "where a value should be"},
		{"leading zero", wrap(`{"timeout":0777}`, `{}`), "expected ',' or '}'"},
		{"bare minus", wrap(`{"timeout":-}`, `{}`), "invalid number"},
		{"dot without digits", wrap(`{"timeout":1.}`, `{}`), "follow the decimal point"},
		{"letter in an exponent", wrap(`{"timeout":1ex5}`, `{}`), "digits must follow the exponent"},
		{"exponent without digits", wrap(`{"timeout":1e+}`, `{}`), "digits must follow the exponent"},
		{"invalid escape", wrap(`{"n":"\q"}`, `{}`), `invalid escape "\\q"`},
		{"short unicode escape", wrap(`{"n":"\u12"}`, `{}`), `invalid \u escape`},
		{"control character", wrap("{\"n\":\"a\tb\"}", `{}`), "invalid control character 0x09"},
		{"key that is not a string", wrap(`{timeout:1}`, `{}`), "expected a string as object key"},
		{"array closed by a brace", wrap(`[1}`, `{}`), "expected ',' or ']'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("p.json", []byte(tc.doc))
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Contains(t, ie.Problem, tc.want)
			assert.NotContains(t, err.Error(), "777", "the error must not repeat a value")
		})
	}
	p, err := Parse("p.json", []byte(wrap(`{"timeout":777,"n":"\u00e9\"\\\/\b\f\n\r\t"}`, `{"timeout":true}`)))
	require.NoError(t, err, "valid JSON of every kind still parses")
	assert.Equal(t, Sensitive, p.Changes[0].Values().Get("timeout").State)

	p, err = Parse("p.json", []byte(wrap(`{"m":"two words\n","c":"\u0020"}`, `{}`)))
	require.NoError(t, err, "a space is not a control character, in a string with escapes too")
	m, _ := p.Changes[0].Values().Get("m").String()
	assert.Equal(t, "two words\n", m)

	p, err = Parse("p.json", []byte(wrap(`{"a":1e+2,"b":2.5E-3,"c":-1E2}`, `{}`)))
	require.NoError(t, err, "an exponent may have a sign")
	for name, want := range map[string]float64{"a": 100, "b": 0.0025, "c": -100} {
		got, ok := p.Changes[0].Values().Get(name).Float()
		assert.True(t, ok, name)
		assert.Equal(t, want, got, name)
	}
}

// TestUnreadableMarkingFailsClosed: values are read from the plan's bytes when a rule asks, after
// loading (a mapped file's pages are read again from the file then). Should a value or a marking
// no longer read as JSON, the value is sensitive as a whole: no rule reads it, no report prints it.
func TestUnreadableMarkingFailsClosed(t *testing.T) {
	for _, tc := range []struct{ name, after, unknown, sensitive string }{
		{"trailing comma after the marking", `{"timeout":777}`, `{}`, `{"timeout":true,}`},
		{"1e400 before the marking", `{"timeout":777}`, `{}`, `{"x":1e400,"timeout":true}`},
		{"missing value before the marking", `{"timeout":777}`, `{}`, `{"x":,"timeout":true}`},
		{"marking cut short", `{"timeout":777}`, `{}`, `{"timeout":tr`},
		{"garbage marking", `{"timeout":777}`, `{}`, "\x00\x00\x00"},
		{"invalid JSON before the value", `{"x":[1,,2],"timeout":777}`, `{}`, `{}`},
		{"invalid JSON in the value", `{"timeout":{"s":777,}}`, `{}`, `{}`},
		{"invalid unknown marking", `{"timeout":777}`, `{"x":-,"timeout":false}`, `{}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := &ResourceChange{Actions: []tfjson.Action{tfjson.ActionCreate},
				After: []byte(tc.after), AfterUnknown: []byte(tc.unknown), AfterSensitive: []byte(tc.sensitive)}
			v := rc.Values().Get("timeout")
			assert.Equal(t, Sensitive, v.State)
			assert.Nil(t, v.V)
		})
	}
	rc := &ResourceChange{Actions: []tfjson.Action{tfjson.ActionCreate}, After: []byte(`{"timeout":777}`), AfterUnknown: []byte(`{}`), AfterSensitive: []byte(`{"timeout":false}`)}
	assert.Equal(t, Known, rc.Values().Get("timeout").State, "a readable marking that marks nothing hides nothing")
}

// FuzzSkipAgrees holds skip's fast check to the token-by-token skipStrict: the same values
// accepted, ending at the same byte, and nothing accepted that skipStrict refuses.
func FuzzSkipAgrees(f *testing.F) {
	for _, seed := range []string{
		`{"a":[1,2.5e3,-0,"\u00e9\n",{"b":[true,false,null]}]}`, `{"timeout":777,}`, `[1,]`, `[1,,2]`,
		`{"a" 1}`, `{"a":1 "b":2}`, `0777`, `-`, `1.`, `1e`, `1e400`, `"\q"`, `"\u12"`, "\"a\tb\"",
		`1e+2`, `-1E-3`, `1ex5`, `1e+`, `1e-x`, `9`, `[90,-9.9e9]`, `"a b\n"`,
		`{a:1}`, `[1}`, `"abcdefgh\"ijklmnop\\"`, `  [ [ ] , { } , "" ]  `, `tru`, `nul`, `{"a":{"b":{}}`,
		`"{\"Version\":\"2012-10-17\",\"Statement\":[]}"`, `"1234567\"\\"`, `"123456\\\"x"`, "\"ab\\\"c\x01\\\"\"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast := &scanner{data: data}
		fast.ws()
		end, ok := fast.skipFast(fast.pos)
		strict := &scanner{data: data}
		raw, err := strict.skipStrict()
		require.Equal(t, err == nil, ok, "skipFast accepts %q: %v, skipStrict: %v", data, ok, err)
		if ok {
			require.Equal(t, strict.pos, end, "%q", data)
			require.Equal(t, string(raw), string(data[len(data)-len(data[fast.pos:]):end]))
		}
	})
}

// TestSkipEscapedQuotes holds the fast string skip to skipStrict on strings dense in escapes, as
// IAM policies written inside strings are: eight bytes whose only special bytes are escaped quotes
// pass at once, so every other special byte, at every offset of a word, must still stop it.
func TestSkipEscapedQuotes(t *testing.T) {
	tokens := []string{`a`, `bc`, `\"`, `\"`, `\"`, `\\`, `\/`, `\u0041`, `"`, `\`, "\x01", "\x7f", "é", `\q`}
	rng := rand.New(rand.NewPCG(13, 13))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		b.WriteByte('"')
		for k := rng.IntN(24); k > 0; k-- {
			b.WriteString(tokens[rng.IntN(len(tokens))])
		}
		b.WriteString(`"` + strings.Repeat(" ", rng.IntN(9)))
		data := []byte(b.String())
		fast := &scanner{data: data}
		end, ok := fast.skipFast(0)
		strict := &scanner{data: data}
		_, err := strict.skipStrict()
		require.Equal(t, err == nil, ok, "%q: skipStrict says %v", data, err)
		if ok {
			require.Equal(t, strict.pos, end, "%q", data)
		}
	}
}
