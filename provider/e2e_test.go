package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// e2eProviderVersion is the version the end-to-end test's filesystem mirror offers.
const e2eProviderVersion = "0.0.1"

// TestE2EExampleHybridUnit is the user's path, as processes: build the binary, run `tofu init`,
// `tofu plan -out` and `tofu show -json` on examples/hybrid-unit through a dev_overrides CLI
// configuration (no registry), then lint the plan with the same binary, from the JSON and from the
// binary plan file.
func TestE2EExampleHybridUnit(t *testing.T) {
	tofu := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || tofu == "" {
		t.Skip("end-to-end test: set TF_ACC=1 and TF_ACC_TERRAFORM_PATH to a terraform or tofu binary (make testacc)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	root, err := filepath.Abs("..")
	require.NoError(t, err)
	tmp := t.TempDir()
	pluginDir := filepath.Join(tmp, "plugins")
	binary := filepath.Join(pluginDir, "terraform-provider-hybrid")
	run(ctx, t, root, nil, "go", "build", "-o", binary, ".")

	// The dev override makes plan use the binary just built. `init` still looks the provider up
	// (OpenTofu warns that init is unnecessary with overrides, then fails without a registry), so a
	// filesystem mirror holding the same binary, in the layout a registry release unpacks to,
	// answers it offline.
	mirror := filepath.Join(tmp, "mirror")
	mirrored := filepath.Join(mirror, "registry.opentofu.org", "hybridlint", "hybrid", e2eProviderVersion,
		runtime.GOOS+"_"+runtime.GOARCH, "terraform-provider-hybrid_v"+e2eProviderVersion)
	require.NoError(t, os.MkdirAll(filepath.Dir(mirrored), 0o755))
	require.NoError(t, os.Link(binary, mirrored))
	cliConfig := filepath.Join(tmp, "tofu.rc")
	require.NoError(t, os.WriteFile(cliConfig, []byte(fmt.Sprintf(`provider_installation {
  dev_overrides {
    "hybridlint/hybrid" = %q
  }
  filesystem_mirror {
    path    = %q
    include = ["registry.opentofu.org/hybridlint/hybrid"]
  }
  direct {
    exclude = ["registry.opentofu.org/hybridlint/hybrid"]
  }
}
`, pluginDir, mirror)), 0o644))

	// Work on a copy: nothing the user gave is modified, and no .terraform lands in examples/.
	work := filepath.Join(tmp, "work")
	require.NoError(t, os.MkdirAll(work, 0o755))
	src, err := os.ReadFile(filepath.Join(root, "examples", "hybrid-unit", "main.tf"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(work, "main.tf"), src, 0o644))

	env := []string{
		"TF_CLI_CONFIG_FILE=" + cliConfig,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"TF_INPUT=0",
	}
	run(ctx, t, work, env, tofu, "init", "-input=false", "-no-color")
	planOut := run(ctx, t, work, env, tofu, "plan", "-input=false", "-no-color", "-out=tf.plan")
	assert.Contains(t, planOut, "hybrid_unit.thumbnails will be created")
	assert.Contains(t, planOut, "hybrid_unit.sales_reports will be created")
	planJSON := run(ctx, t, work, env, tofu, "show", "-json", "tf.plan")
	require.NoError(t, os.WriteFile(filepath.Join(work, "plan.json"), []byte(planJSON), 0o644))

	t.Run("plan shows computed values", func(t *testing.T) {
		var p tfjson.Plan
		require.NoError(t, json.Unmarshal([]byte(planJSON), &p))
		units := map[string]map[string]any{}
		for _, r := range p.PlannedValues.RootModule.Resources {
			if r.Type == "hybrid_unit" {
				units[r.Name] = r.AttributeValues
			}
		}
		require.Contains(t, units, "thumbnails")
		require.Contains(t, units, "sales_reports")

		thumbs := units["thumbnails"]
		assert.Equal(t, "hybrid", thumbs["placement"], "p99 of 95 s exceeds the 45 s routing threshold, and a container is declared")
		schedule, _ := thumbs["keep_warm_schedule"].(map[string]any)
		assert.Equal(t, "rate(5 minutes)", schedule["aws"])
		assert.Equal(t, "*/5 * * * *", schedule["gcp"])
		assert.Equal(t, "0 */5 * * * *", schedule["azure"])
		cost, _ := thumbs["monthly_cost"].(map[string]any)
		require.NotNil(t, cost, "a workload is given, so monthly_cost is known at plan time")
		assert.Greater(t, cost["function_usd"], 0.0)
		assert.Greater(t, cost["container_usd"], 0.0)

		reports := units["sales_reports"]
		assert.Nil(t, reports["keep_warm_schedule"], "no keep_warm block")
		assert.EqualValues(t, 0, reports["keep_warm_pings_per_month"])
	})

	want := expectedFindings(ctx, t, binary)
	t.Run("lint plan JSON", func(t *testing.T) {
		out := runExit(ctx, t, work, nil, 0, binary, "lint", "--format", "json", "--fail-on", "none", "plan.json")
		assertFindings(t, out, want)
	})

	t.Run("lint binary plan file", func(t *testing.T) {
		out := runExit(ctx, t, work, env, 0, binary, "lint", "--format", "json", "--fail-on", "none",
			"--tf-bin", tofu, "--chdir", work, "tf.plan")
		assertFindings(t, out, want)
	})
}

// expectedFindings lists "rule address" for examples/hybrid-unit. The example declares units only:
// AWS, Google and Azure resources need their providers, which can't be installed offline. So no
// platform rule has anything to look at, hybrid_unit_drift has no function to compare with, and the
// one finding is hybrid_unit_keep_warm_missing: the thumbnails unit keeps its function warm, and the
// function lives in another stack, so the rule can only say, as a notice, that it cannot check the
// pings. It is expected once the binary has that rule.
func expectedFindings(ctx context.Context, t *testing.T, binary string) []string {
	t.Helper()
	var rules []struct {
		Name string `json:"name"`
	}
	out := run(ctx, t, t.TempDir(), nil, binary, "rules", "--format", "json")
	require.NoError(t, json.Unmarshal([]byte(out), &rules), out)
	for _, r := range rules {
		if r.Name == "hybrid_unit_keep_warm_missing" {
			return []string{"hybrid_unit_keep_warm_missing hybrid_unit.thumbnails"}
		}
	}
	return nil
}

// lintReport is the part of hybridlint's JSON output (README, "JSON output") this test reads.
type lintReport struct {
	Version  int `json:"version"`
	Findings []struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		Address  string `json:"address"`
		Message  string `json:"message"`
	} `json:"findings"`
	Errors []json.RawMessage `json:"errors"`
}

// assertFindings checks a JSON report against want ("rule address" per finding).
func assertFindings(t *testing.T, out string, want []string) {
	t.Helper()
	var report lintReport
	require.NoError(t, json.Unmarshal([]byte(out), &report), out)
	assert.Equal(t, 1, report.Version)
	assert.Empty(t, report.Errors)
	var got []string
	for _, f := range report.Findings {
		got = append(got, f.Rule+" "+f.Address)
		assert.NotEmpty(t, f.Message, f.Rule)
		assert.Equal(t, "notice", f.Severity, "the example's functions live in other stacks: %s can only note it cannot check them", f.Rule)
	}
	assert.ElementsMatch(t, want, got, "findings on examples/hybrid-unit")
}

func run(ctx context.Context, t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	return runExit(ctx, t, dir, env, 0, name, args...)
}

// runExit runs a command and fails the test unless it exits with want.
func runExit(ctx context.Context, t *testing.T, dir string, env []string, want int, name string, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exitErr := (*exec.ExitError)(nil); errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	if code != want {
		t.Fatalf("%s %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", name, strings.Join(args, " "), code, want, stdout.String(), stderr.String())
	}
	return stdout.String()
}
