package plan

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMaxInputSizeBounds(t *testing.T) {
	const refused = `HYBRIDLINT_MAX_INPUT_MB=%q: not a size in MiB between 1 and 1073741824 (unset it for the default, 1024)`
	tests := []struct {
		env  string
		want int64
		err  string
	}{
		{env: "", want: 1024 << 20},
		{env: "0", err: `"0"`},
		{env: "1", want: 1 << 20},
		{env: "2", want: 2 << 20},
		{env: "1073741823", want: (1<<30 - 1) << 20},
		{env: "1073741824", want: 1 << 50},
		{env: "1073741825", err: `"1073741825"`},
		{env: "-1", err: `"-1"`},
		{env: "1.5", err: `"1.5"`},
	}
	for _, tt := range tests {
		got, err := MaxInputSize(func(name string) string {
			require.Equal(t, MaxInputEnv, name)
			return tt.env
		})
		if tt.err != "" {
			assert.EqualError(t, err, strings.Replace(refused, "%q", tt.err, 1), tt.env)
			continue
		}
		require.NoError(t, err, tt.env)
		assert.Equal(t, tt.want, got, tt.env)
	}
}

func TestReadAllStopsPastTheLimit(t *testing.T) {
	for _, n := range []int{0, 99, 100} {
		data, err := ReadAll("in.json", bytes.NewReader(make([]byte, n)), "a plan", 100)
		require.NoError(t, err, n)
		assert.Len(t, data, n)
	}
	_, err := ReadAll("in.json", bytes.NewReader(make([]byte, 101)), "a plan", 100)
	assert.EqualError(t, err, "in.json: larger than the 0 MiB limit for a plan\n  check that this is the right file")
}

func TestTooLargeHint(t *testing.T) {
	assert.Equal(t, "check that this is the right file", TooLarge("f", "a baseline", SmallInputMax).Hint,
		"a limit no larger than the small-input cap is not raised by the variable")
	assert.Equal(t, "if it really is a plan, raise the limit with HYBRIDLINT_MAX_INPUT_MB=<MiB> (now 65)",
		TooLarge("f", "a plan", SmallInputMax+1<<20).Hint)
	assert.Equal(t, "larger than the 1024 MiB limit for a plan", TooLarge("f", "a plan", 1024<<20).Problem)
}

func TestReadSmallFileAtItsLimit(t *testing.T) {
	t.Parallel() // slow: runs alongside the other slow tests
	dir := t.TempDir()
	sized := func(name string, size int64) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		require.NoError(t, err)
		require.NoError(t, f.Truncate(size)) // sparse: no 64 MiB written to disk
		require.NoError(t, f.Close())
		return path
	}
	data, err := ReadSmallFile(sized("at.yml", SmallInputMax), "a baseline")
	require.NoError(t, err)
	assert.Len(t, data, SmallInputMax)
	path := sized("above.yml", SmallInputMax+1)
	_, err = ReadSmallFile(path, "a baseline")
	assert.EqualError(t, err, path+": larger than the 64 MiB limit for a baseline\n  check that this is the right file")
}

func TestLoadRefusesAPlanAboveTheLimit(t *testing.T) {
	t.Setenv(MaxInputEnv, "1")
	dir := t.TempDir()
	for _, tt := range []struct {
		size     int64
		tooLarge bool
	}{{1<<20 - 1, false}, {1 << 20, false}, {1<<20 + 1, true}} {
		path := filepath.Join(dir, "plan.json")
		require.NoError(t, os.WriteFile(path, nil, 0o600))
		require.NoError(t, os.Truncate(path, tt.size))
		_, err := Load(path)
		require.Error(t, err, tt.size) // zeros are not a plan either way
		if tt.tooLarge {
			assert.EqualError(t, err, path+": larger than the 1 MiB limit for a plan\n  check that this is the right file")
		} else {
			assert.NotContains(t, err.Error(), "larger than", tt.size)
		}
	}
}
