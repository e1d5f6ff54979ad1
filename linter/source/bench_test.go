package source

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkLocate measures placing findings in a configuration the size of a large monorepo
// stack: a module with 100 functions called for 200 for_each keys (20,000 instances), each
// timeout followed through the module variable to its map entry in the root module.
func BenchmarkLocate(b *testing.B) {
	var root, mod strings.Builder
	root.WriteString("locals {\n  tenants = {\n")
	for k := 0; k < 200; k++ {
		fmt.Fprintf(&root, "    t%d = { timeout = %d }\n", k, 60+k)
	}
	root.WriteString("  }\n}\n\nmodule \"tenant\" {\n  source   = \"./modules/tenant\"\n  for_each = local.tenants\n  timeout  = each.value.timeout\n}\n")
	mod.WriteString("variable \"timeout\" {\n  type = number\n}\n")
	for r := 0; r < 100; r++ {
		fmt.Fprintf(&mod, "\nresource \"aws_lambda_function\" \"fn%d\" {\n  function_name = \"fn%d\"\n  memory_size   = 512\n  timeout       = var.timeout\n}\n", r, r)
	}
	dir := b.TempDir()
	writeFiles(b, dir, map[string]string{"main.tf": root.String(), "modules/tenant/main.tf": mod.String()})
	addrs := make([]string, 0, 20000)
	for k := 0; k < 200; k++ {
		for r := 0; r < 100; r++ {
			addrs = append(addrs, fmt.Sprintf(`module.tenant["t%d"].aws_lambda_function.fn%d`, k, r))
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cfg := Load(nil, Options{Dir: dir, WorkDir: dir})
		for _, a := range addrs {
			if _, ok := cfg.Locate(a, "timeout"); !ok {
				b.Fatal("not located: " + a)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(addrs)), "ns/finding")
}
