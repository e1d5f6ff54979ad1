package provider

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadmeDevOverrides follows README's "Using the provider from a local build" as written:
// make install (into a GOBIN of its own), the README's dev_overrides block as the CLI configuration
// (TF_CLI_CONFIG_FILE) with that directory in place of the placeholder, tofu plan without init on
// examples/hybrid-unit, tofu show -json, and hybridlint lint on the result.
func TestReadmeDevOverrides(t *testing.T) {
	tofu := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || tofu == "" {
		t.Skip("end-to-end test: set TF_ACC=1 and TF_ACC_TERRAFORM_PATH to a tofu binary (make test)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	section := string(readme)
	start := strings.Index(section, "### Using the provider from a local build")
	require.GreaterOrEqual(t, start, 0, "README lost its dev_overrides section")
	section = section[start:]
	section = section[:strings.Index(section, "\n## ")]
	for _, step := range []string{"`make install`", "TF_CLI_CONFIG_FILE", "`cd examples/hybrid-unit && tofu plan -out tf.plan`",
		"`tofu show -json tf.plan > plan.json && hybridlint lint plan.json`"} {
		require.Contains(t, section, step, "the steps this test follows")
	}
	block := regexp.MustCompile("(?s)```hcl\n(.*?)```").FindStringSubmatch(section)
	require.NotNil(t, block, "README's CLI configuration block")
	const placeholder = "/home/you/go/bin"
	require.Contains(t, block[1], placeholder)

	// 1. make install, into a directory of the test's own.
	gobin := filepath.Join(t.TempDir(), "bin")
	out := run(ctx, t, root, []string{"GOBIN=" + gobin}, "make", "install")
	assert.Contains(t, out, "installed "+gobin)
	for _, name := range []string{"terraform-provider-hybrid", "hybridlint"} {
		_, err := os.Stat(filepath.Join(gobin, name))
		require.NoError(t, err, "make install wrote %s", name)
	}

	// 2. The README's block as the CLI configuration. Indentation in the README list is the
	// Markdown's, not the block's.
	config := strings.ReplaceAll(block[1], placeholder, gobin)
	cliConfig := filepath.Join(t.TempDir(), "tofurc")
	require.NoError(t, os.WriteFile(cliConfig, []byte(config), 0o644))

	// 3. tofu plan without init, on a copy of the example.
	work := t.TempDir()
	src, err := os.ReadFile(filepath.Join(root, "examples", "hybrid-unit", "main.tf"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(work, "main.tf"), src, 0o644))
	env := []string{"TF_CLI_CONFIG_FILE=" + cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_INPUT=0"}
	planOut := run(ctx, t, work, env, tofu, "plan", "-input=false", "-no-color", "-out", "tf.plan")
	assert.Contains(t, planOut, "hybrid_unit.thumbnails will be created")

	// 4. tofu show -json, then lint with the installed hybridlint.
	planJSON := run(ctx, t, work, env, tofu, "show", "-json", "tf.plan")
	require.NoError(t, os.WriteFile(filepath.Join(work, "plan.json"), []byte(planJSON), 0o644))
	lint := runExit(ctx, t, work, nil, 0, filepath.Join(gobin, "hybridlint"), "lint", "--fail-on", "none", "plan.json")
	assert.Contains(t, lint, "hybrid_unit")
}
