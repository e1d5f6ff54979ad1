package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// releaseTargets is the goos/goarch matrix of .goreleaser.yml's build, without its ignores.
func releaseTargets(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(".goreleaser.yml")
	require.NoError(t, err)
	var cfg struct {
		Builds []struct {
			Goos   []string `yaml:"goos"`
			Goarch []string `yaml:"goarch"`
			Goarm  []string `yaml:"goarm"`
			Ignore []struct {
				Goos   string `yaml:"goos"`
				Goarch string `yaml:"goarch"`
			} `yaml:"ignore"`
		} `yaml:"builds"`
	}
	require.NoError(t, yaml.Unmarshal(data, &cfg))
	require.Len(t, cfg.Builds, 1)
	b := cfg.Builds[0]
	ignored := map[string]bool{}
	for _, i := range b.Ignore {
		ignored[i.Goos+"/"+i.Goarch] = true
	}
	var targets []string
	for _, goos := range b.Goos {
		for _, goarch := range b.Goarch {
			if !ignored[goos+"/"+goarch] {
				targets = append(targets, goos+"/"+goarch)
			}
		}
	}
	return targets
}

// TestReleaseMatrix checks every release target against the ports of the Go that builds the
// release (`go tool dist list`): goreleaser fails on the first one that Go cannot build.
func TestReleaseMatrix(t *testing.T) {
	out, err := exec.Command("go", "tool", "dist", "list").Output()
	require.NoError(t, err)
	ports := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		ports[p] = true
	}
	targets := releaseTargets(t)
	require.NotEmpty(t, targets)
	for _, target := range targets {
		assert.True(t, ports[target], "%s is in .goreleaser.yml but not in `go tool dist list`: add it to ignore", target)
	}
	for _, must := range []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64"} {
		assert.Contains(t, targets, must, "the Action downloads this platform's release")
	}

	// make release-check builds each target (a few minutes; not part of make test).
	if os.Getenv("HYBRIDLINT_RELEASE_BUILD") == "" {
		return
	}
	dir := t.TempDir()
	for _, target := range targets {
		goos, goarch, _ := strings.Cut(target, "/")
		cmd := exec.Command("go", "build", "-trimpath", "-o", filepath.Join(dir, strings.ReplaceAll(target, "/", "_")), ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch)
		b, err := cmd.CombinedOutput()
		assert.NoError(t, err, "%s: %s", target, b)
	}
}
