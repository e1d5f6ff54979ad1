package plan

import (
	"encoding/json"
	"math"
	"sync"

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

// Values are a resource instance's planned values (after, or before for a delete), decoded on
// first use.
type Values struct {
	once                      sync.Once
	rc                        *ResourceChange
	value, unknown, sensitive any
}

// Values returns the instance's values. They are decoded from the plan's bytes the first time a
// rule asks, which is why a plan with many resources no rule reads stays cheap.
func (rc *ResourceChange) Values() *Values {
	rc.valuesOnce.Do(func() { rc.values = &Values{rc: rc} })
	return rc.values
}

func (v *Values) decode() {
	v.once.Do(func() {
		rc := v.rc
		value, sensitive := rc.After, rc.AfterSensitive
		if rc.Leaving() {
			value, sensitive = rc.Before, rc.BeforeSensitive
		} else {
			v.unknown = decodeAny(rc.AfterUnknown)
		}
		v.value = decodeAny(value)
		v.sensitive = decodeAny(sensitive)
	})
}

func decodeAny(raw []byte) any {
	if len(raw) == 0 {
		return nil
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil
	}
	return out
}

// Get returns the value at path: strings select object attributes, ints select list elements.
func (v *Values) Get(path ...any) Value {
	v.decode()
	value, unknown, sensitive := v.value, v.unknown, v.sensitive
	for _, step := range path {
		if unknown == true {
			return Value{State: Unknown}
		}
		if sensitive == true {
			return Value{State: Sensitive}
		}
		value, unknown, sensitive = child(value, step), child(unknown, step), child(sensitive, step)
	}
	switch {
	case unknown == true:
		return Value{State: Unknown}
	case sensitive == true:
		return Value{State: Sensitive}
	case value == nil:
		if len(path) > 0 && !hasChild(v, path) {
			if v.rc.MissingIsUnknown {
				return Value{State: Unknown}
			}
			return Value{State: Absent}
		}
		return Value{State: Null}
	}
	if containsSensitive(sensitive) {
		// A collection with a sensitive member is handed out only as a whole that says so.
		return Value{State: Sensitive}
	}
	return Value{State: Known, V: value}
}

func child(node any, step any) any {
	switch k := step.(type) {
	case string:
		if m, ok := node.(map[string]any); ok {
			return m[k]
		}
	case int:
		if l, ok := node.([]any); ok && k >= 0 && k < len(l) {
			return l[k]
		}
	}
	return nil
}

// hasChild reports whether the last step of path exists (as null) in the planned values.
func hasChild(v *Values, path []any) bool {
	node := v.value
	for _, step := range path[:len(path)-1] {
		node = child(node, step)
	}
	m, isMap := node.(map[string]any)
	key, isKey := path[len(path)-1].(string)
	if !isMap || !isKey {
		return false // an index into a list, or a step that does not fit the value's shape
	}
	_, present := m[key]
	return present
}

func containsSensitive(node any) bool {
	switch n := node.(type) {
	case bool:
		return n
	case map[string]any:
		for _, c := range n {
			if containsSensitive(c) {
				return true
			}
		}
	case []any:
		for _, c := range n {
			if containsSensitive(c) {
				return true
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
