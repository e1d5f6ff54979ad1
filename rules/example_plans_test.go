package rules_test

import (
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// TestExamplePlansShowEveryRule keeps the promise of `make demo`: across the example plans in
// examples/plans (with the example usage file), every rule fires at least once.
func TestExamplePlansShowEveryRule(t *testing.T) {
	files, err := filepath.Glob("../examples/plans/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	traffic, err := usage.Load("../examples/usage/economics.yml")
	require.NoError(t, err)
	settings := exampleSettings
	settings.Usage = traffic

	fired := map[string]int{}
	for _, f := range files {
		p, err := plan.Load(f)
		require.NoError(t, err)
		res := engine.Run(graph.New(p), rules.All(), engine.Config{Settings: settings})
		require.Empty(t, res.Errors, f)
		for _, fd := range res.Findings {
			fired[fd.Rule]++
		}
	}
	var silent []string
	for _, r := range rules.All() {
		if fired[r.Name] == 0 {
			silent = append(silent, r.Name)
		}
	}
	sort.Strings(silent)
	require.Empty(t, silent, "rules that no example plan shows: add an example to examples/plans")
}
