package report

import (
	"bytes"
	"encoding/json"
	"reflect"
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
	// Every optional member set, and text the encoder escapes: quotes, backslashes, control
	// characters, HTML (left as it is), non-ASCII, U+2028, invalid UTF-8.
	everything := full.Findings[0]
	everything.File = "plans/a.json"
	everything.Cost = &finding.CostDetail{Function: everything.Address, PriceDate: "list prices of 2026-11-25",
		Options: []finding.CostOption{{Kind: "on_demand"}}}
	everything.Suppressed = &finding.Suppression{Kind: "inline", Reason: "by design"}
	everything.Baselined = true
	everything.Severity = finding.Severity(9)
	everything.Message = "tab\tquote\" back\\slash <b>&amp;</b> \x01 \x7f é \u2028 \xff"
	everything.Related = []string{`module.m["<k>"].aws_lambda_function.f`, "naïve", ""}
	full.Findings = append(full.Findings, everything, finding.Finding{})
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
			require.NotEmpty(t, got.String())
			assert.Equal(t, wholeJSON(t, r), got.String())
		})
	}
}

// jsonStream.finding writes every field of a finding by hand: a new field must be added there.
func TestJSONFindingWriterKnowsEveryField(t *testing.T) {
	assert.Equal(t, reflect.TypeOf(finding.Finding{}).NumField(), findingFields,
		"finding.Finding changed: write the new field in jsonStream.finding (report/jsonstream.go) and count it in findingFields")
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
