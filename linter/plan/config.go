package plan

import (
	"bytes"
	"errors"
	"hash/maphash"
	"strconv"

	tfjson "github.com/hashicorp/terraform-json"
)

func scanConfiguration(s *scanner) (*Module, error) {
	var root *Module
	if s.isNull() {
		return nil, nil
	}
	err := s.object(func(key []byte) error {
		if string(key) == "root_module" {
			var err error
			root, err = scanModule(s)
			return err
		}
		_, err := s.skip()
		return err
	})
	return root, err
}

func scanModule(s *scanner) (*Module, error) {
	m := &Module{ModuleCalls: map[string]*ModuleCall{}, Outputs: map[string]*Expression{}}
	err := s.object(func(key []byte) error {
		switch string(key) {
		case "resources":
			return s.array(func() error {
				r, err := scanConfigResource(s)
				if r != nil {
					m.Resources = append(m.Resources, r)
				}
				s.releaseBehind()
				return err
			})
		case "module_calls":
			return s.object(func(name []byte) error {
				call, err := scanModuleCall(s, string(name))
				m.ModuleCalls[call.Name] = call
				s.releaseBehind()
				return err
			})
		case "outputs":
			return s.object(func(name []byte) error {
				out := &Expression{}
				m.Outputs[string(name)] = out
				return s.object(func(key []byte) error {
					if string(key) != "expression" {
						_, err := s.skip()
						return err
					}
					var attrs []*Attribute
					if err := scanExpression(s, "", &attrs, referencesOnly); err != nil {
						return err
					}
					for _, a := range attrs {
						out.References = append(out.References, a.References...)
					}
					return nil
				})
			})
		default:
			_, err := s.skip()
			return err
		}
	})
	return m, err
}

func scanModuleCall(s *scanner, name string) (*ModuleCall, error) {
	call := &ModuleCall{Name: name, Arguments: map[string]*Expression{}}
	err := s.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "source":
			call.Source, err = s.str()
		case "expressions":
			var attrs []*Attribute
			if err = scanExpressions(s, "", &attrs, referencesOnly); err == nil {
				for _, a := range attrs {
					arg := topName(a.Path)
					if e := call.Arguments[arg]; e != nil {
						e.References = append(e.References, a.References...)
					} else {
						call.Arguments[arg] = &Expression{References: a.References}
					}
				}
			}
		case "count_expression":
			call.HasCount = !s.isNull()
			if call.HasCount {
				_, err = s.skip()
			}
		case "for_each_expression":
			call.HasForEach = !s.isNull()
			if call.HasForEach {
				_, err = s.skip()
			}
		case "module":
			call.Module, err = scanCalledModule(s)
		default:
			_, err = s.skip()
		}
		return err
	})
	return call, err
}

// scanCalledModule reads the configuration of a called module. `terraform show -json` writes it
// in full for every call, so a monorepo calling one module 10,000 times has 10,000 identical
// copies: each distinct text is read once, and the calls that repeat it share its Module.
func scanCalledModule(s *scanner) (*Module, error) {
	s.ws() // start is where the module's text starts, for failedWithin
	start := s.pos
	raw, err := s.skip()
	if err != nil {
		return nil, err
	}
	h := maphash.Bytes(moduleSeed, raw)
	for _, seen := range s.modules[h] {
		if bytes.Equal(seen.raw, raw) {
			return seen.module, nil
		}
	}
	sub := &scanner{data: raw, interned: s.interned}
	m, err := scanModule(sub)
	if err != nil {
		return nil, failedWithin(start, err)
	}
	s.interned = sub.interned
	if s.modules == nil {
		s.modules = map[uint64][]scannedModule{}
	}
	s.modules[h] = append(s.modules[h], scannedModule{raw: raw, module: m})
	return m, nil
}

// failedWithin returns err, from a scanner over a part of the document that starts at offset
// start, with its position counted from the document's start, so the message names the line in
// the file (nil stays nil).
func failedWithin(start int, err error) error {
	var se *syntaxError
	if errors.As(err, &se) {
		se.offset += start
	}
	return err
}

// scannedModule is a called module's configuration text and what it was read into.
type scannedModule struct {
	raw    []byte
	module *Module
}

var moduleSeed = maphash.MakeSeed()

func scanConfigResource(s *scanner) (*ConfigResource, error) {
	r := &ConfigResource{}
	err := s.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "address":
			r.Address, err = s.str()
		case "mode":
			var m string
			m, err = s.str()
			r.Mode = tfjson.ResourceMode(m)
		case "type":
			r.Type, err = s.str()
		case "name":
			r.Name, err = s.str()
		case "expressions":
			err = scanExpressions(s, "", &r.Attributes, withConstants)
		case "count_expression":
			r.HasCount = !s.isNull()
			if r.HasCount {
				_, err = s.skip()
			}
		case "for_each_expression":
			r.HasForEach = !s.isNull()
			if r.HasForEach {
				_, err = s.skip()
			}
		default:
			_, err = s.skip()
		}
		return err
	})
	return r, err
}

// constants says whether scanExpression keeps an expression's string literal (ConstantString).
// A resource block's are read by rules; a module call's arguments and a module's outputs are
// followed only by their references, and their literals are mostly unique (a name per call):
// interned, 10,000 calls grew the intern table by 2.8 MB.
type constants bool

const (
	withConstants  constants = true
	referencesOnly constants = false
)

// scanExpressions reads a map of attribute name to expression or nested block(s).
func scanExpressions(s *scanner, prefix string, out *[]*Attribute, keep constants) error {
	if s.isNull() {
		return nil
	}
	return s.object(func(key []byte) error {
		name := s.intern(key) // attribute names recur in every block and call
		return scanExpression(s, join(prefix, name), out, keep)
	})
}

// intern returns b as a string, one copy per value (see scanner.interned).
func (s *scanner) intern(b []byte) string {
	if v, ok := s.interned[string(b)]; ok {
		return v
	}
	if s.interned == nil {
		s.interned = map[string]string{}
	}
	v := string(b)
	s.interned[v] = v
	return v
}

// scanExpression reads one attribute's value in configuration: an expression object
// ({"references": [...], "constant_value": ...}), a nested block (an object of expressions) or a
// list of nested blocks.
func scanExpression(s *scanner, path string, out *[]*Attribute, keep constants) error {
	switch s.peek() {
	case '[':
		i := 0
		return s.array(func() error {
			err := scanExpressions(s, join(path, strconv.Itoa(i)), out, keep)
			i++
			return err
		})
	case '{':
		// Tell an expression from a block by its keys; an expression has only references and/or
		// constant_value (or nothing at all, for an expression without either).
		start := s.pos
		raw, err := s.skip()
		if err != nil {
			return err
		}
		if isExpressionObject(raw) {
			a := &Attribute{Path: path}
			sub := &scanner{data: raw, interned: s.interned}
			err := sub.object(func(key []byte) error {
				switch string(key) {
				case "references":
					return sub.array(func() error {
						// Interned: a module's references recur in each of its calls'
						// arguments (var.name, aws_api_gateway_rest_api.main.id).
						ref, err := sub.internedStr()
						a.References = append(a.References, ref)
						return err
					})
				case "constant_value":
					a.Constant = true
					if keep && sub.peek() == '"' {
						// Interned: the same literals (event types, modes) recur across blocks
						// and module calls; the copy outlives the configuration's pages.
						var err error
						a.ConstantString, err = sub.internedStr()
						return err
					}
				}
				_, err := sub.skip()
				return err
			})
			s.interned = sub.interned
			if err != nil {
				return failedWithin(start, err)
			}
			*out = append(*out, a)
			return nil
		}
		// A single nested block (NestingSingle, e.g. timeouts) is an object, as in planned values.
		sub := &scanner{data: raw, interned: s.interned}
		err = scanExpressions(sub, path, out, keep)
		s.interned = sub.interned
		return failedWithin(start, err)
	default:
		_, err := s.skip()
		return err
	}
}

// isExpressionObject reports whether the object's keys are all expression keys.
func isExpressionObject(raw []byte) bool {
	s := &scanner{data: raw}
	expr := true
	_ = s.object(func(key []byte) error {
		switch string(key) {
		case "references", "constant_value":
		default:
			expr = false
		}
		_, err := s.skip()
		return err
	})
	return expr
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func topName(path string) string {
	for i := 0; i < len(path); i++ {
		if path[i] == '.' {
			return path[:i]
		}
	}
	return path
}
