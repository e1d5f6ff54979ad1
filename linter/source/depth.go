package source

import "bytes"

// MaxNesting is how deeply brackets, template interpolations and chained operators may nest in
// an HCL file (configuration, .tf, .tf.json). The HCL parsers recurse once per level, at about
// 10 KB of stack each, so a crafted file nested 100,000 levels deep exhausts the stack, which is a
// crash that cannot be recovered. Real configurations nest a few dozen levels.
const MaxNesting = 1000

// TooDeep reports the line at which src nests more than MaxNesting levels deep, and whether it
// does. It reads src as HCL native syntax (which also covers JSON): it follows strings, their
// ${ } and %{ } templates, heredocs and comments, counts every bracket, and counts each unary
// operator and conditional as a level, since the parser recurses on those too. It errs towards
// counting more, never fewer, levels than the parser makes.
func TooDeep(src []byte) (int, bool) {
	const (
		code = iota
		str
		heredoc
	)
	stack := []byte{code}
	var markers [][]byte // the closing marker of each open heredoc, innermost last
	line, ops := 1, 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			line++
		}
		if top := stack[len(stack)-1]; top == heredoc {
			switch {
			case c == '\n' && bytes.Equal(bytes.TrimSpace(src[i+1:lineEnd(src, i+1)]), markers[len(markers)-1]):
				stack, markers = stack[:len(stack)-1], markers[:len(markers)-1]
				i = lineEnd(src, i+1) - 1
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				i++
				stack = append(stack, code)
			}
		} else if top == str {
			switch {
			case c == '\\':
				i++
			case c == '"':
				stack = stack[:len(stack)-1]
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				i++
				stack = append(stack, code)
			}
		} else {
			switch c {
			case '"':
				stack = append(stack, str)
			case '{', '[', '(':
				stack = append(stack, code)
			case '}', ']', ')':
				if len(stack) > 1 {
					stack = stack[:len(stack)-1]
				}
				ops = 0
			case '<':
				if m, end := heredocStart(src, i); m != nil {
					stack, markers = append(stack, heredoc), append(markers, m)
					i = end - 1 // the newline, counted as the loop goes on
				}
			case '!', '-', '?':
				ops++
			case '\n':
				ops = 0
			case '#':
				i = lineEnd(src, i) - 1
			case '/':
				switch {
				case i+1 < len(src) && src[i+1] == '/':
					i = lineEnd(src, i) - 1
				case i+1 < len(src) && src[i+1] == '*':
					end := bytes.Index(src[i+2:], []byte("*/"))
					if end < 0 {
						return 0, false // the parser reports the unclosed comment
					}
					line += bytes.Count(src[i:i+2+end], []byte{'\n'})
					i += end + 3
				}
			}
		}
		if len(stack)+ops > MaxNesting {
			return line, true
		}
	}
	return 0, false
}

func lineEnd(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// heredocStart recognises `<<ID` or `<<-ID` at i, followed by the end of the line: it returns the
// marker ID and the index of that newline.
func heredocStart(src []byte, i int) ([]byte, int) {
	j := i + 2
	if j > len(src) || src[i+1] != '<' {
		return nil, 0
	}
	if j < len(src) && src[j] == '-' {
		j++
	}
	start := j
	for j < len(src) && (src[j] == '_' || src[j] == '-' || src[j] >= '0' && src[j] <= '9' || src[j]|0x20 >= 'a' && src[j]|0x20 <= 'z') {
		j++
	}
	end := lineEnd(src, j)
	if j == start || len(bytes.TrimSpace(src[j:end])) > 0 || end == len(src) {
		return nil, 0
	}
	return src[start:j], end
}
