package finding

import "strings"

// Printable drops control characters (C0 including line breaks, DEL, C1) from one line of text that comes from outside: a
// suppression reason, a binary's error message. Reports print it, and an escape sequence must not
// reach a terminal raw.
func Printable(text string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return -1
		}
		return r
	}, text)
}
