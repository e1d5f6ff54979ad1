package ruledoc

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Option is one option of a rule: its name in HCL and its default.
type Option struct {
	Name    string
	Default string // rendered as HCL
}

// Options lists the options of an options struct (a pointer to a struct with hcl tags), with
// the values it holds rendered as HCL. The rule pages and `hybridlint init` both show them.
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

// hclValue renders a value as `terraform fmt` would write it.
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
