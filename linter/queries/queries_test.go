package queries

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

func TestQuote(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"orders-api", "orders-api"},
		{"/aws/lambda/orders_api", "/aws/lambda/orders_api"},
		{"", "''"},
		{"a b", "'a b'"},
		{"it's", `'it'\''s'`},
		{"$(id)", "'$(id)'"},
		{"~root", "'~root'"},
		{"{a,b}", "'{a,b}'"},
		{"é", "'é'"},
		{"=ls", "'=ls'"},
		{"a=b", "a=b"},
	} {
		assert.Equal(t, tt.want, quote(tt.in), tt.in)
		// What sh makes of the word is the string itself.
		out, err := exec.Command("sh", "-c", "printf '%s' "+quote(tt.in)).Output()
		require.NoError(t, err)
		assert.Equal(t, tt.in, string(out))
	}
}

func TestCommentText(t *testing.T) {
	assert.Equal(t, `fn["a"]`, commentText(`fn["a"]`))
	assert.Equal(t, `fn[\"a\nrm -rf /\"]`, commentText("fn[\"a\nrm -rf /\"]"))
	assert.Equal(t, `a\u2028b`, commentText("a\u2028b"))
}

// A large plan is split into calls each API accepts.
func TestBatchesStayWithinTheAPILimits(t *testing.T) {
	const n = 200
	p := plantest.New()
	for i := range n {
		p.Add(plantest.LambdaFunction(fmt.Sprintf("aws_lambda_function.fn[%d]", i), "python3.13", nil))
	}
	set := Build([]*graph.Graph{p.Graph(t)}, []string{"plan.json"}, 14)
	count := map[string]int{}
	functions := map[string]int{}
	for _, c := range set.Commands {
		count[c.Export]++
		functions[c.Export] += len(c.Functions)
		switch c.Export {
		case ExportLogsInsights:
			assert.LessOrEqual(t, strings.Count(c.Shell, "/aws/lambda/"), platform.CloudWatchLogsInsightsMaxLogGroups)
		case ExportMetricData:
			assert.LessOrEqual(t, strings.Count(c.Shell, `"Id"`), platform.CloudWatchGetMetricDataMaxQueries)
		}
	}
	assert.Equal(t, map[string]int{ExportLogsInsights: 4, ExportMetricData: 2}, count, "50 log groups a query, 166 functions (498 queries) a call")
	assert.Equal(t, map[string]int{ExportLogsInsights: n, ExportMetricData: n}, functions, "every function once")
}

// Functions sharing a log group are queried once and told apart by get-metric-data.
func TestSharedLogGroup(t *testing.T) {
	shared := map[string]any{"logging_config": []any{map[string]any{"log_format": "JSON", "log_group": "/app/shared"}}}
	p := plantest.New().Add(
		plantest.LambdaFunction("aws_lambda_function.a", "python3.13", shared),
		plantest.LambdaFunction("aws_lambda_function.b", "python3.13", shared),
		plantest.LambdaFunction("aws_lambda_function.c", "python3.13", nil),
	)
	set := Build([]*graph.Graph{p.Graph(t)}, []string{"plan.json"}, 14)
	require.Len(t, set.Commands, 2)
	li := set.Commands[0]
	assert.Equal(t, 1, strings.Count(li.Shell, "/app/shared"))
	assert.Contains(t, li.Shell, "--log-group-names /app/shared /aws/lambda/c \\")
	assert.Equal(t, []string{"aws_lambda_function.a, aws_lambda_function.b log to /app/shared, not to a function's own /aws/lambda/ log group: " +
		"its row names the log group, not a function, so get-metric-data below is the export for them"}, li.Notes)
}
