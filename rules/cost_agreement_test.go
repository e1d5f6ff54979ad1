package rules_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/costreport"
	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// costRules are the rules that price functions (issue 11: one cost truth).
var costRules = []*rules.Rule{rules.LambdaProvisionedConcurrencyCost, rules.FunctionContainerCheaper, rules.FunctionKeepWarmCost}

// assertCostAgrees runs the cost rules and `hybridlint cost` on one graph with the same settings and
// checks that every cost finding carries the report's options for its function (kind, amount to the
// cent, basis), the report's one price date, and only dollar figures the report also prints for
// that function. It returns how many findings it checked.
func assertCostAgrees(t *testing.T, g *graph.Graph, s rules.Settings) int {
	t.Helper()
	res := engine.Run(g, costRules, engine.Config{Settings: s})
	require.Empty(t, res.Errors)
	rep := costreport.Build([]costreport.Plan{{Name: "plan.json", Graph: g}}, costreport.Options{Settings: s.Inputs(), MarginPercent: 30})
	byAddr := map[string]costreport.Function{}
	for _, f := range rep.Functions {
		byAddr[f.Address] = f
	}
	for _, f := range res.Findings {
		require.NotNil(t, f.Cost, "%s on %s carries its cost object", f.Rule, f.Address)
		fn, ok := byAddr[f.Cost.Function]
		require.True(t, ok, "the report prices %s", f.Cost.Function)
		assert.Equal(t, rep.PriceDate, f.Cost.PriceDate, "one price date per run")
		assert.NotContains(t, f.Message, "list prices of", "the date is printed once, not in each message")
		var want []finding.CostOption
		figures := map[string]bool{}
		for _, o := range fn.Options {
			if o.MonthlyUSD == nil {
				continue
			}
			want = append(want, finding.CostOption{Kind: o.Kind, MonthlyUSD: *o.MonthlyUSD, Basis: o.Basis, FixedOnly: o.FixedOnly})
			figures[cost.FormatUSD(*o.MonthlyUSD)] = true
			pings := 0.0
			for _, it := range o.Items {
				// Items carry their amount to the cent; quantity x price gives the unrounded one,
				// which a sum of items (the pings alone) needs.
				figures[cost.FormatUSD(it.USD)] = true
				figures[cost.FormatUSD(it.Quantity*it.PriceUSD)] = true
				if strings.HasPrefix(it.What, "keep-warm ") {
					pings += it.Quantity * it.PriceUSD
				}
			}
			figures[cost.FormatUSD(pings)] = true
		}
		assert.Equal(t, want, f.Cost.Options, "%s on %s quotes the report's options", f.Rule, f.Address)
		for _, fig := range regexp.MustCompile(`\$[0-9][0-9,]*(\.[0-9]+)?`).FindAllString(f.Message, -1) {
			assert.True(t, figures[fig], "%s on %s prints %s, which the report does not show for %s: %s (report: %v)", f.Rule, f.Address, fig, fn.Address, f.Message, figures)
		}
	}
	return len(res.Findings)
}

// TestCostRulesAgreeWithTheReport drives the cost rules and the cost report on the example plans
// with the example usage file.
func TestCostRulesAgreeWithTheReport(t *testing.T) {
	u, err := usage.Load("../examples/usage/economics.yml")
	require.NoError(t, err)
	for _, name := range []string{"aws-coldstart-quotes.json", "economics-multicloud.json"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("../examples/plans/" + name)
			require.NoError(t, err)
			p, err := plan.Parse(name, data)
			require.NoError(t, err)
			s := exampleSettings
			s.Usage = u
			assert.Positive(t, assertCostAgrees(t, graph.New(p), s))
		})
	}
}

// TestProvisionedAsPlanned pins the figures of issue 11 on aws-coldstart-quotes.json: the plan
// provisions 4 instances, so "as planned" is 4 instances with the overflow on demand, and the
// 20 instances the peak needs are a row of their own.
func TestProvisionedAsPlanned(t *testing.T) {
	u, err := usage.Load("../examples/usage/economics.yml")
	require.NoError(t, err)
	data, err := os.ReadFile("../examples/plans/aws-coldstart-quotes.json")
	require.NoError(t, err)
	p, err := plan.Parse("aws-coldstart-quotes.json", data)
	require.NoError(t, err)
	s := exampleSettings
	s.Usage = u
	res := engine.Run(graph.New(p), costRules, engine.Config{Settings: s})
	var quotes *finding.CostDetail
	for _, f := range res.Findings {
		if f.Rule == "function_container_cheaper" {
			quotes = f.Cost
			assert.Contains(t, f.Message, "cost $1,700.94 a month with provisioned concurrency (aws_lambda, 2 GB, x86_64, 4 instances;")
		}
	}
	require.NotNil(t, quotes)
	var provisioned []finding.CostOption
	for _, o := range quotes.Options {
		if o.Kind == "provisioned" {
			provisioned = append(provisioned, o)
		}
	}
	require.Len(t, provisioned, 2)
	assert.Equal(t, 1700.94, provisioned[0].MonthlyUSD)
	assert.Regexp(t, `^4 instances; 104M requests a month above their capacity billed on demand$`, provisioned[0].Basis)
	assert.Equal(t, 1475.11, provisioned[1].MonthlyUSD)
	assert.Equal(t, "20 instances, sized to the expected peak instead of the planned 4", provisioned[1].Basis)
}

// TestCostRulesAgreeWithTheReport_random is the property of issue 11: for random Lambda functions,
// capacity, keep-warm pings, traffic and prices, every cost finding carries the report's options
// and every dollar figure it prints is one the report prints for that function.
func TestCostRulesAgreeWithTheReport_random(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2026))
	memories := []int{128, 256, 512, 1024, 1536, 2048, 3008, 4096, 10240}
	checked := 0
	for i := 0; i < 150; i++ {
		fn := "aws_lambda_function.f"
		arch := []string{"x86_64", "arm64"}[rng.IntN(2)]
		b := plantest.New().Add(plantest.LambdaFunction(fn, "python3.12",
			map[string]any{"memory_size": memories[rng.IntN(len(memories))], "architectures": []any{arch}, "publish": true}))
		if rng.IntN(2) == 0 {
			pc := plantest.ProvisionedConcurrency("aws_lambda_provisioned_concurrency_config.f", fn, "aws_lambda_alias.live")
			pc.After["provisioned_concurrent_executions"] = 1 + rng.IntN(40)
			b.Add(plantest.LambdaAlias("aws_lambda_alias.live", fn), pc)
		}
		if rng.IntN(2) == 0 {
			b.Add(plantest.EventRule("aws_cloudwatch_event_rule.warmer", fmt.Sprintf("rate(%d minutes)", 1+rng.IntN(15)), map[string]any{"name": "warmer"}),
				plantest.EventTarget("aws_cloudwatch_event_target.warmer", "aws_cloudwatch_event_rule.warmer",
					fmt.Sprintf(`{"warmer":true,"concurrency":%d}`, 1+rng.IntN(10)), plantest.Refs(fn, "arn")...))
		}
		s := exampleSettings
		if rng.IntN(4) > 0 {
			yaml := fmt.Sprintf("version: 0.1\nresource_usage:\n  %s:\n    requests_per_month: %d\n    avg_duration_ms: %d\n",
				fn, int(math.Pow(10, 2+rng.Float64()*7)), 1+rng.IntN(20000))
			if rng.IntN(2) == 0 {
				yaml += fmt.Sprintf("    peak_concurrency: %d\n", 1+rng.IntN(200))
			}
			u, err := usage.Parse("usage.yml", []byte(yaml))
			require.NoError(t, err)
			s.Usage = u
		}
		prices := cost.Default()
		for _, p := range prices.List() {
			if rng.IntN(3) == 0 {
				require.NoError(t, prices.Override(p.Name, p.USD*(0.2+rng.Float64()*3)))
			}
		}
		s.Prices = &prices
		checked += assertCostAgrees(t, b.Graph(t), s)
	}
	assert.Greater(t, checked, 100, "the random plans exercise the cost rules")
}
