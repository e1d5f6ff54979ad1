package plan

import (
	"bytes"
	"errors"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// IsBinaryPlan reports whether data is a saved plan file (a zip archive) rather than its JSON.
func IsBinaryPlan(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// decodeText returns data as UTF-8 without a byte-order mark. Windows PowerShell's `>` writes
// UTF-16LE with a BOM; some editors add a UTF-8 BOM. Both are accepted, as is UTF-16 without a BOM
// when the zero bytes give it away.
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return utf16(data, unicode.LittleEndian)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return utf16(data, unicode.BigEndian)
	case len(data) >= 4 && data[0] != 0 && data[1] == 0 && data[3] == 0:
		return utf16(data, unicode.LittleEndian)
	case len(data) >= 4 && data[0] == 0 && data[1] != 0 && data[2] == 0:
		return utf16(data, unicode.BigEndian)
	}
	if !utf8.Valid(data[:min(len(data), 4096)]) || bytes.IndexByte(data[:min(len(data), 4096)], 0) >= 0 {
		return nil, errors.New("this is not a text file (it holds binary data)")
	}
	return data, nil
}

func utf16(data []byte, order unicode.Endianness) ([]byte, error) {
	out, err := unicode.UTF16(order, unicode.UseBOM).NewDecoder().Bytes(data)
	if err != nil {
		return nil, errors.New("the file looks like UTF-16 but does not decode: " + err.Error())
	}
	return bytes.TrimPrefix(out, []byte{0xEF, 0xBB, 0xBF}), nil
}
