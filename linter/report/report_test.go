package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/report/reporttest"
)

const docs = "https://github.com/hybridlint/terraform-provider-hybrid/blob/main/docs/rules/"

func rulesInfo() []RuleInfo {
	return []RuleInfo{
		{Name: "aws_lambda_timeout_exceeds_api_gateway", Summary: "function timeout is longer than the API Gateway integration allows",
			Severity: finding.Error, Category: finding.Timeout, HelpURI: docs + "aws_lambda_timeout_exceeds_api_gateway.md", Help: "# page\n\nwhy"},
		{Name: "aws_lambda_timeout_near_limit", Summary: "function timeout is close to Lambda's 900 s maximum",
			Severity: finding.Notice, Category: finding.Timeout, HelpURI: docs + "aws_lambda_timeout_near_limit.md"},
		{Name: "aws_lambda_timeout_exceeds_sqs_visibility", Summary: "queue visibility timeout is too short",
			Severity: finding.Warning, Category: finding.Timeout, HelpURI: docs + "aws_lambda_timeout_exceeds_sqs_visibility.md"},
	}
}

func loc(file string, line, col, endLine, endCol int) *finding.Location {
	return &finding.Location{File: file, Line: line, Column: col, EndLine: endLine, EndColumn: endCol}
}

// sample is a report with one finding of each kind a format has to handle.
func sample() Report {
	inModule := finding.Finding{
		Rule: "aws_lambda_timeout_exceeds_api_gateway", Severity: finding.Error, Category: finding.Timeout,
		Address: `module.api.module.fn["report"].aws_lambda_function.this`, Attribute: "timeout",
		Related:     []string{`module.api.module.fn["report"].aws_apigatewayv2_integration.this`},
		Message:     "timeout 120s exceeds the 30s HTTP API limit of module.api.module.fn[\"report\"].aws_apigatewayv2_integration.this",
		Remediation: "lower timeout to 30s or less", Changed: true,
		Location:          loc("main.tf", 20, 16, 20, 29),
		ResourceLocation:  loc("modules/fn/main.tf", 14, 1, 14, 38),
		AttributeLocation: loc("modules/fn/main.tf", 22, 3, 22, 24),
		Callers: []finding.Caller{
			{Module: "module.api", Argument: "functions", Location: loc("main.tf", 19, 3, 22, 4)},
			{Module: `module.api.module.fn["report"]`, Argument: "timeout", Location: loc("modules/api/main.tf", 19, 3, 19, 32)},
		},
	}
	noSource := finding.Finding{
		Rule: "aws_lambda_timeout_exceeds_sqs_visibility", Severity: finding.Warning, Category: finding.Timeout,
		Address: "aws_lambda_function.worker", Attribute: "timeout", Related: []string{"aws_sqs_queue.jobs"},
		Message: "visibility timeout 120s of aws_sqs_queue.jobs is below the 360s AWS recommends: messages can be processed twice, 100% | <sure>",
	}
	baselined := finding.Finding{
		Rule: "aws_lambda_timeout_near_limit", Severity: finding.Notice, Category: finding.Timeout,
		Address: `module.worker["eu"].aws_lambda_function.this`, Attribute: "timeout", Message: "timeout 900s is 100% of the 900s Lambda maximum",
		Location: loc("main.tf", 11, 10, 11, 23), Baselined: true,
	}
	suppressed := finding.Finding{
		Rule: "aws_lambda_timeout_near_limit", Severity: finding.Notice, Category: finding.Timeout,
		Address: "aws_lambda_function.legacy[0]", Attribute: "timeout", Message: "timeout 850s is 94% of the 900s Lambda maximum",
		Location: loc("main.tf", 41, 3, 41, 16),
		Suppressed: &finding.Suppression{Kind: "inline", Reason: "the monthly export runs 14 minutes by design",
			Location: loc("main.tf", 40, 3, 40, 100)},
	}
	r := New(Tool{Name: "hybridlint", Version: "v1.2.3"}, []finding.Finding{inModule, noSource, baselined, suppressed}, nil)
	r.Notices = []finding.Note{
		{Message: "suppression of aws_lambda_timeout_exceeds_sqs_visibility matches no finding; remove it", Location: loc("main.tf", 44, 1, 44, 90)},
		{Message: "plan.json: 1 finding(s) have no file:line"},
	}
	r.Inputs = []string{"plan.json"}
	r.Rules = rulesInfo()
	return r
}

func render(t *testing.T, format string, r Report, o Options) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, format, r, o))
	return buf.String()
}

func TestNewSplitsSuppressedAndCounts(t *testing.T) {
	r := sample()
	assert.Len(t, r.Findings, 3)
	assert.Len(t, r.Suppressed, 1)
	assert.Equal(t, finding.Counts{Error: 1, Warning: 1, Baselined: 1, Suppressed: 1}, r.Summary)
	assert.Len(t, r.Active(), 2)
	assert.Equal(t, []string{}, r.Errors)
}

func TestJSONKeepsSchemaVersion1AndAddsOptionalFields(t *testing.T) {
	out := render(t, "json", sample(), Options{})
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.EqualValues(t, 1, doc["version"])
	for _, key := range []string{"tool", "findings", "summary", "errors", "suppressed", "notices"} {
		assert.Contains(t, doc, key)
	}
	f := doc["findings"].([]any)[0].(map[string]any)
	for _, key := range []string{"rule", "severity", "category", "address", "attribute", "related", "message", "remediation", "changed",
		"location", "resource_location", "attribute_location", "callers"} {
		assert.Contains(t, f, key)
	}
	assert.Equal(t, map[string]any{"module": "module.api", "argument": "functions", "file": "main.tf",
		"line": 19.0, "column": 3.0, "end_line": 22.0, "end_column": 4.0}, f["callers"].([]any)[0])

	// A run without the new features writes exactly the version-1 shape.
	plain := New(Tool{Name: "hybridlint", Version: "v"}, []finding.Finding{{Rule: "r", Severity: finding.Error, Address: "a.b", Related: []string{}}}, nil)
	out = render(t, "json", plain, Options{})
	for _, key := range []string{"suppressed", "notices", "location", "callers", "baselined"} {
		assert.NotContains(t, out, `"`+key+`"`)
	}
}

func TestTextPrintsThePriceDateOnce(t *testing.T) {
	detail := &finding.CostDetail{Function: "aws_lambda_function.a", PriceDate: "list prices of 2026-11-25",
		Options: []finding.CostOption{{Kind: "on_demand", MonthlyUSD: 60, Basis: "per request"}}}
	fs := []finding.Finding{
		{Rule: "function_container_cheaper", Severity: finding.Warning, Address: "aws_lambda_function.a", Message: "m1", Cost: detail},
		{Rule: "function_keep_warm_cost", Severity: finding.Notice, Address: "aws_cloudwatch_event_rule.w", Message: "m2", Cost: detail},
	}
	out := render(t, "text", New(Tool{Name: "hybridlint"}, fs, nil), Options{})
	assert.Equal(t, 1, strings.Count(out, "list prices of 2026-11-25"), out)
	assert.Contains(t, out, "cost figures: list prices of 2026-11-25, without free tiers")

	out = render(t, "json", New(Tool{Name: "hybridlint"}, fs, nil), Options{})
	assert.Contains(t, out, `"cost": {`)
	assert.Contains(t, out, `"price_date": "list prices of 2026-11-25"`)
	assert.Contains(t, out, `"options": [`)
	assert.NotContains(t, render(t, "text", sample(), Options{}), "cost figures", "no date without a cost finding")
}

func TestText(t *testing.T) {
	out := render(t, "text", sample(), Options{})
	assert.Contains(t, out, "module.api.module.fn[\"report\"].aws_lambda_function.this  (modules/fn/main.tf:14)\n")
	assert.Contains(t, out, "          at: main.tf:20, via module.api (main.tf:19, argument functions) > module.api.module.fn[\"report\"] (modules/api/main.tf:19, argument timeout)\n")
	assert.Contains(t, out, "[aws_lambda_timeout_near_limit] [baselined]")
	assert.NotContains(t, out, "aws_lambda_function.legacy[0]", "suppressed findings are hidden by default")
	assert.Contains(t, out, "notice: main.tf:44: suppression of aws_lambda_timeout_exceeds_sqs_visibility matches no finding; remove it\n")
	assert.True(t, strings.HasSuffix(out, "2 findings: 1 error, 1 warning, 0 notices (1 baselined, 1 suppressed)\n"), out)

	out = render(t, "text", sample(), Options{ShowSuppressed: true})
	assert.Contains(t, out, "[suppressed: the monthly export runs 14 minutes by design]")

	clean := New(Tool{Name: "hybridlint"}, nil, nil)
	assert.Equal(t, "no findings\n", render(t, "text", clean, Options{}))
}

func TestTextSaysWhenTheAttributeIsNotSet(t *testing.T) {
	block := loc("main.tf", 3, 1, 3, 30)
	f := finding.Finding{Rule: "r", Severity: finding.Error, Address: "aws_lambda_function.f", Attribute: "timeout", Message: "m",
		Location: block, ResourceLocation: block}
	out := render(t, "text", New(Tool{}, []finding.Finding{f}, nil), Options{})
	assert.Contains(t, out, "at: main.tf:3 (timeout is not set in the resource block)")
}

func TestSchemaFilesAreTheRecordedOnes(t *testing.T) {
	sums, err := os.ReadFile("testdata/SHA256SUMS")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(sums)), "\n")
	require.Len(t, lines, 2)
	for _, line := range lines {
		want, name, _ := strings.Cut(line, "  ")
		data, err := os.ReadFile("testdata/" + name)
		require.NoError(t, err)
		sum := sha256.Sum256(data)
		assert.Equal(t, want, hex.EncodeToString(sum[:]), "%s must stay as copied", name)
	}
}

func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    Report
		o    Options
	}{
		{"every kind of finding", sample(), Options{SourceRoot: "/home/runner/work/repo", RepoRoot: "/home/runner/work/repo"}},
		{"suppressed shown", sample(), Options{ShowSuppressed: true}},
		{"no findings", New(Tool{Name: "hybridlint", Version: "dev"}, nil, nil), Options{}},
		{"rule errors", New(Tool{Name: "hybridlint", Version: "dev"}, nil, []string{"rule x failed on plan.json: boom"}), Options{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.NoError(t, reporttest.SARIFSchemaErrors(t, render(t, "sarif", tt.r, tt.o)))
		})
	}

	// The validator does reject what breaks the schema: a result level SARIF does not know.
	bad := strings.Replace(render(t, "sarif", sample(), Options{}), `"level": "error"`, `"level": "fatal"`, 1)
	assert.Error(t, reporttest.SARIFSchemaErrors(t, bad))
}

type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID                   string `json:"id"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
				LogicalLocations []struct {
					Name               string `json:"name"`
					FullyQualifiedName string `json:"fullyQualifiedName"`
					Kind               string `json:"kind"`
				} `json:"logicalLocations"`
			} `json:"locations"`
			RelatedLocations []struct {
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []struct {
				Kind          string `json:"kind"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
			BaselineState string         `json:"baselineState"`
			Properties    map[string]any `json:"properties"`
		} `json:"results"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, out string) sarifDoc {
	t.Helper()
	var d sarifDoc
	require.NoError(t, json.Unmarshal([]byte(out), &d))
	require.Len(t, d.Runs, 1)
	return d
}

func TestSARIFContent(t *testing.T) {
	d := decodeSARIF(t, render(t, "sarif", sample(), Options{SourceRoot: "/home/runner/work/repo", RepoRoot: "/home/runner/work/repo"}))
	run := d.Runs[0]
	require.Len(t, run.Tool.Driver.Rules, 3)
	for i, ri := range rulesInfo() {
		assert.Equal(t, ri.Name, run.Tool.Driver.Rules[i].ID)
		assert.Equal(t, docs+ri.Name+".md", run.Tool.Driver.Rules[i].HelpURI)
	}
	assert.Equal(t, "note", run.Tool.Driver.Rules[1].DefaultConfiguration.Level)
	assert.Equal(t, "file:///home/runner/work/repo/", run.OriginalURIBaseIDs["%SRCROOT%"].URI)

	require.Len(t, run.Results, 2, "baselined and suppressed results stay out: code scanning would show them as open alerts")
	r0 := run.Results[0]
	assert.Equal(t, "aws_lambda_timeout_exceeds_api_gateway", r0.RuleID)
	assert.Equal(t, 0, r0.RuleIndex)
	assert.Equal(t, "error", r0.Level)
	pl := r0.Locations[0].PhysicalLocation
	assert.Equal(t, "main.tf", pl.ArtifactLocation.URI)
	assert.Equal(t, "%SRCROOT%", pl.ArtifactLocation.URIBaseID)
	assert.Equal(t, 20, pl.Region.StartLine)
	assert.Equal(t, 16, pl.Region.StartColumn)
	ll := r0.Locations[0].LogicalLocations[0]
	assert.Equal(t, `module.api.module.fn["report"].aws_lambda_function.this`, ll.FullyQualifiedName)
	assert.Equal(t, "aws_lambda_function.this", ll.Name)
	assert.Equal(t, "resource", ll.Kind)
	var related []string
	for _, rl := range r0.RelatedLocations {
		related = append(related, rl.Message.Text)
	}
	assert.Equal(t, []string{
		`resource module.api.module.fn["report"].aws_lambda_function.this`,
		`timeout of module.api.module.fn["report"].aws_lambda_function.this`,
		"module call module.api, argument functions",
		`module call module.api.module.fn["report"], argument timeout`,
	}, related)
	assert.Equal(t, "new", r0.BaselineState)

	r1 := run.Results[1]
	assert.Equal(t, "plan.json", r1.Locations[0].PhysicalLocation.ArtifactLocation.URI, "no .tf location: the plan file")
	assert.Equal(t, 1, r1.Locations[0].PhysicalLocation.Region.StartLine)

	// --show-suppressed: the accepted ones are there, marked for the tools that read suppressions.
	d = decodeSARIF(t, render(t, "sarif", sample(), Options{ShowSuppressed: true}))
	require.Len(t, d.Runs[0].Results, 4)
	baselined := d.Runs[0].Results[2]
	assert.Equal(t, "unchanged", baselined.BaselineState)
	require.Len(t, baselined.Suppressions, 1)
	assert.Equal(t, "external", baselined.Suppressions[0].Kind)
	assert.Equal(t, true, baselined.Properties["accepted"])
	sup := d.Runs[0].Results[3].Suppressions
	require.Len(t, sup, 1)
	assert.Equal(t, "inSource", sup[0].Kind)
	assert.Equal(t, "the monthly export runs 14 minutes by design", sup[0].Justification)
	assert.Nil(t, d.Runs[0].Results[0].Properties["accepted"])
}

func TestSARIFFingerprintsAreStable(t *testing.T) {
	a := sample()
	b := sample()
	b.Findings[0].Location = loc("main.tf", 25, 16, 25, 29) // the file grew five lines
	b.Findings[0].Message = "timeout 180s exceeds the 30s HTTP API limit"
	fa := decodeSARIF(t, render(t, "sarif", a, Options{})).Runs[0].Results[0].PartialFingerprints
	fb := decodeSARIF(t, render(t, "sarif", b, Options{})).Runs[0].Results[0].PartialFingerprints
	require.NotEmpty(t, fa["hybridlint/v1"])
	assert.Equal(t, fa, fb)

	other := sample()
	other.Findings[0].Address = `module.api.module.fn["ping"].aws_lambda_function.this`
	fo := decodeSARIF(t, render(t, "sarif", other, Options{})).Runs[0].Results[0].PartialFingerprints
	assert.NotEqual(t, fa, fo, "each instance is its own alert")
}

func TestJUnit(t *testing.T) {
	out := render(t, "junit", sample(), Options{})
	var doc junitSuites
	require.NoError(t, xml.Unmarshal([]byte(out), &doc))
	assert.Equal(t, 4, doc.Tests)
	assert.Equal(t, 2, doc.Failures)
	require.Len(t, doc.Suites, 3)
	assert.Equal(t, 2, doc.Suites[1].Skipped)
	api := doc.Suites[0]
	assert.Equal(t, "aws_lambda_timeout_exceeds_api_gateway", api.Name)
	require.Len(t, api.Cases, 1)
	c := api.Cases[0]
	require.NotNil(t, c.Failure)
	assert.Contains(t, c.Failure.Body, "file: main.tf:20\n")
	assert.Equal(t, "error", c.Failure.Type)
	assert.Contains(t, c.Failure.Body, "fix: lower timeout to 30s or less")
	near := doc.Suites[1]
	assert.Equal(t, 2, near.Skipped)
	assert.Contains(t, near.Cases[0].Skipped.Message, "baselined")
	assert.Contains(t, near.Cases[1].Skipped.Message, "suppressed: the monthly export")

	clean := New(Tool{Name: "hybridlint"}, nil, []string{"rule x failed"})
	clean.Rules = rulesInfo()
	var cleanDoc junitSuites
	require.NoError(t, xml.Unmarshal([]byte(render(t, "junit", clean, Options{})), &cleanDoc))
	assert.Equal(t, 4, cleanDoc.Tests, "one passing case per rule, one error")
	assert.Equal(t, 1, cleanDoc.Errors)
	assert.Equal(t, "no findings", cleanDoc.Suites[0].Cases[0].Name)
}

func TestCheckstyle(t *testing.T) {
	out := render(t, "checkstyle", sample(), Options{})
	var doc checkstyleRoot
	require.NoError(t, xml.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Files, 2)
	assert.Equal(t, "main.tf", doc.Files[0].Name)
	assert.Equal(t, checkstyleError{Line: 20, Column: 16, Severity: "error",
		Message: `module.api.module.fn["report"].aws_lambda_function.this: ` + sample().Findings[0].Message,
		Source:  "hybridlint.aws_lambda_timeout_exceeds_api_gateway"}, doc.Files[0].Errors[0])
	assert.Equal(t, "plan.json", doc.Files[1].Name, "a finding without a .tf location goes to the plan")
	assert.Equal(t, "warning", doc.Files[1].Errors[0].Severity)
}

func TestGitLab(t *testing.T) {
	out := render(t, "gitlab", sample(), Options{})
	var issues []gitlabIssue
	require.NoError(t, json.Unmarshal([]byte(out), &issues))
	require.Len(t, issues, 2, "only active findings")
	assert.Equal(t, "aws_lambda_timeout_exceeds_api_gateway", issues[0].CheckName)
	assert.Equal(t, "major", issues[0].Severity)
	assert.Equal(t, gitlabLocation{Path: "main.tf", Lines: gitlabLines{Begin: 20, End: 20}}, issues[0].Location)
	assert.Equal(t, gitlabLocation{Path: "plan.json", Lines: gitlabLines{Begin: 1}}, issues[1].Location)
	assert.Equal(t, "minor", issues[1].Severity)
	assert.NotEqual(t, issues[0].Fingerprint, issues[1].Fingerprint)
	assert.Len(t, issues[0].Fingerprint, 32)

	assert.Equal(t, "[]\n", render(t, "gitlab", New(Tool{}, nil, nil), Options{}), "an empty report is an empty array")
}

func TestGitHubAnnotations(t *testing.T) {
	out := render(t, "github", sample(), Options{})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 5)
	assert.Equal(t, `::error file=main.tf,line=20,endLine=20,col=16,endColumn=29,title=aws_lambda_timeout_exceeds_api_gateway%3A module.api.module.fn["report"].aws_lambda_function.this::`+
		`timeout 120s exceeds the 30s HTTP API limit of module.api.module.fn["report"].aws_apigatewayv2_integration.this%0Afix: lower timeout to 30s or less`+
		`%0Aat: main.tf:20, via module.api (main.tf:19, argument functions) > module.api.module.fn["report"] (modules/api/main.tf:19, argument timeout)`+
		`%0Arelated: module.api.module.fn["report"].aws_apigatewayv2_integration.this`, lines[0])
	assert.Equal(t, `::warning title=aws_lambda_timeout_exceeds_sqs_visibility%3A aws_lambda_function.worker::`+
		`visibility timeout 120s of aws_sqs_queue.jobs is below the 360s AWS recommends: messages can be processed twice, 100%25 | <sure>%0Arelated: aws_sqs_queue.jobs`, lines[1])
	assert.Equal(t, "::notice file=main.tf,line=44,title=hybridlint::suppression of aws_lambda_timeout_exceeds_sqs_visibility matches no finding; remove it", lines[2])
	assert.Equal(t, "::notice title=hybridlint::plan.json: 1 finding(s) have no file:line", lines[3])
	assert.Equal(t, "hybridlint: 2 findings: 1 error, 1 warning, 0 notices (1 baselined, 1 suppressed)", lines[4])
}

func TestMarkdown(t *testing.T) {
	out := render(t, "markdown", sample(), Options{RepoURL: "https://github.com/acme/infra", Ref: "abc123"})
	assert.True(t, strings.HasPrefix(out, CommentMarker+"\n### hybridlint: 2 findings: 1 error, 1 warning, 0 notices (1 baselined, 1 suppressed)\n"))
	assert.Contains(t, out, "| :x: error | 1 |\n| :warning: warning | 1 |\n| :information_source: notice | 0 |\n| baselined | 1 |\n| suppressed | 1 |\n")
	assert.Contains(t, out, "| :x: | [aws_lambda_timeout_exceeds_api_gateway]("+docs+"aws_lambda_timeout_exceeds_api_gateway.md) | "+
		"`module.api.module.fn[\"report\"].aws_lambda_function.this` | [main.tf:20](https://github.com/acme/infra/blob/abc123/main.tf#L20) | ")
	assert.Contains(t, out, "visibility timeout 120s of aws_sqs_queue.jobs is below the 360s AWS recommends: messages can be processed twice, 100% \\| &lt;sure>",
		"table cells are escaped")
	assert.Contains(t, out, "<details><summary>Details and fixes</summary>")
	assert.Contains(t, out, "- **via** `module.api` [main.tf:19](https://github.com/acme/infra/blob/abc123/main.tf#L19) (argument `functions`)")
	assert.Contains(t, out, "<details><summary>1 baselined (accepted earlier, not failing the run)</summary>")
	assert.Contains(t, out, "<details><summary>1 suppressed</summary>")
	assert.Contains(t, out, "the monthly export runs 14 minutes by design")
	assert.Contains(t, out, "- [main.tf:44](https://github.com/acme/infra/blob/abc123/main.tf#L44): suppression of")

	plain := render(t, "markdown", sample(), Options{})
	assert.Contains(t, plain, "| `main.tf:20` |", "no repository known: no links")

	clean := render(t, "markdown", New(Tool{Name: "hybridlint", Version: "v1"}, nil, nil), Options{})
	assert.Contains(t, clean, "### :white_check_mark: hybridlint: no active findings")
	assert.NotContains(t, clean, "<details>")
}

func TestWriteUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "yaml", sample(), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "text, json, sarif, junit, github, markdown, checkstyle, gitlab")
}

func TestResourceName(t *testing.T) {
	for addr, want := range map[string]string{
		"aws_lambda_function.f":                             "aws_lambda_function.f",
		`module.a["x.y"].module.b.aws_lambda_function.f[0]`: "aws_lambda_function.f[0]",
		`module.a.data.aws_iam_policy_document.p["k"]`:      `data.aws_iam_policy_document.p["k"]`,
		"weird": "weird",
	} {
		assert.Equal(t, want, resourceName(addr), addr)
	}
}

// Every severity has its own SARIF level, both on a result and as its rule's default
// configuration: code scanning sorts and filters alerts by it.
func TestSARIFLevelOfEachSeverity(t *testing.T) {
	var fs []finding.Finding
	for _, ri := range rulesInfo() {
		fs = append(fs, finding.Finding{Rule: ri.Name, Severity: ri.Severity, Category: ri.Category,
			Address: "aws_lambda_function.fn", Attribute: "timeout", Message: "a finding of " + ri.Name})
	}
	r := New(Tool{Name: "hybridlint", Version: "v1.2.3"}, fs, nil)
	r.Rules = rulesInfo()
	run := decodeSARIF(t, render(t, "sarif", r, Options{})).Runs[0]
	ruleLevel := map[string]string{}
	for _, r := range run.Tool.Driver.Rules {
		ruleLevel[r.ID] = r.DefaultConfiguration.Level
	}
	resultLevel := map[string]string{}
	for _, r := range run.Results {
		resultLevel[r.RuleID] = r.Level
	}
	want := map[string]string{
		"aws_lambda_timeout_exceeds_api_gateway":    "error",   // finding.Error
		"aws_lambda_timeout_exceeds_sqs_visibility": "warning", // finding.Warning
		"aws_lambda_timeout_near_limit":             "note",    // finding.Notice
	}
	assert.Equal(t, want, ruleLevel, "defaultConfiguration.level")
	assert.Equal(t, want, resultLevel, "result level")
}
