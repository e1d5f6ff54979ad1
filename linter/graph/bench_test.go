package graph_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/benchmark"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// BenchmarkNew builds the graph of the many-modules shape at 1,000 module calls (6,000
// instances, each module's references resolved through its configuration).
func BenchmarkNew(b *testing.B) {
	var buf bytes.Buffer
	require.NoError(b, benchmark.ManyModules(&buf, 1000))
	p, err := plan.Parse("bench.json", buf.Bytes())
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		graph.New(p)
	}
}
