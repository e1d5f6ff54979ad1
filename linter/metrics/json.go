package metrics

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// The JSON exports are read member by member with json.Decoder, which reports where each value
// starts, so every row can be named by the line of its object (metrics.json:12), as a user
// finds it in an editor.

// object is a JSON object's members, each with its raw value and where that value starts.
type object struct {
	keys   []string
	values map[string]jsonValue
}

// jsonValue is a raw JSON value and the offset in the file where it starts.
type jsonValue struct {
	raw    json.RawMessage
	offset int
}

func (o object) has(key string) bool { _, ok := o.values[key]; return ok }

// topLevel reads the file's top-level object.
func topLevel(data []byte) (object, error) {
	return readObject(data, 0)
}

// readObject reads the object raw (found at base in the file) into its members.
func readObject(raw []byte, base int) (object, error) {
	o := object{values: map[string]jsonValue{}}
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return o, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return o, &shapeError{offset: base + skipSpace(raw, 0), problem: "is not a JSON object"}
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return o, err
		}
		key, _ := tok.(string)
		start := skipSpace(raw, int(dec.InputOffset()))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return o, err
		}
		if _, dup := o.values[key]; !dup {
			o.keys = append(o.keys, key)
		}
		o.values[key] = jsonValue{raw: v, offset: base + start}
	}
	if _, err := dec.Token(); err != nil {
		return o, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return o, &shapeError{offset: base + int(dec.InputOffset()), problem: "has more after the end of its JSON object"}
	}
	return o, nil
}

// elements reads the JSON array v into its elements, each with its offset in the file.
func elements(v jsonValue) ([]jsonValue, error) {
	if len(v.raw) == 0 {
		return nil, nil // absent
	}
	dec := json.NewDecoder(bytes.NewReader(v.raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		if tok == nil {
			return nil, nil // null: no elements
		}
		return nil, &shapeError{offset: v.offset, problem: "is not a list"}
	}
	var out []jsonValue
	for dec.More() {
		start := skipSpace(v.raw, int(dec.InputOffset()))
		var e json.RawMessage
		if err := dec.Decode(&e); err != nil {
			return nil, err
		}
		out = append(out, jsonValue{raw: e, offset: v.offset + start})
	}
	return out, nil
}

// skipSpace moves past white space and the separators between JSON values.
func skipSpace(b []byte, i int) int {
	for i < len(b) && strings.IndexByte(" \t\r\n,:", b[i]) >= 0 {
		i++
	}
	return i
}

// shapeError is JSON that parses but is not shaped as the export should be.
type shapeError struct {
	offset  int
	problem string
}

func (e *shapeError) Error() string { return e.problem }

// lineAt is the line of a file offset, found in the offsets of the file's newlines (indexed
// once: counting from the start for every row of a 10,000-row export took seconds).
func (p *parser) lineAt(offset int) int {
	if p.newlines == nil {
		p.newlines = []int{}
		for i, b := range p.data {
			if b == '\n' {
				p.newlines = append(p.newlines, i)
			}
		}
	}
	return sort.SearchInts(p.newlines, offset) + 1
}

// syntaxError turns a JSON decoding error into an Error at its line.
func (p *parser) syntaxError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var sh *shapeError
	switch {
	case errors.As(err, &se):
		return p.errorf(p.lineAt(int(se.Offset)), "fix the JSON, or export the metrics again", "is not valid JSON: %v", se)
	case errors.As(err, &te):
		return p.errorf(p.lineAt(int(te.Offset)), "export the metrics again without editing them",
			"%s is a JSON %s, not a %s", fieldName(te.Field), te.Value, te.Type)
	case errors.As(err, &sh):
		return p.errorf(p.lineAt(sh.offset), "export the metrics as "+formatsString, "%s", sh.problem)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return p.errorf(p.lineAt(len(p.data)), "the file is cut off: export the metrics again", "is not valid JSON: it ends early")
	}
	return p.errorf(0, "fix the JSON, or export the metrics again", "is not valid JSON: %v", err)
}

func fieldName(f string) string {
	if f == "" {
		return "a value"
	}
	return f
}

// decode decodes v into dst, turning an error into one at v's line.
func (p *parser) decode(v jsonValue, what string, dst any) error {
	if err := json.Unmarshal(v.raw, dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return p.errorf(p.lineAt(v.offset+int(te.Offset)), "export the metrics again without editing them",
				"%s: %s is a JSON %s, not a %s", what, fieldName(te.Field), te.Value, jsonType(te.Type.String()))
		}
		return p.errorf(p.lineAt(v.offset), "export the metrics again without editing them", "%s: %v", what, err)
	}
	return nil
}

func jsonType(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "list"
	case strings.HasPrefix(goType, "map"), strings.HasPrefix(goType, "struct"), strings.HasPrefix(goType, "metrics."):
		return "object"
	case goType == "string":
		return "string"
	case strings.HasPrefix(goType, "float"), strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "*float"):
		return "number"
	}
	return goType
}

// flexNumber is a number an export writes as a JSON number or as a string ("1234", as Google
// writes int64 values and Logs Insights every value); null or absent is unknown.
type flexNumber struct {
	Number
	text string
}

func (n *flexNumber) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if s == "null" {
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	n.text = s
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("%q is not a number", s)
	}
	n.Number = Of(x)
	return nil
}
