package cli_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/report/reporttest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// These tests build the binary and run it as a pipeline would, on configurations with nested
// modules and for_each (testdata/nested: real .tf files, and the plan JSON that `terraform show
// -json` writes for them), and on a binary plan made by OpenTofu.

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hybridlint-cli-e2e")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "hybridlint")
	build := exec.Command("go", "build", "-o", bin, "github.com/hybridlint/terraform-provider-hybrid")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building the binary: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs hybridlint in dir with extra environment variables.
func run(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	return runWith(t, dir, env, nil, args...)
}

// runStdin runs hybridlint in dir with stdin as its standard input.
func runStdin(t *testing.T, dir string, stdin []byte, args ...string) result {
	t.Helper()
	return runWith(t, dir, nil, stdin, args...)
}

func runWith(t *testing.T, dir string, env []string, stdin []byte, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), env...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{code, out.String(), errb.String()}
}

// cleanEnv is the environment without the CI variables the github format reacts to.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GITHUB_") && !strings.HasPrefix(kv, "HYBRIDLINT_") {
			env = append(env, kv)
		}
	}
	return env
}

// fixture copies testdata/<name> to a temporary directory the test may change.
func fixture(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("testdata", name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	require.NoError(t, err)
	return dst
}

// timingRules are the rules the nested fixture is built to trip. Other rules (added as the
// project grows) are switched off in these tests, so the assertions stay about this feature.
var timingRules = []string{"aws_lambda_timeout_exceeds_api_gateway", "aws_lambda_timeout_exceeds_sqs_visibility", "aws_lambda_timeout_near_limit"}

// onlyRules writes a .hybridlint.hcl in dir that disables every rule but these, then extra.
func onlyRules(t *testing.T, dir string, extra string, keep ...string) {
	t.Helper()
	var b strings.Builder
	for _, r := range rules.All() {
		if !contains(keep, r.Name) {
			fmt.Fprintf(&b, "rule %q {\n  enabled = false\n}\n\n", r.Name)
		}
	}
	b.WriteString(extra)
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".hybridlint.hcl"), []byte(b.String()), 0o644))
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

type location struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
}

func (l *location) String() string {
	if l == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d", l.File, l.Line)
}

type caller struct {
	Module   string `json:"module"`
	Argument string `json:"argument"`
	location
}

type jsonFinding struct {
	Rule              string    `json:"rule"`
	Severity          string    `json:"severity"`
	Address           string    `json:"address"`
	Attribute         string    `json:"attribute"`
	Message           string    `json:"message"`
	Changed           bool      `json:"changed"`
	Location          *location `json:"location"`
	ResourceLocation  *location `json:"resource_location"`
	AttributeLocation *location `json:"attribute_location"`
	Callers           []caller  `json:"callers"`
	Baselined         bool      `json:"baselined"`
	Suppressed        *struct {
		Kind     string    `json:"kind"`
		Reason   string    `json:"reason"`
		Expires  string    `json:"expires"`
		Location *location `json:"location"`
	} `json:"suppressed"`
}

type jsonReport struct {
	Version    int              `json:"version"`
	Findings   []jsonFinding    `json:"findings"`
	Suppressed []jsonFinding    `json:"suppressed"`
	Summary    map[string]int   `json:"summary"`
	Notices    []map[string]any `json:"notices"`
}

func decode(t *testing.T, s string) jsonReport {
	t.Helper()
	var r jsonReport
	require.NoError(t, json.Unmarshal([]byte(s), &r), s)
	return r
}

// find returns the finding of a rule at an address.
func find(t *testing.T, fs []jsonFinding, rule, address string) jsonFinding {
	t.Helper()
	for _, f := range fs {
		if f.Rule == rule && f.Address == address {
			return f
		}
	}
	require.Failf(t, "finding not reported", "%s at %s", rule, address)
	return jsonFinding{}
}

func callerChain(f jsonFinding) []string {
	var out []string
	for _, c := range f.Callers {
		out = append(out, fmt.Sprintf("%s %s:%d:%d %s", c.Module, c.File, c.Line, c.Column, c.Argument))
	}
	return out
}

func noticeTexts(r jsonReport) []string {
	var out []string
	for _, n := range r.Notices {
		s := n["message"].(string)
		if l, ok := n["location"].(map[string]any); ok {
			s = fmt.Sprintf("%s:%v: %s", l["file"], l["line"], s)
		}
		out = append(out, s)
	}
	return out
}

const (
	reportFn = `module.api.module.fn["report"].aws_lambda_function.this`
	workerEU = `module.worker["eu"].aws_lambda_function.this`
	workerUS = `module.worker["us"].aws_lambda_function.this`
	legacy   = `aws_lambda_function.legacy[0]`
)

func TestFindingsInsideModulesPointAtTheTfLines(t *testing.T) {
	dir := fixture(t, "nested")
	onlyRules(t, dir, "", timingRules...)
	res := run(t, dir, nil, "--format", "json", "plan.json")
	require.Equal(t, 1, res.code, "an error finding fails the run: %s", res.stderr)
	r := decode(t, res.stdout)

	// A value that travels root locals/maps -> module argument -> for_each -> nested module
	// argument -> resource: the location is where the number is written, per instance.
	api := find(t, r.Findings, "aws_lambda_timeout_exceeds_api_gateway", reportFn)
	assert.Equal(t, &location{File: "main.tf", Line: 20, Column: 16, EndLine: 20, EndColumn: 29}, api.Location)
	assert.Equal(t, "modules/fn/main.tf:14", api.ResourceLocation.String())
	assert.Equal(t, "modules/fn/main.tf:22", api.AttributeLocation.String())
	assert.Equal(t, []string{
		"module.api main.tf:19:3 functions",
		`module.api.module.fn["report"] modules/api/main.tf:19:3 timeout`,
	}, callerChain(api))

	eu := find(t, r.Findings, "aws_lambda_timeout_exceeds_sqs_visibility", workerEU)
	assert.Equal(t, "warning", eu.Severity)
	assert.Equal(t, &location{File: "main.tf", Line: 11, Column: 12, EndLine: 11, EndColumn: 25}, eu.Location)
	assert.Equal(t, "modules/worker/main.tf:18", eu.ResourceLocation.String())
	assert.Equal(t, "modules/worker/main.tf:24", eu.AttributeLocation.String())
	assert.Equal(t, []string{`module.worker["eu"] main.tf:29:3 timeout`}, callerChain(eu))

	us := find(t, r.Findings, "aws_lambda_timeout_exceeds_sqs_visibility", workerUS)
	assert.Equal(t, "main.tf:12", us.Location.String(), "each for_each instance lands on its own map entry")
	assert.Equal(t, []string{`module.worker["us"] main.tf:29:3 timeout`}, callerChain(us))

	near := find(t, r.Findings, "aws_lambda_timeout_near_limit", workerEU)
	assert.Equal(t, "main.tf:11", near.Location.String())

	// The inline suppression above the root function's timeout accepts its finding.
	sup := find(t, r.Suppressed, "aws_lambda_timeout_near_limit", legacy)
	require.NotNil(t, sup.Suppressed)
	assert.Equal(t, "inline", sup.Suppressed.Kind)
	assert.Equal(t, "the monthly export runs 14 minutes by design", sup.Suppressed.Reason)
	assert.Equal(t, "main.tf:40", sup.Suppressed.Location.String())
	assert.Equal(t, "main.tf:41", sup.Location.String())

	// The expired suppression in the nested module no longer applies, and says so; the one on
	// a queue nothing reads matches nothing.
	assert.ElementsMatch(t, []string{
		"main.tf:44: suppression of aws_lambda_timeout_exceeds_sqs_visibility matches no finding; remove it",
		"modules/fn/main.tf:21: suppression of aws_lambda_timeout_exceeds_api_gateway expired on 2024-06-30; its findings are reported again (reason given: until the async rewrite ships)",
	}, noticeTexts(r))
	assert.Equal(t, map[string]int{"error": 1, "warning": 2, "notice": 1, "suppressed": 1}, r.Summary)
}

func TestTextOutputShowsWhereAndVia(t *testing.T) {
	dir := fixture(t, "nested")
	onlyRules(t, dir, "", timingRules...)
	res := run(t, dir, nil, "plan.json")
	require.Equal(t, 1, res.code, res.stderr)
	assert.Contains(t, res.stdout, reportFn+"  (modules/fn/main.tf:14)\n")
	assert.Contains(t, res.stdout, "at: main.tf:20, via module.api (main.tf:19, argument functions) > "+
		`module.api.module.fn["report"] (modules/api/main.tf:19, argument timeout)`)
	assert.Contains(t, res.stdout, "notice: modules/fn/main.tf:21: suppression of aws_lambda_timeout_exceeds_api_gateway expired on 2024-06-30")
	assert.True(t, strings.HasSuffix(res.stdout, "4 findings: 1 error, 2 warnings, 1 notice (1 suppressed)\n"), res.stdout)
}

func TestChdirAndMissingSources(t *testing.T) {
	dir := fixture(t, "nested")
	onlyRules(t, dir, "", timingRules...)
	parent := filepath.Dir(dir)
	rel := filepath.Base(dir)

	// From the parent directory with --chdir: the same lines, paths relative to where it runs.
	res := run(t, parent, nil, "--chdir", rel, "--config", filepath.Join(rel, ".hybridlint.hcl"), "--format", "json", filepath.Join(rel, "plan.json"))
	require.Equal(t, 1, res.code, res.stderr)
	api := find(t, decode(t, res.stdout).Findings, "aws_lambda_timeout_exceeds_api_gateway", reportFn)
	assert.Equal(t, rel+"/main.tf:20", api.Location.String())
	require.Len(t, api.Callers, 2)
	assert.Equal(t, rel+"/modules/api/main.tf:19", api.Callers[1].location.String())

	// Without sources: addresses only, and a notice that says how to get locations.
	res = run(t, parent, nil, "--config", filepath.Join(rel, ".hybridlint.hcl"), "--format", "json", filepath.Join(rel, "plan.json"))
	require.Equal(t, 1, res.code, res.stderr)
	r := decode(t, res.stdout)
	api = find(t, r.Findings, "aws_lambda_timeout_exceeds_api_gateway", reportFn)
	assert.Nil(t, api.Location)
	assert.Empty(t, api.Callers)
	notices := strings.Join(noticeTexts(r), "\n")
	assert.Contains(t, notices, "have no file:line because no .tf files were found in the current directory")
	assert.Contains(t, notices, "pass --chdir DIR")
	assert.Empty(t, r.Suppressed, "no sources, no inline suppressions")

	// A module whose sources are missing (a remote module before terraform init) is named.
	require.NoError(t, os.RemoveAll(filepath.Join(dir, "modules", "worker")))
	res = run(t, dir, nil, "--format", "json", "plan.json")
	require.Equal(t, 1, res.code, res.stderr)
	r = decode(t, res.stdout)
	assert.Nil(t, find(t, r.Findings, "aws_lambda_timeout_exceeds_sqs_visibility", workerEU).Location)
	assert.NotNil(t, find(t, r.Findings, "aws_lambda_timeout_exceeds_api_gateway", reportFn).Location, "the other modules still map")
	assert.Contains(t, strings.Join(noticeTexts(r), "\n"), "plan.json: 3 finding(s) have no file:line because the sources of module.worker were not found; run terraform init")
}

func TestInlineSuppressionsThroughModulesAndPerInstance(t *testing.T) {
	dir := fixture(t, "nested")
	onlyRules(t, dir, "", timingRules...)
	edit(t, filepath.Join(dir, "main.tf"), `module "worker" {`,
		"# hybridlint:ignore aws_lambda_timeout_exceeds_sqs_visibility [key=\"eu\"] expires=2999-12-31 -- EU queue is being replaced by a stream\nmodule \"worker\" {")
	edit(t, filepath.Join(dir, "modules/worker/main.tf"), `resource "aws_lambda_function" "this" {`,
		"# hybridlint:ignore aws_lambda_timeout_near_limit -- workers drain backlogs for up to 15 minutes\nresource \"aws_lambda_function\" \"this\" {")

	res := run(t, dir, nil, "--format", "json", "plan.json")
	require.Equal(t, 1, res.code, res.stderr)
	r := decode(t, res.stdout)
	eu := find(t, r.Suppressed, "aws_lambda_timeout_exceeds_sqs_visibility", workerEU)
	assert.Equal(t, "EU queue is being replaced by a stream", eu.Suppressed.Reason)
	assert.Equal(t, "2999-12-31", eu.Suppressed.Expires)
	find(t, r.Findings, "aws_lambda_timeout_exceeds_sqs_visibility", workerUS) // the filter keeps the other instance
	near := find(t, r.Suppressed, "aws_lambda_timeout_near_limit", workerEU)
	assert.Equal(t, "modules/worker/main.tf:18", near.Suppressed.Location.String(), "a comment inside the module covers its instances")
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(data), old)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644))
}

func TestConfigFile(t *testing.T) {
	dir := fixture(t, "nested")
	onlyRules(t, dir, `
config {
  fail_on = "error"
  format  = "json"
}

rule "aws_lambda_timeout_exceeds_api_gateway" {
  severity = "warning"
}

rule "aws_lambda_timeout_near_limit" {
  threshold_percent = 95
}

ignore {
  rule    = "aws_lambda_timeout_exceeds_sqs_visibility"
  address = "module.worker[*].*"
  reason  = "queues are resized in the next release"
  expires = "2999-01-01"
}
`, timingRules...)
	res := run(t, dir, nil, "plan.json")
	assert.Equal(t, 0, res.code, "the only error became a warning, and fail_on is error: %s", res.stderr)
	r := decode(t, res.stdout) // format json from the file
	assert.Equal(t, "warning", find(t, r.Findings, "aws_lambda_timeout_exceeds_api_gateway", reportFn).Severity)
	for _, f := range r.Findings {
		assert.NotEqual(t, "aws_lambda_timeout_exceeds_sqs_visibility", f.Rule, "ignored by the config")
	}
	cfg := find(t, r.Suppressed, "aws_lambda_timeout_exceeds_sqs_visibility", workerUS)
	assert.Equal(t, "config", cfg.Suppressed.Kind)
	assert.Equal(t, ".hybridlint.hcl", cfg.Suppressed.Location.File)
	// 900s is 100% of the cap: reported at threshold 95. At 850s (94%) it is not, as the
	// rule's option from the file says; without the file (default 80%) it is.
	find(t, r.Findings, "aws_lambda_timeout_near_limit", workerEU)
	plan := read(t, filepath.Join(dir, "plan.json"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plan-850.json"), []byte(strings.ReplaceAll(plan, `"timeout": 900`, `"timeout": 850`)), 0o644))
	for _, f := range decode(t, run(t, dir, nil, "plan-850.json").stdout).Findings {
		assert.NotEqual(t, "aws_lambda_timeout_near_limit", f.Rule, "threshold_percent = 95 applies")
	}
	find(t, decode(t, run(t, dir, nil, "--no-config", "--format", "json", "plan-850.json").stdout).Findings, "aws_lambda_timeout_near_limit", workerEU)

	// The flags beat the file.
	res = run(t, dir, nil, "--fail-on", "warning", "--format", "text", "plan.json")
	assert.Equal(t, 1, res.code)
	assert.Contains(t, res.stdout, "findings:")

	// A mistake in the file is exit 2, at its line.
	edit(t, filepath.Join(dir, ".hybridlint.hcl"), `threshold_percent = 95`, `threshold = 95`)
	res = run(t, dir, nil, "plan.json")
	assert.Equal(t, 2, res.code)
	assert.Regexp(t, `\.hybridlint\.hcl:\d+:3: rule aws_lambda_timeout_near_limit has no such option`, res.stderr)
	res = run(t, dir, nil, "--no-config", "--format", "json", "plan.json")
	assert.Equal(t, 1, res.code, "--no-config skips the file: %s", res.stderr)
}

func TestBaseline(t *testing.T) {
	dir := fixture(t, "nested")
	onlyRules(t, dir, "", timingRules...)
	res := run(t, dir, nil, "--write-baseline", "baseline.json", "--format", "json", "plan.json")
	require.Equal(t, 0, res.code, "a run that writes the baseline accepts what it found: %s", res.stderr)
	r := decode(t, res.stdout)
	for _, f := range r.Findings {
		assert.True(t, f.Baselined, f.Address)
	}
	assert.Equal(t, 4, r.Summary["baselined"])

	var file struct {
		Version  int `json:"version"`
		Findings []struct {
			Rule, Address, Attribute string
		} `json:"findings"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "baseline.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &file))
	assert.Equal(t, 1, file.Version)
	var addrs []string
	for _, e := range file.Findings {
		addrs = append(addrs, e.Rule+" "+e.Address)
	}
	assert.Equal(t, []string{
		"aws_lambda_timeout_exceeds_api_gateway module.api.module.fn.aws_lambda_function.this",
		"aws_lambda_timeout_exceeds_sqs_visibility module.worker.aws_lambda_function.this",
		"aws_lambda_timeout_near_limit module.worker.aws_lambda_function.this",
	}, addrs, "instance keys are not part of the fingerprint; the suppressed finding is not listed")

	res = run(t, dir, nil, "--baseline", "baseline.json", "plan.json")
	assert.Equal(t, 0, res.code, res.stdout+res.stderr)
	assert.Contains(t, res.stdout, "[baselined]")
	assert.Contains(t, res.stdout, "no active findings (4 baselined, 1 suppressed)")

	// Lines move and a new instance of an accepted resource appears: still accepted.
	edit(t, filepath.Join(dir, "main.tf"), "locals {", "\n\n\nlocals {")
	plan, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plan-ap.json"), bytes.ReplaceAll(plan, []byte(`worker[\"us\"]`), []byte(`worker[\"ap\"]`)), 0o644))
	res = run(t, dir, nil, "--baseline", "baseline.json", "--format", "json", "plan-ap.json")
	assert.Equal(t, 0, res.code, res.stdout+res.stderr)
	find(t, decode(t, res.stdout).Findings, "aws_lambda_timeout_exceeds_sqs_visibility", `module.worker["ap"].aws_lambda_function.this`)

	// A finding the baseline does not list fails the run.
	base := strings.Replace(string(data), "aws_lambda_timeout_exceeds_api_gateway", "aws_lambda_timeout_exceeds_alb_gone", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "old-baseline.json"), []byte(base), 0o644))
	res = run(t, dir, nil, "--baseline", "old-baseline.json", "--format", "json", "plan.json")
	assert.Equal(t, 1, res.code)
	r = decode(t, res.stdout)
	assert.False(t, find(t, r.Findings, "aws_lambda_timeout_exceeds_api_gateway", reportFn).Baselined)
	assert.Contains(t, strings.Join(noticeTexts(r), "\n"), "old-baseline.json lists 1 finding(s) that no longer occur")

	res = run(t, dir, nil, "--baseline", "missing.json", "plan.json")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "missing.json: no such baseline file")
}

func TestOnlyChanged(t *testing.T) {
	dir := fixture(t, "nested")
	onlyRules(t, dir, "", timingRules...)
	res := run(t, dir, nil, "--only-changed", "--format", "json", "plan.json")
	require.Equal(t, 1, res.code, res.stderr)
	r := decode(t, res.stdout)
	var got []string
	for _, f := range append(r.Findings, r.Suppressed...) {
		got = append(got, f.Rule+" "+f.Address)
	}
	assert.ElementsMatch(t, []string{
		"aws_lambda_timeout_exceeds_api_gateway " + reportFn,
		"aws_lambda_timeout_exceeds_sqs_visibility " + workerEU,
		"aws_lambda_timeout_near_limit " + workerEU,
	}, got, "worker[\"us\"] and the legacy function are unchanged in this plan")
}

func TestEveryFormatInOneRun(t *testing.T) {
	dir := fixture(t, "nested")
	onlyRules(t, dir, "", timingRules...)
	summary := filepath.Join(dir, "summary.md")
	env := []string{"GITHUB_STEP_SUMMARY=" + summary, "GITHUB_SERVER_URL=https://github.com", "GITHUB_REPOSITORY=acme/infra", "GITHUB_SHA=0123abc"}
	res := run(t, dir, env, "--format", "github,sarif:out.sarif,markdown:comment.md,junit:junit.xml,checkstyle:checkstyle.xml,gitlab:gl.json,json:report.json,text:report.txt", "plan.json")
	require.Equal(t, 1, res.code, res.stderr)

	// github: annotations on the .tf lines.
	assert.Contains(t, res.stdout, "::error file=main.tf,line=20,endLine=20,col=16,endColumn=29,title=aws_lambda_timeout_exceeds_api_gateway%3A "+reportFn+"::timeout 120s exceeds")
	assert.Contains(t, res.stdout, "::warning file=main.tf,line=12,")
	assert.Contains(t, res.stdout, "::notice file=modules/fn/main.tf,line=21,title=hybridlint::suppression of aws_lambda_timeout_exceeds_api_gateway expired")
	assert.NotContains(t, res.stdout, "legacy", "suppressed findings make no annotation")
	sum := read(t, summary)
	assert.True(t, strings.HasPrefix(sum, "<!-- hybridlint -->\n"), "job summary written")
	assert.Contains(t, sum, "[main.tf:20](https://github.com/acme/infra/blob/0123abc/main.tf#L20)")

	// sarif: valid 2.1.0, the result on the .tf line, the address as logical location.
	sarif := read(t, filepath.Join(dir, "out.sarif"))
	validateSARIF(t, sarif)
	assert.Contains(t, sarif, `"helpUri": "https://github.com/hybridlint/terraform-provider-hybrid/blob/main/docs/rules/aws_lambda_timeout_exceeds_api_gateway.md"`)
	assert.Contains(t, sarif, `"fullyQualifiedName": "module.api.module.fn[\"report\"].aws_lambda_function.this"`)
	assert.Contains(t, sarif, `"uri": "modules/api/main.tf"`)
	var sarifDoc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Markdown string `json:"markdown"`
						} `json:"help"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(sarif), &sarifDoc))
	require.NotEmpty(t, sarifDoc.Runs)
	require.NotEmpty(t, sarifDoc.Runs[0].Tool.Driver.Rules)
	for _, r := range sarifDoc.Runs[0].Tool.Driver.Rules {
		assert.Equal(t, read(t, filepath.Join("..", "..", "docs", "rules", r.ID+".md")), r.Help.Markdown, "sarif help of %s is its docs page", r.ID)
	}

	assert.Contains(t, read(t, filepath.Join(dir, "comment.md")), "<details><summary>1 suppressed</summary>")

	var junit struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Skipped int `xml:"skipped,attr"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal([]byte(read(t, filepath.Join(dir, "junit.xml"))), &junit))
	assert.Equal(t, 5, junit.Tests)
	assert.Equal(t, 4, junit.Failures)
	skipped := 0
	for _, s := range junit.Suites {
		skipped += s.Skipped
	}
	assert.Equal(t, 1, skipped)

	assert.Contains(t, read(t, filepath.Join(dir, "checkstyle.xml")), `<error line="20" column="16" severity="error"`)
	var gl []map[string]any
	require.NoError(t, json.Unmarshal([]byte(read(t, filepath.Join(dir, "gl.json"))), &gl))
	assert.Len(t, gl, 4)
	assert.Len(t, decode(t, read(t, filepath.Join(dir, "report.json"))).Findings, 4)
	assert.Contains(t, read(t, filepath.Join(dir, "report.txt")), "4 findings: 1 error, 2 warnings, 1 notice (1 suppressed)")
}

func TestOutputFlag(t *testing.T) {
	dir := fixture(t, "nested")
	onlyRules(t, dir, "", timingRules...)
	res := run(t, dir, nil, "--format", "sarif", "--output", "results.sarif", "plan.json")
	require.Equal(t, 1, res.code, res.stderr)
	assert.Empty(t, res.stdout)
	validateSARIF(t, read(t, filepath.Join(dir, "results.sarif")))

	for _, args := range [][]string{
		{"--format", "json,sarif", "plan.json"},
		{"--format", "json,sarif", "--output", "x", "plan.json"},
		{"--format", "json:a.json", "--output", "x", "plan.json"},
		{"--format", "yaml", "plan.json"},
	} {
		res := run(t, dir, nil, args...)
		assert.Equal(t, 2, res.code, "%v", args)
		assert.NotEmpty(t, res.stderr, "%v", args)
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	res := run(t, dir, nil, "init")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "wrote .hybridlint.hcl")
	text := read(t, filepath.Join(dir, ".hybridlint.hcl"))
	for _, r := range rules.All() {
		assert.Contains(t, text, `rule "`+r.Name+`" {`)
	}
	assert.Contains(t, text, "# threshold_percent = 80")

	require.NoError(t, os.WriteFile(filepath.Join(dir, ".hybridlint.hcl"), []byte("# mine\n"), 0o644))
	res = run(t, dir, nil, "init")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "already exists")
	assert.Equal(t, "# mine\n", read(t, filepath.Join(dir, ".hybridlint.hcl")), "never overwritten without --force")

	res = run(t, dir, nil, "init", "-")
	assert.Equal(t, text, res.stdout)
	res = run(t, dir, nil, "init", "--force")
	assert.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, text, read(t, filepath.Join(dir, ".hybridlint.hcl")), "--force replaces it")

	// The starter, as written, is a valid configuration for a lint.
	nested := fixture(t, "nested")
	require.NoError(t, os.WriteFile(filepath.Join(nested, ".hybridlint.hcl"), []byte(text), 0o644))
	res = run(t, nested, nil, "--fail-on", "none", "plan.json")
	assert.Equal(t, 0, res.code, res.stderr)
}

func TestBinaryPlanCarriesItsConfiguration(t *testing.T) {
	tofu := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tofu == "" {
		tofu, _ = filepath.Abs("../../bin/tofu")
	}
	if _, err := os.Stat(tofu); err != nil {
		t.Skip("no OpenTofu CLI (make tofu builds bin/tofu; make test does)")
	}
	dir := t.TempDir()
	files := map[string]string{
		"main.tf": `module "jobs" {
  source   = "./modules/job"
  for_each = { nightly = 900, hourly = 60 }
  timeout  = each.value
}
`,
		"modules/job/main.tf": `variable "timeout" {
  type = number
}

# hybridlint:ignore aws_lambda_timeout_near_limit -- kept to check where the comment is read from
resource "terraform_data" "this" {
  input = var.timeout
}
`,
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	for _, args := range [][]string{{"init", "-input=false", "-no-color"}, {"plan", "-input=false", "-no-color", "-out", "tf.plan"}} {
		cmd := exec.Command(tofu, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, string(out))
	}
	// The module on disk changes after the plan: locations must come from the plan's own snapshot.
	edit(t, filepath.Join(dir, "modules/job/main.tf"), "# hybridlint:ignore", "\n\n\n# hybridlint:ignore")

	res := run(t, dir, nil, "--tf-bin", tofu, "--format", "json", "tf.plan")
	require.Equal(t, 0, res.code, res.stderr)
	r := decode(t, res.stdout)
	assert.Empty(t, r.Findings, "terraform_data trips no serverless rule")
	assert.Equal(t, []string{"modules/job/main.tf:5: suppression of aws_lambda_timeout_near_limit matches no finding; remove it"}, noticeTexts(r),
		"read from tfconfig/ in the plan (line 5), not from the edited file (line 8)")

	// cost reads the same binary plan through the same code.
	res = run(t, dir, nil, "cost", "--tf-bin", tofu, "tf.plan")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "hybridlint cost: 0 functions in tf.plan")
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

func validateSARIF(t *testing.T, doc string) {
	t.Helper()
	require.NoError(t, reporttest.SARIFSchemaErrors(t, doc))
}

func TestAzureHostJSON(t *testing.T) {
	plan, err := filepath.Abs("../../examples/plans/azure-functions-platform.json")
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "host.json"), []byte(`{"version": "2.0", "functionTimeout": "00:20:00"}`), 0o644))

	without := run(t, t.TempDir(), nil, "--fail-on", "none", plan)
	require.Equal(t, 0, without.code, without.stderr)
	assert.NotContains(t, without.stdout, "functionTimeout 20m")

	given := run(t, t.TempDir(), nil, "--fail-on", "none", "--azure-host-json", filepath.Join(dir, "host.json"), plan)
	require.Equal(t, 0, given.code, given.stderr)
	assert.Contains(t, given.stdout, "functionTimeout 20m (host.json "+filepath.Join(dir, "host.json")+")")

	found := run(t, dir, nil, "--fail-on", "none", plan)
	require.Equal(t, 0, found.code, found.stderr)
	assert.Contains(t, found.stdout, "functionTimeout 20m (host.json host.json)", "host.json beside the configuration is found")

	res := run(t, dir, nil, "--azure-host-json", "missing.json", plan)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "missing.json: no such file")
}
