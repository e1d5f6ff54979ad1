package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	tfjson "github.com/hashicorp/terraform-json"
)

// State says what the plan knows about a value.
type State uint8

const (
	// Absent: the attribute is not in the planned values at all.
	Absent State = iota
	// Null: the attribute is present and null (unset, with no provider default).
	Null
	// Unknown: the value is known only after apply. Rules must not treat it as present, absent or zero.
	Unknown
	// Sensitive: the value is marked sensitive. Rules may not read it, so no message can repeat it.
	Sensitive
	// Known: the value is in the plan.
	Known
)

// Value is one attribute value as the plan knows it.
type Value struct {
	State State
	V     any
	// at is where the value was read, so that a reader that finds another type than it expects
	// can say which resource and attribute (see Plan.WrongTypes); nil for a value made by hand.
	at *reading
}

// reading is one Values.Get: the instance and the path.
type reading struct {
	rc   *ResourceChange
	path []any
}

// wrongType records that the value at v.at is not what a rule expected, once per attribute.
func (v Value) wrongType(want string) {
	if v.at == nil {
		return
	}
	rc := v.at.rc
	where := pathString(v.at.path)
	for {
		old := rc.extra.Load()
		var next changeExtra
		if old != nil {
			next = *old
		}
		for _, p := range next.problems {
			if p.Attribute == where {
				return
			}
		}
		next.problems = append(next.problems[:len(next.problems):len(next.problems)],
			WrongType{Address: rc.Address, Attribute: where, Got: describe(v.V), Want: want})
		if rc.extra.CompareAndSwap(old, &next) {
			return
		}
	}
}

// WrongType is a value of the wrong type where a rule reads it: "timeout": "30", an object, 2^63.
// A rule cannot judge it, and a run that skipped it would pass for the wrong reason.
type WrongType struct {
	Address, Attribute, Got, Want string
}

func (w WrongType) String() string {
	return fmt.Sprintf("%s: %s is %s, where %s is expected", w.Address, w.Attribute, w.Got, w.Want)
}

// WrongTypes lists the values rules found of the wrong type, in plan order.
func (p *Plan) WrongTypes() []WrongType {
	var out []WrongType
	for _, rc := range p.Changes {
		if extra := rc.extra.Load(); extra != nil {
			out = append(out, extra.problems...)
		}
	}
	return out
}

// WrongTypesError is the InputError for the values of the wrong type that rules found, nil when
// there are none: the run cannot say "clean" about what it could not read.
func (p *Plan) WrongTypesError() error {
	wrong := p.WrongTypes()
	if len(wrong) == 0 {
		return nil
	}
	lines := make([]string, 0, len(wrong))
	for i, w := range wrong {
		if i == 10 {
			lines = append(lines, fmt.Sprintf("and %d more", len(wrong)-i))
			break
		}
		lines = append(lines, w.String())
	}
	return &InputError{Path: p.Path, Problem: "values of the wrong type where hybridlint reads them:\n  " + strings.Join(lines, "\n  "),
		Hint: "terraform show -json does not write these: write the plan again with it, or fix the values, and run hybridlint again"}
}

func pathString(path []any) string {
	var b strings.Builder
	for i, step := range path {
		if i > 0 {
			b.WriteByte('.')
		}
		fmt.Fprint(&b, step)
	}
	return b.String()
}

// describe names a value's type, and shows it when it is short; strings are quoted, so no escape
// sequence in a plan reaches a terminal.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) > 40 {
			return "a string"
		}
		return fmt.Sprintf("%q (a string)", x)
	case bool:
		return fmt.Sprintf("%t (a bool)", x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("%T", v)
}

// Known reports whether the value is in the plan and not null.
func (v Value) Known() bool { return v.State == Known }

// Float returns a known number.
// A known value of another type is recorded as a WrongType.
func (v Value) Float() (float64, bool) {
	f, ok := v.number()
	if !ok && v.State == Known {
		v.wrongType("a number")
	}
	return f, ok
}

func (v Value) number() (float64, bool) {
	if v.State != Known {
		return 0, false
	}
	switch n := v.V.(type) {
	case float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// Int returns a known whole number. A known value of another type, a fraction, or a number
// beyond 2^52 (where float64 stops holding every whole number) is recorded as a WrongType.
func (v Value) Int() (int, bool) {
	f, ok := v.number()
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<52 {
		if v.State == Known {
			v.wrongType("a whole number")
		}
		return 0, false
	}
	return int(f), true
}

// PositiveInt returns a known whole number of 1 or more, for a quantity that cannot be zero or
// negative (a timeout, a memory size). Anything else known is recorded as a WrongType.
func (v Value) PositiveInt() (int, bool) {
	n, ok := v.Int()
	if ok && n < 1 {
		v.wrongType("a whole number of 1 or more")
		return 0, false
	}
	return n, ok
}

// String returns a known string.
func (v Value) String() (string, bool) {
	s, ok := v.V.(string)
	return s, ok && v.State == Known
}

// Bool returns a known bool.
func (v Value) Bool() (bool, bool) {
	b, ok := v.V.(bool)
	return b, ok && v.State == Known
}

// List returns a known list.
func (v Value) List() ([]any, bool) {
	l, ok := v.V.([]any)
	return l, ok && v.State == Known
}

// Map returns a known object or map.
func (v Value) Map() (map[string]any, bool) {
	m, ok := v.V.(map[string]any)
	return m, ok && v.State == Known
}

// Values are a resource instance's planned values (after, or before for a delete). They are read
// from the plan's bytes at each Get, walking only the members on the path: no Go copy of the
// values is ever built, which is what keeps a plan of 100,000 instances within the size of its
// file, and what makes a resource no rule reads cost nothing.
type Values struct {
	rc *ResourceChange
}

// Values returns the instance's values.
func (rc *ResourceChange) Values() *Values { return &Values{rc: rc} }

// Get returns the value at path: strings select object attributes, ints select list elements.
func (v *Values) Get(path ...any) Value {
	rc := v.rc
	readable, first := rc.readable()
	if !readable {
		// The scanner checked the values and markings when it loaded the plan; they no longer
		// read only when the file changed under us since. Fail closed: a marking that cannot be
		// read hides the whole value.
		return Value{State: Sensitive}
	}
	value, unknown, sensitive := rc.rawValues()
	var index *valueIndex
	if !first {
		index = rc.memberIndex()
	}
	for i, step := range path {
		if isTrue(unknown) {
			return Value{State: Unknown}
		}
		if isTrue(sensitive) {
			return Value{State: Sensitive}
		}
		var valueOK, unknownOK, sensitiveOK bool
		if key, ok := step.(string); ok && i == 0 && index != nil {
			value, valueOK = index.value().child(value, key)
			unknown, unknownOK = index.unknown().child(unknown, key)
		} else {
			value, valueOK = rawChild(value, step)
			unknown, unknownOK = rawChild(unknown, step)
		}
		sensitive, sensitiveOK = rawChild(sensitive, step)
		if !valueOK || !unknownOK || !sensitiveOK {
			return Value{State: Sensitive} // as above: no rule reads what no longer reads as JSON
		}
	}
	if !validJSON(unknown) || !validJSON(sensitive) {
		return Value{State: Sensitive} // the markings of the value, read again now: as above
	}
	switch {
	case isTrue(unknown):
		return Value{State: Unknown}
	case isTrue(sensitive):
		return Value{State: Sensitive}
	case value == nil && len(path) > 0:
		// The walk found no such member (a member written as null reads as "null", not nil).
		if rc.MissingIsUnknown {
			return Value{State: Unknown}
		}
		return Value{State: Absent}
	case value == nil || isNull(value):
		return Value{State: Null}
	}
	if containsTrue(sensitive) {
		// A collection with a sensitive member is handed out only as a whole that says so.
		return Value{State: Sensitive}
	}
	out, ok := decode(value)
	if !ok {
		// The scanner checked these bytes when it loaded the plan; they no longer decode only
		// when the file changed under us since. Fail closed: no rule reads the value.
		return Value{State: Sensitive}
	}
	return Value{State: Known, V: out, at: &reading{rc: v.rc, path: slices.Clone(path)}}
}

// rawValues are the raw documents Get reads: after and its markings, or before for an instance
// the plan takes away.
func (rc *ResourceChange) rawValues() (value, unknown, sensitive []byte) {
	if rc.Leaving() {
		return rc.Before, nil, rc.BeforeSensitive
	}
	return rc.After, rc.AfterUnknown, rc.AfterSensitive
}

// readable reports whether the instance's values and markings read as JSON, checked as strictly
// as the scanner reads a plan the first time a rule reads one of them. Get then walks them with
// rawChild, which only counts brackets: a rule reads a dozen attributes of a function, and
// checking the members before each one again, for each, cost a fifth of a lint. What Get hands
// out is checked again when it reads it (validJSON of the markings, decode of the value).
// Rules that race on the first read both check, with the same result.
//
// first is true when this call checked them: the instance's first read, after which Get builds no
// member index (an instance read once, as most are, would only pay for it).
func (rc *ResourceChange) readable() (ok, first bool) {
	switch rc.checked.Load() {
	case checkedReadable:
		return true, false
	case checkedUnreadable:
		return false, false
	}
	value, unknown, sensitive := rc.rawValues()
	ok = validJSON(value) && validJSON(unknown) && validJSON(sensitive)
	if ok {
		rc.checked.Store(checkedReadable)
	} else {
		rc.checked.Store(checkedUnreadable)
	}
	return ok, true
}

// What ResourceChange.checked says: not yet checked (zero), then one of these.
const (
	checkedReadable uint32 = iota + 1
	checkedUnreadable
)

// decode decodes one raw JSON value as encoding/json decodes it into an any. Most values rules
// read are numbers, plain strings and bools: those are read here, checked as strictly, without
// the reflection and the second pass of json.Unmarshal.
func decode(raw []byte) (any, bool) {
	switch {
	case len(raw) == 0:
		return nil, false
	case string(raw) == "true":
		return true, true
	case string(raw) == "false":
		return false, true
	case raw[0] == '"' && len(raw) >= 2 && raw[len(raw)-1] == '"':
		body := raw[1 : len(raw)-1]
		// encoding/json decodes escapes and replaces invalid UTF-8: leave those to it.
		if bytes.IndexByte(body, '"') < 0 && bytes.IndexByte(body, '\\') < 0 && !hasControl(body) && utf8.Valid(body) {
			return string(body), true
		}
	case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
		s := &scanner{data: raw}
		if s.strictNumber() != nil || s.pos != len(raw) {
			return nil, false
		}
		f, err := strconv.ParseFloat(string(raw), 64)
		return f, err == nil
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, false
	}
	return out, true
}

// rawChild returns the raw JSON of an object member (a string step) or a list element (an int
// step) of raw; nil when raw is not of that shape or has no such member (the first, when a key
// repeats). It finds the member by counting brackets and quotes, without checking the grammar
// (see ResourceChange.readable); ok is false when raw, up to the member, cannot be walked at all.
func rawChild(raw []byte, step any) (child []byte, ok bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) {
		return nil, true
	}
	switch k := step.(type) {
	case string:
		if raw[i] != '{' {
			return nil, true
		}
		for i = skipSpace(raw, i+1); i < len(raw) && raw[i] != '}'; {
			if raw[i] != '"' {
				return nil, false
			}
			keyEnd := stringEnd(raw, i)
			if keyEnd < 0 {
				return nil, false
			}
			key := raw[i+1 : keyEnd-1]
			i = skipSpace(raw, keyEnd)
			if i >= len(raw) || raw[i] != ':' {
				return nil, false
			}
			start := skipSpace(raw, i+1)
			end := valueEnd(raw, start)
			if end < 0 {
				return nil, false
			}
			if string(key) == k || (bytes.IndexByte(key, '\\') >= 0 && unescapedEquals(key, k)) {
				return raw[start:end], true
			}
			if i = skipSpace(raw, end); i < len(raw) && raw[i] == ',' {
				i = skipSpace(raw, i+1)
			}
		}
		return nil, i < len(raw)
	case int:
		if raw[i] != '[' || k < 0 {
			return nil, true
		}
		i = skipSpace(raw, i+1)
		for n := 0; i < len(raw) && raw[i] != ']'; n++ {
			end := valueEnd(raw, i)
			if end < 0 {
				return nil, false
			}
			if n == k {
				return raw[i:end], true
			}
			if i = skipSpace(raw, end); i < len(raw) && raw[i] == ',' {
				i = skipSpace(raw, i+1)
			}
		}
		// Running off the end is a list cut short, as for an object above.
		return nil, i < len(raw)
	}
	return nil, true
}

func unescapedEquals(key []byte, name string) bool {
	k, err := unescape(key)
	return err == nil && string(k) == name
}

// skipSpace returns the index of the first byte at or after i that is not JSON white space.
func skipSpace(raw []byte, i int) int {
	for i < len(raw) && jsonSpace[raw[i]] {
		i++
	}
	return i
}

// stringEnd returns the index just past the closing quote of the string whose opening quote is at
// i; -1 when it does not end.
func stringEnd(raw []byte, i int) int {
	for i++; ; {
		j := bytes.IndexByte(raw[i:], '"')
		if j < 0 {
			return -1
		}
		end := i + j
		// A quote preceded by an odd number of backslashes is part of the string.
		n := 0
		for k := end - 1; k >= i && raw[k] == '\\'; k-- {
			n++
		}
		if n%2 == 0 {
			return end + 1
		}
		i = end + 1
	}
}

// valueEnd returns the index just past the value that starts at i, counting brackets and
// skipping strings; -1 when it does not end.
func valueEnd(raw []byte, i int) int {
	if i >= len(raw) {
		return -1
	}
	switch raw[i] {
	case '"':
		return stringEnd(raw, i)
	case '{', '[':
		depth := 0
		for i < len(raw) {
			switch raw[i] {
			case '"':
				if i = stringEnd(raw, i); i < 0 {
					return -1
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return -1
	}
	for i < len(raw) && !jsonDelimiter[raw[i]] {
		i++
	}
	return i
}

// jsonSpace and jsonDelimiter classify bytes for the walks above, a table lookup per byte.
var jsonSpace, jsonDelimiter = func() (space, delimiter [256]bool) {
	for _, c := range " \t\r\n" {
		space[c], delimiter[c] = true, true
	}
	for _, c := range ",]}" {
		delimiter[c] = true
	}
	return space, delimiter
}()

// validJSON reports whether raw (empty: nothing) is one JSON value, as strictly as the scanner
// checks a plan.
func validJSON(raw []byte) bool {
	if len(raw) == 0 {
		return true
	}
	s := &scanner{data: raw}
	if _, err := s.skip(); err != nil {
		return false
	}
	s.ws()
	return s.pos == len(raw)
}

// isTrue and isNull read a value as the scanner cut it: without surrounding space.
func isTrue(raw []byte) bool { return string(raw) == "true" }

func isNull(raw []byte) bool { return string(raw) == "null" }

// containsTrue reports whether a sensitivity marker (true, or an object or list holding one
// somewhere) marks anything: outside strings (the attribute names), the only token starting with
// a t is true.
func containsTrue(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case 't':
			return true
		case '"':
			for i++; i < len(raw) && raw[i] != '"'; i++ {
				if raw[i] == '\\' {
					i++
				}
			}
		}
	}
	return false
}

// Leaving reports whether the plan takes the instance away: it deletes it, or forgets it (removed
// from state, left running: Terraform 1.7's removed block). Its values are then the before state,
// and rules that judge what the plan deploys leave it alone.
func (rc *ResourceChange) Leaving() bool {
	for _, a := range rc.Actions {
		if a != tfjson.ActionDelete && a != tfjson.ActionForget {
			return false
		}
	}
	return len(rc.Actions) > 0
}

// Changes reports whether the plan creates, updates, replaces or deletes the instance.
func (rc *ResourceChange) Changes() bool {
	for _, a := range rc.Actions {
		switch a {
		case tfjson.ActionCreate, tfjson.ActionUpdate, tfjson.ActionDelete:
			return true
		}
	}
	return false
}
