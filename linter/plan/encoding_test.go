package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/unicode"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// DecodeText reads each encoding a shell or an editor writes a JSON export in, and names the ones
// it refuses; each row is one case of its detection (a byte-order mark, or the zero bytes of
// UTF-16 and UTF-32 without one).
func TestDecodeText(t *testing.T) {
	utf16 := func(order unicode.Endianness, bom unicode.BOMPolicy, s string) []byte {
		b, err := unicode.UTF16(order, bom).NewEncoder().Bytes([]byte(s))
		require.NoError(t, err)
		return b
	}
	const text = `{"é":1}`
	tests := []struct {
		name string
		in   []byte
		want string // the decoded text, when err is ""
		err  string
	}{
		{"UTF-8", []byte(text), text, ""},
		{"UTF-8 with a byte-order mark", append([]byte{0xEF, 0xBB, 0xBF}, text...), text, ""},
		{"UTF-16 LE with a mark (PowerShell's >)", utf16(unicode.LittleEndian, unicode.UseBOM, text), text, ""},
		{"UTF-16 BE with a mark", utf16(unicode.BigEndian, unicode.UseBOM, text), text, ""},
		{"UTF-16 LE without a mark", utf16(unicode.LittleEndian, unicode.IgnoreBOM, text), text, ""},
		{"UTF-16 BE without a mark", utf16(unicode.BigEndian, unicode.IgnoreBOM, text), text, ""},
		{"UTF-32 LE with a mark", []byte{0xFF, 0xFE, 0, 0, '{', 0, 0, 0}, "", "UTF-32"},
		{"UTF-32 BE with a mark", []byte{0, 0, 0xFE, 0xFF, 0, 0, 0, '{'}, "", "UTF-32"},
		{"UTF-32 LE without a mark", []byte{'{', 0, 0, 0, '}', 0, 0, 0}, "", "UTF-32"},
		{"UTF-32 BE without a mark", []byte{0, 0, 0, '{', 0, 0, 0, '}'}, "", "UTF-32"},
		// Four bytes are enough to tell; three are not (and a zero byte makes them binary).
		{"UTF-32 LE without a mark, one character", []byte{'{', 0, 0, 0}, "", "UTF-32"},
		{"UTF-32 BE without a mark, one character", []byte{0, 0, 0, '{'}, "", "UTF-32"},
		{"UTF-16 LE without a mark, two characters", []byte{'{', 0, '}', 0}, "{}", ""},
		{"UTF-16 BE without a mark, two characters", []byte{0, '{', 0, '}'}, "{}", ""},
		{"three bytes with zeros", []byte{'{', 0, 0}, "", "not a text file"},
		{"UTF-16 cut to an odd length", utf16(unicode.LittleEndian, unicode.UseBOM, text)[:7], "", "odd number of bytes"},
		{"binary data", []byte{'{', 0xFF, 0x00, 0x01, 0x02}, "", "not a text file"},
		{"short text", []byte("{}"), "{}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := plan.DecodeText(tt.in)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got))
		})
	}
}
