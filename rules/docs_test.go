package rules_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/ruledoc"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules and golden files instead of comparing")

const docsDir = "../docs/rules"

// TestDocs checks that docs/rules (one page per rule, generated from the rule's metadata and a run
// of the rule on its example plan, and the index) is what ruledoc renders today.
// `go test ./rules -run TestDocs -update` (make docs) rewrites it.
func TestDocs(t *testing.T) {
	docs, err := engine.Documentation(rules.All())
	require.NoError(t, err)
	pages, err := ruledoc.Pages(docs)
	require.NoError(t, err)
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
