package baseline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

func f(rule, addr, attr string) finding.Finding {
	return finding.Finding{Rule: rule, Address: addr, Attribute: attr, Severity: finding.Error, Message: "m " + addr}
}

func TestFingerprintIgnoresInstanceKeysAndLines(t *testing.T) {
	a := f("r", `module.w["eu"].aws_lambda_function.this[0]`, "timeout")
	a.Location = &finding.Location{File: "main.tf", Line: 10}
	b := f("r", `module.w["ap"].aws_lambda_function.this[3]`, "timeout")
	b.Location = &finding.Location{File: "main.tf", Line: 99}
	assert.Equal(t, "r|module.w.aws_lambda_function.this|timeout", Fingerprint(&a))
	assert.Equal(t, Fingerprint(&a), Fingerprint(&b))
	c := f("r", `module.w["eu"].aws_lambda_function.this[0]`, "memory_size")
	assert.NotEqual(t, Fingerprint(&a), Fingerprint(&c), "the attribute is part of it")
}

func TestWriteReadApply(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.json")
	old := []finding.Finding{
		f("r", `module.w["eu"].aws_lambda_function.this`, "timeout"),
		f("r", `module.w["us"].aws_lambda_function.this`, "timeout"), // same fingerprint: one entry
		f("gone", "aws_lambda_function.removed", ""),
		func() finding.Finding {
			s := f("r", "aws_lambda_function.suppressed", "timeout")
			s.Suppressed = &finding.Suppression{Kind: "inline", Reason: "x"}
			return s
		}(),
	}
	file := New("hybridlint test", old)
	require.Len(t, file.Findings, 2, "deduplicated, suppressed findings left out")
	assert.Equal(t, "gone", file.Findings[0].Rule, "sorted")
	require.NoError(t, Write(path, file))

	b, err := Read(path)
	require.NoError(t, err)
	assert.Equal(t, 2, b.Len())

	now := []finding.Finding{
		f("r", `module.w["ap"].aws_lambda_function.this`, "timeout"), // a new instance of an accepted resource
		f("r", "aws_lambda_function.new", "timeout"),
	}
	notes := b.Apply(now)
	assert.True(t, now[0].Baselined)
	assert.False(t, now[0].Active())
	assert.False(t, now[1].Baselined, "a new finding still counts")
	require.Len(t, notes, 1)
	assert.Contains(t, notes[0].Message, "1 finding(s) that no longer occur")
}

func TestApplyLeavesSuppressedAlone(t *testing.T) {
	b := FromFile("b.json", New("t", []finding.Finding{f("r", "aws_lambda_function.a", "timeout")}))
	s := f("r", "aws_lambda_function.a", "timeout")
	s.Suppressed = &finding.Suppression{Kind: "config", Reason: "x"}
	fs := []finding.Finding{s}
	assert.Empty(t, b.Apply(fs))
	assert.False(t, fs[0].Baselined)
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "none.json"), "create it from the current findings with: hybridlint --write-baseline"},
		{"not JSON", write("bad.json", "{"), "not a hybridlint baseline"},
		{"a report, not a baseline", write("report.json", `{"version":1,"tool":{"name":"hybridlint"},"findings":[]}`), "not a hybridlint baseline"},
		{"future version", write("v2.json", `{"version":2,"findings":[]}`), "version 2 is not supported"},
		{"incomplete entry", write("e.json", `{"version":1,"findings":[{"rule":"r"}]}`), "findings[0] needs a rule and an address"},
		{"a second object", write("two.json", `{"version":1,"findings":[]} {"version":1,"findings":[]}`), "there is more after the first JSON object, at byte 27"},
		{"a stray brace", write("brace.json", `{"version":1,"findings":[]}}`), "there is more after the first JSON object"},
		{"only a BOM", write("bom-only.json", "\xef\xbb\xbf"), "not a hybridlint baseline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.path)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestReadAcceptsAByteOrderMark(t *testing.T) {
	p := filepath.Join(t.TempDir(), "b.json")
	require.NoError(t, os.WriteFile(p, []byte("\xef\xbb\xbf{\"version\":1,\"findings\":[{\"rule\":\"r\",\"address\":\"a.b\"}]}\n"), 0o644))
	b, err := Read(p)
	require.NoError(t, err)
	assert.Equal(t, 1, b.Len())
}

func TestReadRefusesAPlanWithoutSuggestingToOverwriteIt(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	require.NoError(t, os.WriteFile(plan, []byte(`{"format_version": "1.2", "resource_changes": []}`), 0o644))
	_, err := Read(plan)
	require.ErrorContains(t, err, "this is a plan, not a baseline")
	require.NotContains(t, err.Error(), "--write-baseline "+plan, "never suggest overwriting the user's plan")

	arr := filepath.Join(dir, "arr.json")
	require.NoError(t, os.WriteFile(arr, []byte(`[1]`), 0o644))
	_, err = Read(arr)
	require.ErrorContains(t, err, "it holds a JSON array")
	require.NotContains(t, err.Error(), "Go value")
}
