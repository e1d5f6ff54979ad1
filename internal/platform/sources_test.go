package platform

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sourceTag is a bare "[S12]"-style reference to a list of sources kept outside the repository.
var sourceTag = regexp.MustCompile(`\[S[0-9]+\]`)

// TestSourceTagPattern pins what counts as a tag, so the repository scan below cannot pass by
// matching nothing.
func TestSourceTagPattern(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Source: [S4] configuration-timeout.html", true},
		{"[S1][S5]", true},
		{"Source: [S123].", true},
		{"Source: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html", false},
		{"AWS S3 bucket", false},
		{"[S] or [Sx]", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, sourceTag.MatchString(tt.text), tt.text)
	}
}

// TestNoSourceTags fails when a source is cited as an "[Sxx]" tag anywhere in the repository's
// code, docs or test data: a tag points at a document the repository does not hold, so a reader
// cannot check the number. Cite the URL (or a repository file with a URL to it) instead.
// Test files are skipped, since tests may spell a tag to check this very rule.
func TestNoSourceTags(t *testing.T) {
	root := filepath.Join("..", "..")
	_, err := os.Stat(filepath.Join(root, "go.mod"))
	require.NoError(t, err, "the repository root is expected two levels above internal/platform")

	var found []string
	scanned := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "bin", "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, "_test.go") || !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		scanned++
		for i, line := range strings.Split(string(data), "\n") {
			if sourceTag.MatchString(line) {
				found = append(found, path+":"+strconv.Itoa(i+1)+": "+strings.TrimSpace(line))
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, scanned, 100, "the scan should cover the whole repository")
	assert.Empty(t, found, "replace each [Sxx] tag with the URL of its source")
}
