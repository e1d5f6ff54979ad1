package source

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

func TestTooDeep(t *testing.T) {
	deep := func(open, close string) string {
		return "a = " + strings.Repeat(open, MaxNesting+1) + "1" + strings.Repeat(close, MaxNesting+1) + "\n"
	}
	for _, tc := range []struct {
		name    string
		src     string
		tooDeep bool
	}{
		{"brackets", deep("[", "]"), true},
		{"parentheses on line 3", "# c\n\n" + deep("(", ")"), true},
		{"objects", deep("{a=", "}"), true},
		{"interpolations", deep(`"${`, `}"`), true},
		{"strings holding closers", "a = " + strings.Repeat(`["]",`, MaxNesting+1), true},
		{"unary operators", "a = " + strings.Repeat("!", MaxNesting+1) + "true\n", true},
		{"conditionals", "a = " + strings.Repeat("x ? 1 : ", MaxNesting+1) + "2\n", true},
		{"blocks", strings.Repeat("b {\n", MaxNesting+1), true},
		{"interpolation in a commented heredoc line", "a = <<EOT\n# ${" + strings.Repeat("[", MaxNesting+1) + "\nEOT\n", true},
		{"brackets in a comment", "# " + strings.Repeat("[", MaxNesting+1) + "\na = 1\n", false},
		{"brackets in a block comment", "/* " + strings.Repeat("[", MaxNesting+1) + " */\na = 1\n", false},
		{"brackets in a string", `a = "` + strings.Repeat("[", MaxNesting+1) + `"`, false},
		{"brackets in a heredoc", "a = <<-EOT\n  " + strings.Repeat("[", MaxNesting+1) + "\n  EOT\nb = 1\n", false},
		{"many attributes", strings.Repeat("a = [x, -1, !y, z ? 1 : 2]\n", 5000), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line, tooDeep := TooDeep([]byte(tc.src))
			assert.Equal(t, tc.tooDeep, tooDeep)
			if tc.name == "parentheses on line 3" {
				assert.Equal(t, 3, line)
			}
		})
	}
}

// TestTooDeepPassesRealConfigurations checks every .tf file in the repository's test data and
// examples: none comes near the limit.
func TestTooDeepPassesRealConfigurations(t *testing.T) {
	n := 0
	for _, root := range []string{"../.."} {
		_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			if strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".hcl") || strings.HasSuffix(path, ".tf.json") {
				src, err := os.ReadFile(path)
				require.NoError(t, err)
				_, tooDeep := TooDeep(src)
				assert.False(t, tooDeep, path)
				n++
			}
			return nil
		})
	}
	assert.Greater(t, n, 10)
}

// TestSnapshotBombIsBounded: a small plan file whose configuration snapshot expands to far more
// than any configuration (here 400 modules of 1 MiB each, listed twice) is read up to the budget,
// with a note, in bounded time.
func TestSnapshotBombIsBounded(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var entries []string
	filler := strings.Repeat(" ", 1<<20)
	for i := 0; i < 400; i++ {
		key := fmt.Sprintf("m%d", i)
		entries = append(entries, fmt.Sprintf(`{"Key":%q,"Source":"./%s","Dir":"%s"}`, key, key, key))
		w, err := zw.Create("tfconfig/m-" + key + "/main.tf")
		require.NoError(t, err)
		_, err = io.WriteString(w, "locals {\n  a = 1\n}\n"+filler)
		require.NoError(t, err)
	}
	w, err := zw.Create("tfconfig/modules.json")
	require.NoError(t, err)
	all := strings.Join(entries, ",")
	_, err = io.WriteString(w, `{"Modules":[`+all+","+all+`]}`)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.Less(t, buf.Len(), 2<<20, "the plan file is small")

	start := time.Now()
	cfg := Load(&plan.Plan{Path: "tf.plan"}, Options{Dir: t.TempDir(), PlanFile: buf.Bytes()})
	assert.Less(t, time.Since(start), 20*time.Second)
	var notes []string
	for _, n := range cfg.Notes {
		notes = append(notes, n.Message)
	}
	assert.Contains(t, notes, "the plan file's configuration snapshot expands to more than 64 MiB, so the rest of it is not read; findings there have no line numbers")
}
