package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestLambdaProvisionedConcurrencyUnpublished(t *testing.T) {
	const fn = "aws_lambda_function.api"
	published := coldFn(fn, "java21", map[string]any{"publish": true})
	unpublished := coldFn(fn, "java21", nil)
	pcOn := func(qualifier any, qualifierRefs ...string) plantest.Resource {
		r := plantest.Resource{Address: "aws_lambda_provisioned_concurrency_config.api",
			After: map[string]any{"function_name": "api", "provisioned_concurrent_executions": 2, "qualifier": qualifier},
			Refs:  map[string][]string{"function_name": fnRefs(fn, "function_name")}}
		if qualifier == nil {
			delete(r.After, "qualifier")
			r.Unknown = []string{"qualifier"}
		}
		if len(qualifierRefs) > 0 {
			r.Refs["qualifier"] = qualifierRefs
		}
		return r
	}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "an alias of a published version",
			plan: plantest.New().Add(published, liveAlias("aws_lambda_alias.live", fn),
				provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, "aws_lambda_alias.live")),
			want: []string{},
		},
		{
			name: "the function's published version",
			plan: plantest.New().Add(published, pcOn(nil, fnRefs(fn, "version")...)),
			want: []string{},
		},
		{
			name: "$LATEST written out",
			plan: plantest.New().Add(published, pcOn("$LATEST")),
			want: []string{"error aws_lambda_provisioned_concurrency_config.api: provisioned concurrency on $LATEST of " +
				"aws_lambda_function.api: Lambda accepts only a published version or an alias"},
		},
		{
			name: "the version of a function that never publishes",
			plan: plantest.New().Add(unpublished, pcOn(nil, fnRefs(fn, "version")...)),
			want: []string{"error aws_lambda_provisioned_concurrency_config.api: provisioned concurrency on the version of " +
				"aws_lambda_function.api, which is $LATEST because publish = false: Lambda accepts only a published version or an alias"},
		},
		{
			name: "an alias of a function that never publishes",
			plan: plantest.New().Add(unpublished, liveAlias("aws_lambda_alias.live", fn),
				provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, "aws_lambda_alias.live")),
			want: []string{"error aws_lambda_provisioned_concurrency_config.api: provisioned concurrency on alias aws_lambda_alias.live, " +
				"which points at $LATEST of aws_lambda_function.api (publish = false): Lambda accepts only a published version"},
		},
		{
			name: "an alias pinned to a version published earlier is fine even with publish = false",
			plan: plantest.New().Add(unpublished,
				plantest.Resource{Address: "aws_lambda_alias.live", After: map[string]any{"name": "live", "function_version": "7"},
					Unknown: []string{"arn"}, Refs: map[string][]string{"function_name": fnRefs(fn, "function_name")}},
				provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, "aws_lambda_alias.live")),
			want: []string{},
		},
		{
			name: "a qualifier known after apply is silent",
			plan: plantest.New().Add(unpublished, pcOn(nil, "var.qualifier")),
			want: []string{},
		},
		{
			name: "publish known after apply is silent",
			plan: plantest.New().Add(func() plantest.Resource {
				r := coldFn(fn, "java21", nil)
				r.Unknown = append(r.Unknown, "publish")
				return r
			}(), pcOn(nil, fnRefs(fn, "version")...)),
			want: []string{},
		},
		{
			name: "a sensitive qualifier is not read",
			plan: plantest.New().Add(published, func() plantest.Resource {
				r := pcOn("$LATEST")
				r.Sensitive = []string{"qualifier"}
				return r
			}()),
			want: []string{},
		},
		{
			name: "inside a module, per for_each instance",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.svc", Source: "./svc", ForEach: true}).
				Add(coldFn(`module.svc["a"].aws_lambda_function.this`, "java21", nil),
					plantest.Resource{Address: `module.svc["a"].aws_lambda_provisioned_concurrency_config.this`,
						After:   map[string]any{"function_name": "this", "provisioned_concurrent_executions": 1},
						Unknown: []string{"qualifier"},
						Refs: map[string][]string{"function_name": fnRefs("aws_lambda_function.this", "function_name"),
							"qualifier": fnRefs("aws_lambda_function.this", "version")}}),
			want: []string{`error module.svc["a"].aws_lambda_provisioned_concurrency_config.this: provisioned concurrency on the version of ` +
				`module.svc["a"].aws_lambda_function.this, which is $LATEST because publish = false: Lambda accepts only a published version or an alias`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaProvisionedConcurrencyUnpublished, tt.plan)))
		})
	}
}
