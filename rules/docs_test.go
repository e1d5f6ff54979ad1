package rules_test

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/ruledoc"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules and golden files instead of comparing")

const (
	docsDir = "../docs/rules"
	// repoRoot is where the rule pages' commands run from, and where ruledoc.ExampleFiles' paths start.
	repoRoot = ".."
)

// TestDocs checks that docs/rules (one page per rule, generated from the rule's metadata and a run
// of the rule on its example plan, and the index) and examples/rules (each page's example, whole,
// to run as the page shows) are what ruledoc renders today.
// `go test ./rules -run TestDocs -update` (make docs) rewrites them.
func TestDocs(t *testing.T) {
	docs, err := engine.Documentation(rules.All())
	require.NoError(t, err)
	pages, err := ruledoc.Pages(docs)
	require.NoError(t, err)
	checkExampleFiles(t, ruledoc.ExampleFiles(docs))
	if *update {
		require.NoError(t, os.MkdirAll(docsDir, 0o755))
		old, _ := filepath.Glob(filepath.Join(docsDir, "*.md"))
		for _, f := range old {
			if _, keep := pages[filepath.Base(f)]; !keep {
				require.NoError(t, os.Remove(f))
			}
		}
		for name, page := range pages {
			require.NoError(t, os.WriteFile(filepath.Join(docsDir, name), []byte(page), 0o644))
		}
		return
	}
	for name, page := range pages {
		got, err := os.ReadFile(filepath.Join(docsDir, name))
		require.NoErrorf(t, err, "docs/rules/%s is missing: run make docs", name)
		require.Equalf(t, page, string(got), "docs/rules/%s is stale: run make docs", name)
	}
	files, _ := filepath.Glob(filepath.Join(docsDir, "*.md"))
	for _, f := range files {
		_, ok := pages[filepath.Base(f)]
		require.Truef(t, ok, "docs/rules/%s belongs to no rule: run make docs", filepath.Base(f))
	}
}

// checkExampleFiles checks examples/rules against files (keyed by their path from the repository
// root), or rewrites it with -update: a stale, missing or orphaned file fails.
func checkExampleFiles(t *testing.T, files map[string]string) {
	t.Helper()
	dir := filepath.Join(repoRoot, filepath.FromSlash(ruledoc.ExampleDir("")))
	if *update {
		require.NoError(t, os.RemoveAll(dir))
		for name, content := range files {
			file := filepath.Join(repoRoot, filepath.FromSlash(name))
			require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
			require.NoError(t, os.WriteFile(file, []byte(content), 0o644))
		}
		return
	}
	for name, content := range files {
		got, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(name)))
		require.NoErrorf(t, err, "%s is missing: run make docs", name)
		require.Equalf(t, content, string(got), "%s is stale: run make docs", name)
	}
	require.NoError(t, filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(repoRoot, file)
		if err != nil {
			return err
		}
		_, ok := files[filepath.ToSlash(rel)]
		require.Truef(t, ok, "%s belongs to no rule's example: run make docs", filepath.ToSlash(rel))
		return nil
	}))
}
