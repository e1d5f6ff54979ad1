package cli_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/cli"
)

// lint tells PlansLoaded what its plans hold resident, summed, once they are loaded: main sizes
// the collector's budget with it.
func TestPlansLoaded(t *testing.T) {
	const a, b = "../../examples/plans/aws-alb-reports.json", "../../examples/plans/aws-auth-contact-center.json"
	var calls []int64
	var stdout, stderr bytes.Buffer
	app := &cli.App{Version: "test", Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" },
		PlansLoaded: func(resident int64) { calls = append(calls, resident) }}
	code := app.Run("hybridlint", []string{"lint", "--no-config", "--fail-on", "none", a, b})
	require.Equal(t, cli.ExitClean, code, stderr.String())
	infoA, err := os.Stat(a)
	require.NoError(t, err)
	infoB, err := os.Stat(b)
	require.NoError(t, err)
	// Small files are read into memory: all of each stays resident.
	assert.Equal(t, []int64{infoA.Size() + infoB.Size()}, calls)
}
