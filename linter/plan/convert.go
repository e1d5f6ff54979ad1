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

// Convert turns a binary plan file into its JSON by running `<tf> show -json FILE`, the way a
// user would. tfBin names the binary (--tf-bin); when empty, terraform and then tofu are looked
// up on PATH. dir is the working directory Terraform needs (the initialised configuration).
func Convert(ctx context.Context, path, tfBin, dir string) ([]byte, error) {
	bin := tfBin
	if bin == "" {
		for _, name := range []string{"terraform", "tofu"} {
			if p, err := exec.LookPath(name); err == nil {
				bin = p
				break
			}
		}
	}
	if bin == "" {
		return nil, &InputError{Path: path, Problem: "this is a binary plan file, and neither terraform nor tofu is on PATH to convert it",
			Hint: "give the binary with --tf-bin, or convert it yourself: terraform show -json " + path + " > plan.json"}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("resolving %s: %w", path, err)
	}
	cmd := exec.CommandContext(ctx, bin, "show", "-json", abs)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		detail := strings.TrimSpace(stderr.String())
		if !errors.As(err, &exitErr) {
			detail = err.Error()
		}
		return nil, &InputError{Path: path, Problem: fmt.Sprintf("%s show -json failed: %s", filepath.Base(bin), firstLines(detail, 6)),
			Hint: "run it from the configuration's directory after terraform init (or pass --chdir DIR), or convert the plan yourself: terraform show -json " + path + " > plan.json"}
	}
	return stdout.Bytes(), nil
}

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n  ")
}
