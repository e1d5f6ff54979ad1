package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run the built binary as a user would: as a process, on real plan JSON.

var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hybridlint-e2e")
	if err != nil {
		panic(err)
	}
	binDir = dir
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-hybrid"), ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building the binary: " + err.Error())
	}
	data, err := os.ReadFile(filepath.Join(dir, "terraform-provider-hybrid"))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "hybridlint"), data, 0o755)
	}
	if err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

func runBin(t *testing.T, name string, stdin []byte, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(filepath.Join(binDir, name), args...)
	cmd.Env = append(os.Environ(), env...)
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

func hybridlint(t *testing.T, args ...string) result {
	return runBin(t, "hybridlint", nil, nil, args...)
}

type jsonReport struct {
	Version  int `json:"version"`
	Findings []struct {
		Rule     string   `json:"rule"`
		Severity string   `json:"severity"`
		Address  string   `json:"address"`
		Related  []string `json:"related"`
		Message  string   `json:"message"`
		Changed  bool     `json:"changed"`
		File     string   `json:"file"`
	} `json:"findings"`
	Summary map[string]int `json:"summary"`
	Errors  []string       `json:"errors"`
}

func decodeReport(t *testing.T, s string) jsonReport {
	t.Helper()
	var r jsonReport
	require.NoError(t, json.Unmarshal([]byte(s), &r), s)
	return r
}

const demoPlan = "examples/plans/serverless-api.json"

func TestLintDemoPlan(t *testing.T) {
	sum := sha256File(t, demoPlan)
	res := hybridlint(t, demoPlan)
	assert.Equal(t, 1, res.code, res.stderr)
	assert.Contains(t, res.stdout, "timeout 120s exceeds the 30s HTTP API limit of module.http_api.aws_apigatewayv2_integration.lambda")
	assert.Contains(t, res.stdout, "timeout 60s exceeds the 30s visibility timeout of aws_sqs_queue.jobs")
	assert.NotContains(t, res.stdout, "hunter2", "a sensitive environment variable must never be printed")
	assert.NotContains(t, res.stdout, "\x1b[", "no colour when stdout is not a terminal")
	assert.Equal(t, sum, sha256File(t, demoPlan), "the input is never modified")

	res = hybridlint(t, "--format", "json", demoPlan)
	require.Equal(t, 1, res.code, res.stderr)
	rep := decodeReport(t, res.stdout)
	assert.Equal(t, 1, rep.Version)
	byRule := map[string]int{}
	for _, f := range rep.Findings {
		byRule[f.Rule]++
		assert.True(t, f.Changed)
		assert.NotContains(t, f.Message, "hunter2")
	}
	assert.GreaterOrEqual(t, byRule["aws_lambda_timeout_exceeds_api_gateway"], 1)
	assert.GreaterOrEqual(t, byRule["aws_lambda_timeout_exceeds_sqs_visibility"], 2)
	assert.GreaterOrEqual(t, byRule["aws_lambda_timeout_near_limit"], 1)
	assert.Equal(t, len(rep.Findings), rep.Summary["error"]+rep.Summary["warning"]+rep.Summary["notice"])
}

func TestFailOn(t *testing.T) {
	for _, tt := range []struct {
		failOn string
		code   int
	}{{"error", 1}, {"warning", 1}, {"notice", 1}, {"none", 0}} {
		res := hybridlint(t, "--fail-on", tt.failOn, demoPlan)
		assert.Equal(t, tt.code, res.code, "--fail-on %s: %s", tt.failOn, res.stderr)
	}
	// A real plan whose functions are within every limit passes.
	clean := "linter/testdata/plans/fdicarlo__cgep-acme-health__terraform__plan.json"
	res := hybridlint(t, clean)
	assert.Equal(t, 0, res.code, res.stdout+res.stderr)
	assert.Contains(t, res.stdout, "no findings")
}

func TestStdinAndSeveralFiles(t *testing.T) {
	data, err := os.ReadFile(demoPlan)
	require.NoError(t, err)
	res := runBin(t, "hybridlint", data, nil, "--format", "json", "-")
	require.Equal(t, 1, res.code, res.stderr)
	assert.NotEmpty(t, decodeReport(t, res.stdout).Findings)

	other := "linter/testdata/plans/hashicorp__terraform-json__testdata__110_basic__plan.json"
	res = hybridlint(t, "--format=json", demoPlan, other)
	require.Equal(t, 1, res.code, res.stderr)
	for _, f := range decodeReport(t, res.stdout).Findings {
		assert.Equal(t, demoPlan, f.File, "with several plans each finding names its file")
	}
}

func TestEveryRealPlanLoads(t *testing.T) {
	files, _ := filepath.Glob("linter/testdata/plans/*.json*")
	enc, _ := filepath.Glob("linter/testdata/plans/encoding/*.json")
	files = append(files, enc...)
	require.Greater(t, len(files), 80)
	for _, f := range files {
		res := hybridlint(t, "--format", "json", "--fail-on", "none", f)
		require.Equal(t, 0, res.code, "%s: %s", f, res.stderr)
		assert.Empty(t, decodeReport(t, res.stdout).Errors, f)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o644))
		return p
	}
	good, err := os.ReadFile(demoPlan)
	require.NoError(t, err)
	tests := []struct {
		name, path, want string
	}{
		{"missing file", filepath.Join(dir, "nope.json"), "no such file"},
		{"directory", dir, "is a directory"},
		{"empty file", write("empty.json", nil), "the file is empty"},
		{"truncated JSON", write("cut.json", good[:len(good)/3]), "looks truncated"},
		{"invalid JSON", write("bad.json", []byte(`{"format_version": "1.2",, }`)), "invalid JSON at line 1"},
		{"state file", write("terraform.tfstate", []byte(`{"version":4,"terraform_version":"1.9.8","serial":1,"lineage":"x","outputs":{},"resources":[]}`)), "state file, not a plan"},
		{"show -json of state", write("state.json", []byte(`{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{}}}`)), "JSON of a state"},
		{"format version 2.0", write("v2.json", []byte(`{"format_version":"2.0","resource_changes":[]}`)), "format_version 2.0 is not supported"},
		{"random binary data", write("random.bin", []byte{0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x9a, 0xff}), "binary data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := hybridlint(t, tt.path)
			assert.Equal(t, 2, res.code)
			assert.Contains(t, res.stderr, tt.path, "the message names the file")
			assert.Contains(t, res.stderr, tt.want)
			assert.NotContains(t, res.stderr, "goroutine", "never a stack trace")
			assert.NotContains(t, res.stderr, "panic")
			assert.Empty(t, res.stdout)
		})
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--format", "yaml", demoPlan},
		{"--fail-on", "sometimes", demoPlan},
		{"--bogus", demoPlan},
		{"--format"},
	} {
		res := hybridlint(t, args...)
		assert.Equal(t, 2, res.code, "%v", args)
		assert.NotEmpty(t, res.stderr, "%v", args)
	}
}

func TestHelpAndFlagMistakes(t *testing.T) {
	for _, args := range [][]string{{"lint", "--help"}, {"rules", "--help"}, {"explain", "-h"}, {"init", "--help"}, {"cost", "--help"}, {"queries", "--help"}, {"--help"}} {
		res := hybridlint(t, args...)
		assert.Equal(t, 0, res.code, "%v: %s", args, res.stderr)
		assert.Contains(t, res.stdout, "Usage", "%v prints its help on stdout", args)
	}
	res := hybridlint(t, "--chdir", filepath.Join(t.TempDir(), "nope"), demoPlan)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "no such directory")

	out := filepath.Join(t.TempDir(), "x.json")
	res = hybridlint(t, "--format", "json:"+out+",sarif:"+out, demoPlan)
	assert.Equal(t, 2, res.code, "two reports into one file would lose one")
	assert.Contains(t, res.stderr, "both write to")

	sarif := filepath.Join(t.TempDir(), "r.sarif")
	res = hybridlint(t, "--format", "json", "--format", "sarif:"+sarif, demoPlan)
	require.Equal(t, 1, res.code, res.stderr)
	assert.NotEmpty(t, decodeReport(t, res.stdout).Findings, "repeated --format flags add up")
	_, err := os.Stat(sarif)
	assert.NoError(t, err)
}

func TestSubcommands(t *testing.T) {
	res := runBin(t, "terraform-provider-hybrid", nil, nil, "lint", demoPlan)
	assert.Equal(t, 1, res.code)
	assert.Contains(t, res.stdout, "aws_lambda_function.report")

	res = runBin(t, "terraform-provider-hybrid", nil, nil, "rules")
	require.Equal(t, 0, res.code, res.stderr)
	for _, name := range []string{"aws_lambda_timeout_exceeds_api_gateway", "aws_lambda_timeout_exceeds_sqs_visibility", "aws_lambda_timeout_near_limit"} {
		assert.Contains(t, res.stdout, name)
	}
	res = hybridlint(t, "explain", "aws_lambda_timeout_near_limit")
	require.Equal(t, 0, res.code, res.stderr)
	page, err := os.ReadFile("docs/rules/aws_lambda_timeout_near_limit.md")
	require.NoError(t, err)
	assert.Equal(t, string(page), res.stdout, "explain prints the generated page")

	res = hybridlint(t, "version")
	assert.Equal(t, 0, res.code)
	assert.True(t, strings.HasPrefix(res.stdout, "hybridlint "))
}

func TestCostAndUsage(t *testing.T) {
	const econ, traffic = "examples/plans/economics-multicloud.json", "examples/usage/economics.yml"
	// Without a usage file only the hybrid_unit workload in the plan gives traffic; with it, the
	// functions the file describes are judged too.
	res := hybridlint(t, "--format", "json", "--no-config", econ)
	require.Equal(t, 1, res.code, res.stderr)
	without := 0
	for _, f := range decodeReport(t, res.stdout).Findings {
		if f.Rule == "function_container_cheaper" {
			without++
		}
	}
	res = hybridlint(t, "--format", "json", "--no-config", "--usage", traffic, econ)
	require.Equal(t, 1, res.code, res.stderr)
	with := 0
	for _, f := range decodeReport(t, res.stdout).Findings {
		if f.Rule == "function_container_cheaper" {
			with++
			cited := strings.Contains(f.Message, traffic) || strings.Contains(f.Message, "workload")
			assert.True(t, cited, "the message cites where the traffic came from: %s", f.Message)
		}
	}
	assert.Greater(t, with, without)

	res = hybridlint(t, "--usage", filepath.Join(t.TempDir(), "missing.yml"), econ)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "missing.yml")

	res = hybridlint(t, "cost", "--no-config", "--usage", traffic, econ)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "aws_lambda_function.checkout")
	assert.Contains(t, res.stdout, "recommendation:")

	res = hybridlint(t, "cost", "--format", "json", "--no-config", "--usage", traffic, econ)
	require.Equal(t, 0, res.code, res.stderr)
	assert.True(t, json.Valid([]byte(res.stdout)))
}

func TestBinaryPlan(t *testing.T) {
	tofu, err := filepath.Abs("bin/tofu")
	require.NoError(t, err)
	if _, err := os.Stat(tofu); err != nil {
		t.Skip("bin/tofu is not built (make tofu); make test builds it")
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`
resource "terraform_data" "build" {
  input = "v1"
}
`), 0o644))
	for _, args := range [][]string{{"init", "-input=false"}, {"plan", "-input=false", "-out", "tf.plan"}} {
		cmd := exec.Command(tofu, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, string(out))
	}
	planFile := filepath.Join(dir, "tf.plan")

	res := hybridlint(t, "--tf-bin", tofu, "--chdir", dir, "--format", "json", planFile)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Empty(t, decodeReport(t, res.stdout).Findings)

	// Without a binary to convert it, the user is told what to run.
	res = runBin(t, "hybridlint", nil, []string{"PATH=" + t.TempDir()}, planFile)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "terraform show -json "+planFile)
}

func sha256File(t *testing.T, path string) [32]byte {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return sha256.Sum256(data)
}
