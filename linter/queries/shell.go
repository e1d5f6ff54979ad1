package queries

import (
	"strconv"
	"strings"
	"unicode"
)

// The commands are POSIX shell. Every value that comes from a plan (a function name, a project,
// a resource id, an address in a comment) is quoted here, so that a name with spaces, quotes, $,
// backquotes or newlines reaches the CLI as one argument and never runs as a command.

// quote returns s as one shell word: bare when it holds only characters no shell treats
// specially (and does not start with =, which zsh expands to a command's path), else in single quotes, where each single quote inside is closed, escaped with a
// backslash and reopened.
func quote(s string) string {
	if s != "" && s[0] != '=' && strings.IndexFunc(s, func(r rune) bool { return !plainRune(r) }) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// plainRune reports whether r needs no quoting anywhere in a word.
func plainRune(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_-./:,@%+=", r))
}

// commentText makes s safe inside a # comment: a newline in a for_each key would otherwise end
// the comment and run the rest as a command. Control characters are written as Go escapes.
func commentText(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' }) < 0 {
		return s
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// filterString is s as a string literal of a Cloud Monitoring filter, which escapes " and \ with
// a backslash.
func filterString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
