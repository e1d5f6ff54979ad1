package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestLambdaProvisionedConcurrencyCost(t *testing.T) {
	const fn = "aws_lambda_function.quotes"
	withPC := func(fnRes plantest.Resource, n any) *plantest.Builder {
		pc := provisionedOn("aws_lambda_provisioned_concurrency_config.quotes", fn, "aws_lambda_alias.live")
		pc.After["provisioned_concurrent_executions"] = n
		return plantest.New().Add(fnRes, liveAlias("aws_lambda_alias.live", fn), pc)
	}
	tests := []struct {
		name  string
		plan  *plantest.Builder
		usage string
		want  []string
	}{
		{
			// 2 x 1 GB x 2,628,000 s x $0.0000041667 = $21.90. The cheapest Fargate task holding two
			// 1 GB (0.58 vCPU) instances costs $72.08: not cheaper, not named.
			name: "two environments", plan: withPC(coldFn(fn, "java21", nil), 2),
			want: []string{"notice aws_lambda_provisioned_concurrency_config.quotes: provisioned concurrency of 2 x 1 GB (x86_64) on alias live of aws_lambda_function.quotes costs $21.90 a month before it serves a request"},
		},
		{
			// On arm64: 2 x 1 x 2,628,000 x $0.0000033334 = $17.52.
			name: "arm64", plan: withPC(coldFn(fn, "java21", map[string]any{"architectures": []any{"arm64"}}), 2),
			want: []string{"notice aws_lambda_provisioned_concurrency_config.quotes: provisioned concurrency of 2 x 1 GB (arm64) on alias live of aws_lambda_function.quotes costs $17.52 a month before it serves a request"},
		},
		{
			// 20 x 2 GB = $438.00 idle. 100M requests of 400 ms keep 15.2 busy on average: requests
			// $20 and 80M GB-s x $0.0000097222 = $777.78, $1,235.78 in all. A 4 vCPU / 8 GB task holds
			// three 2 GB (1.16 vCPU) instances, so seven hold the 20: 7 x (4 x 730 x $0.04048 +
			// 8 x 730 x $0.004445) = $1,009.12.
			name: "busy environments: the container is cheaper",
			plan: withPC(coldFn(fn, "java21", map[string]any{"memory_size": 2048}), 20), usage: econUsage(fn, 100e6, 400),
			want: []string{"notice aws_lambda_provisioned_concurrency_config.quotes: provisioned concurrency of 20 x 2 GB (x86_64) on alias live of aws_lambda_function.quotes costs $438.00 a month before it serves a request, $1,235.78 with the expected 100M requests a month of 400 ms (usage.yml:1); 3 x aws_fargate 8 vCPU / 16 GB always on would cost $864.96, 30% less"},
		},
		{name: "count known after apply", plan: withPC(coldFn(fn, "java21", nil), nil).Add(), want: []string{}},
		{
			name: "a deleted configuration",
			plan: plantest.New().Add(coldFn(fn, "java21", nil), plantest.Resource{Address: "aws_lambda_provisioned_concurrency_config.old",
				Actions: []string{"delete"}, After: map[string]any{"function_name": "quotes", "qualifier": "live", "provisioned_concurrent_executions": 5},
				Refs: map[string][]string{"function_name": fnRefs(fn, "function_name")}}),
			want: []string{},
		},
		{name: "no provisioned concurrency", plan: plantest.New().Add(coldFn(fn, "java21", nil)), want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runEconomics(t, rules.LambdaProvisionedConcurrencyCost, tt.plan, tt.usage, nil)
			require.Equal(t, tt.want, summaries(got))
		})
	}
}

func TestLambdaProvisionedConcurrencyCostPointsAtTheCount(t *testing.T) {
	const fn = "aws_lambda_function.quotes"
	got := runEconomics(t, rules.LambdaProvisionedConcurrencyCost, plantest.New().Add(coldFn(fn, "java21", nil),
		liveAlias("aws_lambda_alias.live", fn), provisionedOn("aws_lambda_provisioned_concurrency_config.quotes", fn, "aws_lambda_alias.live")), "", nil)
	require.Len(t, got, 1)
	assert.Equal(t, "provisioned_concurrent_executions", got[0].Attribute)
	assert.Equal(t, []string{"aws_lambda_alias.live", fn}, got[0].Related)
}
