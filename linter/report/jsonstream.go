package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"
)

// jsonStream writes one indented JSON document (two spaces a level, HTML left unescaped) piece by
// piece, byte for byte what json.Encoder with SetIndent("", "  ") writes for the whole value, so a
// report with many findings is encoded one finding at a time instead of twice over in memory (the
// encoder marshals the whole value, then indents it into a second buffer).
type jsonStream struct {
	w   *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

func newJSONStream(w io.Writer) *jsonStream {
	s := &jsonStream{w: bufio.NewWriterSize(w, 64<<10)}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	return s
}

func (s *jsonStream) raw(text string) {
	if s.err == nil {
		_, s.err = s.w.WriteString(text)
	}
}

// newline starts a line at depth levels of indentation.
func (s *jsonStream) newline(depth int) {
	s.raw("\n")
	s.raw(strings.Repeat("  ", depth))
}

// value writes v as it appears depth levels deep.
func (s *jsonStream) value(depth int, v any) {
	if s.err != nil {
		return
	}
	s.buf.Reset()
	s.enc.SetIndent(strings.Repeat("  ", depth), "  ")
	if s.err = s.enc.Encode(v); s.err != nil {
		return
	}
	_, s.err = s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
}

// jsonObject is an object being written depth levels deep.
type jsonObject struct {
	s      *jsonStream
	depth  int
	fields int
}

func (s *jsonStream) object(depth int) *jsonObject {
	s.raw("{")
	return &jsonObject{s: s, depth: depth}
}

// key starts the member name; its value follows at o.depth+1.
func (o *jsonObject) key(name string) {
	if o.fields > 0 {
		o.s.raw(",")
	}
	o.fields++
	o.s.newline(o.depth + 1)
	o.s.raw(`"` + name + `": `)
}

// field writes a member whose value is encoded whole.
func (o *jsonObject) field(name string, v any) {
	o.key(name)
	o.s.value(o.depth+1, v)
}

func (o *jsonObject) close() {
	if o.fields == 0 {
		o.s.raw("}")
		return
	}
	o.s.newline(o.depth)
	o.s.raw("}")
}

// array writes a member that is an array of n elements, element i written by each at depth+1
// (each writes the element, not its indentation). nilSlice writes null, as the encoder does for a
// nil slice.
func (o *jsonObject) array(name string, n int, nilSlice bool, each func(i, depth int)) {
	o.key(name)
	switch {
	case nilSlice:
		o.s.raw("null")
		return
	case n == 0:
		o.s.raw("[]")
		return
	}
	o.s.raw("[")
	for i := 0; i < n; i++ {
		if i > 0 {
			o.s.raw(",")
		}
		o.s.newline(o.depth + 2)
		each(i, o.depth+2)
	}
	o.s.newline(o.depth + 1)
	o.s.raw("]")
}

// end finishes the document with the encoder's newline and flushes it.
func (s *jsonStream) end() error {
	s.raw("\n")
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}
