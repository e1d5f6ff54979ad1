package source

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLocate feeds arbitrary configuration text to the loader and the tracer: whatever a user's
// .tf files hold, placing a finding never panics or hangs.
func FuzzLocate(f *testing.F) {
	f.Add(rootMain, fnModule)
	f.Add("resource \"aws_lambda_function\" \"root\" {\n  timeout = local.x[0][\"a\"].b\n}\nlocals {\n  x = [{ a = { b = 1 } }]\n}\n", "")
	f.Add("module \"worker\" {\n  source = \"./modules/fn\"\n  for_each = { eu = {} }\n  timeout = each.value.timeout\n}\n", "variable \"timeout\" { default = var.timeout }\nresource \"aws_lambda_function\" \"this\" { timeout = var.timeout }\n")
	f.Add("resource \"aws_lambda_function\" \"root\" {\n  dynamic \"x\" {\n", "}")
	f.Fuzz(func(t *testing.T, root, module string) {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "modules", "fn"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(root), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "modules", "fn", "main.tf"), []byte(module), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg := Load(nil, Options{Dir: dir, WorkDir: dir})
		for _, addr := range []string{"aws_lambda_function.root[1]", `module.worker["eu"].aws_lambda_function.this`, "module.defaulted.aws_lambda_function.this"} {
			for _, attr := range []string{"", "timeout", "vpc_config.0.subnet_ids", "environment.0.variables.X", "x.-1.y"} {
				cfg.Locate(addr, attr)
			}
			cfg.MissingModule(addr)
		}
	})
}
