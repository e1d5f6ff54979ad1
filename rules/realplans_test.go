package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

const realPlansGolden = "testdata/realplans.golden"

// TestRealPlans runs every rule over every real plan in linter/testdata/plans (plans written by
// public projects; see ATTRIBUTION.md there) and compares all findings with a golden file. No rule
// may crash, and every finding on a real plan has been read by a person: a new one shows up in
// review as a diff of the golden file (`go test ./rules -run TestRealPlans -update`).
func TestRealPlans(t *testing.T) {
	files, err := filepath.Glob("../linter/testdata/plans/*.json*")
	require.NoError(t, err)
	enc, err := filepath.Glob("../linter/testdata/plans/encoding/*.json")
	require.NoError(t, err)
	files = append(files, enc...)
	require.NotEmpty(t, files)

	var lines []string
	perRule := map[string]int{}
	for _, path := range files {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		p, err := plan.Parse(path, data)
		require.NoError(t, err)
		res := engine.Run(graph.New(p), rules.All(), engine.Config{Settings: exampleSettings})
		require.Empty(t, res.Errors, "a rule crashed on %s", path)
		name := strings.TrimPrefix(path, "../linter/testdata/plans/")
		for _, f := range res.Findings {
			perRule[f.Rule]++
			lines = append(lines, fmt.Sprintf("%s: %s %s %s: %s", name, f.Severity, f.Rule, f.Address, f.Message))
		}
	}
	sort.Strings(lines)
	got := strings.Join(lines, "\n") + "\n"

	var counts []string
	for _, r := range rules.All() {
		counts = append(counts, fmt.Sprintf("%s=%d", r.Name, perRule[r.Name]))
	}
	t.Logf("findings on %d real plans: %s", len(files), strings.Join(counts, " "))

	if *update {
		require.NoError(t, os.WriteFile(realPlansGolden, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(realPlansGolden)
	require.NoError(t, err, "run: go test ./rules -run TestRealPlans -update")
	require.Equal(t, string(want), got, "findings on real plans changed: review them, then go test ./rules -run TestRealPlans -update")
}
