package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/unicode"
)

func realPlans(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../testdata/plans/*.json*")
	require.NoError(t, err)
	enc, err := filepath.Glob("../testdata/plans/encoding/*.json")
	require.NoError(t, err)
	files = append(files, enc...)
	require.Greater(t, len(files), 80, "the real plan corpus is missing")
	return files
}

// TestParseAgreesWithTerraformJSON loads every real plan with the fast scanner and with
// terraform-json's encoding/json decoding, and checks they agree on every resource change.
func TestParseAgreesWithTerraformJSON(t *testing.T) {
	t.Parallel() // slow: runs alongside the other slow tests
	for _, path := range realPlans(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			got, err := Parse(path, data)
			require.NoError(t, err)

			text, _, err := decodeText(data)
			require.NoError(t, err)
			var want tfjson.Plan
			require.NoError(t, json.Unmarshal(text, &want))
			assert.Equal(t, want.FormatVersion, got.FormatVersion)
			assert.Equal(t, want.TerraformVersion, got.TerraformVersion)

			var wantChanges []*tfjson.ResourceChange
			for _, rc := range want.ResourceChanges {
				if rc.DeposedKey == "" {
					wantChanges = append(wantChanges, rc)
				}
			}
			if len(want.ResourceChanges) == 0 && want.PlannedValues != nil {
				return // planned_values fallback is checked separately
			}
			require.Len(t, got.Changes, len(wantChanges))
			for i, w := range wantChanges {
				g := got.Changes[i]
				assert.Equal(t, w.Address, g.Address)
				assert.Equal(t, w.ModuleAddress, g.ModuleAddress)
				assert.Equal(t, w.Type, g.Type)
				assert.Equal(t, w.Name, g.Name)
				assert.Equal(t, w.Mode, g.Mode)
				assert.Equal(t, w.Change.Actions, g.Actions)
				assert.Equal(t, normalize(t, w.Change.After), decodeAny(g.After), w.Address)
				assert.Equal(t, normalize(t, w.Change.AfterUnknown), decodeAny(g.AfterUnknown), w.Address)
			}
			if want.Config != nil && want.Config.RootModule != nil {
				require.NotNil(t, got.Config)
				assert.Len(t, got.Config.Resources, len(want.Config.RootModule.Resources))
				assert.Len(t, got.Config.ModuleCalls, len(want.Config.RootModule.ModuleCalls))
				for i, r := range want.Config.RootModule.Resources {
					assert.Equal(t, r.Address, got.Config.Resources[i].Address)
					for name, e := range r.Expressions {
						if e.ExpressionData != nil && e.NestedBlocks == nil {
							a := got.Config.Resources[i].Attribute(name)
							if a == nil && isBlock(got.Config.Resources[i], name) {
								continue // a single nested block, which terraform-json reads as an expression
							}
							require.NotNil(t, a, "%s.%s", r.Address, name)
							assert.Equal(t, nilIfEmpty(e.References), nilIfEmpty(a.References), "%s.%s", r.Address, name)
							wantString, _ := e.ConstantValue.(string)
							assert.Equal(t, wantString, a.ConstantString, "%s.%s", r.Address, name)
						}
					}
				}
			}
		})
	}
}

func isBlock(r *ConfigResource, name string) bool {
	for _, a := range r.Attributes {
		if len(a.Path) > len(name) && a.Path[:len(name)+1] == name+"." {
			return true
		}
	}
	return false
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// normalize round-trips a value through JSON so both sides have the same Go types.
func normalize(t *testing.T, v any) any {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return decodeAny(b)
}

func TestParseEncodings(t *testing.T) {
	data, err := os.ReadFile("../testdata/plans/hashicorp__terraform-json__testdata__110_basic__plan.json")
	require.NoError(t, err)
	want, err := Parse("utf8", data)
	require.NoError(t, err)

	utf16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(data)
	require.NoError(t, err)
	utf16be, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes(data)
	require.NoError(t, err)
	noBOM, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes(data)
	require.NoError(t, err)

	for name, variant := range map[string][]byte{
		"utf-8 with BOM":      append([]byte{0xEF, 0xBB, 0xBF}, data...),
		"utf-16le with BOM":   utf16le,
		"utf-16be with BOM":   utf16be,
		"utf-16le, no BOM":    noBOM,
		"trailing whitespace": append(append([]byte{}, data...), "\r\n\r\n"...),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := Parse(name, variant)
			require.NoError(t, err)
			require.Len(t, got.Changes, len(want.Changes))
			for i := range want.Changes {
				assert.Equal(t, want.Changes[i].Address, got.Changes[i].Address)
				assert.Equal(t, decodeAny(want.Changes[i].After), decodeAny(got.Changes[i].After))
			}
		})
	}
}

func TestParseBadInput(t *testing.T) {
	good, err := os.ReadFile("../testdata/plans/hashicorp__terraform-json__testdata__110_basic__plan.json")
	require.NoError(t, err)
	tests := []struct {
		name    string
		data    []byte
		problem string
	}{
		{"empty file", nil, "the file is empty"},
		{"only white space", []byte("  \n\t "), "the file is empty"},
		{"truncated", good[:len(good)/2], "the file looks truncated"},
		{"truncated inside a string", good[:bytes.Index(good, []byte(`"resource_changes"`))+5], "the file looks truncated"},
		{"invalid JSON", []byte(`{"format_version": "1.2", "resource_changes": [}`), "invalid JSON at line 1, column 48"},
		{"invalid literal", []byte(`{"format_version": "1.2", "x": tru }`), "invalid JSON at line 1"},
		{"trailing garbage", append(append([]byte{}, good...), "}}"...), "unexpected data after the end"},
		{"raw state file", []byte(`{"version": 4, "terraform_version": "1.9.0", "serial": 3, "lineage": "abc", "outputs": {}, "resources": []}`), "Terraform state file, not a plan"},
		{"terraform show -json of state", []byte(`{"format_version": "1.0", "terraform_version": "1.9.0", "values": {"root_module": {}}}`), "JSON of a state"},
		{"format version 2.0", []byte(`{"format_version": "2.0", "resource_changes": []}`), "format_version 2.0 is not supported"},
		{"format version 10.1", []byte(`{"format_version": "10.1", "resource_changes": []}`), "format_version 10.1 is not supported"},
		{"no format version", []byte(`{"resource_changes": []}`), "no format_version"},
		{"a JSON array", []byte(`[1, 2]`), "not an object"},
		{"random binary", []byte{0x00, 0x13, 0x8f, 0xff, 0x01, 0x02, 0x9c, 0x00, 0xfe, 0x7a}, "binary data"},
		{"binary plan (zip)", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), "binary plan file"},
		{"YAML", []byte("format_version: 1.2\n"), "not JSON"},
		{"planned_values of the wrong shape", []byte(`{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": 1}]}}}`),
			"plan.json: reading planned_values: expected a string, found '1'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("plan.json", tt.data)
			var ie *InputError
			require.True(t, errors.As(err, &ie), "want an InputError, got %v", err)
			assert.Equal(t, "plan.json", ie.Path)
			assert.Contains(t, ie.Error(), tt.problem)
			assert.NotEmpty(t, ie.Hint, "every input error says what to do")
		})
	}
}

func TestPlannedValuesFallback(t *testing.T) {
	data := []byte(`{"format_version": "0.1", "planned_values": {"root_module": {
		"resources": [{"address": "aws_lambda_function.a", "mode": "managed", "type": "aws_lambda_function", "name": "a", "values": {"timeout": 30}}],
		"child_modules": [{"address": "module.m", "resources": [{"address": "module.m.aws_sqs_queue.q[0]", "mode": "managed", "type": "aws_sqs_queue", "name": "q", "index": 0, "values": {}}]}]}}}`)
	p, err := Parse("p.json", data)
	require.NoError(t, err)
	require.Len(t, p.Changes, 2)
	assert.Equal(t, "aws_lambda_function.a", p.Changes[0].Address)
	assert.Equal(t, "module.m", p.Changes[1].ModuleAddress)
	assert.Equal(t, float64(0), p.Changes[1].Index)
	n, ok := p.Changes[0].Values().Get("timeout").Int()
	assert.True(t, ok)
	assert.Equal(t, 30, n)
}

func FuzzParse(f *testing.F) {
	good, err := os.ReadFile("../testdata/plans/hashicorp__terraform-json__testdata__110_basic__plan.json")
	require.NoError(f, err)
	f.Add(good)
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"actions":["create"],"after":{"x":[1,{"y":"\"z\\"}]}}}]}`))
	f.Add([]byte(`{"format_version":"1.2","configuration":{"root_module":{"resources":[{"address":"a.b","expressions":{"x":{"references":["c.d"]},"blk":[{"y":{"constant_value":1}}]}}]}}}`))
	// Crashers found by hand: malformed UTF-16 made the encoding detection index out of range.
	for _, name := range []string{"utf16-bom-odd-utf8.json", "utf16-guess-7-bytes.json", "utf16-cjk.json", "utf16-cut-odd.json", "utf32.json",
		"sensitive-trailing-comma.json", "sensitive-1e400.json", "after-1e400.json", "after-missing-colon.json"} {
		seed, err := os.ReadFile(filepath.Join("../testdata/hostile", name))
		require.NoError(f, err)
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.json", data)
		if err == nil {
			for _, rc := range p.Changes {
				rc.Values().Get("a", 0, "b")
				// What the scanner accepted without decoding must decode later (issue 16).
				for _, raw := range [][]byte{rc.Before, rc.After, rc.AfterUnknown, rc.BeforeSensitive, rc.AfterSensitive} {
					var out any
					if err := json.Unmarshal(raw, &out); len(raw) > 0 && err != nil {
						t.Fatalf("accepted %q, which does not decode: %v", raw, err)
					}
				}
			}
		}
	})
}

func TestParseOnlyByteOrderMarkOrNull(t *testing.T) {
	for name, data := range map[string][]byte{
		"utf-8 BOM":    {0xEF, 0xBB, 0xBF},
		"utf-16le BOM": {0xFF, 0xFE},
		"utf-16be BOM": {0xFE, 0xFF},
		"BOM and CRLF": {0xEF, 0xBB, 0xBF, '\r', '\n'},
	} {
		_, err := Parse(name, data)
		require.ErrorContains(t, err, "the file is empty", name)
	}
	_, err := Parse("null.json", []byte("null\n"))
	require.ErrorContains(t, err, "not a Terraform plan: it is not an object")
}
