package config

import "testing"

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
	f.Fuzz(func(t *testing.T, src string) {
		Parse("c.hcl", []byte(src), formats, known)
	})
}
