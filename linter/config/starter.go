package config

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// DocsURL is where rule pages are published; docs/rules/<name>.md in the repository.
const DocsURL = "https://github.com/hybridlint/terraform-provider-hybrid/blob/main/docs/rules/"

// Option is one option of a rule: its name in HCL and its default.
type Option struct {
	Name    string
	Default string // rendered as HCL
}

// Options lists the options of an options struct (a pointer to a struct with hcl tags), with
// the values it holds rendered as HCL.
func Options(opts any) []Option {
	v := reflect.ValueOf(opts)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	var out []Option
	for i := 0; i < v.NumField(); i++ {
		tag := v.Type().Field(i).Tag.Get("hcl")
		name, kind, _ := strings.Cut(tag, ",")
		if name == "" || (kind != "" && kind != "optional" && kind != "attr") {
			continue
		}
		out = append(out, Option{Name: name, Default: hclValue(v.Field(i))})
	}
	return out
}

// OptionNames lists the option names of an options struct.
func OptionNames(opts any) []string {
	var names []string
	for _, o := range Options(opts) {
		names = append(names, o.Name)
	}
	return names
}

func hclValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return "null"
		}
		return hclValue(v.Elem())
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	case reflect.Slice, reflect.Array:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = hclValue(v.Index(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case reflect.Map:
		keys := v.MapKeys()
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s = %s", hclValue(k), hclValue(v.MapIndex(k))))
		}
		sort.Strings(parts)
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	return fmt.Sprintf("%v", v.Interface())
}

// Starter is the commented configuration `hybridlint init` writes: every setting and every rule
// with its options, each at its default and commented out, so the file changes nothing until
// someone edits it.
func Starter(all []*rules.Rule, formats []string) string {
	var b strings.Builder
	b.WriteString(`# hybridlint configuration: https://github.com/hybridlint/terraform-provider-hybrid#in-pull-requests
# Every setting is shown at its default, commented out: uncomment what you want to change.
# Command-line flags override this file.

config {
  # Lowest severity that fails the run: error, warning, notice, or none to never fail.
  # fail_on = "warning"

`)
	fmt.Fprintf(&b, "  # Output format: %s.\n  # format = \"text\"\n\n", strings.Join(formats, ", "))
	b.WriteString(`  # Report only findings that involve a resource the plan creates, updates or replaces.
  # only_changed = false

  # How long an idle function stays warm, in minutes, for the keep-warm rules.
  # idle_window_minutes = 5
}
`)
	for _, r := range all {
		fmt.Fprintf(&b, "\n# %s (%s, %s): %s\n# %s%s.md\n", r.Name, r.Severity, r.Category, r.Summary, DocsURL, r.Name)
		fmt.Fprintf(&b, "rule %q {\n  # enabled  = true\n  # severity = %q\n", r.Name, r.Severity.String())
		if r.Options != nil {
			for _, o := range Options(r.Options()) {
				fmt.Fprintf(&b, "  # %s = %s\n", o.Name, o.Default)
			}
		}
		b.WriteString("}\n")
	}
	b.WriteString(`
# Accept findings for a while, with a reason. address is a pattern: * matches anything, and a part
# written without an instance key matches every instance (module.workers matches module.workers["eu"]).
# Inline, in a .tf file, on the line before a resource, module call or attribute:
#   # hybridlint:ignore RULE[,RULE] [key="eu"] [expires=YYYY-MM-DD] -- reason
#
# ignore {
#   rule    = "aws_lambda_timeout_near_limit"
#   address = "module.batch.aws_lambda_function.*"
#   reason  = "batch jobs run long by design"
#   expires = "2026-12-31"
# }
`)
	b.WriteString(`
# Prices the cost rules and 'hybridlint cost' use, in USD: list prices of one region per cloud,
# without free tiers. Override a negotiated rate or another region's price by name.
#
# prices {
`)
	for _, p := range cost.Default().List() {
		fmt.Fprintf(&b, "#   %s = %s  # per %s: %s\n", p.Name, strconv.FormatFloat(p.USD, 'f', -1, 64), p.Unit, p.Description)
	}
	b.WriteString("# }\n")
	return b.String()
}
