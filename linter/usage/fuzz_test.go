package usage

import (
	"strings"
	"testing"
)

// FuzzParse checks that no usage file makes Parse panic, that every refusal names the file, and
// that whatever parses answers lookups. Run it with: go test ./linter/usage -fuzz=FuzzParse -fuzztime=30s
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		ours, "resource_usage:\n  a.b: &x\n    requests_per_month: 1\n  a.c: *x\n",
		"{\"resource_usage\": {\"a.*\": {\"monthly_requests\": 1e6, \"request_duration_ms\": 50}}}",
		"resource_type_default_usage:\n  aws_lambda_function:\n    avg_duration_ms: 5\n", "version: 0.1\n", "- [", "\xff\xfe\x00",
		"resource_usage:\n  \"*\":\n    peak_concurrency: 3\n    memory_mb: 128\n    p99_duration_ms: 9\n",
		"resource_usage:\n  a.b:\n    requests_per_month: 1e300\n    avg_duration_ms: 1e400\n", // absurd numbers (issue 16)
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		file, err := Parse("u.yml", []byte(text))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "u.yml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, addr := range []string{"a.b", `module.m["x"].aws_lambda_function.f[0]`, "aws_lambda_function.api"} {
			if tr, ok := file.For(addr, "aws_lambda_function"); ok && (tr.RequestsPerMonth < 0 || tr.AvgDurationMs < 0) {
				t.Fatalf("negative traffic from %q: %+v", text, tr)
			}
		}
		file.Unused([]string{"a.b"})
	})
}
