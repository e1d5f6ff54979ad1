package rules_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/costreport"
	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
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
				figures[cost.FormatUSD(it.USD)] = true
				if regexp.MustCompile(`^keep-warm `).MatchString(it.What) {
					pings += it.USD
				}
			}
			figures[cost.FormatUSD(pings)] = true
		}
		assert.Equal(t, want, f.Cost.Options, "%s on %s quotes the report's options", f.Rule, f.Address)
		for _, fig := range regexp.MustCompile(`\$[0-9][0-9,]*(\.[0-9]+)?`).FindAllString(f.Message, -1) {
			assert.True(t, figures[fig], "%s on %s prints %s, which the report does not show for %s: %s", f.Rule, f.Address, fig, fn.Address, f.Message)
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
