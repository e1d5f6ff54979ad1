package plan_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/benchmark"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// TestLoadMappedAgreesWithParse checks that a file large enough to be mapped, whose skipped
// members are released to the OS while scanning, loads exactly as the same bytes do with Parse.
func TestLoadMappedAgreesWithParse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, benchmark.Write(f, benchmark.Shape{Modules: 25, InstancesPer: 5, ResourcesPer: 20, PolicyBytes: 3000}))
	require.NoError(t, f.Close())
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Greater(t, info.Size(), int64(8<<20), "the fixture must be large enough to be mapped")

	loaded, err := plan.Load(path)
	require.NoError(t, err)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	parsed, err := plan.Parse(path, data)
	require.NoError(t, err)

	require.Len(t, loaded.Changes, len(parsed.Changes))
	for i := range parsed.Changes {
		assert.Equal(t, parsed.Changes[i].Address, loaded.Changes[i].Address)
		assert.Equal(t, string(parsed.Changes[i].After), string(loaded.Changes[i].After))
		want, got := parsed.Changes[i].Values().Get("timeout"), loaded.Changes[i].Values().Get("timeout")
		assert.Equal(t, want.State, got.State)
		assert.Equal(t, want.V, got.V)
	}
	assert.Equal(t, len(parsed.Config.ModuleCalls), len(loaded.Config.ModuleCalls))
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := plan.Load(filepath.Join(dir, "missing.json"))
	assert.ErrorContains(t, err, "no such file")
	_, err = plan.Load(dir)
	assert.ErrorContains(t, err, "is a directory")

	// A path that cannot be opened for another reason than its absence says why.
	file := filepath.Join(dir, "plan.json")
	require.NoError(t, os.WriteFile(file, []byte("{}"), 0o644))
	_, err = plan.Load(filepath.Join(file, "x"))
	var ie *plan.InputError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "cannot open: open "+filepath.Join(file, "x")+": not a directory", ie.Problem)
}
