package config

import (
	"strings"
	"testing"
)

// FuzzParse reads arbitrary configuration text: every mistake is an error with a place, never a panic.
func FuzzParse(f *testing.F) {
	f.Add(`config {
  fail_on = "error"
}
rule "aws_lambda_timeout_near_limit" {
  threshold_percent = 90
}
ignore {
  rule    = "*"
  address = "module.a[*].*"
  reason  = "r"
  expires = "2026-01-01"
}
`)
	f.Add(`rule "aws_lambda_timeout_near_limit" { threshold_percent = [1] }`)
	f.Add(`ignore { address = "[" }`)
	// Crashers (issue 16): absurd prices, and nesting that would exhaust the parser's stack.
	f.Add("prices {\n  aws_lambda_x86_64_gb_second = 1e308\n}\n")
	f.Add("config {\n  x = " + strings.Repeat("[", 100000) + "\n}\n")
	f.Add("config {\n  idle_window_minutes = 9223372036854775807\n}\n")
	f.Fuzz(func(t *testing.T, src string) {
		Parse("c.hcl", []byte(src), formats, known)
	})
}
