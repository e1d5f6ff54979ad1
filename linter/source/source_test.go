package source

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// writeTree writes files (path -> content) under a new temporary directory and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	return dir
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

// load loads the sources of dir with paths shown relative to it.
func load(t *testing.T, dir string, planFile []byte) *Config {
	t.Helper()
	return Load(nil, Options{Dir: dir, WorkDir: dir, PlanFile: planFile})
}

func loc(file string, line int) string { return fmt.Sprintf("%s:%d", file, line) }

func at(l *finding.Location) string {
	if l == nil {
		return ""
	}
	return loc(l.File, l.Line)
}

const fnModule = `variable "name" {
  type = string
}

variable "timeout" {
  type    = number
  default = 3
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  timeout       = var.timeout
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
  dynamic "environment" {
    for_each = [1]
    content {
      variables = { LOG_LEVEL = "debug" }
    }
  }
}
`

const rootMain = `locals {
  workers = {
    eu = { timeout = 900 }
    us = { timeout = 60 }
  }
  slow = 600
}

module "worker" {
  source   = "./modules/fn"
  for_each = local.workers
  name     = "w-${each.key}"
  timeout  = each.value.timeout
}

module "defaulted" {
  source = "./modules/fn"
  name   = "d"
}

module "computed" {
  source  = "./modules/fn"
  name    = "c"
  timeout = local.slow * 2
}

resource "aws_lambda_function" "root" {
  count         = 2
  function_name = "root"
  timeout       = 850
}
`

func TestLocate(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": rootMain, "modules/fn/main.tf": fnModule})
	cfg := load(t, dir, nil)
	require.Contains(t, cfg.Modules, "")
	require.Contains(t, cfg.Modules, "worker", "local module found through its module block")
	assert.Equal(t, FromLocalPath, cfg.Modules["worker"].Origin)

	tests := []struct {
		name, address, attribute string
		location, resource       string
		attributeLoc             string
		callers                  []string // module@file:line/argument
	}{
		{name: "constant in the root module", address: "aws_lambda_function.root[1]", attribute: "timeout",
			location: "main.tf:30", resource: "main.tf:27", attributeLoc: "main.tf:30"},
		{name: "whole resource", address: "aws_lambda_function.root[0]",
			location: "main.tf:27", resource: "main.tf:27"},
		{name: "attribute not set: the block", address: "aws_lambda_function.root[0]", attribute: "memory_size",
			location: "main.tf:27", resource: "main.tf:27"},
		{name: "through a module variable, for_each and a local, per instance", address: `module.worker["eu"].aws_lambda_function.this`, attribute: "timeout",
			location: "main.tf:3", resource: "modules/fn/main.tf:10", attributeLoc: "modules/fn/main.tf:12",
			callers: []string{`module.worker["eu"]@main.tf:13/timeout`}},
		{name: "the other instance lands on its own item", address: `module.worker["us"].aws_lambda_function.this`, attribute: "timeout",
			location: "main.tf:4", resource: "modules/fn/main.tf:10", attributeLoc: "modules/fn/main.tf:12",
			callers: []string{`module.worker["us"]@main.tf:13/timeout`}},
		{name: "not passed: the variable's default", address: `module.defaulted.aws_lambda_function.this`, attribute: "timeout",
			location: "modules/fn/main.tf:7", resource: "modules/fn/main.tf:10", attributeLoc: "modules/fn/main.tf:12",
			callers: []string{`module.defaulted@main.tf:16/`}},
		{name: "computed from one local", address: `module.computed.aws_lambda_function.this`, attribute: "timeout",
			location: "main.tf:6", resource: "modules/fn/main.tf:10", attributeLoc: "modules/fn/main.tf:12",
			callers: []string{`module.computed@main.tf:24/timeout`}},
		{name: "nested block attribute", address: `module.defaulted.aws_lambda_function.this`, attribute: "vpc_config.0.subnet_ids",
			location: "modules/fn/main.tf:14", resource: "modules/fn/main.tf:10", attributeLoc: "modules/fn/main.tf:14",
			callers: []string{`module.defaulted@main.tf:16/`}},
		{name: "inside a dynamic block's content", address: `module.defaulted.aws_lambda_function.this`, attribute: "environment.0.variables.LOG_LEVEL",
			location: "modules/fn/main.tf:19", resource: "modules/fn/main.tf:10", attributeLoc: "modules/fn/main.tf:19",
			callers: []string{`module.defaulted@main.tf:16/`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl, ok := cfg.Locate(tt.address, tt.attribute)
			require.True(t, ok)
			assert.Equal(t, tt.location, at(pl.Location), "location")
			assert.Equal(t, tt.resource, at(pl.Resource), "resource")
			assert.Equal(t, tt.attributeLoc, at(pl.Attribute), "attribute")
			var callers []string
			for _, c := range pl.Callers {
				callers = append(callers, c.Module+"@"+at(c.Location)+"/"+c.Argument)
			}
			assert.Equal(t, tt.callers, callers, "callers")
		})
	}
}

func TestLocateAnchorsCarryInstanceKeys(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": rootMain, "modules/fn/main.tf": fnModule})
	pl, ok := load(t, dir, nil).Locate(`module.worker["eu"].aws_lambda_function.this`, "timeout")
	require.True(t, ok)
	keys := map[string]any{}
	for _, a := range pl.Anchors {
		keys[loc(a.File, a.Line)] = a.Key
	}
	assert.Equal(t, "eu", keys["main.tf:9"], "the module block is anchored with the module instance's key")
	assert.Equal(t, "eu", keys["main.tf:13"], "the module argument too")
	assert.Equal(t, "eu", keys["main.tf:3"], "the for_each item with its own key")
	assert.Contains(t, keys, "modules/fn/main.tf:10", "the resource block")
	assert.Contains(t, keys, "modules/fn/main.tf:12", "the attribute")
}

func TestLocateNotFound(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": rootMain, "modules/fn/main.tf": fnModule})
	cfg := load(t, dir, nil)
	for _, addr := range []string{"aws_lambda_function.missing", "module.nowhere.aws_lambda_function.this", "not an address"} {
		_, ok := cfg.Locate(addr, "timeout")
		assert.False(t, ok, addr)
	}
}

func TestLoadFromManifestFindsRemoteModules(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": "module \"api\" {\n  source  = \"acme/http-api/aws\"\n  version = \"1.2.0\"\n  timeout = 120\n}\n",
		".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},` +
			`{"Key":"api","Source":"registry.terraform.io/acme/http-api/aws","Version":"1.2.0","Dir":".terraform/modules/api"},` +
			`{"Key":"api.fn","Source":"./modules/fn","Dir":".terraform/modules/api/modules/fn"}]}`,
		".terraform/modules/api/main.tf":            "variable \"timeout\" {}\nmodule \"fn\" {\n  source  = \"./modules/fn\"\n  name    = \"api\"\n  timeout = var.timeout\n}\n",
		".terraform/modules/api/modules/fn/main.tf": fnModule,
	})
	cfg := load(t, dir, nil)
	require.Contains(t, cfg.Modules, "api.fn")
	assert.Equal(t, FromManifest, cfg.Modules["api.fn"].Origin)
	pl, ok := cfg.Locate("module.api.module.fn.aws_lambda_function.this", "timeout")
	require.True(t, ok)
	assert.Equal(t, "main.tf:4", at(pl.Location), "the value is set at the root call site")
	assert.Equal(t, ".terraform/modules/api/modules/fn/main.tf:10", at(pl.Resource))
	require.Len(t, pl.Callers, 2)
	assert.Equal(t, "timeout", pl.Callers[0].Argument)
	assert.Equal(t, ".terraform/modules/api/main.tf:5", at(pl.Callers[1].Location))
}

func TestLoadFromPlanFileSnapshot(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, content string) {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(content))
		require.NoError(t, err)
	}
	add("tfplan", "not read")
	add("tfconfig/modules.json", `[{"Key":"","Dir":"."},{"Key":"worker","Source":"./modules/fn","Dir":"modules/fn"}]`)
	add("tfconfig/m-/main.tf", "module \"worker\" {\n  source  = \"./modules/fn\"\n  name    = \"w\"\n  timeout = 30\n}\n")
	add("tfconfig/m-worker/main.tf", fnModule)
	require.NoError(t, zw.Close())

	// The directory holds a different, newer main.tf: the snapshot in the plan wins.
	dir := writeTree(t, map[string]string{"main.tf": "\n\n\n" + rootMain})
	cfg := load(t, dir, buf.Bytes())
	require.Contains(t, cfg.Modules, "worker")
	assert.Equal(t, FromPlanFile, cfg.Modules[""].Origin)
	pl, ok := cfg.Locate("module.worker.aws_lambda_function.this", "timeout")
	require.True(t, ok)
	assert.Equal(t, "main.tf:4", at(pl.Location))
	assert.Equal(t, "modules/fn/main.tf:10", at(pl.Resource), "shown where the module lives on disk")
}

func TestLoadJSONAndOverrideFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"fn.tf.json":   `{"resource": {"aws_lambda_function": {"json_fn": {"function_name": "j", "timeout": 900}}}}`,
		"main.tf":      "resource \"aws_lambda_function\" \"fn\" {\n  timeout = 10\n}\n",
		"override.tf":  "resource \"aws_lambda_function\" \"fn\" {\n  timeout = 20\n}\n",
		"notes.txt":    "ignored",
		"broken.tf":    "resource \"x\" {",
		"sub/other.tf": "resource \"aws_lambda_function\" \"elsewhere\" {}\n",
	})
	cfg := load(t, dir, nil)
	pl, ok := cfg.Locate("aws_lambda_function.json_fn", "timeout")
	require.True(t, ok)
	assert.Equal(t, "fn.tf.json", pl.Location.File)
	assert.NotNil(t, pl.Attribute)

	pl, ok = cfg.Locate("aws_lambda_function.fn", "timeout")
	require.True(t, ok)
	assert.Equal(t, "main.tf:2", at(pl.Location), "the declaration, not its override")

	_, ok = cfg.Locate("aws_lambda_function.elsewhere", "")
	assert.False(t, ok, "subdirectories are not the module")

	require.Len(t, cfg.Notes, 1)
	assert.Equal(t, "broken.tf", cfg.Notes[0].Location.File)
	assert.Contains(t, cfg.Notes[0].Message, "cannot parse")
}

func TestLoadNothing(t *testing.T) {
	cfg := load(t, t.TempDir(), nil)
	assert.True(t, cfg.Empty())
	_, ok := cfg.Locate("aws_lambda_function.fn", "timeout")
	assert.False(t, ok)
}

func TestParseManifestShapes(t *testing.T) {
	for _, tt := range []struct{ name, data string }{
		{"init's manifest", `{"Modules":[{"Key":"a","Source":"./a","Dir":"a"}]}`},
		{"plan snapshot", `[{"Key":"a","Source":"./a","Dir":"a"}]`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := parseManifest([]byte(tt.data))
			require.NoError(t, err)
			require.Len(t, entries, 1)
			assert.Equal(t, manifestEntry{Key: "a", Source: "./a", Dir: "a"}, entries[0])
		})
	}
}

func TestMissingModule(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": rootMain}) // modules/fn is not there
	cfg := load(t, dir, nil)
	assert.Equal(t, "module.worker", cfg.MissingModule(`module.worker["eu"].aws_lambda_function.this`))
	assert.Equal(t, "", cfg.MissingModule("aws_lambda_function.root[0]"), "the root module was found")
	assert.Equal(t, "", cfg.MissingModule("not an address"))
	assert.Equal(t, "", load(t, t.TempDir(), nil).MissingModule("aws_lambda_function.root[0]"), "no root module: not a module to name")
}

func TestTraceStopsOnOddValues(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `locals {
  a    = local.b
  b    = local.a
  list = [10, 20]
}

resource "aws_lambda_function" "cycle" {
  timeout = local.a
}

resource "aws_lambda_function" "negative" {
  timeout = local.list[-1]
}

resource "aws_lambda_function" "indexed" {
  timeout = local.list[1]
}

resource "aws_lambda_function" "unknown_key" {
  timeout = local.list[count.index]
}
`})
	cfg := load(t, dir, nil)
	for addr, want := range map[string]string{
		"aws_lambda_function.cycle":       "main.tf:", // somewhere in the cycle, without hanging
		"aws_lambda_function.negative":    "main.tf:4",
		"aws_lambda_function.indexed":     "main.tf:4",
		"aws_lambda_function.unknown_key": "main.tf:20",
	} {
		pl, ok := cfg.Locate(addr, "timeout")
		require.True(t, ok, addr)
		assert.Contains(t, at(pl.Location), want, addr)
	}
}
