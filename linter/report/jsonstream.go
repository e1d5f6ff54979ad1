package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
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

// indentation is the start of a line up to 15 levels deep, without allocating one per line.
var indentation = "\n" + strings.Repeat("  ", 15)

// newline starts a line at depth levels of indentation.
func (s *jsonStream) newline(depth int) {
	if 1+2*depth > len(indentation) {
		s.raw("\n" + strings.Repeat("  ", depth))
		return
	}
	s.raw(indentation[:1+2*depth])
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

func (s *jsonStream) object(depth int) jsonObject {
	s.raw("{")
	return jsonObject{s: s, depth: depth}
}

// key starts the member name; its value follows at o.depth+1.
func (o *jsonObject) key(name string) {
	if o.fields > 0 {
		o.s.raw(",")
	}
	o.fields++
	o.s.newline(o.depth + 1)
	o.s.raw(`"`)
	o.s.raw(name)
	o.s.raw(`": `)
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

// str writes s as a JSON string: directly when no byte needs escaping (the encoder's output is
// then the string quoted as it is), through the encoder otherwise, so escapes stay its own.
func (s *jsonStream) str(text string) {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			s.value(0, text)
			return
		}
	}
	s.raw(`"`)
	s.raw(text)
	s.raw(`"`)
}

// finding writes f depth levels deep: the bytes the encoder writes for it, without reflection or
// an indenting pass over its compact form. The plain members are written here; the optional
// nested ones go through the encoder. findingFields counts the members it knows.
func (s *jsonStream) finding(depth int, f *finding.Finding) {
	o := s.object(depth)
	o.key("rule")
	s.str(f.Rule)
	o.key("severity")
	s.str(f.Severity.String())
	o.key("category")
	s.str(string(f.Category))
	o.key("address")
	s.str(f.Address)
	o.key("attribute")
	s.str(f.Attribute)
	o.array("related", len(f.Related), f.Related == nil, func(i, _ int) { s.str(f.Related[i]) })
	o.key("message")
	s.str(f.Message)
	o.key("remediation")
	s.str(f.Remediation)
	o.key("changed")
	s.raw(strconv.FormatBool(f.Changed))
	if f.File != "" {
		o.key("file")
		s.str(f.File)
	}
	if f.Cost != nil {
		o.field("cost", f.Cost)
	}
	if f.Location != nil {
		o.field("location", f.Location)
	}
	if f.ResourceLocation != nil {
		o.field("resource_location", f.ResourceLocation)
	}
	if f.AttributeLocation != nil {
		o.field("attribute_location", f.AttributeLocation)
	}
	if len(f.Callers) > 0 {
		o.field("callers", f.Callers)
	}
	if f.Suppressed != nil {
		o.field("suppressed", f.Suppressed)
	}
	if f.Baselined {
		o.key("baselined")
		s.raw("true")
	}
	o.close()
}

// findingFields is how many fields of finding.Finding jsonStream.finding writes.
const findingFields = 17
