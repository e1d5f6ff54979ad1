package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestFunctionContainerCheaper(t *testing.T) {
	const fn = "aws_lambda_function.api"
	api := econLambda(fn, 512, "x86_64")
	tests := []struct {
		name    string
		plan    *plantest.Builder
		usage   string
		options any
		want    []string
	}{
		{
			// 50M x ($0.0000002 + 0.06 GB-s x $0.0000166667) = $60.00; 2.28 busy instances on average,
			// three 0.289 vCPU instances fit one 1 vCPU / 2 GB task: $36.04.
			name: "steady Lambda traffic", plan: plantest.New().Add(api), usage: econUsage(fn, 50e6, 120),
			want: []string{"warning aws_lambda_function.api: expected 50M requests a month of 120 ms (usage.yml:1) cost $60.00 a month on demand (aws_lambda, 512 MB, x86_64), but $36.04 on 1 x aws_fargate 1 vCPU / 2 GB always on: 40% less, above the 30% margin; break-even at 15M requests a month"},
		},
		{
			// 20M requests cost $24.00; one 0.5 vCPU / 1 GB task $18.02: 25% less, under the margin.
			name: "below the margin", plan: plantest.New().Add(api), usage: econUsage(fn, 20e6, 120), want: []string{},
		},
		{
			name: "a lower margin", plan: plantest.New().Add(api), usage: econUsage(fn, 20e6, 120),
			options: &rules.ContainerCheaperOptions{MarginPercent: 20},
			want:    []string{"warning aws_lambda_function.api: expected 20M requests a month of 120 ms (usage.yml:1) cost $24.00 a month on demand (aws_lambda, 512 MB, x86_64), but $18.02 on 1 x aws_fargate 0.5 vCPU / 1 GB always on: 25% less, above the 20% margin; break-even at 15M requests a month"},
		},
		{
			// arm64 duration is 20% cheaper, which keeps the function under the margin.
			name: "arm64 at the same traffic", plan: plantest.New().Add(econLambda(fn, 512, "arm64")), usage: econUsage(fn, 50e6, 120), want: []string{},
		},
		{name: "no usage", plan: plantest.New().Add(api), want: []string{}},
		{
			name: "requests without a duration", plan: plantest.New().Add(api),
			usage: "resource_usage:\n  aws_lambda_function.api:\n    requests_per_month: 50000000\n", want: []string{},
		},
		{
			name: "traffic from a hybrid_unit workload",
			plan: plantest.New().Add(api, econUnit("hybrid_unit.api", fn, 50000000, 120)),
			want: []string{"warning aws_lambda_function.api: expected 50M requests a month of 120 ms (hybrid_unit.api workload) cost $60.00 a month on demand (aws_lambda, 512 MB, x86_64), but $36.04 on 1 x aws_fargate 1 vCPU / 2 GB always on: 40% less, above the 30% margin; break-even at 15M requests a month"},
		},
		{
			name: "unknown memory", plan: plantest.New().Add(plantest.Resource{Address: fn, After: map[string]any{"function_name": "api"},
				Unknown: []string{"memory_size"}}),
			usage: econUsage(fn, 50e6, 120), want: []string{},
		},
		{
			name: "a deleted function", plan: plantest.New().Add(plantest.Resource{Address: fn, Actions: []string{"delete"},
				After: map[string]any{"function_name": "api", "memory_size": 512}}),
			usage: econUsage(fn, 50e6, 120), want: []string{},
		},
		{
			// Three provisioned environments at 0.5 GB ($16.43) plus the cheaper provisioned duration
			// ($29.17) and requests ($10): $55.59, against the same $36.04 task. At low traffic the two
			// configured environments cost $10.95 plus $0.00000078 a request, and one $18.02 task
			// overtakes them at 9.03M requests.
			name: "priced as the plan runs it: provisioned",
			plan: plantest.New().Add(econLambda(fn, 512, "x86_64"), liveAlias("aws_lambda_alias.live", fn),
				provisionedOn("aws_lambda_provisioned_concurrency_config.api", fn, "aws_lambda_alias.live")),
			usage: econUsage(fn, 50e6, 120),
			want:  []string{"warning aws_lambda_function.api: expected 50M requests a month of 120 ms (usage.yml:1) cost $52.70 a month with provisioned concurrency (aws_lambda, 512 MB, x86_64, 2 instances; 6.2M requests a month above their capacity billed on demand), but $36.04 on 1 x aws_fargate 1 vCPU / 2 GB always on: 32% less, above the 30% margin; break-even at 9.03M requests a month"},
		},
		{
			// 150M requests of 100 ms on a 2nd gen function with 512 MiB and its tier's 0.333 vCPU:
			// requests $60, CPU 4,995,000 vCPU-s x $0.000024 = $119.88, memory 7.5M GiB-s x $0.0000025 =
			// $18.75: $198.63. 5.7 instances on average: six fit one 2 vCPU / 3 GB Cloud Run instance,
			// 2,628,000 s x (2 x $0.000018 + 3 x $0.000002) = $110.38. At $0.0000013242 a request the
			// function meets one 1 vCPU / 1 GiB instance ($52.56, for two busy instances) at 39.7M.
			name:  "a 2nd gen function",
			plan:  plantest.New().Add(gcpGen2Fn("google_cloudfunctions2_function.api", map[string]any{"available_memory": "512Mi", "available_cpu": nil}, nil)),
			usage: econUsage("google_cloudfunctions2_function.api", 150e6, 100),
			want:  []string{"warning google_cloudfunctions2_function.api: expected 150M requests a month of 100 ms (usage.yml:1) cost $198.63 a month on demand (gcp_functions_gen2, 512 MB), but $110.38 on 1 x gcp_cloud_run 2 vCPU / 3 GB always on: 44% less, above the 30% margin; break-even at 39.7M requests a month"},
		},
		{
			// Flex, 2 GB instances, 30M executions of 300 ms: $0.40 x 30 + 18M GB-s x $0.000026 = $480.
			// 3.4 instances on average: four 2 GB instances fit one 4 vCPU / 8 GiB replica, $315.36.
			// One 1 vCPU / 2 GiB replica ($78.84) costs what 4.93M executions do.
			name: "an Azure Flex app",
			plan: plantest.New().Add(azurePlan("azurerm_service_plan.fc1", "FC1"),
				azureFlexApp("azurerm_function_app_flex_consumption.api", "azurerm_service_plan.fc1", nil)),
			usage: econUsage("azurerm_function_app_flex_consumption.api", 30e6, 300),
			want:  []string{"warning azurerm_function_app_flex_consumption.api: expected 30M requests a month of 300 ms (usage.yml:1) cost $480.00 a month on demand (azure_functions_flex, 2 GB), but $315.36 on 1 x azure_container_apps 4 vCPU / 8 GB always on: 34% less, above the 30% margin; break-even at 4.93M requests a month"},
		},
		{
			name: "an Azure Consumption app without its observed memory",
			plan: plantest.New().Add(azurePlan("azurerm_service_plan.y1", "Y1"),
				azureLinuxApp("azurerm_linux_function_app.api", "azurerm_service_plan.y1", javaStack, nil, nil)),
			usage: econUsage("azurerm_linux_function_app.api", 30e6, 300), want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runEconomics(t, rules.FunctionContainerCheaper, tt.plan, tt.usage, tt.options)
			require.Equal(t, tt.want, summaries(got))
		})
	}
}

func TestFunctionContainerCheaperNamesWhatIsInvolved(t *testing.T) {
	const fn = "aws_lambda_function.api"
	b := plantest.New().Add(econLambda(fn, 512, "x86_64"), econUnit("hybrid_unit.api", fn, 50000000, 120),
		eventRule("aws_cloudwatch_event_rule.warm", "rate(5 minutes)", map[string]any{"name": "api-warmer"}),
		eventTarget("aws_cloudwatch_event_target.warm", "aws_cloudwatch_event_rule.warm", `{"warmer":true}`, fnRefs(fn, "arn")...))
	got := runEconomics(t, rules.FunctionContainerCheaper, b, "", nil)
	require.Len(t, got, 1)
	assert.Equal(t, []string{"aws_cloudwatch_event_rule.warm", "aws_cloudwatch_event_target.warm", "hybrid_unit.api"}, got[0].Related)
	assert.Contains(t, got[0].Message, "cost $60.00 a month with keep-warm", "8,760 pings of 1 ms add $0.0018")
	assert.Equal(t, "run the steady traffic on an always-on aws_fargate (the container half of a hybrid unit) and keep the function for bursts, or correct the expected traffic in hybrid_unit.api workload", got[0].Remediation)
	assert.True(t, got[0].Changed)
}
