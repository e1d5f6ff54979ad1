// Package baseline lets a team adopt hybridlint on a configuration that already has findings:
// `--write-baseline FILE` records today's findings, and `--baseline FILE` keeps those from failing
// later runs while any new one still does. Findings are recognised by rule, resource address
// without instance keys, and attribute, so moving lines, re-ordering files or adding a for_each
// instance of an already accepted resource does not break the baseline.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// Version is the version of the baseline file format.
const Version = 1

// File is a baseline file.
type File struct {
	Version int `json:"version"`
	// Tool is the hybridlint that wrote it, for the reader.
	Tool     string  `json:"tool,omitempty"`
	Findings []Entry `json:"findings"`
}

// Entry is one accepted finding.
type Entry struct {
	Rule string `json:"rule"`
	// Address is the resource address without instance keys.
	Address   string `json:"address"`
	Attribute string `json:"attribute,omitempty"`
	// Message is one message of the finding when it was accepted; for the reader, not compared.
	Message string `json:"message,omitempty"`
}

// Key is an entry's identity.
func (e Entry) Key() string { return e.Rule + "|" + e.Address + "|" + e.Attribute }

// Fingerprint is the identity of a finding in a baseline: rule, address without instance keys,
// attribute.
func Fingerprint(f *finding.Finding) string {
	return f.Rule + "|" + graph.StripKeys(f.Address) + "|" + f.Attribute
}

// Baseline is a loaded baseline.
type Baseline struct {
	Path    string
	entries map[string]Entry
}

// Read loads a baseline file. A missing file is an error that says how to create one.
func Read(path string) (*Baseline, error) {
	data, err := plan.ReadSmallFile(path, "a baseline")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such baseline file\n  create it from the current findings with: hybridlint --write-baseline %s PLAN", path, path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the baseline: %w", path, err)
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}) // an editor's byte-order mark
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err = dec.Decode(&f)
	if err == nil && len(bytes.TrimSpace(data[dec.InputOffset():])) > 0 {
		return nil, fmt.Errorf("%s: not a hybridlint baseline (there is more after the first JSON object, at byte %d)\n  --baseline takes the file --write-baseline wrote; write a new one with: "+
			"hybridlint --write-baseline hybridlint-baseline.json PLAN", path, dec.InputOffset())
	}
	if err != nil {
		var probe map[string]json.RawMessage
		if json.Unmarshal(data, &probe) == nil && (probe["format_version"] != nil || probe["resource_changes"] != nil) {
			return nil, fmt.Errorf("%s: this is a plan, not a baseline: --baseline takes the file --write-baseline wrote\n"+
				"  write one with: hybridlint --write-baseline hybridlint-baseline.json PLAN", path)
		}
		return nil, fmt.Errorf("%s: not a hybridlint baseline (%s)\n  --baseline takes the file --write-baseline wrote; write a new one with: "+
			"hybridlint --write-baseline hybridlint-baseline.json PLAN", path, describeJSONError(err))
	}
	if f.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d is not supported (this hybridlint reads version %d)\n  write a new one with: hybridlint --write-baseline %s PLAN", path, f.Version, Version, path)
	}
	b := &Baseline{Path: path, entries: map[string]Entry{}}
	for i, e := range f.Findings {
		if e.Rule == "" || e.Address == "" {
			return nil, fmt.Errorf("%s: findings[%d] needs a rule and an address", path, i)
		}
		b.entries[e.Key()] = e
	}
	return b, nil
}

// Len is the number of accepted findings.
func (b *Baseline) Len() int { return len(b.entries) }

// Apply marks the findings the baseline accepts (suppressed findings are left alone) and returns
// a note when the baseline lists findings that no longer occur, so it can be tidied.
func (b *Baseline) Apply(fs []finding.Finding) []finding.Note {
	seen := map[string]bool{}
	for i := range fs {
		f := &fs[i]
		key := Fingerprint(f)
		if _, ok := b.entries[key]; ok {
			seen[key] = true
			if f.Suppressed == nil {
				f.Baselined = true
			}
		}
	}
	gone := len(b.entries) - len(seen)
	if gone == 0 {
		return nil
	}
	return []finding.Note{{Message: fmt.Sprintf("%s lists %d finding(s) that no longer occur; rewrite it with --write-baseline %s to keep it tight", b.Path, gone, b.Path)}}
}

// New builds a baseline from findings: every finding that is not suppressed.
func New(tool string, fs []finding.Finding) File {
	byKey := map[string]Entry{}
	for i := range fs {
		f := &fs[i]
		if f.Suppressed != nil {
			continue
		}
		e := Entry{Rule: f.Rule, Address: graph.StripKeys(f.Address), Attribute: f.Attribute, Message: f.Message}
		if _, dup := byKey[e.Key()]; !dup {
			byKey[e.Key()] = e
		}
	}
	out := File{Version: Version, Tool: tool, Findings: make([]Entry, 0, len(byKey))}
	for _, e := range byKey {
		out.Findings = append(out.Findings, e)
	}
	sort.Slice(out.Findings, func(i, j int) bool { return out.Findings[i].Key() < out.Findings[j].Key() })
	return out
}

// Write saves a baseline file, sorted and indented so that its diff reads well in review.
func Write(path string, f File) error {
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing the baseline %s: %w", path, err)
	}
	return nil
}

// FromFile turns a written baseline into a loaded one, so a run that writes a baseline applies it.
func FromFile(path string, f File) *Baseline {
	b := &Baseline{Path: path, entries: map[string]Entry{}}
	for _, e := range f.Findings {
		b.entries[e.Key()] = e
	}
	return b
}

// describeJSONError says what is wrong with a file in a user's words, not in Go's types.
func describeJSONError(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return fmt.Sprintf("it holds a JSON %s where an object with version and entries belongs", typeErr.Value)
		}
		return fmt.Sprintf("%s holds a JSON %s", typeErr.Field, typeErr.Value)
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("invalid JSON at byte %d", syntaxErr.Offset)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}
