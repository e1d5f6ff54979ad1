package finding

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"migrating -- ticket 42":              "migrating -- ticket 42",
		"\x1b]0;owned\a\x1b[31mred\x1b[0m":    "]0;owned[31mred[0m",
		"two\nlines\r":                        "twolines",
		"C1 \u009b31m csi, DEL \x7f, é and ✓": "C1 31m csi, DEL , é and ✓",
	} {
		assert.Equal(t, want, Printable(in), "%q", in)
	}
}
