package plan_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/benchmark"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// ResidentBytes is the resource_changes member of a mapped plan, whose pages rules bring back,
// and the whole input of one read into memory.
func TestResidentBytes(t *testing.T) {
	dir := t.TempDir()
	file := func(data []byte) string {
		f, err := os.CreateTemp(dir, "*.json")
		require.NoError(t, err)
		_, err = f.Write(data)
		require.NoError(t, err)
		require.NoError(t, f.Close())
		return f.Name()
	}
	write := func(modules int) (string, []byte) {
		var buf bytes.Buffer
		require.NoError(t, benchmark.ManyModules(&buf, modules))
		return file(buf.Bytes()), buf.Bytes()
	}
	changesLength := func(data []byte) int64 {
		start := bytes.Index(data, []byte(`"resource_changes":`)) + len(`"resource_changes":`)
		end := bytes.Index(data, []byte(`,"configuration":`))
		require.Positive(t, start)
		require.Greater(t, end, start)
		return int64(end - start)
	}
	large, largeData := write(2000) // above the 8 MiB from which a plan is mapped, without resource_changes too
	small, smallData := write(10)
	require.Greater(t, len(largeData), 8<<20)
	// Without resource_changes, the values are read from planned_values.
	changesAt := bytes.Index(largeData, []byte(`,"resource_changes":`))
	plannedAt := bytes.Index(largeData, []byte(`"planned_values":`)) + len(`"planned_values":`)
	plannedOnly := append(largeData[:changesAt:changesAt], largeData[bytes.Index(largeData, []byte(`,"configuration":`)):]...)
	require.Greater(t, len(plannedOnly), 8<<20)
	noChanges := file(plannedOnly)

	for _, tc := range []struct {
		name string
		load func() (*plan.Plan, error)
		want int64
	}{
		{"mapped: resource_changes", func() (*plan.Plan, error) { return plan.Load(large) }, changesLength(largeData)},
		{"mapped, no resource_changes: planned_values", func() (*plan.Plan, error) { return plan.Load(noChanges) }, int64(changesAt - plannedAt)},
		{"read into memory: all of it", func() (*plan.Plan, error) { return plan.Load(small) }, int64(len(smallData))},
		{"parsed from bytes: all of them", func() (*plan.Plan, error) { return plan.Parse("large.json", largeData) }, int64(len(largeData))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.load()
			require.NoError(t, err)
			assert.Equal(t, tc.want, p.ResidentBytes())
		})
	}
}
