package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

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
	rc.problemsMu.Lock()
	defer rc.problemsMu.Unlock()
	where := pathString(v.at.path)
	for _, p := range rc.problems {
		if p.Attribute == where {
			return
		}
	}
	rc.problems = append(rc.problems, WrongType{Address: rc.Address, Attribute: where, Got: describe(v.V), Want: want})
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
		rc.problemsMu.Lock()
		out = append(out, rc.problems...)
		rc.problemsMu.Unlock()
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
	value, unknown, sensitive := rc.After, rc.AfterUnknown, rc.AfterSensitive
	if rc.Leaving() {
		value, unknown, sensitive = rc.Before, nil, rc.BeforeSensitive
	}
	if !validJSON(sensitive) {
		// The scanner checked the marking when it loaded the plan; it no longer reads only when
		// the file changed under us since. Fail closed: a marking that cannot be read hides the
		// whole value.
		return Value{State: Sensitive}
	}
	parent := value
	for i, step := range path {
		if isTrue(unknown) {
			return Value{State: Unknown}
		}
		if isTrue(sensitive) {
			return Value{State: Sensitive}
		}
		if i == len(path)-1 {
			parent = value
		}
		var valueErr, unknownErr, sensitiveErr error
		value, valueErr = rawChild(value, step)
		unknown, unknownErr = rawChild(unknown, step)
		sensitive, sensitiveErr = rawChild(sensitive, step)
		if valueErr != nil || unknownErr != nil || sensitiveErr != nil {
			return Value{State: Sensitive} // as above: no rule reads what no longer reads as JSON
		}
	}
	switch {
	case isTrue(unknown):
		return Value{State: Unknown}
	case isTrue(sensitive):
		return Value{State: Sensitive}
	case value == nil && len(path) > 0 && !hasMember(parent, path[len(path)-1]):
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
	var out any
	if err := json.Unmarshal(value, &out); err != nil {
		// The scanner checked these bytes when it loaded the plan; they no longer decode only
		// when the file changed under us since. Fail closed: no rule reads the value.
		return Value{State: Sensitive}
	}
	return Value{State: Known, V: out, at: &reading{rc: v.rc, path: slices.Clone(path)}}
}

// rawChild returns the raw JSON of an object member (a string step) or a list element (an int
// step) of raw; nil when raw is not of that shape or has no such member. An error says that raw,
// up to the member, is not valid JSON.
func rawChild(raw []byte, step any) ([]byte, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	s := &scanner{data: raw}
	var found []byte
	var err error
	switch k := step.(type) {
	case string:
		if s.peek() != '{' {
			return nil, nil
		}
		err = s.object(func(key []byte) error {
			v, err := s.skip()
			if err == nil && found == nil && string(key) == k {
				found = v
				return errStop
			}
			return err
		})
	case int:
		if s.peek() != '[' || k < 0 {
			return nil, nil
		}
		i := 0
		err = s.array(func() error {
			v, err := s.skip()
			if err == nil && i == k {
				found = v
				return errStop
			}
			i++
			return err
		})
	}
	if err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	return found, nil
}

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

// errStop ends a walk early once the member sought is found.
var errStop = errors.New("stop")

// hasMember reports whether the object raw has the member step (present, perhaps null).
func hasMember(raw []byte, step any) bool {
	key, ok := step.(string)
	if !ok {
		return false
	}
	v, err := rawChild(raw, key)
	return err == nil && v != nil
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
