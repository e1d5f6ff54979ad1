package graph

import "strings"

// This file serves linter/source, linter/suppress and linter/baseline: they need an address's
// module instances and instance keys, parsed the way the graph parses them.

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

// ParseInstanceAddress splits a resource instance address; ok is false when it is not one.
func ParseInstanceAddress(addr string) (InstanceAddress, bool) {
	var a InstanceAddress
	steps := splitAddress(addr)
	var module strings.Builder
	i := 0
	for i+1 < len(steps) && steps[i].name == "module" && !steps[i].hasKey {
		st := steps[i+1]
		if module.Len() > 0 {
			module.WriteByte('.')
		}
		module.WriteString("module." + st.name)
		if st.hasKey {
			module.WriteString("[" + formatKey(st.key) + "]")
		}
		a.Modules = append(a.Modules, ModuleStep{Name: st.name, Key: st.key, HasKey: st.hasKey, Address: module.String()})
		i += 2
	}
	rest := steps[i:]
	if len(rest) > 0 && rest[0].name == "data" {
		if len(rest) != 3 || rest[0].hasKey || rest[1].hasKey {
			return a, false
		}
		a.Resource = "data." + rest[1].name + "." + rest[2].name
	} else {
		if len(rest) != 2 || rest[0].hasKey {
			return a, false
		}
		a.Resource = rest[0].name + "." + rest[1].name
	}
	last := rest[len(rest)-1]
	a.Key, a.HasKey = last.key, last.hasKey
	return a, true
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
