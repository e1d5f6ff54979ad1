package graph

import (
	"strconv"
	"strings"
)

// step is one dotted part of an address, with its instance key when it has one:
// module.a["eu"] is {name: "module"}, {name: "a", key: "eu", hasKey: true}.
type step struct {
	name   string
	key    any // string or float64
	hasKey bool
	// dynamic is true for a key written as an expression the plan cannot evaluate
	// (aws_lambda_function.fn[count.index]).
	dynamic bool
}

// splitAddress splits an address or reference into steps, honouring quoted keys that contain
// dots or brackets (module.a["x.y"].aws_s3_bucket.b).
func splitAddress(addr string) []step {
	// One allocation: an address has at most one step more than it has dots.
	return appendSteps(make([]step, 0, strings.Count(addr, ".")+1), addr)
}

// appendSteps is splitAddress appending to steps.
func appendSteps(steps []step, addr string) []step {
	for i := 0; i < len(addr); {
		j := i
		for j < len(addr) && addr[j] != '.' && addr[j] != '[' {
			j++
		}
		st := step{name: addr[i:j]}
		i = j
		if i < len(addr) && addr[i] == '[' {
			end, key, ok := parseKey(addr, i)
			st.hasKey = true
			if ok {
				st.key = key
			} else {
				st.dynamic = true
			}
			i = end
		}
		steps = append(steps, st)
		if i < len(addr) && addr[i] == '.' {
			i++
		}
	}
	return steps
}

// parseKey reads [0], ["key"] or [expr] starting at addr[i] == '['; it returns the index past ']'.
func parseKey(addr string, i int) (int, any, bool) {
	if i+1 < len(addr) && addr[i+1] == '"' {
		j := i + 2
		var b strings.Builder
		for j < len(addr) && addr[j] != '"' {
			if addr[j] == '\\' && j+1 < len(addr) {
				j++
			}
			b.WriteByte(addr[j])
			j++
		}
		end := strings.IndexByte(addr[j:], ']')
		if end < 0 {
			return len(addr), nil, false
		}
		return j + end + 1, b.String(), true
	}
	end := strings.IndexByte(addr[i:], ']')
	if end < 0 {
		return len(addr), nil, false
	}
	inner := addr[i+1 : i+end]
	if n, err := strconv.ParseFloat(inner, 64); err == nil {
		return i + end + 1, n, true
	}
	return i + end + 1, nil, false
}

// moduleInstance is the address of a module instance ("" for the root, module.a["eu"].module.b).
type moduleInstance string

// configPathOf strips instance keys: module.a["eu"].module.b[0] -> module.a.module.b. steps
// are m split (splitAddress).
func (m moduleInstance) configPathOf(steps []step) string {
	keyed := false
	for _, st := range steps {
		keyed = keyed || st.hasKey
	}
	if !keyed && !strings.HasSuffix(string(m), ".") {
		return string(m) // the names joined by dots: m itself, no new string
	}
	parts := make([]string, len(steps))
	for i, st := range steps {
		parts[i] = st.name
	}
	return strings.Join(parts, ".")
}

// parentOf returns the enclosing module instance and this module's call name; steps are m
// split (splitAddress).
func (m moduleInstance) parentOf(steps []step) (moduleInstance, string) {
	if len(steps) < 2 {
		return "", ""
	}
	name := steps[len(steps)-1].name
	// Cut the text at the start of the last "module." step.
	s := string(m)
	idx := strings.LastIndex(s, "module."+name)
	for idx > 0 && s[idx-1] != '.' {
		idx = strings.LastIndex(s[:idx], "module."+name)
	}
	if idx <= 0 {
		return "", name
	}
	return moduleInstance(s[:idx-1]), name
}

func formatKey(key any) string {
	switch k := key.(type) {
	case string:
		return strconv.Quote(k)
	case float64:
		return strconv.FormatFloat(k, 'f', -1, 64)
	}
	return ""
}

// Addresses taken apart for other packages: the module instances and instance keys of an address,
// parsed the way the graph parses them.

// ModuleStep is one module call in an instance address: module.fn["eu"] is {Name: "fn", Key: "eu"}.
type ModuleStep struct {
	Name   string
	Key    any // nil, a float64 (count) or a string (for_each)
	HasKey bool
	// Address is the module instance up to and including this step: module.api.module.fn["eu"].
	Address string
}

// InstanceAddress is a resource instance address taken apart.
type InstanceAddress struct {
	// Modules are the module calls it is nested in, outermost first.
	Modules []ModuleStep
	// Resource is the address within its module, without key: aws_lambda_function.fn or
	// data.aws_iam_policy_document.p.
	Resource string
	Key      any
	HasKey   bool
}

// ParseInstanceAddress splits a resource instance address; ok is false when it is not one. The
// strings it returns share addr's bytes when addr is written as Terraform writes it: the report
// parses each finding's address, twice.
func ParseInstanceAddress(addr string) (InstanceAddress, bool) {
	var a InstanceAddress
	var few [8]step
	steps := appendSteps(few[:0], addr)
	var buf [256]byte
	module := buf[:0]
	i := 0
	for i+1 < len(steps) && steps[i].name == "module" && !steps[i].hasKey {
		st := steps[i+1]
		if len(module) > 0 {
			module = append(module, '.')
		}
		module = append(append(module, "module."...), st.name...)
		if st.hasKey {
			module = append(appendKey(append(module, '['), st.key), ']')
		}
		a.Modules = append(a.Modules, ModuleStep{Name: st.name, Key: st.key, HasKey: st.hasKey, Address: within(addr, 0, module)})
		i += 2
	}
	from := 0
	if len(module) > 0 {
		from = len(module) + 1
	}
	var resource []byte
	rest := steps[i:]
	if len(rest) > 0 && rest[0].name == "data" {
		if len(rest) != 3 || rest[0].hasKey || rest[1].hasKey {
			return a, false
		}
		resource = append(append(append(append(module[len(module):], "data."...), rest[1].name...), '.'), rest[2].name...)
	} else {
		if len(rest) != 2 || rest[0].hasKey {
			return a, false
		}
		resource = append(append(append(module[len(module):], rest[0].name...), '.'), rest[1].name...)
	}
	a.Resource = within(addr, from, resource)
	last := rest[len(rest)-1]
	a.Key, a.HasKey = last.key, last.hasKey
	return a, true
}

// within returns b as a string: the bytes of s at from when they spell it, else a copy.
func within(s string, from int, b []byte) string {
	if from+len(b) <= len(s) && s[from:from+len(b)] == string(b) {
		return s[from : from+len(b)]
	}
	return string(b)
}

// appendKey appends formatKey(key).
func appendKey(buf []byte, key any) []byte {
	switch k := key.(type) {
	case string:
		return strconv.AppendQuote(buf, k)
	case float64:
		return strconv.AppendFloat(buf, k, 'f', -1, 64)
	}
	return buf
}

// StripKeys removes every instance key from an address:
// module.fn["eu"].aws_lambda_function.this[0] -> module.fn.aws_lambda_function.this.
func StripKeys(addr string) string {
	if !strings.Contains(addr, "[") {
		return addr
	}
	steps := splitAddress(addr)
	names := make([]string, len(steps))
	for i, st := range steps {
		names[i] = st.name
	}
	return strings.Join(names, ".")
}

// FormatKey renders an instance key as Terraform writes it inside brackets: "eu" (quoted) or 0.
func FormatKey(key any) string { return formatKey(key) }
