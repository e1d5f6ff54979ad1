package plan_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// An output that is one of the inputs, by name, by another path or through a link, is refused with
// a message naming the flag, the input and what to do; anything else is no conflict.
func TestRefuseOverwrite(t *testing.T) {
	dir := t.TempDir()
	planFile := filepath.Join(dir, "plan.json")
	other := filepath.Join(dir, "report.json")
	require.NoError(t, os.WriteFile(planFile, []byte("{}"), 0o644))
	require.NoError(t, os.WriteFile(other, []byte("{}"), 0o644))
	link := filepath.Join(dir, "link.json")
	require.NoError(t, os.Symlink(planFile, link))
	hard := filepath.Join(dir, "hard.json")
	require.NoError(t, os.Link(planFile, hard))
	inputs := map[string]string{planFile: "the plan", "-": "stdin", "": "nothing"}

	tests := []struct {
		name, output string
		refused      bool
	}{
		{"the plan by its name", planFile, true},
		{"the plan by another path", filepath.Join(dir, ".", "sub", "..", "plan.json"), true},
		{"a symbolic link to the plan", link, true},
		{"a hard link to the plan", hard, true},
		{"another existing file", other, false},
		{"a file that does not exist yet", filepath.Join(dir, "new.json"), false},
		{"stdout", "-", false},
		{"no output", "", false},
	}
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := plan.RefuseOverwrite("--output", tt.output, inputs)
			if !tt.refused {
				assert.NoError(t, err)
				return
			}
			var ie *plan.InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tt.output, ie.Path)
			assert.Equal(t, "--output would overwrite the plan "+planFile, ie.Problem)
			assert.Contains(t, ie.Hint, "never changes its inputs")
		})
	}
}
