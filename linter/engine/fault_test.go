package engine_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// TestPlanTruncatedBeforeRules: a large plan is mapped, and rules read its values from the file's
// pages after loading. When the file is truncated between loading and the rules, the fault a
// rule hits is passed on as the plan's (cli.App.Run makes it exit 2 naming the file), not
// reported as a bug in the rule, and not a SIGBUS crash.
func TestPlanTruncatedBeforeRules(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.json")
	var b bytes.Buffer
	b.WriteString(`{"format_version":"1.2","resource_changes":[`)
	for i := 0; b.Len() < 12<<20; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"address":"aws_lambda_function.f%d","type":"aws_lambda_function","name":"f%d","mode":"managed","change":{"actions":["create"],"after":{"function_name":"f%d","timeout":%d,"memory_size":128,"description":"%s"}}}`,
			i, i, i, i%900+1, strings.Repeat("x", 200))
	}
	b.WriteString(`]}`)
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))

	p, err := plan.Load(path)
	require.NoError(t, err)
	g := graph.New(p)
	require.NoError(t, os.Truncate(path, 0))

	var res engine.Result
	recovered := func() (r any) {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() { r = recover() }()
		res = engine.Run(g, rules.All(), engine.Config{})
		return nil
	}()
	require.NotNil(t, recovered, "rules read the truncated mapping: that must fault (errors: %v)", res.Errors)
	ie, ok := plan.ChangedWhileRead(recovered)
	require.True(t, ok, "%v", recovered)
	assert.Equal(t, path, ie.Path)
	assert.Contains(t, ie.Problem, "truncated or rewritten while hybridlint read it")
}
