package plan

import (
	"bytes"
	"slices"
)

// valueIndex lists the top-level members of an instance's value and of its unknown markings.
//
// A rule reads one attribute at a time, and the rules together read a dozen of a Lambda function
// (its timeout three times, its runtime twice, ...): walking the members before each one, in the
// value and again in its markings, was a fifth of a lint of the 117.7 MB many-modules plan of
// linter/benchmark. The index is built at an instance's second read, so an instance read once, as
// most are, costs nothing more; two bytes a member (about 130 bytes for a function of 31
// attributes) keep it small next to the plan.
type valueIndex struct {
	value, unknown members
}

// memberIndex returns the instance's index, building it on the first call.
func (rc *ResourceChange) memberIndex() *valueIndex {
	old := rc.extra.Load()
	if old != nil && old.index != nil {
		return old.index
	}
	value, unknown, _ := rc.rawValues()
	index := &valueIndex{value: indexMembers(value), unknown: indexMembers(unknown)}
	for {
		next := changeExtra{index: index}
		if old != nil {
			if old.index != nil {
				return old.index // another rule built it meanwhile, the same
			}
			next.problems = old.problems
		}
		if rc.extra.CompareAndSwap(old, &next) {
			return index
		}
		old = rc.extra.Load()
	}
}

// members holds where each member of an object starts: the offset of its key's opening quote.
// The zero value, not an index, sends child to rawChild: raw that is not an object, longer than
// two-byte offsets reach, or with a key written with escapes (matched by decoding it).
type members struct {
	offsets []uint16
	ok      bool
}

// indexMembers indexes the object raw, whose JSON the instance's first read checked (see
// ResourceChange.readable).
func indexMembers(raw []byte) members {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' || len(raw) > 1<<16 {
		return members{}
	}
	var buf [64]uint16 // a function has about 30 attributes
	offsets := buf[:0]
	for i = skipSpace(raw, i+1); i < len(raw) && raw[i] != '}'; {
		keyEnd := stringEnd(raw, i)
		if raw[i] != '"' || keyEnd < 0 || bytes.IndexByte(raw[i:keyEnd], '\\') >= 0 {
			return members{}
		}
		offsets = append(offsets, uint16(i))
		i = skipSpace(raw, keyEnd)
		if i >= len(raw) || raw[i] != ':' {
			return members{}
		}
		end := valueEnd(raw, skipSpace(raw, i+1))
		if end < 0 {
			return members{}
		}
		if i = skipSpace(raw, end); i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	if i >= len(raw) {
		return members{}
	}
	return members{offsets: slices.Clone(offsets), ok: true}
}

// child is rawChild(raw, key) for the object raw that m indexes: the first member named key.
func (m members) child(raw []byte, key string) ([]byte, bool) {
	if !m.ok {
		return rawChild(raw, key)
	}
	for _, o := range m.offsets {
		start := int(o) + 1
		end := start + len(key)
		if end < len(raw) && raw[end] == '"' && string(raw[start:end]) == key {
			i := skipSpace(raw, end+1) // the colon, checked when the index was built
			i = skipSpace(raw, i+1)
			if e := valueEnd(raw, i); e >= 0 {
				return raw[i:e], true
			}
			return nil, false
		}
	}
	return nil, true
}
