// Package usage reads what traffic functions are expected to serve, which the cost rules and
// `hybridlint cost` need and a plan does not say: a usage file given with --usage (YAML or JSON,
// in hybridlint's own keys or in infracost's, so a team can reuse its infracost-usage.yml), and the
// `workload` of hybrid_unit resources in the plan, matched to the function each unit targets.
//
// A usage file looks like infracost's:
//
//	version: 0.1
//	resource_usage:
//	  aws_lambda_function.api:
//	    requests_per_month: 4000000   # or infracost's monthly_requests
//	    avg_duration_ms: 120          # or infracost's request_duration_ms
//	    p99_duration_ms: 900
//	    peak_concurrency: 20
//	  module.workers.aws_lambda_function.job["*"]:
//	    monthly_requests: 100000
//	resource_type_default_usage:
//	  google_cloudfunctions2_function:
//	    requests_per_month: 10000
//
// Addresses may use `*` for any run of characters. The most specific entry that gives a number
// wins: an exact address, then patterns with more literal text, then the address without instance
// keys, then the type's default.
package usage

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/agext/levenshtein"
	"gopkg.in/yaml.v3"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// Traffic is the expected traffic of one function. A field is zero when not given.
type Traffic struct {
	RequestsPerMonth float64
	// HasRequests tells 0 requests a month from not given.
	HasRequests     bool
	AvgDurationMs   float64
	P99DurationMs   float64
	PeakConcurrency int
	// MemoryMB is the memory one execution is observed to use (infracost's memory_mb), which is
	// what Azure's Consumption plan bills.
	MemoryMB int
	// Sources say where the numbers come from, for messages: "usage.yml:12", "hybrid_unit.api".
	Sources []string
}

// Complete reports whether the traffic can be priced: requests a month and an average duration.
func (t Traffic) Complete() bool { return t.HasRequests && t.AvgDurationMs > 0 }

// Source names where the numbers come from, for messages.
func (t Traffic) Source() string { return strings.Join(t.Sources, ", ") }

// Merge fills the fields t does not give from u, and notes u's source when it adds anything.
func (t Traffic) Merge(u Traffic) Traffic {
	added := false
	if !t.HasRequests && u.HasRequests {
		t.RequestsPerMonth, t.HasRequests, added = u.RequestsPerMonth, true, true
	}
	fill := func(dst *float64, src float64) {
		if *dst == 0 && src != 0 {
			*dst, added = src, true
		}
	}
	fill(&t.AvgDurationMs, u.AvgDurationMs)
	fill(&t.P99DurationMs, u.P99DurationMs)
	if t.PeakConcurrency == 0 && u.PeakConcurrency != 0 {
		t.PeakConcurrency, added = u.PeakConcurrency, true
	}
	if t.MemoryMB == 0 && u.MemoryMB != 0 {
		t.MemoryMB, added = u.MemoryMB, true
	}
	if added {
		t.Sources = append(slices.Clip(t.Sources), u.Sources...)
	}
	return t
}

func (t Traffic) empty() bool {
	return !t.HasRequests && t.AvgDurationMs == 0 && t.P99DurationMs == 0 && t.PeakConcurrency == 0 && t.MemoryMB == 0
}

// Error is a problem with a usage file, at a line when there is one.
type Error struct {
	Path    string
	Line    int
	Problem string
	Hint    string
}

func (e *Error) Error() string {
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

// File is a parsed usage file.
type File struct {
	Path     string
	entries  []entry
	defaults map[string]entry
}

// entry is one address (or resource type) and the traffic given for it.
type entry struct {
	key     string
	line    int
	traffic Traffic
	pattern pattern
}

// The keys a usage entry may carry, each with the keys infracost uses for the same number
// (aws_lambda_function, google_cloudfunctions_function and azurerm_function_app in infracost's
// usage-file reference).
var fieldKeys = []struct {
	field string
	keys  []string
}{
	{"requests_per_month", []string{"requests_per_month", "monthly_requests", "monthly_function_invocations", "monthly_executions"}},
	{"avg_duration_ms", []string{"avg_duration_ms", "request_duration_ms", "execution_duration_ms"}},
	{"p99_duration_ms", []string{"p99_duration_ms"}},
	{"peak_concurrency", []string{"peak_concurrency"}},
	{"memory_mb", []string{"memory_mb"}},
}

// topLevelKeys are the keys a usage file may have at its top.
var topLevelKeys = []string{"version", "resource_usage", "resource_type_default_usage"}

const exampleEntry = "resource_usage:\n    aws_lambda_function.api:\n      requests_per_month: 4000000\n      avg_duration_ms: 120"

// Load reads and parses a usage file.
func Load(path string) (*File, error) {
	data, err := plan.ReadSmallFile(path, "a usage file")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Error{Path: path, Problem: "no such usage file", Hint: "check the path given with --usage"}
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "is a directory") {
			return nil, &Error{Path: path, Problem: "is a directory, not a usage file", Hint: "pass the YAML or JSON file itself"}
		}
		return nil, &Error{Path: path, Problem: err.Error()}
	}
	return Parse(path, data)
}

// Parse reads a usage file from its text: YAML, or JSON (which YAML reads too), in UTF-8 with or
// without a byte-order mark, or UTF-16 as PowerShell writes it.
func Parse(path string, data []byte) (*File, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, &Error{Path: path, Problem: err.Error(), Hint: "save the file as UTF-8 text"}
	}
	f := &File{Path: path, defaults: map[string]entry{}}
	if strings.TrimSpace(text) == "" {
		return nil, &Error{Path: path, Problem: "is empty", Hint: "give the expected traffic per function, e.g.\n  " + exampleEntry}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, &Error{Path: path, Line: yamlErrorLine(err), Problem: "is not valid YAML or JSON: " + strings.TrimPrefix(err.Error(), "yaml: "),
			Hint: "fix the syntax; the file must be a map with resource_usage at its top"}
	}
	if len(doc.Content) == 0 {
		return nil, &Error{Path: path, Problem: "has only comments", Hint: "give the expected traffic per function, e.g.\n  " + exampleEntry}
	}
	root := resolve(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return nil, f.errorf(root, fmt.Sprintf("the top of the file is a %s, not a map", kindName(root)), "start with\n  "+exampleEntry)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], resolve(root.Content[i+1])
		if line, dup := seen[k.Value]; dup {
			return nil, f.errorf(k, fmt.Sprintf("%s is given twice (first on line %d)", k.Value, line), "keep one")
		}
		seen[k.Value] = k.Line
		switch k.Value {
		case "version":
			if err := f.checkVersion(v); err != nil {
				return nil, err
			}
		case "resource_usage", "resource_type_default_usage":
			if err := f.readEntries(k.Value, v); err != nil {
				return nil, err
			}
		default:
			return nil, f.errorf(k, fmt.Sprintf("unknown key %q at the top of the file", k.Value),
				"use "+strings.Join(topLevelKeys, ", ")+suggestion(k.Value, topLevelKeys))
		}
	}
	if _, ok := seen["resource_usage"]; !ok {
		if _, ok := seen["resource_type_default_usage"]; !ok {
			return nil, &Error{Path: path, Problem: "gives no traffic: it has neither resource_usage nor resource_type_default_usage",
				Hint: "add the expected traffic per function, e.g.\n  " + exampleEntry}
		}
	}
	return f, nil
}

func (f *File) errorf(n *yaml.Node, problem, hint string) *Error {
	return &Error{Path: f.Path, Line: n.Line, Problem: problem, Hint: hint}
}

// checkVersion accepts infracost's "0.1" (and any 0.x): the keys hybridlint reads have not changed.
func (f *File) checkVersion(v *yaml.Node) error {
	if v.Kind == yaml.ScalarNode && strings.HasPrefix(v.Value, "0.") {
		return nil
	}
	return f.errorf(v, fmt.Sprintf("version %q is not supported", v.Value), `write version: 0.1, or leave version out`)
}

// readEntries reads resource_usage (addresses) or resource_type_default_usage (resource types).
func (f *File) readEntries(section string, n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return f.errorf(n, fmt.Sprintf("%s is a %s, not a map of resources", section, kindName(n)), exampleEntry)
	}
	lines := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		if line, dup := lines[k.Value]; dup {
			return f.errorf(k, fmt.Sprintf("%s is given twice in %s (first on line %d)", k.Value, section, line), "keep one")
		}
		lines[k.Value] = k.Line
		e := entry{key: k.Value, line: k.Line}
		if section == "resource_usage" {
			p, err := parsePattern(k.Value)
			if err != nil {
				return f.errorf(k, fmt.Sprintf("%q is not a resource address: %v", k.Value, err),
					`write the address as the plan shows it, e.g. aws_lambda_function.api or module.app.aws_lambda_function.api["eu"]; * matches any text`)
			}
			e.pattern = p
		} else if !isTypeName(k.Value) {
			return f.errorf(k, fmt.Sprintf("%q is not a resource type", k.Value), "resource_type_default_usage is keyed by type, e.g. aws_lambda_function")
		}
		t, err := f.readTraffic(k.Value, v)
		if err != nil {
			return err
		}
		t.Sources = []string{fmt.Sprintf("%s:%d", f.Path, k.Line)}
		e.traffic = t
		if section == "resource_usage" {
			f.entries = append(f.entries, e)
		} else {
			f.defaults[k.Value] = e
		}
	}
	return nil
}

// readTraffic reads one entry's numbers. Keys that belong to other infracost resources
// (monthly_outbound_data_gb, storage_gb, ...) are skipped, so an infracost usage file works as is;
// a key that looks like a misspelt one of ours is an error.
func (f *File) readTraffic(key string, n *yaml.Node) (Traffic, error) {
	var t Traffic
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return t, nil // infracost writes entries whose every line is commented out
	}
	if n.Kind != yaml.MappingNode {
		return t, f.errorf(n, fmt.Sprintf("%s: the traffic is a %s, not a map of numbers", key, kindName(n)),
			"give numbers by name, e.g. requests_per_month: 4000000")
	}
	given := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		field, ok := fieldOf(k.Value)
		if !ok {
			if near := nearKey(k.Value); near != "" {
				return t, f.errorf(k, fmt.Sprintf("%s: unknown key %q", key, k.Value), fmt.Sprintf("did you mean %s?", near))
			}
			continue
		}
		if prev, dup := given[field]; dup {
			return t, f.errorf(k, fmt.Sprintf("%s: %s and %s (line %d) both give %s", key, k.Value, prev.Value, prev.Line, field), "keep one")
		}
		given[field] = k
		x, err := f.number(key, k.Value, v)
		if err != nil {
			return t, err
		}
		if err := f.set(&t, field, key, k.Value, v, x); err != nil {
			return t, err
		}
	}
	return t, nil
}

// Bounds on expected traffic: beyond them a number is a typo (or a unit mistaken), and the
// amounts priced from it would overflow. A trillion requests a month is 385,000 a second, all
// month; no function runs for longer than a day (the longest platform limit is 60 minutes).
const (
	MaxRequestsPerMonth = 1e12
	MaxDurationMs       = 24 * 60 * 60 * 1000
)

// set stores one number after checking it makes sense for its field.
func (f *File) set(t *Traffic, field, key, name string, v *yaml.Node, x float64) error {
	bad := func(want string) error {
		return f.errorf(v, fmt.Sprintf("%s: %s %s is not valid", key, name, v.Value), want)
	}
	switch field {
	case "requests_per_month":
		if x < 0 || x > MaxRequestsPerMonth {
			return bad(fmt.Sprintf("use 0 to %g requests a month", float64(MaxRequestsPerMonth)))
		}
		t.RequestsPerMonth, t.HasRequests = x, true
	case "avg_duration_ms", "p99_duration_ms":
		if x <= 0 || x > MaxDurationMs {
			return bad(fmt.Sprintf("a duration is a number of milliseconds above 0 and at most %d (a day)", MaxDurationMs))
		}
		if field == "avg_duration_ms" {
			t.AvgDurationMs = x
		} else {
			t.P99DurationMs = x
		}
	case "peak_concurrency", "memory_mb":
		if x < 1 || x != math.Trunc(x) || x > math.MaxInt32 {
			return bad("use a whole number of 1 or more")
		}
		if field == "peak_concurrency" {
			t.PeakConcurrency = int(x)
		} else {
			t.MemoryMB = int(x)
		}
	}
	if t.P99DurationMs > 0 && t.AvgDurationMs > t.P99DurationMs {
		return f.errorf(v, fmt.Sprintf("%s: the average duration %g ms is above the p99 duration %g ms", key, t.AvgDurationMs, t.P99DurationMs),
			"the 99th percentile cannot be below the average: check the two numbers")
	}
	return nil
}

// number reads a scalar as a number: 4000000, 4e6, 4_000_000 (YAML 1.1 style) or 1.5.
func (f *File) number(key, name string, v *yaml.Node) (float64, error) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!str" || v.Tag == "!!null" || v.Tag == "!!bool" {
		what, hint := kindName(v), "write a number, e.g. 4000000"
		if v.Kind == yaml.ScalarNode {
			what = strconv.Quote(v.Value)
			if _, err := strconv.ParseFloat(strings.ReplaceAll(v.Value, ",", ""), 64); err == nil && v.Value != "" {
				hint = "write the number without quotes or thousands separators, e.g. 4000000"
			}
		}
		return 0, f.errorf(v, fmt.Sprintf("%s: %s is %s, not a number", key, name, what), hint)
	}
	s := strings.ReplaceAll(v.Value, "_", "")
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, f.errorf(v, fmt.Sprintf("%s: %s %q is not a number", key, name, v.Value), "write digits without separators, e.g. 4000000 or 4e6")
	}
	return x, nil
}

func fieldOf(key string) (string, bool) {
	for _, fk := range fieldKeys {
		if slices.Contains(fk.keys, key) {
			return fk.field, true
		}
	}
	return "", false
}

// nearKey returns the known key within two edits of key, if key is not one; "" otherwise.
func nearKey(key string) string {
	for _, fk := range fieldKeys {
		for _, k := range fk.keys {
			if levenshtein.Distance(key, k, nil) <= 2 {
				return k
			}
		}
	}
	return ""
}

func suggestion(key string, known []string) string {
	for _, k := range known {
		if levenshtein.Distance(key, k, nil) <= 3 {
			return fmt.Sprintf(" (did you mean %s?)", k)
		}
	}
	return ""
}

func isTypeName(s string) bool {
	if s == "" || !strings.Contains(s, "_") {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// resolve follows YAML aliases (*anchor) to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "map"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "empty"
		case "!!str":
			return "string"
		}
		return "single value"
	}
	return "value"
}

// yamlErrorLine reads the line number out of a YAML syntax error ("yaml: line 3: ...").
func yamlErrorLine(err error) int {
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		rest := msg[i+5:]
		end := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if end > 0 {
			n, _ := strconv.Atoi(rest[:end])
			return n
		}
	}
	return 0
}

// decodeText turns the file's bytes into text: UTF-8 (a byte-order mark is dropped) or UTF-16 with
// a byte-order mark.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		little := data[0] == 0xFF
		data = data[2:]
		units := make([]uint16, len(data)/2)
		for i := range units {
			if little {
				units[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
			} else {
				units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
			}
		}
		return string(utf16.Decode(units)), nil
	}
	if !utf8.Valid(data) {
		return "", errors.New("is not UTF-8 text")
	}
	return string(data), nil
}
