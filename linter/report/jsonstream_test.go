package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// wholeJSON is what JSON wrote before it streamed: the Report encoded whole.
func wholeJSON(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(v))
	return buf.String()
}

func TestJSONStreamsTheBytesOfTheWholeReport(t *testing.T) {
	full := sample()
	noNotices := sample()
	noNotices.Notices = nil
	for name, r := range map[string]Report{
		"findings, suppressed, notices": full,
		"no notices":                    noNotices,
		"nothing found":                 New(Tool{Name: "hybridlint"}, nil, nil),
		"errors only":                   New(Tool{Name: "hybridlint", Version: "v1"}, nil, []string{"plan.json: <not> & \"json\""}),
		"nil slices":                    {Version: SchemaVersion, Notices: []finding.Note{}, Suppressed: []finding.Finding{}},
	} {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			require.NoError(t, JSON(&got, r))
			assert.Equal(t, wholeJSON(t, r), got.String())
		})
	}
}

// The SARIF log streamed reads back into a sarifLog that encodes whole to the same bytes: the
// stream keeps the encoder's field order, indentation and omitempty tags.
func TestSARIFStreamsTheBytesOfTheWholeLog(t *testing.T) {
	for name, o := range map[string]Options{
		"default":         {},
		"show suppressed": {ShowSuppressed: true},
		"repository root": {RepoRoot: "/src/infra", SourceRoot: "/src/infra"},
	} {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			require.NoError(t, SARIF(&got, sample(), o))
			var log sarifLog
			require.NoError(t, json.Unmarshal(got.Bytes(), &log))
			require.Len(t, log.Runs, 1)
			assert.NotEmpty(t, log.Runs[0].Results)
			assert.Equal(t, wholeJSON(t, log), got.String())
		})
	}
	t.Run("no findings", func(t *testing.T) {
		var got bytes.Buffer
		require.NoError(t, SARIF(&got, New(Tool{Name: "hybridlint"}, nil, []string{"plan.json: bad"}), Options{}))
		var log sarifLog
		require.NoError(t, json.Unmarshal(got.Bytes(), &log))
		assert.Equal(t, wholeJSON(t, log), got.String())
		assert.Contains(t, got.String(), `"results": []`)
	})
}
