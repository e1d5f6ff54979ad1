package cli_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

// `hybridlint cost` reads its inputs with lint's code: the same flags, configuration, plans (stdin,
// JSON, binary plans and their configuration snapshot) and settings (host.json, usage, prices).

const (
	economicsPlan  = "../../examples/plans/economics-multicloud.json"
	economicsUsage = "../../examples/usage/economics.yml"
)

// abs is path made absolute, for a process run in another directory.
func abs(t *testing.T, path string) string {
	t.Helper()
	p, err := filepath.Abs(path)
	require.NoError(t, err)
	return p
}

type costFunction struct {
	Address        string `json:"address"`
	TimeoutSeconds *int   `json:"timeout_seconds"`
	Location       *struct {
		File string `json:"file"`
		Line int    `json:"line"`
	} `json:"location"`
}

type costJSON struct {
	Plans         []string       `json:"plans"`
	MarginPercent int            `json:"margin_percent"`
	Functions     []costFunction `json:"functions"`
	Warnings      []string       `json:"warnings"`
}

func decodeCost(t *testing.T, s string) costJSON {
	t.Helper()
	var r costJSON
	require.NoError(t, json.Unmarshal([]byte(s), &r), s)
	return r
}

func (r costJSON) function(t *testing.T, address string) costFunction {
	t.Helper()
	for _, f := range r.Functions {
		if f.Address == address {
			return f
		}
	}
	t.Fatalf("no function %s in the cost report", address)
	return costFunction{}
}

func TestCostFormatTextIsTheDefault(t *testing.T) {
	plan, usage := abs(t, economicsPlan), abs(t, economicsUsage)
	dir := t.TempDir()
	def := run(t, dir, nil, "cost", "--no-config", "--usage", usage, plan)
	require.Equal(t, 0, def.code, def.stderr)
	assert.True(t, strings.HasPrefix(def.stdout, "hybridlint cost: 8 functions in "+plan), def.stdout)
	assert.Contains(t, def.stdout, "recommendation: as a container: $36.04 a month, 40% less than $60.00 on demand")
	for _, format := range []string{"text", "table"} {
		res := run(t, dir, nil, "cost", "--no-config", "--usage", usage, "--format", format, plan)
		require.Equal(t, 0, res.code, res.stderr)
		assert.Equal(t, def.stdout, res.stdout, "--format %s is the default report", format)
	}

	// Several formats at once, as lint writes them: one to stdout, the others to their files.
	res := run(t, dir, nil, "cost", "--no-config", "--usage", usage, "--format", "text,json:cost.json,html:cost.html", plan)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, def.stdout, res.stdout)
	assert.Len(t, decodeCost(t, read(t, filepath.Join(dir, "cost.json"))).Functions, 8)
	assert.True(t, strings.HasPrefix(read(t, filepath.Join(dir, "cost.html")), "<!DOCTYPE html>"))
}

func TestCostHonoursAzureHostJSON(t *testing.T) {
	plan := abs(t, economicsPlan)
	host := filepath.Join(t.TempDir(), "host.json")
	require.NoError(t, os.WriteFile(host, []byte(`{"version": "2.0", "functionTimeout": "00:10:00"}`), 0o644))
	const app = "azurerm_linux_function_app.reports"

	without := run(t, t.TempDir(), nil, "cost", "--no-config", "--format", "json", plan)
	require.Equal(t, 0, without.code, without.stderr)
	assert.Equal(t, 300, *decodeCost(t, without.stdout).function(t, app).TimeoutSeconds, "the Consumption plan's default")

	given := run(t, t.TempDir(), nil, "cost", "--no-config", "--format", "json", "--azure-host-json", host, plan)
	require.Equal(t, 0, given.code, given.stderr)
	assert.Equal(t, 600, *decodeCost(t, given.stdout).function(t, app).TimeoutSeconds, "functionTimeout from --azure-host-json")

	found := run(t, filepath.Dir(host), nil, "cost", "--no-config", plan)
	require.Equal(t, 0, found.code, found.stderr)
	assert.Contains(t, found.stdout, "azure_functions_consumption, 1.5 GB, timeout 600 s", "host.json beside the configuration is found")

	missing := run(t, t.TempDir(), nil, "cost", "--azure-host-json", "missing.json", plan)
	assert.Equal(t, 2, missing.code)
	assert.Contains(t, missing.stderr, "hybridlint cost: missing.json: no such file")
}

// lambdaPlan writes the plan JSON of one Lambda function.
func lambdaPlan(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "plan.json")
	p := plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.api", After: map[string]any{"function_name": "api", "memory_size": 512, "timeout": 10}})
	require.NoError(t, os.WriteFile(path, p.JSON(), 0o644))
	return path
}

const lambdaTF = `resource "aws_lambda_function" "api" {
  function_name = "api"
  memory_size   = 512
  timeout       = 10
}
`

func TestCostLocatesFunctionsInTheTfFiles(t *testing.T) {
	dir := t.TempDir()
	plan := lambdaPlan(t, dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte("# the API\n\n"+lambdaTF), 0o644))

	res := run(t, dir, nil, "cost", "--no-config", plan)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "aws_lambda, 512 MB, x86_64, 0.289 vCPU, timeout 10 s; declared at main.tf:3")

	// --chdir says where the configuration is, as for lint.
	res = run(t, t.TempDir(), nil, "cost", "--no-config", "--format", "json", "--chdir", dir, plan)
	require.Equal(t, 0, res.code, res.stderr)
	loc := decodeCost(t, res.stdout).function(t, "aws_lambda_function.api").Location
	require.NotNil(t, loc)
	assert.Equal(t, 3, loc.Line)
	assert.Equal(t, "main.tf", filepath.Base(loc.File))
}

func TestCostReadsABinaryPlansConfigurationSnapshot(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in for terraform show is a shell script")
	}
	// A binary plan is a zip whose tfconfig/ holds the configuration the plan was made from. bin/tofu
	// can only plan providers it has, and none here defines aws_lambda_function, so the plan file is
	// made here, and a script stands in for `terraform show -json` (TestBinaryPlanCarriesItsConfiguration
	// runs the real OpenTofu on a real plan file).
	dir := t.TempDir()
	plan := lambdaPlan(t, t.TempDir())
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	for name, content := range map[string]string{
		"tfplan":                 "not read by hybridlint",
		"tfconfig/modules.json":  `[{"Key":"","Source":"","Dir":"."}]`,
		"tfconfig/m-/main.tf":    "\n\n\n\n" + lambdaTF,
		"tfconfig/m-/outputs.tf": "",
	} {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(content))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tf.plan"), zipped.Bytes(), 0o644))
	show := filepath.Join(t.TempDir(), "terraform")
	require.NoError(t, os.WriteFile(show, []byte("#!/bin/sh\n# terraform show -no-color -json FILE\ncat "+plan+"\n"), 0o755))
	// The configuration on disk has changed since the plan: the location must come from the snapshot.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(lambdaTF), 0o644))

	res := run(t, dir, nil, "cost", "--no-config", "--tf-bin", show, "tf.plan")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "timeout 10 s; declared at main.tf:5", "line 5 of the snapshot, not line 1 on disk")

	res = run(t, dir, nil, "cost", "--no-config", "--tf-bin", show, "--format", "json", "tf.plan")
	require.Equal(t, 0, res.code, res.stderr)
	loc := decodeCost(t, res.stdout).function(t, "aws_lambda_function.api").Location
	require.NotNil(t, loc)
	assert.Equal(t, "main.tf", loc.File)
	assert.Equal(t, 5, loc.Line)

	// lint reads the same plan the same way.
	res = run(t, dir, nil, "--no-config", "--tf-bin", show, "--fail-on", "none", "--format", "json", "tf.plan")
	require.Equal(t, 0, res.code, res.stderr)
}

func TestCostStdinAndOutputFile(t *testing.T) {
	data, err := os.ReadFile(economicsPlan)
	require.NoError(t, err)
	dir := t.TempDir()
	res := runStdin(t, dir, data, "cost", "-", "--format=markdown", "--output", "cost.md", "--usage="+abs(t, economicsUsage), "--no-config")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Empty(t, res.stdout, "the report goes to the file")
	written := read(t, filepath.Join(dir, "cost.md"))
	assert.Contains(t, written, "8 functions in -;")
	assert.Contains(t, written, "| `aws_lambda_function.resize` | aws_lambda | 512 MB | 30 s | $60.00 (as planned) |")

	res = runStdin(t, dir, []byte("PK\x03\x04binary"), "cost", "-")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "hybridlint cost: <stdin>: this is a binary plan file, not JSON")
}

func TestCostConfiguration(t *testing.T) {
	plan, usage := abs(t, economicsPlan), abs(t, economicsUsage)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".hybridlint.hcl"),
		[]byte("prices {\n  aws_fargate_vcpu_hour = 0.02024\n}\nrule \"function_container_cheaper\" {\n  margin_percent = 50\n}\nconfig {\n  idle_window_minutes = 15\n}\n"), 0o644))
	res := run(t, dir, nil, "cost", "--usage", usage, "--format", "json", plan)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"price_overrides": [`)
	assert.Contains(t, res.stdout, `"name": "aws_fargate_vcpu_hour"`)
	assert.Contains(t, res.stdout, `"idle_window_minutes": 15`)
	assert.Equal(t, 50, decodeCost(t, res.stdout).MarginPercent, "the rule's margin from the configuration")

	res = run(t, dir, nil, "cost", "--usage", usage, "--format", "json", "--margin", "70", "--idle-window", "10", plan)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 70, decodeCost(t, res.stdout).MarginPercent, "--margin wins over the configuration")
	assert.Contains(t, res.stdout, `"idle_window_minutes": 10`)

	res = run(t, dir, nil, "cost", "--no-config", "--format", "json", plan)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 30, decodeCost(t, res.stdout).MarginPercent, "the rule's default margin")
	assert.Contains(t, res.stdout, `"price_overrides": []`)
}

func TestCostWarnsAboutUsageThatMatchesNothing(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "usage.yml"), []byte("resource_usage:\n  aws_lambda_function.resise:\n    requests_per_month: 1\n"), 0o644))
	res := run(t, dir, nil, "cost", "--usage", "usage.yml", "--no-config", "--format", "json", abs(t, economicsPlan))
	require.Equal(t, 0, res.code)
	assert.Equal(t, "hybridlint cost: warning: usage.yml:2: aws_lambda_function.resise matches no function in the plan: check the address\n", res.stderr)
	assert.Len(t, decodeCost(t, res.stdout).Warnings, 1)
}

// TestBadInputIsReportedOnceForLintAndCost: lint and cost read their inputs with the same code, so
// a bad input gets the same message, naming the file, what is wrong and what to do, and exit 2.
func TestBadInputIsReportedOnceForLintAndCost(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	plan := abs(t, economicsPlan)
	badUsage := write("usage.yml", "resource_usage:\n  aws_lambda_function.api:\n    requests_per_month: lots\n")
	notJSON := write("plan.json", "{\"format_version\": ")
	badPrices := write("prices.hcl", "prices {\n  aws_lambda_gb_second = 1\n}\n")
	badHost := write("host.json", `{"functionTimeout": 600}`)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"no plan", nil, []string{"no plan given", "terraform show -json tf.plan > plan.json"}},
		{"unknown flag", []string{plan, "--colour"}, []string{"unknown flag --colour", "for usage"}},
		{"flag without value", []string{plan, "--usage"}, []string{"flag --usage needs a value"}},
		{"bad idle window", []string{plan, "--idle-window", "0"}, []string{`--idle-window "0": want a whole number of minutes from 1 to 1440`}},
		{"missing chdir", []string{plan, "--chdir", filepath.Join(dir, "nowhere")}, []string{"nowhere: no such directory"}},
		{"missing plan", []string{filepath.Join(dir, "nope.json")}, []string{"nope.json: no such file", "check the path", "terraform plan -out tf.plan"}},
		{"directory", []string{dir}, []string{dir + ": is a directory, not a plan file", "pass the plan JSON file itself"}},
		{"broken plan", []string{notJSON}, []string{"plan.json: the JSON ends early", "looks truncated"}},
		{"missing usage", []string{plan, "--usage", filepath.Join(dir, "usage.yaml")}, []string{"usage.yaml: no such usage file", "--usage"}},
		{"bad usage", []string{plan, "--usage", badUsage}, []string{"usage.yml:3: aws_lambda_function.api: requests_per_month is \"lots\", not a number"}},
		{"bad prices", []string{plan, "--config", badPrices}, []string{`prices.hcl:2:3: unknown price "aws_lambda_gb_second"`}},
		{"bad host.json", []string{plan, "--no-config", "--azure-host-json", badHost}, []string{"host.json: functionTimeout is 600, not a string"}},
		{"unwritable output", []string{plan, "--no-config", "--output", filepath.Join(dir, "missing", "report.txt")},
			[]string{filepath.Join(dir, "missing", "report.txt") + ": cannot write the report"}},
	}
	for _, tt := range tests {
		for _, cmd := range []string{"lint", "cost"} {
			t.Run(tt.name+"/"+cmd, func(t *testing.T) {
				res := run(t, t.TempDir(), nil, append([]string{cmd}, tt.args...)...)
				assert.Equal(t, 2, res.code)
				assert.Empty(t, res.stdout)
				prefix := map[string]string{"lint": "hybridlint: ", "cost": "hybridlint cost: "}[cmd]
				assert.True(t, strings.HasPrefix(res.stderr, prefix), res.stderr)
				for _, w := range tt.want {
					assert.Contains(t, res.stderr, w)
				}
			})
		}
	}
}

func TestCostHelp(t *testing.T) {
	res := run(t, t.TempDir(), nil, "cost", "--help")
	assert.Equal(t, 0, res.code)
	assert.True(t, strings.HasPrefix(res.stdout, "Usage: hybridlint cost [flags] PLAN..."))
	for _, flag := range []string{"--azure-host-json", "--chdir", "--tf-bin", "--format FORMAT[:FILE]", "--output", "--usage", "--margin", "--idle-window", "--config", "--no-config"} {
		assert.Contains(t, res.stdout, flag)
	}
}
