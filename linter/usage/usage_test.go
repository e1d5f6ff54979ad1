package usage

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const ours = `version: 0.1
resource_usage:
  aws_lambda_function.api:
    requests_per_month: 4000000
    avg_duration_ms: 120
    p99_duration_ms: 900
    peak_concurrency: 20
  module.workers.aws_lambda_function.job["*"]:
    requests_per_month: 1_000_000
    avg_duration_ms: 2.5e3
  module.workers.*:
    avg_duration_ms: 100
    peak_concurrency: 4
  aws_lambda_function.batch:
    requests_per_month: 0
    avg_duration_ms: 60000
resource_type_default_usage:
  aws_lambda_function:
    requests_per_month: 10000
    avg_duration_ms: 50
`

func TestParseOurKeys(t *testing.T) {
	f, err := Parse("usage.yml", []byte(ours))
	require.NoError(t, err)

	api, ok := f.For("aws_lambda_function.api", "aws_lambda_function")
	require.True(t, ok)
	assert.Equal(t, Traffic{RequestsPerMonth: 4e6, HasRequests: true, AvgDurationMs: 120, P99DurationMs: 900, PeakConcurrency: 20,
		Sources: []string{"usage.yml:3"}}, api)
	assert.True(t, api.Complete())

	// The most specific pattern gives requests and duration, the broader one the peak.
	job, ok := f.For(`module.workers.aws_lambda_function.job["eu"]`, "aws_lambda_function")
	require.True(t, ok)
	assert.Equal(t, 1e6, job.RequestsPerMonth)
	assert.Equal(t, 2500.0, job.AvgDurationMs)
	assert.Equal(t, 4, job.PeakConcurrency)
	assert.Equal(t, "usage.yml:8, usage.yml:11", job.Source())

	// Zero requests is a number, not a missing one.
	batch, _ := f.For("aws_lambda_function.batch", "aws_lambda_function")
	assert.True(t, batch.HasRequests)
	assert.True(t, batch.Complete())

	// Anything else of the type gets the default.
	other, ok := f.For("module.x.aws_lambda_function.other", "aws_lambda_function")
	require.True(t, ok)
	assert.Equal(t, 1e4, other.RequestsPerMonth)
	assert.Equal(t, "usage.yml:18", other.Source())

	_, ok = f.For("google_cloudfunctions2_function.fn", "google_cloudfunctions2_function")
	assert.False(t, ok, "no entry and no default for the type")
}

func TestParseInfracostUsageFile(t *testing.T) {
	// Shaped like infracost's own usage files, with keys hybridlint does not read (other resources,
	// other numbers) and an entry whose every line is commented out.
	const infracost = `# You can use this file to define resource usage estimates for Infracost to use when calculating
# the cost of usage-based resource, such as AWS S3 or Lambda.
version: 0.1
resource_usage:
  aws_lambda_function.hello:
    monthly_requests: 100000 # Monthly requests to the Lambda function.
    request_duration_ms: 500 # Average duration of each request in milliseconds.
  aws_lambda_function.my_lambdas[*]:
    monthly_requests: 2000
    request_duration_ms: 250
  google_cloudfunctions_function.fn:
    request_duration_ms: 300
    monthly_function_invocations: 3000000
    monthly_outbound_data_gb: 20
  module.azurerm_function_app.azurerm_function_app.func:
    monthly_executions: 100000
    execution_duration_ms: 500
    memory_mb: 128
    instances: 0
  aws_s3_bucket.data:
    storage_gb: 1000
  aws_lambda_function.commented:
    # monthly_requests: 0
`
	f, err := Parse("infracost-usage.yml", []byte(infracost))
	require.NoError(t, err)
	hello, _ := f.For("aws_lambda_function.hello", "aws_lambda_function")
	assert.Equal(t, 1e5, hello.RequestsPerMonth)
	assert.Equal(t, 500.0, hello.AvgDurationMs)
	second, ok := f.For("aws_lambda_function.my_lambdas[1]", "aws_lambda_function")
	require.True(t, ok, "infracost's [*] wildcard")
	assert.Equal(t, 2000.0, second.RequestsPerMonth)
	gcf, _ := f.For("google_cloudfunctions_function.fn", "google_cloudfunctions_function")
	assert.Equal(t, 3e6, gcf.RequestsPerMonth)
	azure, _ := f.For("module.azurerm_function_app.azurerm_function_app.func", "azurerm_function_app")
	assert.Equal(t, Traffic{RequestsPerMonth: 1e5, HasRequests: true, AvgDurationMs: 500, MemoryMB: 128,
		Sources: []string{"infracost-usage.yml:15"}}, azure)
	_, ok = f.For("aws_lambda_function.commented", "aws_lambda_function")
	assert.False(t, ok)
}

func TestParseJSON(t *testing.T) {
	// JSON as an editor writes it, indented with tabs.
	const js = "{\n\t\"version\": \"0.1\",\n\t\"resource_usage\": {\n\t\t\"aws_lambda_function.api\": {\n\t\t\t\"requests_per_month\": 4000000,\n\t\t\t\"avg_duration_ms\": 120\n\t\t},\n\t\t\"azurerm_linux_function_app.fn\": {\"requests_per_month\": \"lots\"}\n\t}\n}\n"
	_, err := Parse("usage.json", []byte(js))
	require.Error(t, err)
	assert.Equal(t, "usage.json:8: azurerm_linux_function_app.fn: requests_per_month is \"lots\", not a number\n  write a number, e.g. 4000000", err.Error(),
		"errors in JSON name the line too")

	f, err := Parse("usage.json", []byte(js[:len(js)-72]+"\n\t}\n}\n"))
	require.NoError(t, err)
	api, ok := f.For("aws_lambda_function.api", "aws_lambda_function")
	require.True(t, ok)
	assert.Equal(t, 4e6, api.RequestsPerMonth)
	assert.Equal(t, []string{"usage.json:4"}, api.Sources)
}

func TestParseEncodings(t *testing.T) {
	text := "resource_usage:\n  aws_lambda_function.api:\n    requests_per_month: 5\n"
	utf16le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
	}
	utf16be := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(text)) {
		utf16be = append(utf16be, byte(u>>8), byte(u))
	}
	for name, data := range map[string][]byte{
		"utf-8 with BOM": append([]byte{0xEF, 0xBB, 0xBF}, text...),
		"utf-16le":       utf16le,
		"utf-16be":       utf16be,
	} {
		f, err := Parse("usage.yml", data)
		require.NoError(t, err, name)
		tr, ok := f.For("aws_lambda_function.api", "aws_lambda_function")
		require.True(t, ok, name)
		assert.Equal(t, 5.0, tr.RequestsPerMonth, name)
	}
	_, err := Parse("usage.yml", []byte{0x80, 0x81, 0xFE, 0x00, 0x01})
	assert.EqualError(t, err, "usage.yml: is not UTF-8 text\n  save the file as UTF-8 text")
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "  \n", "usage.yml: is empty\n  give the expected traffic per function, e.g.\n  " + exampleEntry},
		{"only comments", "# traffic to come\n", "usage.yml: has only comments\n  give the expected traffic per function"},
		{"syntax", "resource_usage:\n  a.b: [1,\n", "usage.yml:2: is not valid YAML or JSON: line 2: did not find expected node content\n  fix the syntax; the file must be a map with resource_usage at its top"},
		{"not a map", "- 1\n- 2\n", "usage.yml:1: the top of the file is a list, not a map\n  start with\n  " + exampleEntry},
		{"no traffic", "version: 0.1\n", "usage.yml: gives no traffic: it has neither resource_usage nor resource_type_default_usage\n  add the expected traffic per function, e.g.\n  " + exampleEntry},
		{"unknown top key", "resource_usages:\n  a.b: {}\n", `usage.yml:1: unknown key "resource_usages" at the top of the file` + "\n  use version, resource_usage, resource_type_default_usage (did you mean resource_usage?)"},
		{"version", "version: 2\nresource_usage: {}\n", "usage.yml:1: version \"2\" is not supported\n  write version: 0.1, or leave version out"},
		{"section not a map", "resource_usage: 5\n", "usage.yml:1: resource_usage is a single value, not a map of resources\n  " + exampleEntry},
		{"not an address", "resource_usage:\n  api:\n    requests_per_month: 1\n", `usage.yml:2: "api" is not a resource address: an address has the form TYPE.NAME` + "\n  write the address as the plan shows it, e.g. aws_lambda_function.api or module.app.aws_lambda_function.api[\"eu\"]; * matches any text"},
		{"space in address", "resource_usage:\n  aws_lambda_function. api:\n    requests_per_month: 1\n", `usage.yml:2: "aws_lambda_function. api" is not a resource address: it contains spaces`},
		{"not a type", "resource_type_default_usage:\n  Lambda:\n    requests_per_month: 1\n", `usage.yml:2: "Lambda" is not a resource type` + "\n  resource_type_default_usage is keyed by type, e.g. aws_lambda_function"},
		{"duplicate address", "resource_usage:\n  a.b:\n    requests_per_month: 1\n  a.b:\n    requests_per_month: 2\n", "usage.yml:4: a.b is given twice in resource_usage (first on line 2)\n  keep one"},
		{"duplicate section", "resource_usage: {}\nresource_usage: {}\n", "usage.yml:2: resource_usage is given twice (first on line 1)\n  keep one"},
		{"two names for one number", "resource_usage:\n  a.b:\n    monthly_requests: 1\n    requests_per_month: 2\n", "usage.yml:4: a.b: requests_per_month and monthly_requests (line 3) both give requests_per_month\n  keep one"},
		{"typo", "resource_usage:\n  a.b:\n    request_per_month: 1\n", `usage.yml:3: a.b: unknown key "request_per_month"` + "\n  did you mean requests_per_month?"},
		{"traffic not a map", "resource_usage:\n  a.b: 5\n", "usage.yml:2: a.b: the traffic is a single value, not a map of numbers\n  give numbers by name, e.g. requests_per_month: 4000000"},
		{"quoted number with separators", "resource_usage:\n  a.b:\n    requests_per_month: 4,000,000\n", "usage.yml:3: a.b: requests_per_month is \"4,000,000\", not a number\n  write the number without quotes or thousands separators, e.g. 4000000"},
		{"list as number", "resource_usage:\n  a.b:\n    avg_duration_ms: [1]\n", "usage.yml:3: a.b: avg_duration_ms is list, not a number\n  write a number, e.g. 4000000"},
		{"bool", "resource_usage:\n  a.b:\n    avg_duration_ms: true\n", `usage.yml:3: a.b: avg_duration_ms is "true", not a number`},
		{"infinite", "resource_usage:\n  a.b:\n    avg_duration_ms: .inf\n", `usage.yml:3: a.b: avg_duration_ms ".inf" is not a number`},
		{"negative requests", "resource_usage:\n  a.b:\n    monthly_requests: -5\n", "usage.yml:3: a.b: monthly_requests -5 is not valid\n  use 0 to 1e+12 requests a month"},
		{"absurd requests", "resource_usage:\n  a.b:\n    requests_per_month: 1e300\n", "usage.yml:3: a.b: requests_per_month 1e300 is not valid\n  use 0 to 1e+12 requests a month"},
		{"duration beyond a day", "resource_usage:\n  a.b:\n    avg_duration_ms: 1e9\n", "usage.yml:3: a.b: avg_duration_ms 1e9 is not valid\n  a duration is a number of milliseconds above 0 and at most 86400000 (a day)"},
		{"zero duration", "resource_usage:\n  a.b:\n    request_duration_ms: 0\n", "usage.yml:3: a.b: request_duration_ms 0 is not valid\n  a duration is a number of milliseconds above 0"},
		{"fractional peak", "resource_usage:\n  a.b:\n    peak_concurrency: 2.5\n", "usage.yml:3: a.b: peak_concurrency 2.5 is not valid\n  use a whole number of 1 or more"},
		{"average above p99", "resource_usage:\n  a.b:\n    p99_duration_ms: 100\n    avg_duration_ms: 300\n", "usage.yml:4: a.b: the average duration 300 ms is above the p99 duration 100 ms\n  the 99th percentile cannot be below the average: check the two numbers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("usage.yml", []byte(tt.text))
			require.Error(t, err)
			var ue *Error
			require.ErrorAs(t, err, &ue)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, "usage.yml", ue.Path)
		})
	}
}

func TestAnchorsAndAliases(t *testing.T) {
	f, err := Parse("usage.yml", []byte("resource_usage:\n  a.b: &api\n    requests_per_month: 7\n    avg_duration_ms: 10\n  a.c: *api\n"))
	require.NoError(t, err)
	c, ok := f.For("a.c", "a")
	require.True(t, ok)
	assert.Equal(t, 7.0, c.RequestsPerMonth)
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "usage.yml")
	require.NoError(t, os.WriteFile(path, []byte(ours), 0o644))
	f, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, path, f.Path)

	_, err = Load(filepath.Join(dir, "missing.yml"))
	assert.EqualError(t, err, filepath.Join(dir, "missing.yml")+": no such usage file\n  check the path given with --usage")
	_, err = Load(dir)
	assert.EqualError(t, err, dir+": is a directory, not a usage file\n  pass the YAML or JSON file itself")
}

func TestPatterns(t *testing.T) {
	tests := []struct {
		pattern, addr string
		want          bool
	}{
		{"aws_lambda_function.api", "aws_lambda_function.api", true},
		{"aws_lambda_function.api", "aws_lambda_function.api2", false},
		{"aws_lambda_function.*", `aws_lambda_function.api["eu"]`, true},
		{"aws_lambda_function.*", "module.m.aws_lambda_function.api", false},
		{"*.aws_lambda_function.api", "module.m.aws_lambda_function.api", true},
		{"module.*.aws_lambda_function.*", `module.m["a"].aws_lambda_function.api[0]`, true},
		{"module.*.aws_lambda_function.*", "aws_lambda_function.api", false},
		{"a.*x*y", "a.bxcy", true},
		{"a.*x*y", "a.bycx", false},
		{"a.b*b", "a.b", false},
	}
	for _, tt := range tests {
		p, err := parsePattern(tt.pattern)
		require.NoError(t, err)
		assert.Equal(t, tt.want, p.match(tt.addr), "%s ~ %s", tt.pattern, tt.addr)
	}
}

func TestPrecedence(t *testing.T) {
	f, err := Parse("u.yml", []byte(`resource_usage:
  module.m.aws_lambda_function.fn:
    requests_per_month: 1
  "*":
    requests_per_month: 2
    avg_duration_ms: 2
    peak_concurrency: 2
  module.m.aws_lambda_function.*:
    requests_per_month: 3
    avg_duration_ms: 3
  module.m.aws_lambda_function.fn[0]:
    p99_duration_ms: 4
`))
	require.NoError(t, err)
	got, ok := f.For("module.m.aws_lambda_function.fn[0]", "aws_lambda_function")
	require.True(t, ok)
	// Exact address (p99) > longer pattern (requests 3, duration 3) > shorter pattern (peak 2) >
	// the address without keys (requests 1, left out: already given).
	assert.Equal(t, Traffic{RequestsPerMonth: 3, HasRequests: true, AvgDurationMs: 3, P99DurationMs: 4, PeakConcurrency: 2,
		Sources: []string{"u.yml:11", "u.yml:8", "u.yml:4"}}, got)

	single, _ := f.For("module.m.aws_lambda_function.fn", "aws_lambda_function")
	assert.Equal(t, 1.0, single.RequestsPerMonth, "the exact address")

	assert.Equal(t, []string{"u.yml:11: module.m.aws_lambda_function.fn[0]"},
		f.Unused([]string{"module.m.aws_lambda_function.fn", "aws_lambda_function.other"}))
	assert.Empty(t, f.Unused([]string{"module.m.aws_lambda_function.fn[0]"}))

	var none *File
	_, ok = none.For("a.b", "a")
	assert.False(t, ok, "no file, no traffic")
	assert.Nil(t, none.Unused([]string{"a.b"}))
}
