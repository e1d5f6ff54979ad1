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
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

const examplePlansGolden = "testdata/exampleplans.golden"

// TestExamplePlans keeps `make demo` honest: every rule runs on every plan in examples/plans (with
// the example usage file) without failing, each plan has something to show, and the findings are
// those of the golden file, so a change shows up in review as its diff
// (`go test ./rules -run TestExamplePlans -update`). A new rule needs no example plan: its page
// shows it at work on the example in its own file.
func TestExamplePlans(t *testing.T) {
	files, err := filepath.Glob("../examples/plans/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	traffic, err := usage.Load("../examples/usage/economics.yml")
	require.NoError(t, err)
	settings := exampleSettings
	settings.Usage = traffic

	var lines []string
	for _, f := range files {
		p, err := plan.Load(f)
		require.NoError(t, err)
		res := engine.Run(graph.New(p), rules.All(), engine.Config{Settings: settings})
		require.Empty(t, res.Errors, f)
		require.NotEmpty(t, res.Findings, "%s shows no finding in make demo", f)
		name := filepath.Base(f)
		for _, fd := range res.Findings {
			lines = append(lines, fmt.Sprintf("%s: %s %s %s: %s", name, fd.Severity, fd.Rule, fd.Address, fd.Message))
		}
	}
	sort.Strings(lines)
	got := strings.Join(lines, "\n") + "\n"
	if *update {
		require.NoError(t, os.WriteFile(examplePlansGolden, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(examplePlansGolden)
	require.NoError(t, err, "run: go test ./rules -run TestExamplePlans -update")
	require.Equal(t, string(want), got, "findings on examples/plans changed: review them, then go test ./rules -run TestExamplePlans -update")
}
