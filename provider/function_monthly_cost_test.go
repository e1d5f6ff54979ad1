package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// onDemandCents is the cost model's own answer, in cents, to compare the function with.
func onDemandCents(t *testing.T, p platform.Platform, memoryMB int, avgMS, requests float64) float64 {
	t.Helper()
	option, err := cost.Default().OnDemand(p, memoryMB, avgMS, cost.X86_64)
	require.NoError(t, err)
	return cents(option.At(requests).USD)
}

func TestAccMonthlyCostFunction(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{skipBelowProviderFunctions},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
output "lambda" { value = provider::hybrid::monthly_cost("aws_lambda", 1024, 120, 3000000) }
output "gen1"   { value = provider::hybrid::monthly_cost("gcp_functions_gen1", 256, 250, 1000000) }
output "azure"  { value = provider::hybrid::monthly_cost("azure_functions_consumption", 512, 300, 2000000) }
output "idle"   { value = provider::hybrid::monthly_cost("aws_lambda", 1024, 120, 0) }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("lambda", knownvalue.Float64Exact(onDemandCents(t, platform.AWSLambda, 1024, 120, 3e6))),
					statecheck.ExpectKnownOutputValue("gen1", knownvalue.Float64Exact(onDemandCents(t, platform.GCPFunctionsGen1, 256, 250, 1e6))),
					statecheck.ExpectKnownOutputValue("azure", knownvalue.Float64Exact(onDemandCents(t, platform.AzureFunctionsConsumption, 512, 300, 2e6))),
					statecheck.ExpectKnownOutputValue("idle", knownvalue.Float64Exact(0)),
				},
			},
		},
	})
}

// The arithmetic, checked by hand once, so a change in the cost model's units shows up here:
// 3M requests x $0.20/M, plus 3M x 0.12 s x 1 GB x the GB-second price.
func TestFunctionMonthlyUSD_lambdaByHand(t *testing.T) {
	usd, err := functionMonthlyUSD("aws_lambda", 1024, 120, 3_000_000)
	require.NoError(t, err)
	want := cents(3*platform.LambdaUSDPerMillionRequests + 3e6*0.12*1*platform.LambdaX86USDPerGBSecond)
	require.InDelta(t, want, usd, 0.001)
}

func TestAccMonthlyCostFunction_errors(t *testing.T) {
	cases := map[string]functionErrorCase{
		"memory between gen1 tiers": {
			`output "x" { value = provider::hybrid::monthly_cost("gcp_functions_gen1", 300, 100, 1000) }`,
			`Invalid value for "memory_mb" parameter: 300 MB is not a size Cloud Functions (1st gen) offers`,
		},
		"memory above the Lambda cap": {
			`output "x" { value = provider::hybrid::monthly_cost("aws_lambda", 20480, 100, 1000) }`,
			`Invalid value for "memory_mb" parameter: 20480 MB is outside`,
		},
		"negative traffic": {
			`output "x" { value = provider::hybrid::monthly_cost("aws_lambda", 1024, 100, -1) }`,
			`value must be at least 0`,
		},
	}
	testFunctionErrors(t, cases)
}
