package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/hashicorp/go-version"
	tfjson "github.com/hashicorp/terraform-json"
)

// InputError is a problem with what the user gave us. Its message names the input, says what is
// wrong and what to do, so the CLI can print it as it is.
type InputError struct {
	Path string
	// Line is where in the file the problem is; 0 when it is about the whole file.
	Line    int
	Problem string
	Hint    string
}

func (e *InputError) Error() string {
	where := e.Path
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", e.Path, e.Line)
	}
	msg := where + ": " + e.Problem
	if e.Hint != "" {
		msg += "\n  " + e.Hint
	}
	return msg
}

const howToMakePlan = "write a plan as JSON with: terraform plan -out tf.plan && terraform show -json tf.plan > plan.json"

var formatConstraint = version.MustConstraints(version.NewConstraint(tfjson.PlanFormatVersionConstraints))

// Parse reads a plan from its JSON text. data may carry a UTF-8 byte-order mark or be UTF-16
// (what PowerShell's `>` writes); binary plan files are recognised and refused with a hint, since
// converting them needs a Terraform binary (see Convert).
func Parse(path string, data []byte) (*Plan, error) {
	return parse(path, data, nil)
}

// parse is Parse with a hook that returns the bytes of skipped members to the OS (see Load).
func parse(path string, data []byte, release func([]byte)) (*Plan, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &InputError{Path: path, Problem: "the file is empty", Hint: howToMakePlan}
	}
	if IsBinaryPlan(data) {
		return nil, &InputError{Path: path, Problem: "this is a binary plan file, not JSON",
			Hint: "pass --tf-bin or put terraform or tofu on PATH to convert it, or run: terraform show -json " + path + " > plan.json"}
	}
	text, copied, err := decodeText(data)
	if err != nil {
		return nil, &InputError{Path: path, Problem: err.Error(), Hint: howToMakePlan}
	}
	if len(bytes.TrimSpace(text)) == 0 {
		// Only a byte-order mark: what PowerShell's > leaves when terraform show failed.
		return nil, &InputError{Path: path, Problem: "the file is empty (it holds only a byte-order mark)",
			Hint: "the command that wrote it probably failed; " + howToMakePlan}
	}
	p := &Plan{Path: path}
	if copied {
		release = nil // a decoded copy (UTF-16), not the mapping
	}
	top, err := p.scanTop(text, release)
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			line, col := lineCol(text, se.offset)
			if se.truncated {
				return nil, &InputError{Path: path, Problem: fmt.Sprintf("the JSON ends early at line %d, column %d: the file looks truncated", line, col),
					Hint: "write it again in full: terraform show -json tf.plan > plan.json"}
			}
			return nil, &InputError{Path: path, Problem: fmt.Sprintf("invalid JSON at line %d, column %d: %s", line, col, se.msg), Hint: howToMakePlan}
		}
		return nil, &InputError{Path: path, Problem: err.Error(), Hint: howToMakePlan}
	}
	if err := top.check(path, p); err != nil {
		return nil, err
	}
	switch {
	case release == nil:
		p.resident = int64(len(data))
	case top.has["resource_changes"]:
		p.resident = top.changesBytes
	default:
		p.resident = int64(len(top.plannedValues))
	}
	return p, nil
}

// topKeys records which top-level members the document had, to tell a plan from a state or from
// unrelated JSON.
type topKeys struct {
	has           map[string]bool
	plannedValues []byte
	changesBytes  int64 // the length of resource_changes
}

func (t topKeys) check(path string, p *Plan) error {
	switch {
	case t.has["lineage"] || (t.has["serial"] && t.has["resources"]):
		return &InputError{Path: path, Problem: "this is a Terraform state file, not a plan",
			Hint: "hybridlint checks planned changes; " + howToMakePlan}
	case t.has["values"] && !t.has["planned_values"] && !t.has["resource_changes"]:
		return &InputError{Path: path, Problem: "this is the JSON of a state (terraform show -json without a plan file), not of a plan",
			Hint: "pass the saved plan to terraform show: " + howToMakePlan}
	case !t.has["format_version"]:
		return &InputError{Path: path, Problem: "this JSON is not a Terraform plan: it has no format_version",
			Hint: howToMakePlan}
	}
	v, err := version.NewVersion(p.FormatVersion)
	if err != nil {
		return &InputError{Path: path, Problem: fmt.Sprintf("format_version %q is not a version number", p.FormatVersion), Hint: howToMakePlan}
	}
	if !formatConstraint.Check(v) {
		return &InputError{Path: path, Problem: fmt.Sprintf("plan format_version %s is not supported (this hybridlint reads %s)", p.FormatVersion, tfjson.PlanFormatVersionConstraints),
			Hint: "upgrade hybridlint, or write the plan with a Terraform or OpenTofu release whose JSON format is below 2.0"}
	}
	if !t.has["resource_changes"] && t.plannedValues != nil {
		changes, err := changesFromPlannedValues(t.plannedValues)
		if err != nil {
			return &InputError{Path: path, Problem: "reading planned_values: " + err.Error(), Hint: howToMakePlan}
		}
		p.Changes = changes
	}
	return nil
}

func (p *Plan) scanTop(text []byte, release func([]byte)) (topKeys, error) {
	s := &scanner{data: text, release: release}
	t := topKeys{has: map[string]bool{}}
	if c := s.peek(); c != '{' {
		if c == 0 {
			return t, errors.New("the file holds only white space")
		}
		if json.Valid(text) {
			return t, errors.New("this JSON is not a Terraform plan: it is not an object")
		}
		if c < 0x20 || c >= 0x7f {
			return t, fmt.Errorf("this is not JSON (it starts with byte 0x%02x)", c)
		}
		return t, fmt.Errorf("this is not JSON (it starts with %q)", c)
	}
	err := s.object(func(key []byte) error {
		t.has[string(key)] = true
		var err error
		switch string(key) {
		case "format_version":
			p.FormatVersion, err = s.str()
		case "terraform_version":
			p.TerraformVersion, err = s.str()
		case "resource_changes":
			// The changes' values point into these pages, but most are never read (rules read
			// functions and what calls them): the pages go back too, and the few values read
			// bring theirs back from the file.
			start := s.pos
			p.Changes, err = scanChanges(s)
			t.changesBytes = int64(s.pos - start)
		case "planned_values":
			// Needed only when there are no resource_changes; a released page is read again
			// from the file if that turns out to be so.
			t.plannedValues, err = s.skipReleasing()
		case "configuration":
			// Configuration is copied into Go values: its pages go back as the scanner passes.
			p.Config, err = scanConfiguration(s)
			s.releaseBehind()
		default:
			_, err = s.skipReleasing()
		}
		if err == nil && s.release != nil && s.pos > s.kept {
			s.release(text[s.kept:s.pos])
			s.markKept()
		}
		return err
	})
	if err != nil {
		return t, err
	}
	if c := s.peek(); c != 0 {
		return t, s.fail("unexpected data after the end of the plan object")
	}
	return t, nil
}

// skipReleasing skips a value whose pages are not needed again, releasing them as it goes.
func (s *scanner) skipReleasing() ([]byte, error) {
	s.markKept()
	s.releasing = true
	defer func() { s.releasing = false }()
	return s.skip()
}

func scanChanges(s *scanner) ([]*ResourceChange, error) {
	var out []*ResourceChange
	if s.isNull() {
		return nil, nil
	}
	err := s.array(func() error {
		rc := &ResourceChange{}
		deposed := false
		err := s.object(func(key []byte) error {
			var err error
			switch string(key) {
			case "address":
				rc.Address, err = s.viewStr()
			case "module_address":
				rc.ModuleAddress, err = s.internedStr()
			case "mode":
				var m string
				m, err = s.internedStr()
				rc.Mode = tfjson.ResourceMode(m)
			case "type":
				rc.Type, err = s.internedStr()
			case "name":
				rc.Name, err = s.internedStr()
			case "index":
				var raw []byte
				if raw, err = s.skip(); err == nil {
					rc.Index, err = decodeIndex(raw)
				}
			case "deposed":
				deposed = !s.isNull()
				if deposed {
					_, err = s.skip()
				}
			case "change":
				err = scanChange(s, rc)
			default:
				_, err = s.skip()
			}
			return err
		})
		if err == nil && !deposed {
			out = append(out, rc)
		}
		s.releaseBehind()
		return err
	})
	return out, err
}

func decodeIndex(raw []byte) (any, error) {
	switch raw[0] {
	case '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case 'n':
		return nil, nil
	default:
		return strconv.ParseFloat(string(raw), 64)
	}
}

func scanChange(s *scanner, rc *ResourceChange) error {
	return s.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "actions":
			err = s.array(func() error {
				a, err := s.internedStr()
				rc.Actions = append(rc.Actions, tfjson.Action(a))
				return err
			})
		case "before":
			rc.Before, err = s.skip()
		case "after":
			rc.After, err = s.skip()
		case "after_unknown":
			rc.AfterUnknown, err = s.skip()
		case "before_sensitive":
			rc.BeforeSensitive, err = s.skip()
		case "after_sensitive":
			rc.AfterSensitive, err = s.skip()
		default:
			_, err = s.skip()
		}
		return err
	})
}

// changesFromPlannedValues builds no-op changes from planned_values, for the rare file that has
// values but no resource_changes.
func changesFromPlannedValues(raw []byte) ([]*ResourceChange, error) {
	var out []*ResourceChange
	// walk reads one module in a single pass: its address may come after its resources, so they
	// get it when the module's object ends. (Skipping a child first to read its address made a
	// deep chain of child_modules quadratic.)
	var walk func(s *scanner) error
	walk = func(s *scanner) error {
		var address string
		var own []*ResourceChange
		err := s.object(func(key []byte) error {
			switch string(key) {
			case "address":
				var err error
				address, err = s.str()
				return err
			case "resources":
				return s.array(func() error {
					rc := &ResourceChange{Actions: tfjson.Actions{tfjson.ActionNoop}, MissingIsUnknown: true}
					err := s.object(func(key []byte) error {
						var err error
						switch string(key) {
						case "address":
							rc.Address, err = s.str()
						case "mode":
							var m string
							m, err = s.str()
							rc.Mode = tfjson.ResourceMode(m)
						case "type":
							rc.Type, err = s.str()
						case "name":
							rc.Name, err = s.str()
						case "index":
							var b []byte
							if b, err = s.skip(); err == nil {
								rc.Index, err = decodeIndex(b)
							}
						case "values":
							rc.After, err = s.skip()
						case "sensitive_values":
							rc.AfterSensitive, err = s.skip()
						default:
							_, err = s.skip()
						}
						return err
					})
					out = append(out, rc)
					own = append(own, rc)
					return err
				})
			case "child_modules":
				return s.array(func() error { return walk(s) })
			default:
				_, err := s.skip()
				return err
			}
		})
		for _, rc := range own {
			rc.ModuleAddress = address
		}
		return err
	}
	s := &scanner{data: raw}
	err := s.object(func(key []byte) error {
		if string(key) == "root_module" {
			return walk(s)
		}
		_, err := s.skip()
		return err
	})
	return out, err
}

func jsonUnmarshalString(raw []byte, out *string) error { return json.Unmarshal(raw, out) }
