package plan_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

// fakeShow is the body of a stand-in for `terraform show -no-color -json FILE`: it checks that it
// was called that way, with FILE absolute, then runs body. PATH is not set for it (the tests
// replace PATH), so body names its commands by their full path.
func fakeShow(body string) string {
	return "#!/bin/sh\n" +
		`[ "$1 $2 $3" = "show -no-color -json" ] || { echo "called as: $*" >&2; exit 9; }` + "\n" +
		`case "$4" in /*) ;; *) echo "a relative plan path: $4" >&2; exit 9;; esac` + "\n" +
		body + "\n"
}

// TestConvert runs Convert and LoadBinary against stand-ins for terraform and tofu: shell scripts
// in a directory that becomes PATH, or named by --tf-bin. Each case pins what the user reads: the
// plan's JSON, or the error's problem and hint.
func TestConvert(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-ins for terraform and tofu are shell scripts")
	}
	const mib = 1 << 20
	planJSON := plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.api", After: map[string]any{"timeout": 10}}).JSON()
	readFails := "Error: Failed to read the given file as a state or plan file\n\nexit 1"
	mismatch := "│ Error: Failed to read plan from plan file\n│\n│ The given plan file was created by OpenTofu v1.8.0, which is not this version.\n╵"
	long := "│ one\ntwo\n\n three \nfour\n\\033[1mfive\nsix\nseven\neight"
	const workDir = "work"
	const hint = "run hybridlint from the configuration's directory after init (or pass --chdir DIR), or convert the plan yourself: terraform show -json tf.plan > plan.json"
	const versionHint = "the plan was written by another Terraform or OpenTofu version: pass --tf-bin with the binary that wrote it (the same version), or convert it with that binary: terraform show -json tf.plan > plan.json"

	tests := []struct {
		name    string
		path    map[string]string // stand-ins on PATH, by name: their body
		tfBin   string            // a stand-in given with --tf-bin: its body
		notExec bool              // the --tf-bin file is not a program
		env     map[string]string
		want    string // Convert's output
		problem string // or the InputError's Problem (with BIN for the stand-ins' directory, WORK for the working directory)
		hint    string
	}{
		{name: "--tf-bin prints the plan, in the working directory", tfBin: "exec /usr/bin/cat plan.json", want: string(planJSON)},
		{name: "terraform is tried first", path: map[string]string{"terraform": "echo terraform", "tofu": "echo tofu"}, want: "terraform\n"},
		{name: "tofu when terraform cannot read the plan", path: map[string]string{"terraform": "echo '" + mismatch + "' >&2; exit 1", "tofu": "echo tofu"}, want: "tofu\n"},
		{name: "tofu alone", path: map[string]string{"tofu": "echo tofu"}, want: "tofu\n"},
		{name: "terraform alone", path: map[string]string{"terraform": "echo terraform"}, want: "terraform\n"},
		{name: "neither on PATH", path: map[string]string{},
			problem: "this is a binary plan file, and neither terraform nor tofu is on PATH to convert it",
			hint:    "give the binary with --tf-bin, or convert it yourself: terraform show -json tf.plan > plan.json"},
		{name: "both fail, one says the version differs",
			path: map[string]string{"terraform": "echo '" + mismatch + "' >&2; exit 1", "tofu": "exit 3"},
			problem: "could not read this binary plan: terraform show -json: Error: Failed to read plan from plan file The given plan file was created by OpenTofu v1.8.0, which is not this version.; " +
				"tofu show -json: exited with status 3 and printed nothing",
			hint: versionHint},
		{name: "the other wording of a version mismatch",
			tfBin:   "echo 'Error: plan file was created by Terraform 1.5' >&2; exit 1",
			problem: "could not read this binary plan: show.sh show -json: Error: plan file was created by Terraform 1.5", hint: versionHint},
		{name: "fails for another reason", tfBin: "echo '" + readFails + "' >&2; exit 1",
			problem: "could not read this binary plan: show.sh show -json: Error: Failed to read the given file as a state or plan file exit 1", hint: hint},
		{name: "what it says is cut to six lines, without escapes or box drawing",
			tfBin:   "printf '" + strings.ReplaceAll(long, "\n", "\\n") + "\\n' >&2; exit 1",
			problem: "could not read this binary plan: show.sh show -json: one two three four [1mfive six …", hint: hint},
		{name: "six lines are kept whole", tfBin: "printf 'one\\ntwo\\nthree\\nfour\\nfive\\nsix\\n' >&2; exit 1",
			problem: "could not read this binary plan: show.sh show -json: one two three four five six", hint: hint},
		{name: "what it says is kept to 64 KiB", tfBin: "{ echo 'Error: A'; /usr/bin/head -c 70000 /dev/zero | /usr/bin/tr '\\0' x; } >&2; exit 1",
			problem: "could not read this binary plan: show.sh show -json: Error: A " + strings.Repeat("x", 64<<10-len("Error: A\n")), hint: hint},
		{name: "not a program", tfBin: "not a program", notExec: true,
			problem: "could not read this binary plan: show.sh show -json: fork/exec BIN/show.sh: exec format error", hint: hint},
		{name: "hangs", tfBin: "exec /usr/bin/sleep 20", env: map[string]string{plan.ShowTimeoutEnv: "300ms"},
			problem: "show.sh show -json did not finish within 300ms",
			hint:    "check that show.sh runs on its own in WORK (a lock, a prompt); give it longer with HYBRIDLINT_TF_TIMEOUT=10m"},
		{name: "a hang is not tried again with tofu", env: map[string]string{plan.ShowTimeoutEnv: "300ms"},
			path:    map[string]string{"terraform": "exec /usr/bin/sleep 20", "tofu": "echo tofu"},
			problem: "terraform show -json did not finish within 300ms",
			hint:    "check that terraform runs on its own in WORK (a lock, a prompt); give it longer with HYBRIDLINT_TF_TIMEOUT=10m"},
		{name: "prints exactly the size limit", tfBin: "exec /usr/bin/head -c 1048576 /dev/zero", env: map[string]string{plan.MaxInputEnv: "1"},
			want: strings.Repeat("\x00", mib)},
		{name: "prints more than the size limit", tfBin: "exec /usr/bin/head -c 1048577 /dev/zero", env: map[string]string{plan.MaxInputEnv: "1"},
			problem: "show.sh show -json printed more than 1 MiB, the limit for a plan",
			hint:    "if the plan really is that large, raise the limit with HYBRIDLINT_MAX_INPUT_MB=<MiB>"},
		{name: "a flood is not tried again with tofu", env: map[string]string{plan.MaxInputEnv: "1"},
			path:    map[string]string{"terraform": "exec /usr/bin/head -c 2000000 /dev/zero", "tofu": "echo tofu"},
			problem: "terraform show -json printed more than 1 MiB, the limit for a plan",
			hint:    "if the plan really is that large, raise the limit with HYBRIDLINT_MAX_INPUT_MB=<MiB>"},
		{name: "a bad timeout", tfBin: "echo never", env: map[string]string{plan.ShowTimeoutEnv: "soon"},
			problem: `HYBRIDLINT_TF_TIMEOUT="soon": not a duration such as 90s or 10m (unset it for the default, 5m0s)`},
		{name: "a bad size limit", tfBin: "echo never", env: map[string]string{plan.MaxInputEnv: "0"},
			problem: `HYBRIDLINT_MAX_INPUT_MB="0": not a size in MiB between 1 and 1073741824 (unset it for the default, 1024)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			bin := filepath.Join(dir, "bin")
			work := filepath.Join(dir, workDir)
			require.NoError(t, os.Mkdir(bin, 0o755))
			require.NoError(t, os.Mkdir(work, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(work, "plan.json"), planJSON, 0o644))
			planFile := filepath.Join(dir, "tf.plan")
			require.NoError(t, os.WriteFile(planFile, []byte("PK\x03\x04 a saved plan"), 0o644))
			for name, body := range tt.path {
				require.NoError(t, os.WriteFile(filepath.Join(bin, name), []byte(fakeShow(body)), 0o755))
			}
			tfBin := ""
			if tt.tfBin != "" {
				tfBin = filepath.Join(bin, "show.sh")
				script := fakeShow(tt.tfBin)
				if tt.notExec {
					script = tt.tfBin
				}
				require.NoError(t, os.WriteFile(tfBin, []byte(script), 0o755))
			}
			t.Setenv("PATH", bin)
			t.Setenv(plan.ShowTimeoutEnv, "")
			t.Setenv(plan.MaxInputEnv, "")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}

			out, err := plan.Convert(context.Background(), planFile, tfBin, work)
			if tt.problem == "" {
				require.NoError(t, err)
				assert.Equal(t, tt.want, string(out))
				return
			}
			assert.Nil(t, out)
			var ie *plan.InputError
			require.True(t, errors.As(err, &ie), "an InputError: %v", err)
			expand := strings.NewReplacer("BIN", bin, "WORK", work)
			assert.Equal(t, expand.Replace(tt.problem), ie.Problem)
			assert.Equal(t, expand.Replace(tt.hint), strings.ReplaceAll(ie.Hint, planFile, "tf.plan"))
		})
	}
}

// TestLoadBinaryBlamesTheBinary: when what the binary printed is not a plan, the message says the
// binary printed it, and the hint is about the binary, not about the plan file.
func TestLoadBinaryBlamesTheBinary(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in for terraform is a shell script")
	}
	dir := t.TempDir()
	planFile := filepath.Join(dir, "tf.plan")
	require.NoError(t, os.WriteFile(planFile, []byte("PK\x03\x04 a saved plan"), 0o644))
	for _, tc := range []struct{ prints, problem string }{
		{`not json`, "show.sh show -json printed what is not a plan's JSON (this is not JSON (it starts with 'n'))"},
		{`{"format_version":"9.0"}`, "show.sh show -json printed what is not a plan's JSON (plan format_version 9.0 is not supported (this hybridlint reads >= 0.1, < 2.0))"},
	} {
		show := filepath.Join(dir, "show.sh")
		require.NoError(t, os.WriteFile(show, []byte(fakeShow("echo '"+tc.prints+"'")), 0o755))
		p, err := plan.LoadBinary(context.Background(), planFile, show, dir)
		assert.Nil(t, p)
		var ie *plan.InputError
		require.True(t, errors.As(err, &ie), "an InputError: %v", err)
		assert.Equal(t, planFile, ie.Path)
		assert.Equal(t, tc.problem, ie.Problem)
		assert.Equal(t, "check that --tf-bin is terraform or tofu, or convert the plan yourself: terraform show -json "+planFile+" > plan.json", ie.Hint)
	}
}

// TestConvertWhenAChildKeepsOutputOpen: a binary that exits successfully but leaves a child holding
// its stdout (a provider plugin, say) still gives its plan, once the grace period for the pipe is
// over, rather than hanging or failing. It takes that grace period (5s), so it runs in parallel.
func TestConvertWhenAChildKeepsOutputOpen(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in for terraform is a shell script")
	}
	t.Parallel()
	dir := t.TempDir()
	planJSON := plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.api", After: map[string]any{"timeout": 10}}).JSON()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plan.json"), planJSON, 0o644))
	planFile := filepath.Join(dir, "tf.plan")
	require.NoError(t, os.WriteFile(planFile, []byte("PK\x03\x04 a saved plan"), 0o644))
	show := filepath.Join(dir, "show.sh")
	require.NoError(t, os.WriteFile(show, []byte(fakeShow("/usr/bin/cat plan.json\n/usr/bin/sleep 15 &")), 0o755))

	start := time.Now()
	out, err := plan.Convert(context.Background(), planFile, show, dir)
	require.NoError(t, err)
	assert.Equal(t, string(planJSON), string(out))
	assert.Less(t, time.Since(start), 12*time.Second, "the pipe is given up after its grace period, not when the child exits")
}
