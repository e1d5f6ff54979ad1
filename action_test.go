package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// The GitHub Action (action.yml) is checked as GitHub's hardening guide asks: no expression inside
// a script (inputs reach scripts through env: only), third-party actions pinned by commit; and its
// shell steps are run with bash on hostile input values, which must arrive as data, never as code.

type actionStep struct {
	Name  string            `yaml:"name"`
	Uses  string            `yaml:"uses"`
	Run   string            `yaml:"run"`
	Shell string            `yaml:"shell"`
	Env   map[string]string `yaml:"env"`
}

func actionSteps(t *testing.T) map[string]actionStep {
	t.Helper()
	data, err := os.ReadFile("action.yml")
	require.NoError(t, err)
	var a struct {
		Runs struct {
			Steps []actionStep `yaml:"steps"`
		} `yaml:"runs"`
	}
	require.NoError(t, yaml.Unmarshal(data, &a))
	require.NotEmpty(t, a.Runs.Steps)
	steps := map[string]actionStep{}
	for _, s := range a.Runs.Steps {
		steps[s.Name] = s
	}
	return steps
}

func TestActionScriptsTakeNoExpressions(t *testing.T) {
	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	for name, s := range actionSteps(t) {
		if s.Run != "" {
			assert.NotContains(t, s.Run, "${{", "step %q: an expression in run: is script injection; pass it through env:", name)
			assert.Equal(t, "bash", s.Shell, "step %q", name)
		}
		if s.Uses != "" && !strings.HasPrefix(s.Uses, "./") {
			assert.Regexp(t, pinned, s.Uses, "step %q: pin a third-party action by its commit", name)
		}
	}
}

// hostile are input values that run code if a script ever evaluates them.
var hostile = []string{
	`$(touch PWNED)`,
	"`touch PWNED`",
	`"; touch PWNED; echo "`,
	`'; touch PWNED; echo '`,
	`x && touch PWNED`,
}

// runStep runs a step's script with bash in a fake runner: its env with the given values, a
// workspace, RUNNER_TEMP, GITHUB_OUTPUT, and PATH starting with bin. It returns the combined
// output, the exit code and the step's outputs.
func runStep(t *testing.T, s actionStep, ws, bin string, env map[string]string) (string, int, string) {
	t.Helper()
	require.NotEmpty(t, s.Run)
	runner := t.TempDir()
	out := filepath.Join(runner, "output")
	cmd := exec.Command("bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", s.Run)
	cmd.Dir = ws
	cmd.Env = []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + runner,
		"GITHUB_WORKSPACE=" + ws, "RUNNER_TEMP=" + runner, "GITHUB_OUTPUT=" + out, "GITHUB_PATH=" + filepath.Join(runner, "path"), "RUNNER_OS=Linux", "RUNNER_ARCH=X64"}
	for k := range s.Env {
		v, ok := env[k]
		require.True(t, ok, "step %q: the test gives no value for %s", s.Name, k)
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	b, _ := cmd.CombinedOutput()
	outputs, _ := os.ReadFile(out)
	return string(b), cmd.ProcessState.ExitCode(), string(outputs)
}

// fakeTool writes an executable that records its arguments, one per line, and exits with code.
func fakeTool(t *testing.T, dir, name string, code int) string {
	t.Helper()
	log := filepath.Join(dir, name+".args")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + log + "'\necho '{}'\nexit " + string(rune('0'+code)) + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755))
	return log
}

func assertNotRun(t *testing.T, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		_, err := os.Stat(filepath.Join(d, "PWNED"))
		assert.True(t, os.IsNotExist(err), "a hostile input ran code in %s", d)
	}
}

func TestActionStepsTreatHostileInputsAsData(t *testing.T) {
	steps := actionSteps(t)
	for _, evil := range hostile {
		t.Run(evil, func(t *testing.T) {
			ws, bin := t.TempDir(), t.TempDir()
			lintArgs := fakeTool(t, bin, "hybridlint", 1)
			tfArgs := fakeTool(t, bin, "tofu", 0)
			workdir := filepath.Join(ws, "infra "+strings.ReplaceAll(evil, "/", "_"))
			require.NoError(t, os.MkdirAll(workdir, 0o755))
			planName := "plan " + evil + ".tfplan"
			require.NoError(t, os.WriteFile(filepath.Join(ws, planName), []byte("PK\x03\x04binary"), 0o644))

			// Convert: the plan's and the directory's names reach terraform as single arguments.
			out, code, outputs := runStep(t, steps["Convert a binary plan to JSON"], ws, bin,
				map[string]string{"INPUT_PLAN": planName, "WORKDIR": workdir, "TF_BIN": "tofu"})
			require.Equal(t, 0, code, out)
			assert.Equal(t, "show\n-json\n"+filepath.Join(ws, planName)+"\n", readFile(t, tfArgs))
			json := strings.TrimPrefix(strings.TrimSpace(outputs), "json=")

			// Lint: every input is one argument, as given.
			env := map[string]string{"PLAN_JSON": json, "WORKDIR": workdir, "FAIL_ON": evil, "CONFIG": evil, "BASELINE": evil,
				"ONLY_CHANGED": evil, "EXTRA_ARGS": "", "HYBRIDLINT_SOURCE_REF": evil}
			out, code, outputs = runStep(t, steps["Lint the plan"], ws, bin, env)
			require.Equal(t, 0, code, out)
			args := strings.Split(strings.TrimSuffix(readFile(t, lintArgs), "\n"), "\n")
			assert.Equal(t, []string{"lint", "--chdir", workdir, "--fail-on", evil}, args[:5])
			assert.Contains(t, args, evil)
			assert.Equal(t, json, args[len(args)-1])
			assert.Contains(t, outputs, "exit-code=1\n")

			// Fail: the message quotes the input, and the step fails.
			out, code, _ = runStep(t, steps["Fail on findings"], ws, bin, map[string]string{"FAIL_ON": evil})
			assert.Equal(t, 1, code)
			assert.Contains(t, out, "at or above fail-on ("+evil+")")

			// Install: a version that is not one is refused before anything is downloaded.
			out, code, _ = runStep(t, steps["Install hybridlint"], ws, bin,
				map[string]string{"INPUT_VERSION": evil, "ACTION_PATH": ws, "GH_TOKEN": "t"})
			assert.Equal(t, 2, code, out)
			assert.Contains(t, out, "is not a release version")
			assertNotRun(t, ws, workdir, bin)
		})
	}
}

func TestActionRefusesALineBreakInThePlanInput(t *testing.T) {
	ws, bin := t.TempDir(), t.TempDir()
	out, code, outputs := runStep(t, actionSteps(t)["Convert a binary plan to JSON"], ws, bin,
		map[string]string{"INPUT_PLAN": "plan.json\n::warning::injected", "WORKDIR": ".", "TF_BIN": "tofu"})
	assert.Equal(t, 2, code, out)
	assert.NotContains(t, out, "::warning::injected")
	assert.Empty(t, outputs)
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	return string(b)
}

// TestActionVerifiesTheReleaseSignature runs the install step on a release made here: signed by a
// key generated for the test and shipped as the action's release key, served by a fake gh. A good
// signature installs; checksums changed after signing, or signed by another key, are refused.
func TestActionVerifiesTheReleaseSignature(t *testing.T) {
	gpg, err := exec.LookPath("gpg")
	if err != nil {
		t.Skip("gpg not found: install gnupg to test the action's release verification")
	}
	step := actionSteps(t)["Install hybridlint"]
	keys := func(name string) string {
		home := t.TempDir()
		mustRun(t, home, []string{"GNUPGHOME=" + home}, gpg, "--batch", "--passphrase", "", "--quick-gen-key", name+" <release@example.com>", "ed25519", "sign", "never")
		// Key generation starts an agent for the home: stop it with the test.
		t.Cleanup(func() { _ = exec.Command("gpgconf", "--homedir", home, "--kill", "gpg-agent").Run() })
		return home
	}
	releaseKey, otherKey := keys("hybridlint release"), keys("someone else")

	for _, tt := range []struct {
		name     string
		signer   string
		tamper   bool
		wantCode int
		want     string
	}{
		{"signed by the release key", releaseKey, false, 0, "hybridlint 0.1.0"},
		{"checksums changed after signing", releaseKey, true, 2, "does not verify"},
		{"signed by another key", otherKey, false, 2, "does not verify"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			action, release, bin := t.TempDir(), t.TempDir(), t.TempDir()
			require.NoError(t, os.Mkdir(filepath.Join(action, ".ci"), 0o755))
			pub := mustRun(t, action, []string{"GNUPGHOME=" + releaseKey}, gpg, "--batch", "--armor", "--export")
			require.NoError(t, os.WriteFile(filepath.Join(action, ".ci", "release-signing-key.asc"), []byte(pub), 0o644))

			name := "terraform-provider-hybrid_0.1.0"
			exe := filepath.Join(release, "terraform-provider-hybrid_v0.1.0")
			require.NoError(t, os.WriteFile(exe, []byte("#!/bin/sh\necho hybridlint 0.1.0\n"), 0o755))
			mustRun(t, release, nil, "zip", "-q", name+"_linux_amd64.zip", "terraform-provider-hybrid_v0.1.0")
			require.NoError(t, os.Remove(exe))
			sums := mustRun(t, release, nil, "shasum", "-a", "256", name+"_linux_amd64.zip")
			require.NoError(t, os.WriteFile(filepath.Join(release, name+"_SHA256SUMS"), []byte(sums), 0o644))
			mustRun(t, release, []string{"GNUPGHOME=" + tt.signer}, gpg, "--batch", "--detach-sign", "-o", name+"_SHA256SUMS.sig", name+"_SHA256SUMS")
			if tt.tamper {
				require.NoError(t, os.WriteFile(filepath.Join(release, name+"_SHA256SUMS"), []byte(sums+"0000  other.zip\n"), 0o644))
			}
			gh := "#!/bin/sh\n[ \"$1 $2\" = \"release download\" ] || exit 3\ncp '" + release + "'/* .\n"
			require.NoError(t, os.WriteFile(filepath.Join(bin, "gh"), []byte(gh), 0o755))

			out, code, _ := runStep(t, step, t.TempDir(), bin, map[string]string{"INPUT_VERSION": "0.1.0", "ACTION_PATH": action, "GH_TOKEN": "t"})
			assert.Equal(t, tt.wantCode, code, out)
			assert.Contains(t, out, tt.want)
		})
	}
}

func mustRun(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		t.Fatalf("%s %v: %v\n%s", name, args, err, ee.Stderr)
	}
	require.NoError(t, err)
	return string(out)
}
