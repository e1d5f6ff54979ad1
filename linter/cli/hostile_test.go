package cli_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/cli"
)

// Hostile input (issue 16): every case ends with exit 0, 1 or 2 and a message naming the input,
// under a 3 GB address-space limit and within 60 s, and never with a Go crash dump.

const (
	addressSpaceKB = 3000000
	caseTimeout    = 60 * time.Second
)

// runBounded runs hybridlint in dir under `ulimit -v` and the time bound, with stdin from stdin
// (nil: none).
func runBounded(t *testing.T, dir string, env []string, stdin []byte, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), caseTimeout)
	defer cancel()
	script := fmt.Sprintf(`ulimit -v %d && exec "$0" "$@"`, addressSpaceKB)
	cmd := exec.CommandContext(ctx, "sh", append([]string{"-c", script, bin}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), env...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	require.NoError(t, ctx.Err(), "hybridlint %v did not finish within %s", args, caseTimeout)
	code := 0
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	t.Logf("hybridlint %s: exit %d in %s", strings.Join(args, " "), code, time.Since(start).Round(time.Millisecond))
	r := result{code, out.String(), errb.String()}
	assertNoCrash(t, r)
	return r
}

func assertNoCrash(t *testing.T, r result) {
	t.Helper()
	for _, dump := range []string{"goroutine ", "fatal error", "panic:", "internal error", "SIGBUS", "out of memory"} {
		if strings.Contains(r.stderr, dump) {
			t.Errorf("stderr has %q: %.600s", dump, r.stderr)
		}
	}
	assert.LessOrEqual(t, r.code, 2, r.stderr)
}

func realPlan(name string) string {
	abs, err := filepath.Abs(filepath.Join("../../examples/plans", name))
	if err != nil {
		panic(err)
	}
	return abs
}

func hostile(name string) string {
	abs, err := filepath.Abs(filepath.Join("../testdata/hostile", name))
	if err != nil {
		panic(err)
	}
	return abs
}

// TestHostileInputs runs every crafted input through lint (and cost where it applies).
func TestHostileInputs(t *testing.T) {
	small := []string{"HYBRIDLINT_MAX_INPUT_MB=64"} // /dev/zero reaches the limit sooner
	plan := realPlan("aws-coldstart-checkout.json")
	economics := realPlan("economics-multicloud.json")
	planText, err := os.ReadFile(plan)
	require.NoError(t, err)
	for _, tc := range []struct {
		name   string
		env    []string
		stdin  []byte
		args   []string
		code   int
		stderr string
	}{
		{name: "utf-16 BOM then odd-length UTF-8", args: []string{"lint", "--no-config", hostile("utf16-bom-odd-utf8.json")}, code: 2, stderr: "utf16-bom-odd-utf8.json: the file looks like UTF-16 but has an odd number of bytes"},
		{name: "7 bytes that look like UTF-16", args: []string{"lint", "--no-config", hostile("utf16-guess-7-bytes.json")}, code: 2, stderr: "utf16-guess-7-bytes.json: the file looks like UTF-16"},
		{name: "utf-16 with CJK text", args: []string{"lint", "--no-config", hostile("utf16-cjk.json")}, code: 0, stderr: ""},
		{name: "utf-16 cut at an odd byte", args: []string{"lint", "--no-config", hostile("utf16-cut-odd.json")}, code: 2, stderr: "odd number of bytes"},
		{name: "utf-32", args: []string{"lint", "--no-config", hostile("utf32.json")}, code: 2, stderr: "utf32.json: this file is UTF-32"},
		{name: "cost: utf-16 BOM then odd-length UTF-8", args: []string{"cost", "--no-config", hostile("utf16-bom-odd-utf8.json")}, code: 2, stderr: "odd number of bytes"},
		{name: "/dev/zero as the plan", args: []string{"lint", "--no-config", "/dev/zero"}, code: 2,
			stderr: "/dev/zero: larger than the 1024 MiB limit for a plan\n  if it really is a plan, raise the limit with HYBRIDLINT_MAX_INPUT_MB"},
		{name: "/dev/zero as the plan, lower limit", env: small, args: []string{"lint", "--no-config", "/dev/zero"}, code: 2, stderr: "/dev/zero: larger than the 64 MiB limit for a plan"},
		{name: "cost: /dev/zero as the plan", env: small, args: []string{"cost", "--no-config", "/dev/zero"}, code: 2, stderr: "/dev/zero: larger than the 64 MiB limit for a plan"},
		{name: "queries: utf-32", args: []string{"queries", hostile("utf32.json")}, code: 2, stderr: "utf32.json: this file is UTF-32"},
		{name: "queries: /dev/zero as the plan", env: small, args: []string{"queries", "/dev/zero"}, code: 2, stderr: "/dev/zero: larger than the 64 MiB limit for a plan"},
		{name: "/dev/zero on stdin", env: small, args: []string{"lint", "--no-config", "-"}, stdin: make([]byte, 65<<20), code: 2, stderr: "<stdin>: larger than the 64 MiB limit"},
		{name: "bad size limit", env: []string{"HYBRIDLINT_MAX_INPUT_MB=lots"}, args: []string{"lint", "--no-config", plan}, code: 2, stderr: `HYBRIDLINT_MAX_INPUT_MB="lots": not a size in MiB`},
		{name: "/dev/zero as the baseline", args: []string{"lint", "--no-config", "--baseline", "/dev/zero", plan}, code: 2, stderr: "/dev/zero: larger than the 64 MiB limit for a baseline"},
		{name: "/dev/zero as the usage file", args: []string{"lint", "--no-config", "--usage", "/dev/zero", plan}, code: 2, stderr: "/dev/zero: larger than the 64 MiB limit for a usage file"},
		{name: "/dev/zero as the configuration", args: []string{"lint", "--config", "/dev/zero", plan}, code: 2, stderr: "/dev/zero: larger than the 64 MiB limit for a configuration file"},
		{name: "/dev/zero as host.json", args: []string{"lint", "--no-config", "--azure-host-json", "/dev/zero", plan}, code: 2, stderr: "/dev/zero: larger than the 64 MiB limit for a host.json"},
		{name: "cost: a price of 1e308", args: []string{"cost", "--config", hostile("prices-1e308.hcl"), economics}, code: 2,
			stderr: "prices-1e308.hcl:2:33: price aws_lambda_x86_64_gb_second: 1e+308 is not a plausible price; use a USD amount of at most $1,000,000.00 per unit"},
		{name: "cost: 1e300 requests a month", args: []string{"cost", "--no-config", "--usage", hostile("usage-1e300.yml"), economics}, code: 2,
			stderr: "usage-1e300.yml:4: aws_lambda_function.quotes: requests_per_month 1e300 is not valid\n  use 0 to 1e+12 requests a month"},
		{name: "cost: a duration of 1e400 ms", args: []string{"cost", "--no-config", "--usage", hostile("usage-1e400.yml"), economics}, code: 2,
			stderr: `usage-1e400.yml:5: aws_lambda_function.quotes: avg_duration_ms is "1e400", not a number`},
		{name: "plan through /dev/stdin", stdin: planText, args: []string{"lint", "--no-config", "--fail-on", "none", "/dev/stdin"}, code: 0, stderr: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runBounded(t, t.TempDir(), tc.env, tc.stdin, tc.args...)
			assert.Equal(t, tc.code, r.code, r.stderr)
			assert.Contains(t, r.stderr, tc.stderr)
		})
	}
}

// TestPlanTruncatedWhileLinted truncates a large (mapped) plan at several moments of a run: each
// run ends with a result or with exit 2 naming the file, never with SIGBUS.
func TestPlanTruncatedWhileLinted(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	b.WriteString(`{"format_version":"1.2","resource_changes":[`)
	for i := 0; b.Len() < 48<<20; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"address":"aws_lambda_function.f%d","type":"aws_lambda_function","name":"f%d","mode":"managed","change":{"actions":["create"],"after":{"function_name":"f%d","timeout":%d,"memory_size":128,"description":"%s"}}}`,
			i, i, i, i%900+1, strings.Repeat("x", 400))
	}
	b.WriteString(`]}`)
	sawTruncation := false
	for _, delay := range []time.Duration{0, 20 * time.Millisecond, 100 * time.Millisecond, 300 * time.Millisecond, time.Second} {
		path := filepath.Join(dir, "plan.json")
		require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
		cmd := exec.Command(bin, "lint", "--no-config", "--format", "json", "--output", filepath.Join(dir, "out.json"), path)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		require.NoError(t, cmd.Start())
		time.Sleep(delay)
		require.NoError(t, os.Truncate(path, 0))
		err := cmd.Wait()
		code := 0
		if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
			code = ee.ExitCode()
		}
		r := result{code: code, stderr: errb.String()}
		t.Logf("truncated after %s: exit %d: %s", delay, code, firstLine(r.stderr))
		assertNoCrash(t, r)
		if code == 2 {
			assert.Contains(t, r.stderr, path)
			sawTruncation = sawTruncation || strings.Contains(r.stderr, "truncated")
		}
	}
	assert.True(t, sawTruncation, "no run saw the truncation: make the plan larger")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// TestDeeplyNestedConfiguration: .hybridlint.hcl and .tf files nested 100,000 levels deep end
// with a message at the line, not with a stack overflow.
func TestDeeplyNestedConfiguration(t *testing.T) {
	const n = 100000
	deep := "  x = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n"
	plan := realPlan("aws-coldstart-checkout.json")

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".hybridlint.hcl"), []byte("config {\n"+deep+"}\n"), 0o644))
	r := runBounded(t, dir, nil, nil, "lint", plan)
	assert.Equal(t, 2, r.code, r.stderr)
	assert.Contains(t, r.stderr, ".hybridlint.hcl:2:1: nested more than 1000 levels deep")

	dir = t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"aws_lambda_function\" \"f\" {\n"+deep+"}\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "more.tf.json"), []byte(`{"locals":`+strings.Repeat("[", n)+strings.Repeat("]", n)+`}`), 0o644))
	for _, cmd := range []string{"lint", "cost"} {
		r = runBounded(t, dir, nil, nil, cmd, "--no-config", plan)
		assert.LessOrEqual(t, r.code, 1, r.stderr)
		if cmd == "lint" {
			assert.Contains(t, r.stdout, "main.tf:2: the file nests more than 1000 levels deep, so hybridlint does not parse it")
			assert.Contains(t, r.stdout, "more.tf.json:1: the file nests more than 1000 levels deep")
		}
	}
}

// TestCostBeyondPricing prices with the largest prices accepted and traffic at its bounds: every
// format ends, and none prints an overflowed amount.
func TestCostBeyondPricing(t *testing.T) {
	for _, format := range []string{"table", "json", "markdown", "html"} {
		r := runBounded(t, t.TempDir(), nil, nil, "cost", "--config", hostile("prices-largest.hcl"), "--format", format,
			"--usage", realPlan("../usage/economics.yml"), realPlan("economics-multicloud.json"))
		assert.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stderr, "aws_lambda_function.quotes: on demand would cost $1.04e+14 a month, beyond the $1,000,000,000,000.00 that hybridlint prices")
		for _, bad := range []string{"Inf", "NaN", "-9,223", "-9223"} {
			assert.NotContains(t, r.stdout, bad, format)
		}
		assert.Contains(t, r.stdout, "aws_lambda_function.checkout", "the functions priced normally are still reported")
	}
}

// TestMalformedValuesFailClosed: a plan whose values or sensitivity markings are not valid JSON
// is an input error for every command and format, and the marked value (777) is never printed.
func TestMalformedValuesFailClosed(t *testing.T) {
	for _, name := range []string{"sensitive-trailing-comma.json", "sensitive-1e400.json", "sensitive-bad-escape.json",
		"after-trailing-comma.json", "after-1e400.json", "after-missing-colon.json"} {
		for _, args := range [][]string{
			{"lint", "--no-config"}, {"lint", "--no-config", "--format", "json"}, {"lint", "--no-config", "--format", "sarif"},
			{"cost", "--no-config"}, {"cost", "--no-config", "--format", "json"},
		} {
			r := runBounded(t, t.TempDir(), nil, nil, append(args, hostile(name))...)
			assert.Equal(t, 2, r.code, "%s %v: %s", name, args, r.stderr)
			assert.Contains(t, r.stderr, name+": invalid JSON at line 1")
			assert.NotContains(t, r.stdout+r.stderr, "777", "%s %v", name, args)
		}
	}
}

// TestWrongTypesAreInputErrors: a timeout of the wrong type is exit 2 naming the resource and the
// attribute, for lint and cost, never a silent "no findings".
func TestWrongTypesAreInputErrors(t *testing.T) {
	for name, want := range map[string]string{
		"timeout-string.json":   `aws_lambda_function.f: timeout is "30" (a string), where a whole number is expected`,
		"timeout-object.json":   "aws_lambda_function.f: timeout is an object, where a whole number is expected",
		"timeout-2p63.json":     "aws_lambda_function.f: timeout is 9.223372036854776e+18, where a whole number is expected",
		"timeout-fraction.json": "aws_lambda_function.f: timeout is 2.5, where a whole number is expected",
		"timeout-negative.json": "aws_lambda_function.f: timeout is -1, where a whole number of 1 or more is expected",
	} {
		for _, cmd := range []string{"lint", "cost"} {
			r := runBounded(t, t.TempDir(), nil, nil, cmd, "--no-config", hostile(name))
			assert.Equal(t, 2, r.code, "%s %s: %s", cmd, name, r.stderr)
			assert.Contains(t, r.stderr, name+": values of the wrong type where hybridlint reads them:\n  "+want, cmd)
		}
	}
}

// TestHostileTfBin runs fake terraform binaries (testdata/hostile/tf) on a binary plan: each ends
// within the documented bounds, with a message naming the command.
func TestHostileTfBin(t *testing.T) {
	plan := hostile("fake.tfplan")
	fakePlan := "FAKE_PLAN=" + realPlan("aws-coldstart-checkout.json")
	for _, tc := range []struct {
		name, bin string
		env       []string
		code      int
		stderr    string
		within    time.Duration
	}{
		{name: "child keeps stdout open", bin: "child-holds-stdout", code: 1, within: 20 * time.Second},
		{name: "never exits", bin: "never-exits", env: []string{"HYBRIDLINT_TF_TIMEOUT=2s"}, code: 2, within: 15 * time.Second,
			stderr: "never-exits show -json did not finish within 2s\n  check that never-exits runs on its own in"},
		{name: "floods stdout", bin: "floods", env: []string{"HYBRIDLINT_MAX_INPUT_MB=16"}, code: 2, within: 30 * time.Second,
			stderr: "floods show -json printed more than 16 MiB, the limit for a plan"},
		{name: "prints garbage", bin: "garbage", code: 2, within: 10 * time.Second,
			stderr: "fake.tfplan: garbage show -json printed what is not a plan's JSON (this is not JSON (it starts with 'T'))"},
		{name: "escape sequences on stderr", bin: "escapes-on-stderr", code: 2, within: 10 * time.Second,
			stderr: "escapes-on-stderr show -json: ]0;owned[31mError: plan file is corrupt[0m"},
		{name: "bad timeout", bin: "prints-plan", env: []string{"HYBRIDLINT_TF_TIMEOUT=soon"}, code: 2, within: 10 * time.Second,
			stderr: `HYBRIDLINT_TF_TIMEOUT="soon": not a duration`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, cmd := range []string{"lint", "cost"} {
				start := time.Now()
				r := runBounded(t, t.TempDir(), append(tc.env, fakePlan), nil, cmd, "--no-config", "--tf-bin", hostile("tf/"+tc.bin), plan)
				assert.Less(t, time.Since(start), tc.within, cmd)
				want := tc.code
				if cmd == "cost" && want == 1 {
					want = 0 // cost has no findings
				}
				assert.Equal(t, want, r.code, "%s: %s", cmd, r.stderr)
				assert.Contains(t, r.stderr, tc.stderr, cmd)
				assert.NotContains(t, r.stderr, "\x1b", "no escape sequence reaches the terminal")
				assert.NotContains(t, r.stderr, "\a")
			}
		})
	}
}

// TestRelativeTfBinWithChdir: a relative --tf-bin is the file relative to where hybridlint runs,
// also when --chdir names another directory for terraform to run in.
func TestRelativeTfBinWithChdir(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "tools"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "infra"), 0o755))
	script, err := os.ReadFile(hostile("tf/prints-plan"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tools", "terraform"), script, 0o755))
	r := runBounded(t, dir, []string{"FAKE_PLAN=" + realPlan("aws-coldstart-checkout.json")}, nil,
		"lint", "--no-config", "--fail-on", "none", "--tf-bin", "tools/terraform", "--chdir", "infra", hostile("fake.tfplan"))
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "aws_lambda_function.")
}

// TestOutputNeverOverwritesAnInput: an output path that is an input, by any name (./, a symbolic
// link), is refused, and the input is left as it was.
func TestOutputNeverOverwritesAnInput(t *testing.T) {
	dir := t.TempDir()
	original, err := os.ReadFile(realPlan("aws-coldstart-checkout.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p.json"), original, 0o644))
	require.NoError(t, os.Symlink("p.json", filepath.Join(dir, "link.json")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "u.yml"), []byte("resource_usage:\n  aws_lambda_function.x:\n    requests_per_month: 1\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".hybridlint.hcl"), []byte("config {\n  fail_on = \"none\"\n}\n"), 0o644))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"lint", "--write-baseline", "p.json", "p.json"}, "p.json: --write-baseline would overwrite the plan p.json"},
		{[]string{"lint", "--output", "./p.json", "p.json"}, "./p.json: --output would overwrite the plan p.json"},
		{[]string{"lint", "--format", "sarif:link.json", "p.json"}, "link.json: --format sarif:link.json would overwrite the plan p.json"},
		{[]string{"lint", "--output", ".hybridlint.hcl", "p.json"}, "--output would overwrite the configuration .hybridlint.hcl"},
		{[]string{"lint", "--usage", "u.yml", "--output", "u.yml", "p.json"}, "--output would overwrite the usage file u.yml"},
		{[]string{"cost", "--output", "link.json", "p.json"}, "link.json: --output would overwrite the plan p.json"},
		{[]string{"cost", "--usage", "u.yml", "--output", "./u.yml", "p.json"}, "--output would overwrite the usage file u.yml"},
	} {
		r := runBounded(t, dir, nil, nil, tc.args...)
		assert.Equal(t, 2, r.code, "%v: %s", tc.args, r.stderr)
		assert.Contains(t, r.stderr, tc.want, tc.args)
		after, err := os.ReadFile(filepath.Join(dir, "p.json"))
		require.NoError(t, err)
		require.Equal(t, string(original), string(after), "%v changed the plan", tc.args)
	}
}

type panickingWriter struct{}

func (panickingWriter) Write([]byte) (int, error) { panic("a bug") }

// TestInternalErrorExits3: a crash inside hybridlint is exit 3 with what to report, not a goroutine
// dump and not exit 2, so CI can tell a bug from a bad plan.
func TestInternalErrorExits3(t *testing.T) {
	var stderr bytes.Buffer
	app := &cli.App{Version: "test", Stdout: panickingWriter{}, Stderr: &stderr, Getenv: func(string) string { return "" }}
	code := app.Run("hybridlint", []string{"version"})
	assert.Equal(t, cli.ExitInternal, code)
	assert.Contains(t, stderr.String(), "hybridlint: internal error: a bug\n  this is a bug in hybridlint, not a problem with your input; please report it at "+cli.IssuesURL)
}
