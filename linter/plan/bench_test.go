package plan

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/benchmark"
)

// modulesPlan is the many-modules shape of linter/benchmark at 1,000 module calls (about 12 MB).
func modulesPlan(b *testing.B) []byte {
	var buf bytes.Buffer
	require.NoError(b, benchmark.ManyModules(&buf, 1000))
	return buf.Bytes()
}

// BenchmarkParse is the scan of a plan: every value skipped is checked as strictly as
// encoding/json would decode it.
func BenchmarkParse(b *testing.B) {
	data := modulesPlan(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_, err := Parse("bench.json", data)
		require.NoError(b, err)
	}
}

// BenchmarkValuesGet reads what the rules read of each instance (counted on the many-modules
// plan: nine attributes of a function, one to three of the others), each time from an instance
// not yet read: the first read checks its values, the second indexes its members.
func BenchmarkValuesGet(b *testing.B) {
	p, err := Parse("bench.json", modulesPlan(b))
	require.NoError(b, err)
	reads := map[string][]string{
		"aws_lambda_function": {"timeout", "timeout", "timeout", "runtime", "runtime", "snap_start", "snap_start",
			"source_code_size", "package_type", "memory_size"},
		"aws_api_gateway_integration":     {"timeout_milliseconds", "request_parameters", "uri"},
		"aws_lambda_event_source_mapping": {"maximum_batching_window_in_seconds"},
		"aws_sqs_queue":                   {"visibility_timeout_seconds"},
	}
	for b.Loop() {
		for _, rc := range p.Changes {
			rc.checked.Store(0)
			rc.extra.Store(nil)
			for _, attr := range reads[rc.Type] {
				rc.Values().Get(attr)
			}
		}
	}
}

// BenchmarkParsePolicies is the scan of the benchmark's own shape, whose IAM policies are JSON
// written inside strings: a backslash every few bytes.
func BenchmarkParsePolicies(b *testing.B) {
	var buf bytes.Buffer
	require.NoError(b, benchmark.Write(&buf, benchmark.Shape{Modules: 20, InstancesPer: 5, ResourcesPer: 100, PolicyBytes: 1000}))
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_, err := Parse("bench.json", data)
		require.NoError(b, err)
	}
}
