package plan

import (
	"encoding/json"
	"errors"
	"math"

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
}

// Known reports whether the value is in the plan and not null.
func (v Value) Known() bool { return v.State == Known }

// Float returns a known number.
func (v Value) Float() (float64, bool) {
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

// Int returns a known whole number.
func (v Value) Int() (int, bool) {
	f, ok := v.Float()
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<52 {
		return 0, false
	}
	return int(f), true
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
		value, unknown, sensitive = rawChild(value, step), rawChild(unknown, step), rawChild(sensitive, step)
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
		return Value{State: Absent}
	}
	return Value{State: Known, V: out}
}

// rawChild returns the raw JSON of an object member (a string step) or a list element (an int
// step) of raw; nil when raw is not of that shape or has no such member.
func rawChild(raw []byte, step any) []byte {
	if len(raw) == 0 {
		return nil
	}
	s := &scanner{data: raw}
	var found []byte
	switch k := step.(type) {
	case string:
		if s.peek() != '{' {
			return nil
		}
		_ = s.object(func(key []byte) error {
			v, err := s.skip()
			if err == nil && found == nil && string(key) == k {
				found = v
				return errStop
			}
			return err
		})
	case int:
		if s.peek() != '[' || k < 0 {
			return nil
		}
		i := 0
		_ = s.array(func() error {
			v, err := s.skip()
			if err == nil && i == k {
				found = v
				return errStop
			}
			i++
			return err
		})
	}
	return found
}

// errStop ends a walk early once the member sought is found.
var errStop = errors.New("stop")

// hasMember reports whether the object raw has the member step (present, perhaps null).
func hasMember(raw []byte, step any) bool {
	key, ok := step.(string)
	return ok && rawChild(raw, key) != nil
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
