package plan

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
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
	// depth counts the objects and arrays being read, to stop a crafted document from
	// recursing until the stack runs out (see maxDepth).
	depth int
}

// maxDepth is how deeply objects and arrays read into Go values may nest; encoding/json allows the
// same. Real plans nest a few dozen levels.
const maxDepth = 10000

// enter counts one more level of nesting; the caller defers s.depth--.
func (s *scanner) enter() error {
	s.depth++
	if s.depth > maxDepth {
		return s.fail("nested more than %d levels deep", maxDepth)
	}
	return nil
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

// skip consumes one value of any kind and returns its raw bytes. It checks the grammar as it goes,
// as strictly as encoding/json does (commas, colons, numbers, escapes), because what it skips is
// decoded later, when a rule asks: a value that would fail to decode then must fail the load
// now, or a finding, or a sensitivity marking, would silently disappear.
//
// Most of a plan is skipped, so the check is skipFast, a loop over the bytes with table lookups
// and eight bytes of a string at a time; when it refuses a value, skipStrict walks the value again
// to say where and why (the fuzz test FuzzSkipAgrees holds the two to the same answers).
func (s *scanner) skip() ([]byte, error) {
	s.ws()
	start := s.pos
	if end, ok := s.skipFast(start); ok {
		s.pos = end
		return s.data[start:end], nil
	}
	s.pos = start
	return s.skipStrict()
}

// skipFast returns the end of the value that starts at i, and false when it is not one JSON
// value (then skipStrict says why). It releases pages behind it as skipStrict does.
func (s *scanner) skipFast(i int) (int, bool) {
	d := s.data
	n := len(d)
	var openBuf [64]byte
	open := openBuf[:0] // the open '{' and '[', innermost last
	needKey := false
	for {
		// A value is next, or with needKey a member's key, colon and value.
		for i < n && jsonSpace[d[i]] {
			i++
		}
		if needKey {
			if i >= n || d[i] != '"' {
				return 0, false
			}
			var ok bool
			if i, ok = skipFastString(d, i); !ok {
				return 0, false
			}
			for i < n && jsonSpace[d[i]] {
				i++
			}
			if i >= n || d[i] != ':' {
				return 0, false
			}
			i++
			for i < n && jsonSpace[d[i]] {
				i++
			}
			needKey = false
		}
		if i >= n {
			return 0, false
		}
		switch c := d[i]; c {
		case '{', '[':
			i++
			for i < n && jsonSpace[d[i]] {
				i++
			}
			if i < n && d[i] == c+2 { // '}' and ']' are two after '{' and '['
				i++
				break
			}
			if len(open) >= maxDepth {
				return 0, false
			}
			open = append(open, c)
			needKey = c == '{'
			continue
		case '"':
			var ok bool
			if i, ok = skipFastString(d, i); !ok {
				return 0, false
			}
		case 't':
			if !bytes.HasPrefix(d[i:], literalTrue) {
				return 0, false
			}
			i += 4
		case 'f':
			if !bytes.HasPrefix(d[i:], literalFalse) {
				return 0, false
			}
			i += 5
		case 'n':
			if !bytes.HasPrefix(d[i:], literalNull) {
				return 0, false
			}
			i += 4
		default:
			var ok bool
			if i, ok = skipFastNumber(d, i); !ok {
				return 0, false
			}
		}
		// A value has ended: close what it ends, then the next member or element.
		for {
			if len(open) == 0 {
				return i, true
			}
			for i < n && jsonSpace[d[i]] {
				i++
			}
			if i >= n {
				return 0, false
			}
			innermost := open[len(open)-1]
			if d[i] == innermost+2 {
				i++
				open = open[:len(open)-1]
				continue
			}
			if d[i] != ',' {
				return 0, false
			}
			i++
			if s.releasing && i-s.kept >= releaseChunk {
				s.pos = i
				s.releaseBehind()
			}
			needKey = innermost == '{'
			break
		}
	}
}

var literalTrue, literalFalse, literalNull = []byte("true"), []byte("false"), []byte("null")

// skipFastString returns the end of the string whose opening quote is at i, checking its escapes
// and refusing control characters as encoding/json does; false when it is not a valid string.
func skipFastString(d []byte, i int) (int, bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	n := len(d)
	i++
	for {
		// Eight bytes at a time to the first quote, backslash or byte below 0x20. Each term of the
		// mask sets the high bit of such a byte; a borrow can also set it in a byte above one, but
		// never below, so the lowest bit set is the first special byte. Jumping straight there
		// matters in strings of escaped JSON (IAM policies), with a backslash every few bytes.
		for i+8 <= n {
			x := binary.LittleEndian.Uint64(d[i:])
			q, b := x^(ones*'"'), x^(ones*'\\')
			if m := ((q-ones)&^q | (b-ones)&^b | (x-0x20*ones)&^x) & highs; m != 0 {
				// Eight bytes whose only special bytes are escaped quotes, \", pass whole: the
				// exact masks of quotes and backslashes, the backslashes moved one byte on,
				// coincide, and no byte is a control character.
				const lows = 0x7f7f7f7f7f7f7f7f
				quotes := ^((q&lows + lows) | q | lows)
				slashes := ^((b&lows + lows) | b | lows)
				controls := ^((x&lows + 0x60*ones) | x) & highs
				if quotes == slashes<<8 && controls == 0 && slashes>>56 == 0 {
					i += 8
					continue
				}
				i += bits.TrailingZeros64(m) >> 3
				goto special
			}
			i += 8
		}
		for i < n && !stringSpecial[d[i]] {
			i++
		}
	special:
		if i >= n {
			return 0, false
		}
		switch d[i] {
		case '"':
			return i + 1, true
		case '\\':
			if i+1 >= n {
				return 0, false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > n || !isHex4(d[i+2:i+6]) {
					return 0, false
				}
				i += 6
			default:
				return 0, false
			}
		default:
			return 0, false // a control character
		}
	}
}

// skipFastNumber returns the end of the number that starts at i, in JSON's grammar and within
// float64 (as strictNumber); false when there is none.
func skipFastNumber(d []byte, i int) (int, bool) {
	n := len(d)
	start := i
	if i < n && d[i] == '-' {
		i++
	}
	switch {
	case i < n && d[i] == '0':
		i++
	case i < n && d[i] >= '1' && d[i] <= '9':
		i = skipDigits(d, i)
	default:
		return 0, false
	}
	exact := true
	if i < n && d[i] == '.' {
		if i = skipDigits(d, i+1); d[i-1] == '.' {
			return 0, false // no digit after the point
		}
	}
	if i < n && (d[i] == 'e' || d[i] == 'E') {
		exact = false
		i++
		if i < n && (d[i] == '+' || d[i] == '-') {
			i++
		}
		digits := i
		if i = skipDigits(d, i); i == digits {
			return 0, false
		}
	}
	if !exact || i-start > 300 {
		if _, err := strconv.ParseFloat(string(d[start:i]), 64); err != nil {
			return 0, false
		}
	}
	return i, true
}

// skipDigits returns the index of the first byte at or after i that is not a decimal digit.
func skipDigits(d []byte, i int) int {
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		i++
	}
	return i
}

// stringSpecial marks the bytes that end the plain run of a string: the quote, the backslash and
// the control characters.
var stringSpecial = func() (special [256]bool) {
	for c := 0; c < 0x20; c++ {
		special[c] = true
	}
	special['"'], special['\\'] = true, true
	return special
}()

// skipStrict is skip, a call per token: slower, but it says where a value stops being JSON.
func (s *scanner) skipStrict() ([]byte, error) {
	s.ws()
	start := s.pos
	var stack []byte // the open '{' and '[', innermost last
	for {
		// A value is next.
		s.ws()
		if s.pos >= len(s.data) {
			return nil, s.eof()
		}
		switch c := s.data[s.pos]; {
		case c == '{' || c == '[':
			s.pos++
			close := byte('}')
			if c == '[' {
				close = ']'
			}
			if s.peek() == close {
				s.pos++
				break
			}
			if len(stack) >= maxDepth {
				return nil, s.fail("nested more than %d levels deep", maxDepth)
			}
			stack = append(stack, c)
			if c == '{' {
				if err := s.member(); err != nil {
					return nil, err
				}
			}
			continue
		case c == '"':
			if err := s.skipString(); err != nil {
				return nil, err
			}
		case c == 't':
			if err := s.literal("true"); err != nil {
				return nil, err
			}
		case c == 'f':
			if err := s.literal("false"); err != nil {
				return nil, err
			}
		case c == 'n':
			if err := s.literal("null"); err != nil {
				return nil, err
			}
		case c == '-' || (c >= '0' && c <= '9'):
			if err := s.strictNumber(); err != nil {
				return nil, err
			}
		default:
			return nil, s.fail("invalid character %q where a value should be", c)
		}
		// A value has ended: close what it ends, then expect the next member or element.
		for {
			if len(stack) == 0 {
				return s.data[start:s.pos], nil
			}
			open := stack[len(stack)-1]
			c := s.peek()
			switch {
			case c == 0:
				return nil, s.eof()
			case c == '}' && open == '{', c == ']' && open == '[':
				s.pos++
				stack = stack[:len(stack)-1]
				continue
			case c == ',':
				s.pos++
				if s.releasing {
					s.releaseBehind()
				}
				if open == '{' {
					if err := s.member(); err != nil {
						return nil, err
					}
				} else if s.peek() == ']' {
					return nil, s.fail("unexpected ']' after ',' (a trailing comma is not JSON)")
				}
			case open == '{':
				return nil, s.fail("expected ',' or '}' after object member, found %q", c)
			default:
				return nil, s.fail("expected ',' or ']' after array element, found %q", c)
			}
			break
		}
	}
}

// member consumes an object member's key and colon, leaving the value next.
func (s *scanner) member() error {
	switch c := s.peek(); c {
	case 0:
		return s.eof()
	case '"':
	case '}':
		return s.fail("unexpected '}' after ',' (a trailing comma is not JSON)")
	default:
		return s.fail("expected a string as object key, found %q", c)
	}
	if err := s.skipString(); err != nil {
		return err
	}
	return s.expect(':')
}

// skipString consumes a string, checking what encoding/json would refuse in it: control
// characters and invalid escapes.
func (s *scanner) skipString() error {
	end, err := s.stringEnd()
	if err != nil {
		return err
	}
	body := s.data[s.pos+1 : end-1]
	if bytes.IndexByte(body, '\\') < 0 && !hasControl(body) {
		s.pos = end
		return nil
	}
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c < 0x20:
			s.pos += 1 + i
			return s.fail("invalid control character 0x%02x in a string", c)
		case c == '\\':
			i++
			switch body[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(body) || !isHex4(body[i+1:i+5]) {
					s.pos += i
					return s.fail("invalid \\u escape in a string")
				}
				i += 4
			default:
				s.pos += i
				return s.fail("invalid escape %q in a string", "\\"+string(rune(body[i])))
			}
		}
	}
	s.pos = end
	return nil
}

// hasControl reports whether b holds a byte below 0x20, eight bytes at a time.
func hasControl(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		if (x-0x20*ones)&^x&highs != 0 {
			return true
		}
	}
	for ; i < len(b); i++ {
		if b[i] < 0x20 {
			return true
		}
	}
	return false
}

func isHex4(b []byte) bool {
	for _, c := range b[:4] {
		if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f') {
			return false
		}
	}
	return true
}

// strictNumber consumes a number in JSON's grammar and refuses one that no float64 holds (1e400):
// encoding/json would fail to decode it later.
func (s *scanner) strictNumber() error {
	start := s.pos
	d := s.data
	i := s.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case digits() == 0:
		s.pos = i
		return s.fail("invalid number")
	}
	exact := true
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			s.pos = i
			return s.fail("invalid number: digits must follow the decimal point")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		exact = false
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			s.pos = i
			return s.fail("invalid number: digits must follow the exponent")
		}
	}
	if !exact || i-start > 300 {
		if _, err := strconv.ParseFloat(string(d[start:i]), 64); err != nil {
			return s.fail("number %.40s is out of range", d[start:i])
		}
	}
	s.pos = i
	return nil
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

// object calls fn for each key; fn must consume the value (reading it or calling skip).
func (s *scanner) object(fn func(key []byte) error) error {
	defer func() { s.depth-- }()
	if err := s.enter(); err != nil {
		return err
	}
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
	defer func() { s.depth-- }()
	if err := s.enter(); err != nil {
		return err
	}
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
