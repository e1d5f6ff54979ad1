package plan

import (
	"bytes"
	"fmt"
	"unsafe"
)

// scanner walks a JSON document in place. It exists because a plan for a large estate runs to
// hundreds of megabytes and most of it (planned_values, prior_state, resource_drift, the values of
// resources no rule reads) never needs to become Go values: skipping a value is a bracket count,
// an order of magnitude cheaper than encoding/json building maps for it.
type scanner struct {
	data []byte
	pos  int
	// interned holds the strings that recur across instances (modes, types, actions, module
	// addresses), so a plan of 100,000 instances does not hold 100,000 copies of "managed".
	interned map[string]string

	// release hands pages of a mapped file back to the OS (nil when the data is not mapped).
	// Between markKept and releaseBehind, the pages behind the scanner are released as it moves
	// on, a chunk at a time, so a member read once (planned_values, configuration) never has all
	// its pages resident at the same time.
	release func([]byte)
	// kept is the offset below which the pages need not stay resident.
	kept int
	// releasing is set while skip may release pages behind it.
	releasing bool
	// modules are the called modules' configurations read so far, by the hash of their text.
	modules map[uint64][]scannedModule
}

// releaseChunk is how far the scanner moves before handing the pages behind it back.
const releaseChunk = 1 << 20

// releaseBehind releases the pages between the last release and the scanner once they add up to
// a chunk. A released page of the read-only private mapping is read again from the file if a
// value in it is used after all.
func (s *scanner) releaseBehind() {
	if s.release != nil && s.pos-s.kept >= releaseChunk {
		s.release(s.data[s.kept:s.pos])
		s.kept = s.pos
	}
}

// markKept records that the pages up to the scanner's position are to stay resident (values
// that rules read point into them).
func (s *scanner) markKept() { s.kept = s.pos }

// syntaxError is a position in the document and what was wrong there.
type syntaxError struct {
	offset    int
	msg       string
	truncated bool
}

func (e *syntaxError) Error() string { return e.msg }

func (s *scanner) fail(format string, args ...any) error {
	return &syntaxError{offset: s.pos, msg: fmt.Sprintf(format, args...)}
}

func (s *scanner) eof() error {
	return &syntaxError{offset: len(s.data), msg: "unexpected end of file", truncated: true}
}

func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\n', '\r', '\t':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte without consuming it (0 at end of input).
func (s *scanner) peek() byte {
	s.ws()
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

func (s *scanner) expect(c byte) error {
	s.ws()
	if s.pos >= len(s.data) {
		return s.eof()
	}
	if s.data[s.pos] != c {
		return s.fail("expected %q, found %q", c, s.data[s.pos])
	}
	s.pos++
	return nil
}

// stringEnd returns the index just past the closing quote of the string starting at s.pos.
// It finds quotes with bytes.IndexByte (vectorised), which is most of the cost of a plan.
func (s *scanner) stringEnd() (int, error) {
	i := s.pos + 1
	// Most strings are short keys: a plain loop beats the call into IndexByte for those.
	for k := i; k < len(s.data) && k < i+16; k++ {
		switch s.data[k] {
		case '"':
			return k + 1, nil
		case '\\':
			goto long
		}
	}
long:
	for {
		j := bytes.IndexByte(s.data[i:], '"')
		if j < 0 {
			return 0, s.eof()
		}
		end := i + j
		// A quote preceded by an odd number of backslashes is part of the string.
		n := 0
		for k := end - 1; k >= i && s.data[k] == '\\'; k-- {
			n++
		}
		if n%2 == 0 {
			return end + 1, nil
		}
		i = end + 1
	}
}

// rawString consumes a string and returns its contents without the quotes. Unless the string has
// escapes, the result is a view of the document, not a copy.
func (s *scanner) rawString() ([]byte, error) {
	b, _, err := s.rawStringView()
	return b, err
}

// rawStringView is rawString that also says whether the result is a view of the document.
func (s *scanner) rawStringView() ([]byte, bool, error) {
	s.ws()
	if s.pos >= len(s.data) {
		return nil, false, s.eof()
	}
	if s.data[s.pos] != '"' {
		return nil, false, s.fail("expected a string, found %q", s.data[s.pos])
	}
	end, err := s.stringEnd()
	if err != nil {
		return nil, false, err
	}
	raw := s.data[s.pos+1 : end-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		s.pos = end
		return raw, true, nil
	}
	out, err := unescape(raw)
	if err != nil {
		return nil, false, s.fail("invalid string: %v", err)
	}
	s.pos = end
	return out, false, nil
}

func (s *scanner) str() (string, error) {
	b, err := s.rawString()
	return string(b), err
}

// internedStr reads a string that is likely to recur, keeping one copy of each value.
func (s *scanner) internedStr() (string, error) {
	b, err := s.rawString()
	if err != nil {
		return "", err
	}
	if v, ok := s.interned[string(b)]; ok {
		return v, nil
	}
	if s.interned == nil {
		s.interned = map[string]string{}
	}
	v := string(b)
	s.interned[v] = v
	return v, nil
}

// viewStr reads a string without copying it when it has no escapes: the result shares the
// document's bytes, which are never written to and live as long as the plan.
func (s *scanner) viewStr() (string, error) {
	b, view, err := s.rawStringView()
	if err != nil || len(b) == 0 || !view {
		return string(b), err
	}
	return unsafe.String(&b[0], len(b)), nil
}

// skip consumes one value of any kind and returns its raw bytes.
func (s *scanner) skip() ([]byte, error) {
	s.ws()
	start := s.pos
	var stack []byte
	for {
		if s.pos >= len(s.data) {
			return nil, s.eof()
		}
		c := s.data[s.pos]
		switch c {
		case '{', '[':
			stack = append(stack, c)
			s.pos++
		case '}', ']':
			open := byte('{')
			if c == ']' {
				open = '['
			}
			if len(stack) == 0 || stack[len(stack)-1] != open {
				return nil, s.fail("unexpected %q", c)
			}
			stack = stack[:len(stack)-1]
			s.pos++
		case '"':
			end, err := s.stringEnd()
			if err != nil {
				return nil, err
			}
			s.pos = end
		case ',', ':', ' ', '\n', '\r', '\t':
			if len(stack) == 0 {
				return nil, s.fail("unexpected %q", c)
			}
			s.pos++
			if c == ',' && s.releasing {
				s.releaseBehind()
			}
			continue
		case 't':
			if err := s.literal("true"); err != nil {
				return nil, err
			}
		case 'f':
			if err := s.literal("false"); err != nil {
				return nil, err
			}
		case 'n':
			if err := s.literal("null"); err != nil {
				return nil, err
			}
		default:
			if c == '-' || (c >= '0' && c <= '9') {
				s.number()
			} else {
				return nil, s.fail("invalid character %q", c)
			}
		}
		if len(stack) == 0 {
			return s.data[start:s.pos], nil
		}
	}
}

func (s *scanner) literal(word string) error {
	if !bytes.HasPrefix(s.data[s.pos:], []byte(word)) {
		if len(s.data)-s.pos < len(word) && bytes.HasPrefix([]byte(word), s.data[s.pos:]) {
			return s.eof()
		}
		return s.fail("invalid literal, expected %s", word)
	}
	s.pos += len(word)
	return nil
}

func (s *scanner) number() {
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; {
		case c >= '0' && c <= '9', c == '-', c == '+', c == '.', c == 'e', c == 'E':
			s.pos++
		default:
			return
		}
	}
}

// object calls fn for each key; fn must consume the value (reading it or calling skip).
func (s *scanner) object(fn func(key []byte) error) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	if s.peek() == '}' {
		s.pos++
		return nil
	}
	for {
		key, err := s.rawString()
		if err != nil {
			return err
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		if err := fn(key); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return nil
		case 0:
			return s.eof()
		default:
			return s.fail("expected ',' or '}' after object member, found %q", s.data[s.pos])
		}
	}
}

// array calls fn for each element; fn must consume it.
func (s *scanner) array(fn func() error) error {
	if err := s.expect('['); err != nil {
		return err
	}
	if s.peek() == ']' {
		s.pos++
		return nil
	}
	for {
		if err := fn(); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return nil
		case 0:
			return s.eof()
		default:
			return s.fail("expected ',' or ']' after array element, found %q", s.data[s.pos])
		}
	}
}

// isNull consumes a null if one is next.
func (s *scanner) isNull() bool {
	if s.peek() == 'n' && bytes.HasPrefix(s.data[s.pos:], []byte("null")) {
		s.pos += 4
		return true
	}
	return false
}

// lineCol turns a byte offset into a 1-based line and column for messages.
func lineCol(data []byte, offset int) (int, int) {
	if offset > len(data) {
		offset = len(data)
	}
	line := 1 + bytes.Count(data[:offset], []byte{'\n'})
	col := offset - bytes.LastIndexByte(data[:offset], '\n')
	return line, col
}

// unescape decodes a JSON string's escapes. Addresses in plans are full of them
// (module.a[\"eu\"]), so this avoids a trip through encoding/json for each.
func unescape(raw []byte) ([]byte, error) {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(raw) {
			return nil, fmt.Errorf("unfinished escape")
		}
		switch raw[i] {
		case '"', '\\', '/':
			out = append(out, raw[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			// Rare in keys and identifiers: let encoding/json handle surrogates and the rest.
			var str string
			if err := jsonUnmarshalString(append(append([]byte{'"'}, raw...), '"'), &str); err != nil {
				return nil, err
			}
			return []byte(str), nil
		default:
			return nil, fmt.Errorf("invalid escape \\%c", raw[i])
		}
	}
	return out, nil
}
