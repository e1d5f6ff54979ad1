package plan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// Convert turns a binary plan file into its JSON by running `<tf> show -no-color -json FILE`, the
// way a user would. tfBin names the binary (--tf-bin); when empty, terraform and then tofu are
// tried from PATH, the second when the first cannot read the plan (each reads only plans written
// by its own kind and version). dir is the working directory Terraform needs (the initialised
// configuration).
func Convert(ctx context.Context, path, tfBin, dir string) ([]byte, error) {
	var candidates []string
	if tfBin != "" {
		bin, err := exec.LookPath(tfBin)
		if err != nil {
			return nil, &InputError{Path: path, Problem: fmt.Sprintf("--tf-bin %s: no such executable", tfBin),
				Hint: "give the path of a terraform or tofu binary, or convert the plan yourself: terraform show -json " + path + " > plan.json"}
		}
		candidates = []string{bin}
	} else {
		for _, name := range []string{"terraform", "tofu"} {
			if p, err := exec.LookPath(name); err == nil {
				candidates = append(candidates, p)
			}
		}
	}
	if len(candidates) == 0 {
		return nil, &InputError{Path: path, Problem: "this is a binary plan file, and neither terraform nor tofu is on PATH to convert it",
			Hint: "give the binary with --tf-bin, or convert it yourself: terraform show -json " + path + " > plan.json"}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("resolving %s: %w", path, err)
	}
	var failures []string
	versionMismatch := false
	for _, bin := range candidates {
		out, detail, err := show(ctx, bin, abs, dir)
		if err == nil {
			return out, nil
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
	return nil, &InputError{Path: path, Problem: "could not read this binary plan: " + strings.Join(failures, "; "), Hint: hint}
}

// show runs one binary and returns its output, or what it said when it failed.
func show(ctx context.Context, bin, abs, dir string) ([]byte, string, error) {
	cmd := exec.CommandContext(ctx, bin, "show", "-no-color", "-json", abs)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err == nil {
		return stdout.Bytes(), "", nil
	}
	detail := strings.TrimSpace(stderr.String())
	var exitErr *exec.ExitError
	switch {
	case !errors.As(err, &exitErr):
		detail = err.Error()
	case detail == "":
		detail = fmt.Sprintf("exited with status %d and printed nothing", exitErr.ExitCode())
	}
	return nil, detail, err
}

func firstLines(s string, n int) string {
	var kept []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(strings.Trim(l, "│╷╵ ")); l != "" {
			kept = append(kept, l)
		}
	}
	if len(kept) > n {
		kept = append(kept[:n], "…")
	}
	return strings.Join(kept, " ")
}
