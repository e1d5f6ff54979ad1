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
	set, err := Build([]*graph.Graph{p.Graph(t)}, Options{Days: 14, Plans: []string{"plan.json"}})
	require.NoError(t, err)
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

// Functions sharing a log group are queried once and told apart by get-metric-data; a function
// with a log group of its own needs no note, since matching reads its logging_config.
func TestSharedLogGroup(t *testing.T) {
	logTo := func(group string) map[string]any {
		return map[string]any{"logging_config": []any{map[string]any{"log_format": "JSON", "log_group": group}}}
	}
	p := plantest.New().Add(
		plantest.LambdaFunction("aws_lambda_function.a", "python3.13", logTo("/app/shared")),
		plantest.LambdaFunction("aws_lambda_function.b", "python3.13", logTo("/app/shared")),
		plantest.LambdaFunction("aws_lambda_function.c", "python3.13", nil),
		plantest.LambdaFunction("aws_lambda_function.d", "python3.13", logTo("/app/d")),
	)
	set, err := Build([]*graph.Graph{p.Graph(t)}, Options{Days: 14, Plans: []string{"plan.json"}})
	require.NoError(t, err)
	require.Len(t, set.Commands, 2)
	li := set.Commands[0]
	assert.Contains(t, li.Shell, "--log-group-names /app/shared /aws/lambda/c /app/d \\")
	assert.Equal(t, []string{"aws_lambda_function.a, aws_lambda_function.b share the log group /app/shared: " +
		"its row cannot say which of them it is about, so get-metric-data below is the export for them"}, li.Notes)
	assert.Equal(t, []string{"aws_lambda_function.a", "aws_lambda_function.b", "aws_lambda_function.c", "aws_lambda_function.d"}, li.Functions)
}

// A log group the configuration names through a reference is read from the aws_cloudwatch_log_group.
func TestLogGroupThroughReference(t *testing.T) {
	fn := plantest.LambdaFunction("aws_lambda_function.a", "python3.13", map[string]any{
		"logging_config": []any{map[string]any{"log_format": "JSON"}}})
	fn.Refs = map[string][]string{"logging_config.0.log_group": plantest.Refs("aws_cloudwatch_log_group.app", "name")}
	p := plantest.New().Add(fn, plantest.Resource{Address: "aws_cloudwatch_log_group.app", After: map[string]any{"name": "/app/logs"}})
	set, err := Build([]*graph.Graph{p.Graph(t)}, Options{Days: 14})
	require.NoError(t, err)
	require.NotEmpty(t, set.Commands)
	assert.Contains(t, set.Commands[0].Shell, "--log-group-names /app/logs \\")
}

// benchFunctions is the size of the plan BenchmarkBuild measures queries on.
var benchFunctions = 20000

// BenchmarkBuild measures queries on a plan of benchFunctions functions: the work is linear in them.
func BenchmarkBuild(b *testing.B) {
	p := plantest.New()
	for i := range benchFunctions {
		p.Add(plantest.LambdaFunction(fmt.Sprintf("aws_lambda_function.fn[%d]", i), "python3.13", nil))
	}
	g := p.Graph(b)
	b.ResetTimer()
	for range b.N {
		if _, err := Build([]*graph.Graph{g}, Options{Days: 14}); err != nil {
			b.Fatal(err)
		}
	}
}
