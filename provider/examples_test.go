package provider

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// The examples in docs/ are applied as written, so none of them shows an argument that does not
// exist or a value the provider refuses.

func exampleConfig(t *testing.T, parts ...string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"..", "examples"}, parts...)...))
	require.NoError(t, err)
	return string(data)
}

func TestAccExample_resource(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: exampleConfig(t, "resources", "hybrid_unit", "resource.tf"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("thumbnails_keep_warm_schedule", knownvalue.StringExact("rate(5 minutes)")),
			},
		}},
	})
}

// Importing with the documented import block into the documented resource: the unit is adopted by
// name and updated in place from the configuration.
func TestAccExample_importBlock(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: exampleConfig(t, "resources", "hybrid_unit", "resource.tf") +
				exampleConfig(t, "resources", "hybrid_unit", "import-by-string-id.tf"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("hybrid_unit.thumbnails", plancheck.ResourceActionUpdate),
				},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("hybrid_unit.thumbnails", tfjsonpath.New("placement"), knownvalue.StringExact(placementHybrid)),
			},
		}},
	})
}

func TestAccExample_dataSource(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: exampleConfig(t, "data-sources", "hybrid_platform", "data-source.tf"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("lambda_max_timeout_seconds", knownvalue.Float64Exact(platform.LambdaMaxTimeoutSeconds)),
			},
		}},
	})
}

func TestAccExample_functions(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{skipBelowProviderFunctions},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: exampleConfig(t, "functions", "keep_warm_schedule", "function.tf") +
				exampleConfig(t, "functions", "monthly_cost", "function.tf"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("keep_warm_schedules", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"eventbridge":     knownvalue.StringExact("rate(5 minutes)"),
					"cloud_scheduler": knownvalue.StringExact("*/5 * * * *"),
					"timer_trigger":   knownvalue.StringExact("0 */5 * * * *"),
				})),
				statecheck.ExpectKnownOutputValue("api_monthly_cost_usd", knownvalue.Float64Exact(onDemandCents(t, platform.AWSLambda, 1024, 120, 3e6))),
			},
		}},
	})
}
