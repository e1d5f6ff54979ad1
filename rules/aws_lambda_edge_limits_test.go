package rules_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// edgeFunction is a function published for Lambda@Edge.
func edgeFunction(addr, name string, timeout, memory int) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{
		"function_name": name, "runtime": "nodejs22.x", "timeout": timeout, "memory_size": memory, "publish": true,
		"layers": []any{}, "vpc_config": []any{}, "environment": []any{}},
		Unknown: []string{"qualified_arn", "version"}}
}

// association is a planned lambda_function_association; arn nil means known after apply.
func association(event string, arn any) map[string]any {
	a := map[string]any{"event_type": event, "include_body": false}
	if arn != nil {
		a["lambda_arn"] = arn
	}
	return a
}

// distribution is a CloudFront distribution whose default cache behavior has the associations,
// and refs maps configured association paths to their references.
func distribution(addr string, assocs []any, refs map[string][]string) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{
		"enabled": true,
		"default_cache_behavior": []any{map[string]any{"target_origin_id": "site", "viewer_protocol_policy": "redirect-to-https",
			"lambda_function_association": assocs}}},
		Refs: refs}
}

// withUnknown renders a fixture and marks nested values of one resource as known only after apply,
// which plantest's top-level Unknown cannot express; the values are removed from `after`.
func withUnknown(t *testing.T, b *plantest.Builder, address string, unknown map[string]any) *graph.Graph {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b.JSON(), &doc))
	for _, rc := range doc["resource_changes"].([]any) {
		rc := rc.(map[string]any)
		if rc["address"] != address {
			continue
		}
		change := rc["change"].(map[string]any)
		change["after_unknown"] = unknown
		removeUnknown(change["after"], unknown)
	}
	data, err := json.Marshal(doc)
	require.NoError(t, err)
	p, err := plan.Parse("fixture.json", data)
	require.NoError(t, err)
	return graph.New(p)
}

func removeUnknown(after, unknown any) {
	switch u := unknown.(type) {
	case map[string]any:
		a, _ := after.(map[string]any)
		for k, sub := range u {
			if sub == true {
				delete(a, k)
			} else {
				removeUnknown(a[k], sub)
			}
		}
	case []any:
		a, _ := after.([]any)
		for i, sub := range u {
			if i < len(a) {
				removeUnknown(a[i], sub)
			}
		}
	}
}

func runGraph(t *testing.T, r *rules.Rule, g *graph.Graph) []finding.Finding {
	t.Helper()
	res := engine.Run(g, []*rules.Rule{r}, engine.Config{Settings: exampleSettings})
	require.Empty(t, res.Errors)
	return res.Findings
}

// unknownARNs marks the lambda_arn of each association of the default cache behavior unknown.
func unknownARNs(n int) map[string]any {
	assocs := make([]any, n)
	for i := range assocs {
		assocs[i] = map[string]any{"lambda_arn": true}
	}
	return map[string]any{"default_cache_behavior": []any{map[string]any{"lambda_function_association": assocs}}}
}

func TestLambdaEdgeLimits(t *testing.T) {
	refA := []string{"aws_lambda_function.a.qualified_arn", "aws_lambda_function.a"}
	refB := []string{"aws_lambda_function.b.qualified_arn", "aws_lambda_function.b"}
	assocRef := func(i string) string {
		return "default_cache_behavior.0.lambda_function_association." + i + ".lambda_arn"
	}
	tests := []struct {
		name    string
		plan    *plantest.Builder
		unknown map[string]any // nested after_unknown of aws_cloudfront_distribution.cdn
		want    []string
	}{
		{
			name: "a viewer-request function over 5s and 128 MB",
			plan: plantest.New().Add(edgeFunction("aws_lambda_function.a", "auth", 10, 512),
				distribution("aws_cloudfront_distribution.cdn", []any{association("viewer-request", nil)}, map[string][]string{assocRef("0"): refA})),
			unknown: unknownARNs(1),
			want: []string{
				"error aws_lambda_function.a: memory_size 512 MB exceeds the 128 MB Lambda@Edge limit for viewer-request triggers of aws_cloudfront_distribution.cdn, default cache behavior",
				"error aws_lambda_function.a: timeout 10s exceeds the 5s Lambda@Edge limit for viewer-request triggers of aws_cloudfront_distribution.cdn, default cache behavior",
			},
		},
		{
			name: "an origin-request function may have 30s and more memory, and an emptied vpc_config",
			plan: func() *plantest.Builder {
				fn := edgeFunction("aws_lambda_function.a", "render", 30, 1024)
				fn.After["vpc_config"] = []any{map[string]any{"subnet_ids": []any{}, "security_group_ids": []any{}}}
				return plantest.New().Add(fn,
					distribution("aws_cloudfront_distribution.cdn", []any{association("origin-request", nil)}, map[string][]string{assocRef("0"): refA}))
			}(),
			unknown: unknownARNs(1),
			want:    []string{},
		},
		{
			name: "an origin-response function over 30s",
			plan: plantest.New().Add(edgeFunction("aws_lambda_function.a", "render", 60, 1024),
				distribution("aws_cloudfront_distribution.cdn", []any{association("origin-response", nil)}, map[string][]string{assocRef("0"): refA})),
			unknown: unknownARNs(1),
			want:    []string{"error aws_lambda_function.a: timeout 60s exceeds the 30s Lambda@Edge limit for origin-response triggers of aws_cloudfront_distribution.cdn, default cache behavior"},
		},
		{
			name: "known ARNs pair each association with its function, whatever the set order",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 3, 128), edgeFunction("aws_lambda_function.b", "render", 20, 1024),
				distribution("aws_cloudfront_distribution.cdn", []any{
					association("origin-request", "arn:aws:lambda:us-east-1:123456789012:function:render:7"),
					association("viewer-request", "arn:aws:lambda:us-east-1:123456789012:function:auth:3"),
				}, map[string][]string{assocRef("0"): refA, assocRef("1"): refB})),
			want: []string{},
		},
		{
			name: "known ARNs: the viewer function breaks the viewer limit",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 8, 128), edgeFunction("aws_lambda_function.b", "render", 20, 1024),
				distribution("aws_cloudfront_distribution.cdn", []any{
					association("origin-request", "arn:aws:lambda:us-east-1:123456789012:function:render:7"),
					association("viewer-request", "arn:aws:lambda:us-east-1:123456789012:function:auth:3"),
				}, map[string][]string{assocRef("0"): refA, assocRef("1"): refB})),
			want: []string{"error aws_lambda_function.a: timeout 8s exceeds the 5s Lambda@Edge limit for viewer-request triggers of aws_cloudfront_distribution.cdn, default cache behavior"},
		},
		{
			name: "unknown ARNs of a viewer and an origin trigger: only the 30s cap is certain",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 20, 256), edgeFunction("aws_lambda_function.b", "render", 45, 1024),
				distribution("aws_cloudfront_distribution.cdn", []any{association("origin-request", nil), association("viewer-request", nil)},
					map[string][]string{assocRef("0"): refA, assocRef("1"): refB})),
			unknown: unknownARNs(2),
			want:    []string{"error aws_lambda_function.b: timeout 45s exceeds the 30s Lambda@Edge limit of aws_cloudfront_distribution.cdn, default cache behavior"},
		},
		{
			name: "unknown ARNs of two viewer triggers: both functions are viewer functions",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 20, 128), edgeFunction("aws_lambda_function.b", "headers", 3, 128),
				distribution("aws_cloudfront_distribution.cdn", []any{association("viewer-request", nil), association("viewer-response", nil)},
					map[string][]string{assocRef("0"): refA, assocRef("1"): refB})),
			unknown: unknownARNs(2),
			want:    []string{"error aws_lambda_function.a: timeout 20s exceeds the 5s Lambda@Edge limit for viewer-request or viewer-response triggers of aws_cloudfront_distribution.cdn, default cache behavior"},
		},
		{
			name: "one function on a viewer and an origin event is a viewer function",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 20, 128),
				distribution("aws_cloudfront_distribution.cdn", []any{association("origin-request", nil), association("viewer-request", nil)},
					map[string][]string{assocRef("0"): refA, assocRef("1"): refA})),
			unknown: unknownARNs(2),
			want:    []string{"error aws_lambda_function.a: timeout 20s exceeds the 5s Lambda@Edge limit for origin-request or viewer-request triggers of aws_cloudfront_distribution.cdn, default cache behavior"},
		},
		{
			name: "a conditional between two functions in one association proves nothing",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 60, 128), edgeFunction("aws_lambda_function.b", "auth-v2", 60, 128),
				distribution("aws_cloudfront_distribution.cdn", []any{association("viewer-request", nil)},
					map[string][]string{assocRef("0"): append(append([]string{"var.v2"}, refA...), refB...)})),
			unknown: unknownARNs(1),
			want:    []string{},
		},
		{
			name: "VPC, layers and environment variables on an edge function",
			plan: func() *plantest.Builder {
				fn := edgeFunction("aws_lambda_function.a", "render", 10, 256)
				fn.After["vpc_config"] = []any{map[string]any{"subnet_ids": []any{"subnet-1", "subnet-2"}, "security_group_ids": []any{"sg-1"}}}
				fn.After["layers"] = []any{"arn:aws:lambda:us-east-1:123456789012:layer:sharp:4"}
				fn.After["environment"] = []any{map[string]any{"variables": map[string]any{"STAGE": "prod", "BUCKET": "assets"}}}
				return plantest.New().Add(fn,
					distribution("aws_cloudfront_distribution.cdn", []any{association("origin-response", nil)}, map[string][]string{assocRef("0"): refA}))
			}(),
			unknown: unknownARNs(1),
			want: []string{
				"error aws_lambda_function.a: the function sets 2 environment variable(s), which Lambda@Edge does not allow (aws_cloudfront_distribution.cdn, default cache behavior)",
				"error aws_lambda_function.a: the function uses 1 layer(s), which Lambda@Edge does not allow (aws_cloudfront_distribution.cdn, default cache behavior)",
				"error aws_lambda_function.a: vpc_config attaches the function to 2 subnet(s), which Lambda@Edge does not allow (aws_cloudfront_distribution.cdn, default cache behavior)",
			},
		},
		{
			name: "sensitive environment variables are neither read nor repeated",
			plan: func() *plantest.Builder {
				fn := edgeFunction("aws_lambda_function.a", "render", 10, 256)
				fn.After["environment"] = []any{map[string]any{"variables": map[string]any{"TOKEN": "s3cr3t"}}}
				fn.Sensitive = []string{"environment"}
				return plantest.New().Add(fn,
					distribution("aws_cloudfront_distribution.cdn", []any{association("origin-request", nil)}, map[string][]string{assocRef("0"): refA}))
			}(),
			unknown: unknownARNs(1),
			want:    []string{},
		},
		{
			name: "an unknown timeout and memory are silent",
			plan: func() *plantest.Builder {
				fn := edgeFunction("aws_lambda_function.a", "auth", 10, 512)
				fn.Unknown = append(fn.Unknown, "timeout", "memory_size")
				return plantest.New().Add(fn,
					distribution("aws_cloudfront_distribution.cdn", []any{association("viewer-request", nil)}, map[string][]string{assocRef("0"): refA}))
			}(),
			unknown: unknownARNs(1),
			want:    []string{},
		},
		{
			name: "an ordered cache behavior, through a module, with its path in the message",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.edge", Source: "./edge", Outputs: map[string][]string{"qualified_arn": {"aws_lambda_function.this.qualified_arn", "aws_lambda_function.this"}}}).
				Add(edgeFunction("module.edge.aws_lambda_function.this", "rewrite", 7, 128),
					plantest.Resource{Address: "aws_cloudfront_distribution.cdn", After: map[string]any{
						"enabled":                true,
						"default_cache_behavior": []any{map[string]any{"target_origin_id": "site", "lambda_function_association": []any{}}},
						"ordered_cache_behavior": []any{map[string]any{"path_pattern": "/img/*", "target_origin_id": "site",
							"lambda_function_association": []any{association("viewer-request", nil)}}}},
						Refs: map[string][]string{"ordered_cache_behavior.0.lambda_function_association.0.lambda_arn": {"module.edge.qualified_arn", "module.edge"}}}),
			unknown: map[string]any{"ordered_cache_behavior": []any{map[string]any{"lambda_function_association": []any{map[string]any{"lambda_arn": true}}}}},
			want:    []string{`error module.edge.aws_lambda_function.this: timeout 7s exceeds the 5s Lambda@Edge limit for viewer-request triggers of aws_cloudfront_distribution.cdn, cache behavior "/img/*"`},
		},
		{
			name: "for_each distributions each resolve their own function",
			plan: plantest.New().Add(
				edgeFunction(`aws_lambda_function.a["blog"]`, "blog-auth", 9, 128), edgeFunction(`aws_lambda_function.a["shop"]`, "shop-auth", 5, 128),
				distribution(`aws_cloudfront_distribution.cdn["blog"]`, []any{association("viewer-request", "arn:aws:lambda:us-east-1:123456789012:function:blog-auth:2")},
					map[string][]string{assocRef("0"): {"aws_lambda_function.a", "each.key"}}),
				distribution(`aws_cloudfront_distribution.cdn["shop"]`, []any{association("viewer-request", "arn:aws:lambda:us-east-1:123456789012:function:shop-auth:4")},
					map[string][]string{assocRef("0"): {"aws_lambda_function.a", "each.key"}})),
			want: []string{`error aws_lambda_function.a["blog"]: timeout 9s exceeds the 5s Lambda@Edge limit for viewer-request triggers of aws_cloudfront_distribution.cdn["blog"], default cache behavior`},
		},
		{
			name: "a distribution with the whole behavior known after apply still caps at 30s",
			plan: plantest.New().Add(edgeFunction("aws_lambda_function.a", "render", 40, 1024),
				plantest.Resource{Address: "aws_cloudfront_distribution.cdn", After: map[string]any{"enabled": true},
					Unknown: []string{"default_cache_behavior"}, Refs: map[string][]string{assocRef("0"): refA}}),
			want: []string{"error aws_lambda_function.a: timeout 40s exceeds the 30s Lambda@Edge limit of aws_cloudfront_distribution.cdn, default cache behavior"},
		},
		{
			name: "a function the plan deletes is not reported",
			plan: plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.a", Actions: []string{"delete"},
				After: map[string]any{"function_name": "auth", "timeout": 60, "memory_size": 1024}},
				distribution("aws_cloudfront_distribution.cdn", []any{association("viewer-request", "arn:aws:lambda:us-east-1:123456789012:function:auth:3")},
					map[string][]string{assocRef("0"): refA})),
			want: []string{},
		},
		{
			name: "a distribution the plan deletes no longer runs the function",
			plan: plantest.New().Add(edgeFunction("aws_lambda_function.a", "auth", 60, 1024),
				func() plantest.Resource {
					d := distribution("aws_cloudfront_distribution.cdn", []any{association("viewer-request", "arn:aws:lambda:us-east-1:123456789012:function:auth:3")},
						map[string][]string{assocRef("0"): refA})
					d.Actions = []string{"delete"}
					return d
				}()),
			want: []string{},
		},
		{
			name: "a function CloudFront does not use is not an edge function",
			plan: plantest.New().Add(edgeFunction("aws_lambda_function.a", "auth", 60, 1024),
				distribution("aws_cloudfront_distribution.cdn", []any{}, nil)),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fs []finding.Finding
			if tt.unknown == nil {
				fs = run(t, rules.LambdaEdgeLimits, tt.plan)
			} else {
				fs = runGraph(t, rules.LambdaEdgeLimits, withUnknown(t, tt.plan, `aws_cloudfront_distribution.cdn`, tt.unknown))
			}
			require.Equal(t, tt.want, summaries(fs))
		})
	}
}

// configuredBehavior is a cache behavior block as Terraform writes it in configuration, with its
// association blocks in the order written.
func configuredBehavior(assocs ...map[string]any) map[string]any {
	list := make([]any, len(assocs))
	for i, a := range assocs {
		list[i] = a
	}
	return map[string]any{"target_origin_id": plantest.Expr("site"), "lambda_function_association": list}
}

// configuredAssociation is an association block: event is a literal (a string) or the references
// computing it ([]string); arn are the references of lambda_arn.
func configuredAssociation(event any, arn ...string) map[string]any {
	b := map[string]any{"lambda_arn": plantest.Expr(nil, arn...)}
	if refs, ok := event.([]string); ok {
		b["event_type"] = plantest.Expr(nil, refs...)
	} else {
		b["event_type"] = plantest.Expr(event)
	}
	return b
}

// configuredDistribution is a distribution whose default cache behavior's associations are all
// known only after apply, and whose configuration writes the blocks.
func configuredDistribution(addr string, events []string, blocks ...map[string]any) plantest.Resource {
	var planned []any
	for _, e := range events {
		planned = append(planned, association(e, nil))
	}
	d := distribution(addr, planned, nil)
	d.Blocks = map[string]any{"default_cache_behavior": []any{configuredBehavior(blocks...)}}
	return d
}

// TestLambdaEdgeLimitsPairsThroughConfiguration covers associations whose lambda_arn is known only
// after apply: the configuration's blocks pair each event_type literal with the function its
// lambda_arn references, where the planned set (in an order of its own) cannot.
func TestLambdaEdgeLimitsPairsThroughConfiguration(t *testing.T) {
	refA := []string{"aws_lambda_function.a.qualified_arn", "aws_lambda_function.a"}
	refB := []string{"aws_lambda_function.b.qualified_arn", "aws_lambda_function.b"}
	const viewerA = "error aws_lambda_function.a: timeout %ds exceeds the 5s Lambda@Edge limit for viewer-request triggers of aws_cloudfront_distribution.cdn, default cache behavior"
	viewerAndOrigin := func(timeoutA, timeoutB int) *plantest.Builder {
		return plantest.New().Add(
			edgeFunction("aws_lambda_function.a", "auth", timeoutA, 128), edgeFunction("aws_lambda_function.b", "render", timeoutB, 1024),
			// The planned set lists origin first; the configuration writes viewer first.
			configuredDistribution("aws_cloudfront_distribution.cdn", []string{"origin-request", "viewer-request"},
				configuredAssociation("viewer-request", refA...), configuredAssociation("origin-request", refB...)))
	}
	tests := []struct {
		name    string
		plan    *plantest.Builder
		address string // of the distribution whose ARNs are unknown; aws_cloudfront_distribution.cdn when empty
		unknown map[string]any
		want    []string
	}{
		{
			name: "a 10s function on a viewer-request association with an unknown ARN",
			plan: viewerAndOrigin(10, 20), unknown: unknownARNs(2),
			want: []string{fmt.Sprintf(viewerA, 10)},
		},
		{
			name: "6s is one second over the viewer limit",
			plan: viewerAndOrigin(6, 30), unknown: unknownARNs(2),
			want: []string{fmt.Sprintf(viewerA, 6)},
		},
		{
			name: "5s is the viewer limit, and 30s the origin limit",
			plan: viewerAndOrigin(5, 30), unknown: unknownARNs(2),
			want: []string{},
		},
		{
			name: "31s on the origin-request association is over the origin limit",
			plan: viewerAndOrigin(4, 31), unknown: unknownARNs(2),
			want: []string{"error aws_lambda_function.b: timeout 31s exceeds the 30s Lambda@Edge limit for origin-request triggers of aws_cloudfront_distribution.cdn, default cache behavior"},
		},
		{
			name: "a sensitive ARN is paired the same way, and never printed",
			plan: viewerAndOrigin(10, 20),
			unknown: map[string]any{"default_cache_behavior": []any{map[string]any{"lambda_function_association": []any{
				map[string]any{}, map[string]any{"lambda_arn": true}}}}},
			want: []string{fmt.Sprintf(viewerA, 10)},
		},
		{
			name: "through an alias",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 10, 128), edgeFunction("aws_lambda_function.b", "render", 20, 1024),
				plantest.Resource{Address: "aws_lambda_alias.live", After: map[string]any{"name": "live"}, Unknown: []string{"arn"},
					Refs: map[string][]string{"function_name": plantest.Refs("aws_lambda_function.a", "function_name")}},
				configuredDistribution("aws_cloudfront_distribution.cdn", []string{"origin-request", "viewer-request"},
					configuredAssociation("origin-request", refB...),
					configuredAssociation("viewer-request", plantest.Refs("aws_lambda_alias.live", "arn")...))),
			unknown: unknownARNs(2),
			want:    []string{fmt.Sprintf(viewerA, 10)},
		},
		{
			name: "a distribution in a module, its lambda_arn a variable the module call sets",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.cdn", Source: "./cdn", Args: map[string][]string{"viewer_arn": refA, "origin_arn": refB}}).
				Add(edgeFunction("aws_lambda_function.a", "auth", 10, 128), edgeFunction("aws_lambda_function.b", "render", 20, 1024),
					configuredDistribution("module.cdn.aws_cloudfront_distribution.this", []string{"origin-request", "viewer-request"},
						configuredAssociation("viewer-request", "var.viewer_arn"), configuredAssociation("origin-request", "var.origin_arn"))),
			address: "module.cdn.aws_cloudfront_distribution.this", unknown: unknownARNs(2),
			want: []string{"error aws_lambda_function.a: timeout 10s exceeds the 5s Lambda@Edge limit for viewer-request triggers of module.cdn.aws_cloudfront_distribution.this, default cache behavior"},
		},
		{
			name: "for_each distributions each pair their own function",
			plan: plantest.New().Add(
				edgeFunction(`aws_lambda_function.a["blog"]`, "blog-auth", 9, 128), edgeFunction(`aws_lambda_function.a["shop"]`, "shop-auth", 5, 128),
				edgeFunction("aws_lambda_function.b", "render", 20, 1024),
				configuredDistribution(`aws_cloudfront_distribution.cdn["blog"]`, []string{"origin-request", "viewer-request"},
					configuredAssociation("viewer-request", "aws_lambda_function.a", "each.key"), configuredAssociation("origin-request", refB...)),
				configuredDistribution(`aws_cloudfront_distribution.cdn["shop"]`, []string{"origin-request", "viewer-request"},
					configuredAssociation("viewer-request", "aws_lambda_function.a", "each.key"), configuredAssociation("origin-request", refB...))),
			address: `aws_cloudfront_distribution.cdn["blog"]`, unknown: unknownARNs(2),
			want: []string{`error aws_lambda_function.a["blog"]: timeout 9s exceeds the 5s Lambda@Edge limit for viewer-request triggers of aws_cloudfront_distribution.cdn["blog"], default cache behavior`},
		},
		{
			name: "a known ARN and its configured block make one finding, not two",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 10, 128),
				func() plantest.Resource {
					d := configuredDistribution("aws_cloudfront_distribution.cdn", nil, configuredAssociation("viewer-request", refA...))
					d.After["default_cache_behavior"].([]any)[0].(map[string]any)["lambda_function_association"] = []any{
						association("viewer-request", "arn:aws:lambda:us-east-1:123456789012:function:auth:3")}
					return d
				}()),
			want: []string{fmt.Sprintf(viewerA, 10)},
		},
		{
			name: "an event_type the configuration computes leaves only the shared class: 30s for mixed events",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 10, 128), edgeFunction("aws_lambda_function.b", "render", 20, 1024),
				configuredDistribution("aws_cloudfront_distribution.cdn", []string{"origin-request", "viewer-request"},
					configuredAssociation([]string{"var.auth_event"}, refA...), configuredAssociation([]string{"var.render_event"}, refB...))),
			unknown: unknownARNs(2),
			want:    []string{},
		},
		{
			name: "a lambda_arn choosing between two functions pairs neither",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 10, 128), edgeFunction("aws_lambda_function.b", "auth-v2", 10, 128),
				configuredDistribution("aws_cloudfront_distribution.cdn", []string{"viewer-request"},
					configuredAssociation("viewer-request", append(append([]string{"var.v2"}, refA...), refB...)...))),
			unknown: unknownARNs(1),
			want:    []string{},
		},
		{
			name: "dynamic association blocks are absent from the configuration: silent",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 10, 128), edgeFunction("aws_lambda_function.b", "render", 20, 1024),
				configuredDistribution("aws_cloudfront_distribution.cdn", []string{"origin-request", "viewer-request"})),
			unknown: unknownARNs(2),
			want:    []string{},
		},
		{
			name: "a dynamic ordered behavior shifts the written ones: the configuration is not used for them",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 10, 128),
				plantest.Resource{Address: "aws_cloudfront_distribution.cdn", After: map[string]any{
					"enabled":                true,
					"default_cache_behavior": []any{map[string]any{"target_origin_id": "site", "lambda_function_association": []any{}}},
					"ordered_cache_behavior": []any{
						map[string]any{"path_pattern": "/api/*", "target_origin_id": "api", "lambda_function_association": []any{association("origin-request", nil)}},
						map[string]any{"path_pattern": "/img/*", "target_origin_id": "site", "lambda_function_association": []any{association("viewer-request", nil)}},
					}},
					Blocks: map[string]any{"ordered_cache_behavior": []any{map[string]any{"path_pattern": plantest.Expr("/img/*"),
						"target_origin_id": plantest.Expr("site"), "lambda_function_association": []any{configuredAssociation("viewer-request", refA...)}}}}}),
			unknown: map[string]any{"ordered_cache_behavior": []any{
				map[string]any{"lambda_function_association": []any{map[string]any{"lambda_arn": true}}},
				map[string]any{"lambda_function_association": []any{map[string]any{"lambda_arn": true}}}}},
			want: []string{},
		},
		{
			name: "an ordered behavior written as a block pairs through the configuration",
			plan: plantest.New().Add(
				edgeFunction("aws_lambda_function.a", "auth", 10, 128), edgeFunction("aws_lambda_function.b", "render", 20, 1024),
				plantest.Resource{Address: "aws_cloudfront_distribution.cdn", After: map[string]any{
					"enabled":                true,
					"default_cache_behavior": []any{map[string]any{"target_origin_id": "site", "lambda_function_association": []any{}}},
					"ordered_cache_behavior": []any{
						map[string]any{"path_pattern": "/img/*", "target_origin_id": "site",
							"lambda_function_association": []any{association("origin-request", nil), association("viewer-request", nil)}},
					}},
					Blocks: map[string]any{"ordered_cache_behavior": []any{map[string]any{"path_pattern": plantest.Expr("/img/*"),
						"target_origin_id":            plantest.Expr("site"),
						"lambda_function_association": []any{configuredAssociation("viewer-request", refA...), configuredAssociation("origin-request", refB...)}}}}}),
			unknown: map[string]any{"ordered_cache_behavior": []any{
				map[string]any{"lambda_function_association": []any{map[string]any{"lambda_arn": true}, map[string]any{"lambda_arn": true}}}}},
			want: []string{`error aws_lambda_function.a: timeout 10s exceeds the 5s Lambda@Edge limit for viewer-request triggers of aws_cloudfront_distribution.cdn, cache behavior "/img/*"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			address := tt.address
			if address == "" {
				address = "aws_cloudfront_distribution.cdn"
			}
			var fs []finding.Finding
			if tt.unknown == nil {
				fs = run(t, rules.LambdaEdgeLimits, tt.plan)
			} else {
				fs = runGraph(t, rules.LambdaEdgeLimits, withUnknown(t, tt.plan, address, tt.unknown))
			}
			require.Equal(t, tt.want, summaries(fs))
		})
	}
}
