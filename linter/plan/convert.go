package plan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// ShowTimeoutEnv names the environment variable that bounds `show -json` (a Go duration such as
// 90s or 10m); DefaultShowTimeout applies when it is unset. A large plan converts in seconds; the
// bound is for a binary that hangs (waiting on a lock, a prompt, a stuck provider).
const (
	ShowTimeoutEnv     = "HYBRIDLINT_TF_TIMEOUT"
	DefaultShowTimeout = 5 * time.Minute
)

// pipeGrace is how long output is still read once the binary has exited: a child it started may
// hold its stdout open for ever.
const pipeGrace = 5 * time.Second

// ShowTimeout is the bound on `show -json` from getenv (os.Getenv when nil).
func ShowTimeout(getenv func(string) string) (time.Duration, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	v := getenv(ShowTimeoutEnv)
	if v == "" {
		return DefaultShowTimeout, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q: not a duration such as 90s or 10m (unset it for the default, %s)", ShowTimeoutEnv, v, DefaultShowTimeout)
	}
	return d, nil
}

// LoadBinary converts a binary plan file with Convert and parses the JSON. When that JSON is not a
// plan, the message blames the binary that printed it, not the plan file.
func LoadBinary(ctx context.Context, path, tfBin, dir string) (*Plan, error) {
	data, bin, err := convert(ctx, path, tfBin, dir)
	if err != nil {
		return nil, err
	}
	p, err := Parse(path, data)
	var ie *InputError
	if errors.As(err, &ie) {
		return nil, &InputError{Path: path, Problem: fmt.Sprintf("%s show -json printed what is not a plan's JSON (%s)", bin, ie.Problem),
			Hint: "check that --tf-bin is terraform or tofu, or convert the plan yourself: terraform show -json " + path + " > plan.json"}
	}
	return p, err
}

// Convert turns a binary plan file into its JSON by running `<tf> show -no-color -json FILE`, the
// way a user would. tfBin names the binary (--tf-bin); when empty, terraform and then tofu are
// tried from PATH, the second when the first cannot read the plan (each reads only plans written
// by its own kind and version). dir is the working directory Terraform needs (the initialised
// configuration). The run is bounded in time (ShowTimeout) and in output (MaxInputSize).
func Convert(ctx context.Context, path, tfBin, dir string) ([]byte, error) {
	data, _, err := convert(ctx, path, tfBin, dir)
	return data, err
}

func convert(ctx context.Context, path, tfBin, dir string) ([]byte, string, error) {
	timeout, err := ShowTimeout(nil)
	if err != nil {
		return nil, "", &InputError{Path: path, Problem: err.Error()}
	}
	limit, err := MaxInputSize(nil)
	if err != nil {
		return nil, "", &InputError{Path: path, Problem: err.Error()}
	}
	var candidates []string
	if tfBin != "" {
		// Resolved once, against the working directory, before it runs in dir.
		bin, err := exec.LookPath(tfBin)
		if err == nil {
			bin, err = filepath.Abs(bin)
		}
		if err != nil {
			return nil, "", &InputError{Path: path, Problem: fmt.Sprintf("--tf-bin %s: no such executable", tfBin),
				Hint: "give the path of a terraform or tofu binary, or convert the plan yourself: terraform show -json " + path + " > plan.json"}
		}
		candidates = []string{bin}
	} else {
		for _, name := range []string{"terraform", "tofu"} {
			if p, err := exec.LookPath(name); err == nil {
				if abs, err := filepath.Abs(p); err == nil {
					candidates = append(candidates, abs)
				}
			}
		}
	}
	if len(candidates) == 0 {
		return nil, "", &InputError{Path: path, Problem: "this is a binary plan file, and neither terraform nor tofu is on PATH to convert it",
			Hint: "give the binary with --tf-bin, or convert it yourself: terraform show -json " + path + " > plan.json"}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, "", fmt.Errorf("resolving %s: %w", path, err)
	}
	var failures []string
	versionMismatch := false
	for _, bin := range candidates {
		out, detail, err := show(ctx, bin, abs, dir, timeout, limit)
		if err == nil {
			return out, filepath.Base(bin), nil
		}
		var ie *InputError
		if errors.As(err, &ie) {
			return nil, "", ie // a hang or a flood: trying another binary would not help
		}
		if strings.Contains(detail, "was created by") || strings.Contains(detail, "plan file was created") {
			versionMismatch = true
		}
		failures = append(failures, fmt.Sprintf("%s show -json: %s", filepath.Base(bin), firstLines(detail, 6)))
	}
	hint := "run hybridlint from the configuration's directory after init (or pass --chdir DIR), or convert the plan yourself: terraform show -json " + path + " > plan.json"
	if versionMismatch {
		hint = "the plan was written by another Terraform or OpenTofu version: pass --tf-bin with the binary that wrote it (the same version), or convert it with that binary: terraform show -json " + path + " > plan.json"
	}
	return nil, "", &InputError{Path: path, Problem: "could not read this binary plan: " + strings.Join(failures, "; "), Hint: hint}
}

// show runs one binary and returns its output, or what it said when it failed. Running longer
// than timeout, or printing more than limit bytes, is an InputError that says so.
func show(ctx context.Context, bin, abs, dir string, timeout time.Duration, limit int64) ([]byte, string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "show", "-no-color", "-json", abs)
	cmd.Dir = dir
	cmd.WaitDelay = pipeGrace
	stdout := &cappedBuffer{limit: limit, onFull: cancel}
	stderr := &cappedBuffer{limit: 64 << 10}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	name := filepath.Base(bin)
	switch {
	case stdout.full:
		return nil, "", &InputError{Path: abs, Problem: fmt.Sprintf("%s show -json printed more than %d MiB, the limit for a plan", name, limit>>20),
			Hint: fmt.Sprintf("if the plan really is that large, raise the limit with %s=<MiB>", MaxInputEnv)}
	case ctx.Err() == context.DeadlineExceeded:
		return nil, "", &InputError{Path: abs, Problem: fmt.Sprintf("%s show -json did not finish within %s", name, timeout),
			Hint: fmt.Sprintf("check that %s runs on its own in %s (a lock, a prompt); give it longer with %s=10m", name, dir, ShowTimeoutEnv)}
	case errors.Is(err, exec.ErrWaitDelay) && cmd.ProcessState != nil && cmd.ProcessState.Success():
		err = nil // it exited and printed the plan; a child of its kept stdout open
	}
	if err == nil {
		return stdout.buf.Bytes(), "", nil
	}
	detail := strings.TrimSpace(stderr.buf.String())
	var exitErr *exec.ExitError
	switch {
	case !errors.As(err, &exitErr):
		detail = err.Error()
	case detail == "":
		detail = fmt.Sprintf("exited with status %d and printed nothing", exitErr.ExitCode())
	}
	return nil, detail, err
}

// cappedBuffer keeps what is written up to limit bytes; past it, it stops (calling onFull, which
// stops the process) and fails the write.
type cappedBuffer struct {
	buf    bytes.Buffer
	limit  int64
	full   bool
	onFull func()
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if int64(c.buf.Len()+len(p)) > c.limit {
		if c.onFull == nil { // stderr: keep the start, drop the rest quietly
			c.buf.Write(p[:max(0, int(c.limit)-c.buf.Len())])
			return len(p), nil
		}
		c.full = true
		c.onFull()
		return 0, errors.New("output limit reached")
	}
	return c.buf.Write(p)
}

func firstLines(s string, n int) string {
	var kept []string
	for _, l := range strings.Split(s, "\n") {
		// Escape sequences from a binary's stderr must not reach the terminal raw.
		if l = strings.TrimSpace(strings.Trim(finding.Printable(l), "│╷╵ ")); l != "" {
			kept = append(kept, l)
		}
	}
	if len(kept) > n {
		kept = append(kept[:n], "…")
	}
	return strings.Join(kept, " ")
}
