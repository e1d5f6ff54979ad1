package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

// TestChangedIsOneDefinition runs the CLI on a plan whose functions are created, updated,
// replaced, deleted and left alone, each with a timeout at Lambda's cap: the JSON `changed` field
// and --only-changed must agree on every finding (graph.Changed is the one definition).
func TestChangedIsOneDefinition(t *testing.T) {
	fn := func(name string, actions ...string) plantest.Resource {
		r := plantest.LambdaFunction("aws_lambda_function."+name, "python3.12", map[string]any{"timeout": 900})
		r.Actions = actions
		return r
	}
	dir := t.TempDir()
	planJSON := plantest.New().Add(
		fn("created", "create"),
		fn("updated", "update"),
		fn("replaced", "delete", "create"),
		fn("deleted", "delete"),
		fn("unchanged", "no-op"),
	).JSON()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plan.json"), planJSON, 0o644))
	onlyRules(t, dir, "", "aws_lambda_timeout_near_limit")

	changed := map[string]bool{}
	full := run(t, dir, nil, "--format", "json", "plan.json")
	require.NotEqual(t, 2, full.code, full.stderr)
	all := decode(t, full.stdout)
	for _, f := range all.Findings {
		changed[f.Address] = f.Changed
	}
	assert.Equal(t, map[string]bool{
		"aws_lambda_function.created":   true,
		"aws_lambda_function.updated":   true,
		"aws_lambda_function.replaced":  true,
		"aws_lambda_function.unchanged": false,
	}, changed, "a function being deleted gets no timing finding; the no-op one is not changed")

	res := run(t, dir, nil, "--only-changed", "--format", "json", "plan.json")
	require.NotEqual(t, 2, res.code, res.stderr)
	var kept []string
	for _, f := range decode(t, res.stdout).Findings {
		assert.True(t, f.Changed, "--only-changed keeps only findings marked changed: %s", f.Address)
		kept = append(kept, f.Address)
	}
	assert.ElementsMatch(t, []string{"aws_lambda_function.created", "aws_lambda_function.updated",
		"aws_lambda_function.replaced"}, kept, "--only-changed keeps exactly the findings marked changed")
}
