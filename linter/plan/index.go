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
// most are, costs nothing more; two bytes a member, in one allocation with the rest of
// changeExtra (about 180 bytes for a function of 31 attributes), keep it small next to the plan.
type valueIndex struct {
	offsets            []uint16 // the value's members, then the markings'
	split              uint16   // where the markings' start
	valueOK, unknownOK bool     // see members.ok
}

func (x *valueIndex) value() members   { return members{offsets: x.offsets[:x.split], ok: x.valueOK} }
func (x *valueIndex) unknown() members { return members{offsets: x.offsets[x.split:], ok: x.unknownOK} }

// memberIndex returns the instance's index, building it on the first call.
func (rc *ResourceChange) memberIndex() *valueIndex {
	old := rc.extra.Load()
	if old != nil && old.indexed {
		return &old.index
	}
	value, unknown, _ := rc.rawValues()
	var buf [64]uint16 // a function has about 30 attributes, and as many markings
	offsets, valueOK := indexMembers(buf[:0], value)
	split := len(offsets)
	offsets, unknownOK := indexMembers(offsets, unknown)
	index := valueIndex{offsets: slices.Clone(offsets), split: uint16(split), valueOK: valueOK, unknownOK: unknownOK}
	for {
		next := &changeExtra{index: index, indexed: true}
		if old != nil {
			if old.indexed {
				return &old.index // another rule built it meanwhile, the same
			}
			next.problems = old.problems
		}
		if rc.extra.CompareAndSwap(old, next) {
			return &next.index
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

// indexMembers appends the offsets of the members of the object raw, whose JSON the instance's
// first read checked (see ResourceChange.readable); ok is false, and nothing appended, when raw
// is not one members can index.
func indexMembers(offsets []uint16, raw []byte) (_ []uint16, ok bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' || len(raw) > 1<<16 {
		return offsets, false
	}
	start := len(offsets)
	for i = skipSpace(raw, i+1); i < len(raw) && raw[i] != '}'; {
		keyEnd := stringEnd(raw, i)
		if raw[i] != '"' || keyEnd < 0 || bytes.IndexByte(raw[i:keyEnd], '\\') >= 0 {
			return offsets[:start], false
		}
		offsets = append(offsets, uint16(i))
		i = skipSpace(raw, keyEnd)
		if i >= len(raw) || raw[i] != ':' {
			return offsets[:start], false
		}
		end := valueEnd(raw, skipSpace(raw, i+1))
		if end < 0 {
			return offsets[:start], false
		}
		if i = skipSpace(raw, end); i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	if i >= len(raw) {
		return offsets[:start], false
	}
	return offsets, true
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
