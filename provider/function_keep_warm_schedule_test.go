package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

func TestAccKeepWarmScheduleFunction(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{skipBelowProviderFunctions},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
output "aws"        { value = provider::hybrid::keep_warm_schedule("aws_lambda", 5) }
output "aws_hourly" { value = provider::hybrid::keep_warm_schedule("aws_lambda", 60) }
output "aws_odd"    { value = provider::hybrid::keep_warm_schedule("aws_lambda", 7) }
output "gcp"        { value = provider::hybrid::keep_warm_schedule("gcp_functions_gen2", 5) }
output "gcp_hours"  { value = provider::hybrid::keep_warm_schedule("gcp_cloud_run", 120) }
output "azure"      { value = provider::hybrid::keep_warm_schedule("azure_functions_consumption", 5) }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("aws", knownvalue.StringExact("rate(5 minutes)")),
					statecheck.ExpectKnownOutputValue("aws_hourly", knownvalue.StringExact("rate(1 hour)")),
					statecheck.ExpectKnownOutputValue("aws_odd", knownvalue.StringExact("rate(7 minutes)")),
					statecheck.ExpectKnownOutputValue("gcp", knownvalue.StringExact("*/5 * * * *")),
					statecheck.ExpectKnownOutputValue("gcp_hours", knownvalue.StringExact("0 */2 * * *")),
					statecheck.ExpectKnownOutputValue("azure", knownvalue.StringExact("0 */5 * * * *")),
				},
			},
		},
	})
}

func TestAccKeepWarmScheduleFunction_errors(t *testing.T) {
	cases := map[string]functionErrorCase{
		"interval cron cannot space evenly": {
			`output "x" { value = provider::hybrid::keep_warm_schedule("gcp_functions_gen2", 7) }`,
			`every 7 minutes cannot be written as unix cron with an even gap`,
		},
		"container platform": {
			`output "x" { value = provider::hybrid::keep_warm_schedule("aws_fargate", 5) }`,
			`value must be one of`,
		},
		"huge interval on cron (issue 16: used to hang the plugin)": {
			`output "x" { value = provider::hybrid::keep_warm_schedule("gcp_cloud_run", 1099511627776) }`,
			`a keep-warm ping more than a year apart keeps nothing warm`,
		},
		"interval above a day on cron": {
			`output "x" { value = provider::hybrid::keep_warm_schedule("azure_functions_flex", 100000) }`,
			`use 1440 (1d) minutes instead`,
		},
		"interval below one minute": {
			`output "x" { value = provider::hybrid::keep_warm_schedule("aws_lambda", 0) }`,
			`value must be at least 1`,
		},
	}
	testFunctionErrors(t, cases)
}
