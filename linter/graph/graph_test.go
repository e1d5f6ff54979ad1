package graph_test

import (
	"fmt"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

func fn(addr string) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{"function_name": addr, "timeout": 10}, Unknown: []string{"arn", "invoke_arn"}}
}

func targets(g *graph.Graph, from, attr string) []string {
	inst := g.ByAddress(from)
	if inst == nil {
		return []string{"<no instance " + from + ">"}
	}
	out := []string{}
	for _, e := range g.Targets(inst, attr) {
		out = append(out, e.To.Address)
	}
	sort.Strings(out)
	return out
}

func TestReferences(t *testing.T) {
	tests := []struct {
		name       string
		plan       *plantest.Builder
		from, attr string
		want       []string
	}{
		{
			name: "a direct reference",
			plan: plantest.New().Add(fn("aws_lambda_function.a"),
				plantest.Resource{Address: "aws_lambda_permission.p", Refs: map[string][]string{"function_name": {"aws_lambda_function.a.function_name", "aws_lambda_function.a"}}}),
			from: "aws_lambda_permission.p", attr: "function_name", want: []string{"aws_lambda_function.a"},
		},
		{
			name: "var inside a module follows the call's argument to the root",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.api", Source: "./api", Args: map[string][]string{"function_arn": {"aws_lambda_function.a.invoke_arn", "aws_lambda_function.a"}}}).
				Add(fn("aws_lambda_function.a"),
					plantest.Resource{Address: "module.api.aws_apigatewayv2_integration.i", Refs: map[string][]string{"integration_uri": {"var.function_arn"}}}),
			from: "module.api.aws_apigatewayv2_integration.i", attr: "integration_uri", want: []string{"aws_lambda_function.a"},
		},
		{
			name: "module output leads to the resource inside",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.fn", Source: "./fn", Outputs: map[string][]string{"arn": {"aws_lambda_function.this.arn", "aws_lambda_function.this"}}}).
				Add(fn("module.fn.aws_lambda_function.this"),
					plantest.Resource{Address: "aws_lambda_permission.p", Refs: map[string][]string{"function_name": {"module.fn.arn", "module.fn"}}}),
			from: "aws_lambda_permission.p", attr: "function_name", want: []string{"module.fn.aws_lambda_function.this"},
		},
		{
			name: "nested modules: output of a child of a sibling, through a variable",
			plan: plantest.New().
				Module(
					plantest.ModuleCall{Path: "module.svc", Source: "./svc", Outputs: map[string][]string{"fn": {"module.lambda.arn", "module.lambda"}}},
					plantest.ModuleCall{Path: "module.svc.module.lambda", Source: "./lambda", Outputs: map[string][]string{"arn": {"aws_lambda_function.this.arn", "aws_lambda_function.this"}}},
					plantest.ModuleCall{Path: "module.edge", Source: "./edge", Args: map[string][]string{"target": {"module.svc.fn", "module.svc"}}},
					plantest.ModuleCall{Path: "module.edge.module.inner", Source: "./inner", Args: map[string][]string{"arn": {"var.target"}}},
				).
				Add(fn("module.svc.module.lambda.aws_lambda_function.this"),
					plantest.Resource{Address: "module.edge.module.inner.aws_lambda_permission.p", Refs: map[string][]string{"function_name": {"var.arn"}}}),
			from: "module.edge.module.inner.aws_lambda_permission.p", attr: "function_name",
			want: []string{"module.svc.module.lambda.aws_lambda_function.this"},
		},
		{
			name: "for_each: each.key picks the matching instance",
			plan: plantest.New().Add(fn(`aws_lambda_function.a["eu"]`), fn(`aws_lambda_function.a["us"]`),
				plantest.Resource{Address: `aws_lambda_permission.p["us"]`, Refs: map[string][]string{"function_name": {"aws_lambda_function.a", "each.key"}}}),
			from: `aws_lambda_permission.p["us"]`, attr: "function_name", want: []string{`aws_lambda_function.a["us"]`},
		},
		{
			name: "count with a literal index",
			plan: plantest.New().Add(fn("aws_lambda_function.a[0]"), fn("aws_lambda_function.a[1]"),
				plantest.Resource{Address: "aws_lambda_permission.p", Refs: map[string][]string{"function_name": {"aws_lambda_function.a[1].arn", "aws_lambda_function.a[1]", "aws_lambda_function.a"}}}),
			from: "aws_lambda_permission.p", attr: "function_name", want: []string{"aws_lambda_function.a[1]"},
		},
		{
			name: "instances that can't be told apart all get an edge",
			plan: plantest.New().Add(fn("aws_lambda_function.a[0]"), fn("aws_lambda_function.a[1]"),
				plantest.Resource{Address: "aws_lambda_permission.p", Refs: map[string][]string{"function_name": {"aws_lambda_function.a", "local.pick"}}}),
			from: "aws_lambda_permission.p", attr: "function_name", want: []string{"aws_lambda_function.a[0]", "aws_lambda_function.a[1]"},
		},
		{
			name: "module for_each instances: var resolves in the matching module instance's caller",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.svc", Source: "./svc", ForEach: true, Args: map[string][]string{"fn": {"aws_lambda_function.a", "each.key"}}}).
				Add(fn(`aws_lambda_function.a["eu"]`), fn(`aws_lambda_function.a["us"]`),
					plantest.Resource{Address: `module.svc["eu"].aws_lambda_permission.p`, Refs: map[string][]string{"function_name": {"var.fn"}}}),
			from: `module.svc["eu"].aws_lambda_permission.p`, attr: "function_name", want: []string{`aws_lambda_function.a["eu"]`},
		},
		{
			name: "a resource in a module refers to its sibling in the same module instance only",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.svc", Source: "./svc", ForEach: true}).
				Add(fn(`module.svc["eu"].aws_lambda_function.this`), fn(`module.svc["us"].aws_lambda_function.this`),
					plantest.Resource{Address: `module.svc["us"].aws_lambda_permission.p`, Refs: map[string][]string{"function_name": {"aws_lambda_function.this.arn", "aws_lambda_function.this"}}}),
			from: `module.svc["us"].aws_lambda_permission.p`, attr: "function_name", want: []string{`module.svc["us"].aws_lambda_function.this`},
		},
		{
			name: "nested block attribute, queried without block indices",
			plan: plantest.New().Add(fn("aws_lambda_function.edge"),
				plantest.Resource{Address: "aws_cloudfront_distribution.cdn", Refs: map[string][]string{
					"default_cache_behavior.0.lambda_function_association.0.lambda_arn": {"aws_lambda_function.edge.qualified_arn", "aws_lambda_function.edge"}}}),
			from: "aws_cloudfront_distribution.cdn", attr: "default_cache_behavior.lambda_function_association.lambda_arn", want: []string{"aws_lambda_function.edge"},
		},
		{
			name: "a data source",
			plan: plantest.New().Add(
				plantest.Resource{Address: "data.aws_lambda_function.existing", Actions: []string{"read"}, After: map[string]any{"function_name": "x"}},
				plantest.Resource{Address: "aws_lambda_permission.p", Refs: map[string][]string{"function_name": {"data.aws_lambda_function.existing", "data.aws_lambda_function"}}}),
			from: "aws_lambda_permission.p", attr: "function_name", want: []string{"data.aws_lambda_function.existing"},
		},
		{
			name: "a data source in a module instance, not the managed resource of the same type and name",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.svc", Source: "./svc", ForEach: true}).
				Add(fn(`module.svc["eu.1"].aws_lambda_function.this`),
					plantest.Resource{Address: `module.svc["eu.1"].data.aws_lambda_function.this`, Actions: []string{"read"}, After: map[string]any{"function_name": "x"}},
					plantest.Resource{Address: `module.svc["eu.1"].aws_lambda_permission.p`, Refs: map[string][]string{"function_name": {"data.aws_lambda_function.this.arn", "data.aws_lambda_function.this"}}}),
			from: `module.svc["eu.1"].aws_lambda_permission.p`, attr: "function_name", want: []string{`module.svc["eu.1"].data.aws_lambda_function.this`},
		},
		{
			name: "many instances, each once however often it is referred to",
			plan: func() *plantest.Builder {
				b := plantest.New()
				for i := range 17 {
					b.Add(fn(fmt.Sprintf("aws_lambda_function.a[%d]", i)))
				}
				return b.Add(plantest.Resource{Address: "aws_lambda_permission.p", Refs: map[string][]string{"function_name": {"aws_lambda_function.a", "aws_lambda_function.a.arn", "local.pick"}}})
			}(),
			from: "aws_lambda_permission.p", attr: "function_name",
			want: func() []string {
				var out []string
				for i := range 17 {
					out = append(out, fmt.Sprintf("aws_lambda_function.a[%d]", i))
				}
				sort.Strings(out)
				return out
			}(),
		},
		{
			name: "root variables and locals lead nowhere",
			plan: plantest.New().Add(fn("aws_lambda_function.a"),
				plantest.Resource{Address: "aws_lambda_permission.p", Refs: map[string][]string{"function_name": {"var.fn", "local.fn"}}}),
			from: "aws_lambda_permission.p", attr: "function_name", want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, targets(tt.plan.Graph(t), tt.from, tt.attr))
		})
	}
}

func TestReferrers(t *testing.T) {
	g := plantest.New().Add(fn("aws_lambda_function.a"),
		plantest.Resource{Address: "aws_lambda_permission.p", Refs: map[string][]string{"function_name": {"aws_lambda_function.a"}}},
		plantest.Resource{Address: "aws_lambda_alias.live", Refs: map[string][]string{"function_name": {"aws_lambda_function.a.function_name", "aws_lambda_function.a"}}},
	).Graph(t)
	var from []string
	for _, e := range g.Referrers(g.ByAddress("aws_lambda_function.a")) {
		from = append(from, e.From.Address+"."+e.Attribute+" -> "+e.ToAttribute)
	}
	sort.Strings(from)
	assert.Equal(t, []string{"aws_lambda_alias.live.function_name -> function_name", "aws_lambda_permission.p.function_name -> "}, from)
}

func TestInvokedFunctions(t *testing.T) {
	base := func() *plantest.Builder {
		return plantest.New().Add(fn("aws_lambda_function.a"),
			plantest.Resource{Address: "aws_lambda_alias.live", After: map[string]any{"name": "live", "function_name": "aws_lambda_function.a"},
				Refs: map[string][]string{"function_name": {"aws_lambda_function.a.function_name", "aws_lambda_function.a"}}})
	}
	tests := []struct {
		name      string
		caller    plantest.Resource
		want      string
		qualifier string
		byValue   bool
	}{
		{"invoke ARN", plantest.Resource{Address: "aws_apigatewayv2_integration.i", Refs: map[string][]string{"integration_uri": {"aws_lambda_function.a.invoke_arn", "aws_lambda_function.a"}}},
			"aws_lambda_function.a", "$LATEST", false},
		{"qualified ARN", plantest.Resource{Address: "aws_apigatewayv2_integration.i", Refs: map[string][]string{"integration_uri": {"aws_lambda_function.a.qualified_invoke_arn", "aws_lambda_function.a"}}},
			"aws_lambda_function.a", "", false},
		{"alias", plantest.Resource{Address: "aws_apigatewayv2_integration.i", Refs: map[string][]string{"integration_uri": {"aws_lambda_alias.live.invoke_arn", "aws_lambda_alias.live"}}},
			"aws_lambda_function.a", "live", false},
		{"hard-coded qualified ARN", plantest.Resource{Address: "aws_lambda_permission.p", After: map[string]any{"function_name": "arn:aws:lambda:eu-west-1:123456789012:function:aws_lambda_function.a:7"}},
			"aws_lambda_function.a", "7", true},
		{"hard-coded invoke ARN", plantest.Resource{Address: "aws_apigatewayv2_integration.i", After: map[string]any{"integration_uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:aws_lambda_function.a/invocations"}},
			"aws_lambda_function.a", "$LATEST", true},
		{"hard-coded qualified invoke ARN", plantest.Resource{Address: "aws_apigatewayv2_integration.i", After: map[string]any{"integration_uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:aws_lambda_function.a:live/invocations"}},
			"aws_lambda_function.a", "live", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := base().Add(tt.caller).Graph(t)
			attr := "integration_uri"
			if tt.caller.Address == "aws_lambda_permission.p" {
				attr = "function_name"
			}
			invs := g.InvokedFunctions(g.ByAddress(tt.caller.Address), attr)
			require.Len(t, invs, 1)
			assert.Equal(t, tt.want, invs[0].Function.Address)
			assert.Equal(t, tt.qualifier, invs[0].Qualifier)
			assert.Equal(t, tt.byValue, invs[0].ByValue)
		})
	}
}

func TestSetInConfig(t *testing.T) {
	g := plantest.New().Add(plantest.Resource{Address: "aws_sqs_queue.q",
		After: map[string]any{"name": "q", "visibility_timeout_seconds": 30}, Defaults: []string{"visibility_timeout_seconds"}}).Graph(t)
	q := g.ByAddress("aws_sqs_queue.q")
	assert.True(t, q.SetInConfig("name"))
	assert.False(t, q.SetInConfig("visibility_timeout_seconds"), "a provider default is not set in configuration")
	assert.True(t, q.HasConfig())
	bare := plantest.New().Add(plantest.Resource{Address: "aws_sqs_queue.q", After: map[string]any{"name": "q"}, NoConfig: true}).Graph(t)
	assert.False(t, bare.ByAddress("aws_sqs_queue.q").HasConfig(), "a plan without the configuration block")
	n, ok := q.Get("visibility_timeout_seconds").Int()
	assert.True(t, ok)
	assert.Equal(t, 30, n)
}

func TestDataSourcesAndForgottenResources(t *testing.T) {
	g := plantest.New().Add(
		plantest.Resource{Address: "data.aws_lambda_function.existing", Actions: []string{"read"}, After: map[string]any{"function_name": "x", "timeout": 900}},
		plantest.Resource{Address: "aws_lambda_function.kept", Actions: []string{"forget"}, After: map[string]any{"function_name": "k", "timeout": 60}},
		fn("aws_lambda_function.a"),
	).Graph(t)
	var managed []string
	for _, i := range g.ByType("aws_lambda_function") {
		managed = append(managed, i.Address)
	}
	assert.Equal(t, []string{"aws_lambda_function.kept", "aws_lambda_function.a"}, managed, "ByType lists managed resources only")
	require.Len(t, g.DataByType("aws_lambda_function"), 1)
	assert.True(t, g.ByAddress("aws_lambda_function.kept").Deleted(), "a forgotten resource is leaving the configuration")
}

func TestARNMatchingTellsRegionsApart(t *testing.T) {
	const euARN = "arn:aws:lambda:eu-west-1:123456789012:function:report"
	report := func(addr, arn string) plantest.Resource {
		r := plantest.Resource{Address: addr, After: map[string]any{"function_name": "report", "timeout": 10}}
		if arn == "" {
			r.Unknown = []string{"arn"}
		} else {
			r.After["arn"] = arn
		}
		return r
	}
	caller := plantest.Resource{Address: "aws_lambda_permission.p", After: map[string]any{"function_name": euARN}}
	g := plantest.New().Add(report("aws_lambda_function.us", "arn:aws:lambda:us-east-1:123456789012:function:report"),
		report("aws_lambda_function.eu", euARN), caller).Graph(t)
	invs := g.InvokedFunctions(g.ByAddress("aws_lambda_permission.p"), "function_name")
	require.Len(t, invs, 1)
	assert.Equal(t, "aws_lambda_function.eu", invs[0].Function.Address, "known ARNs decide")

	// The same inside an invoke ARN, qualified or not.
	for _, uri := range []string{
		"arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/" + euARN + "/invocations",
		"arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/" + euARN + ":live/invocations",
	} {
		integration := plantest.Resource{Address: "aws_apigatewayv2_integration.i", After: map[string]any{"integration_uri": uri}}
		g := plantest.New().Add(report("aws_lambda_function.us", "arn:aws:lambda:us-east-1:123456789012:function:report"),
			report("aws_lambda_function.eu", euARN), integration).Graph(t)
		invs := g.InvokedFunctions(g.ByAddress("aws_apigatewayv2_integration.i"), "integration_uri")
		require.Len(t, invs, 1, uri)
		assert.Equal(t, "aws_lambda_function.eu", invs[0].Function.Address, uri)
	}

	g = plantest.New().Add(report("aws_lambda_function.us", ""), report("aws_lambda_function.eu", ""), caller).Graph(t)
	assert.Empty(t, g.InvokedFunctions(g.ByAddress("aws_lambda_permission.p"), "function_name"),
		"two functions of one name that the plan cannot tell apart: none rather than the wrong one")
}

func TestReferencedFunctionsFollowsOnlyReferences(t *testing.T) {
	fn := plantest.Resource{Address: "aws_lambda_function.f", After: map[string]any{"function_name": "report", "timeout": 10}}
	byValue := plantest.Resource{Address: "aws_lambda_permission.by_value", After: map[string]any{"function_name": "report"}}
	byRef := plantest.Resource{Address: "aws_lambda_permission.by_ref", After: map[string]any{"function_name": "report"},
		Refs: map[string][]string{"function_name": plantest.Refs("aws_lambda_function.f", "function_name")}}
	g := plantest.New().Add(fn, byValue, byRef).Graph(t)

	require.Len(t, g.InvokedFunctions(g.ByAddress("aws_lambda_permission.by_value"), "function_name"), 1, "the known name is matched")
	assert.Empty(t, g.ReferencedFunctions(g.ByAddress("aws_lambda_permission.by_value"), "function_name"),
		"no reference, no function: the planned value is not read")
	invs := g.ReferencedFunctions(g.ByAddress("aws_lambda_permission.by_ref"), "function_name")
	require.Len(t, invs, 1)
	assert.Equal(t, "aws_lambda_function.f", invs[0].Function.Address)
}

func TestPathSteps(t *testing.T) {
	tests := []struct {
		path string
		want []any
	}{
		{"timeout", []any{"timeout"}},
		{"vpc_config.0.subnet_ids", []any{"vpc_config", 0, "subnet_ids"}},
		{"a.10.b.123", []any{"a", 10, "b", 123}},
		{"a.1x.b", []any{"a", "1x", "b"}},
		{"a..b", []any{"a", "", "b"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, graph.PathSteps(tt.path), tt.path)
	}
}
