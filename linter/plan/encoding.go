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

// decodeText returns data as UTF-8 without a byte-order mark, and whether the result is a decoded
// copy rather than a part of data. Windows PowerShell's `>` writes UTF-16LE with a BOM; some
// editors add a UTF-8 BOM. Both are accepted, as is UTF-16 without a BOM when the zero bytes give
// it away. UTF-32 is recognised and refused with a message that says so.
func decodeText(data []byte) (text []byte, copied bool, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], false, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}),
		len(data) >= 4 && data[0] != 0 && data[1] == 0 && data[2] == 0 && data[3] == 0,
		len(data) >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] != 0:
		return nil, false, errors.New("this file is UTF-32 text, which hybridlint does not read: write it as UTF-8 (or UTF-16)")
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
		return nil, false, errors.New("this is not a text file (it holds binary data)")
	}
	return data, false, nil
}

// DecodeText is decodeText for the other inputs read as text (metrics exports): UTF-8 with or
// without a byte-order mark, or UTF-16 as Windows PowerShell's `>` writes it.
func DecodeText(data []byte) ([]byte, error) {
	text, _, err := decodeText(data)
	return text, err
}

func utf16(data []byte, order unicode.Endianness) ([]byte, bool, error) {
	if len(data)%2 != 0 {
		return nil, false, errors.New("the file looks like UTF-16 but has an odd number of bytes: it looks truncated or is not UTF-16")
	}
	out, err := unicode.UTF16(order, unicode.UseBOM).NewDecoder().Bytes(data)
	if err != nil {
		return nil, false, errors.New("the file looks like UTF-16 but does not decode: " + err.Error())
	}
	return bytes.TrimPrefix(out, []byte{0xEF, 0xBB, 0xBF}), true, nil
}
