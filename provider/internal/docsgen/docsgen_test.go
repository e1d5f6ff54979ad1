package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDocsUpToDate fails when docs/ differs from what the provider's schema and examples/ generate:
// a changed description, attribute or example needs `make docs` and a commit.
func TestDocsUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs tfplugindocs (compiled on first use): skipped with -short")
	}
	root, err := moduleRoot()
	require.NoError(t, err)
	if err := run(context.Background(), root, true, ""); err != nil {
		t.Fatal(err)
	}
}

func TestCompare(t *testing.T) {
	want, have := t.TempDir(), t.TempDir()
	write := func(dir, rel, content string) {
		path := filepath.Join(dir, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	write(want, "index.md", "same")
	write(have, "index.md", "same")
	write(want, "resources/unit.md", "new text")
	write(have, "resources/unit.md", "old text")
	write(want, "functions/monthly_cost.md", "x")
	write(have, "data-sources/gone.md", "x")
	write(have, "rules/some_rule.md", "not ours")
	write(have, "ci.md", "not ours")

	diffs, err := compare(want, have)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"docs/data-sources/gone.md not generated",
		"docs/functions/monthly_cost.md missing",
		"docs/resources/unit.md differs",
	}, diffs)
}
