package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

const unitAddr = "hybrid_unit.test"

// unitConfig is a Lambda unit kept warm every intervalMinutes, with memoryMB of memory.
func unitConfig(name string, memoryMB, intervalMinutes int) string {
	return fmt.Sprintf(`
resource "hybrid_unit" "test" {
  name = %q
  function = {
    platform        = "aws_lambda"
    target          = "arn:aws:lambda:eu-west-1:123456789012:function:%[1]s"
    runtime         = "python3.12"
    memory_mb       = %d
    timeout_seconds = 30
  }
  keep_warm = {
    interval_minutes = %d
    concurrency      = 2
  }
}
`, name, memoryMB, intervalMinutes)
}

// pingsPerMonth is what a ping every intervalMinutes sends in the 730-hour month, times concurrency.
func pingsPerMonth(intervalMinutes, concurrency int64) int64 {
	return platform.HoursPerMonth * 60 / intervalMinutes * concurrency
}

func TestAccUnitResource_lifecycle(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			// Create: every computed value is known in the plan, so hybridlint can read it.
			{
				Config: unitConfig("api", 1024, 5),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(unitAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(unitAddr, tfjsonpath.New("placement"), knownvalue.StringExact(placementFunctionKeptWarm)),
						plancheck.ExpectKnownValue(unitAddr, tfjsonpath.New("keep_warm_schedule").AtMapKey("aws"), knownvalue.StringExact("rate(5 minutes)")),
						plancheck.ExpectKnownValue(unitAddr, tfjsonpath.New("id"), knownvalue.StringExact("api")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("id"), knownvalue.StringExact("api")),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("keep_warm_schedule"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"aws":   knownvalue.StringExact("rate(5 minutes)"),
						"gcp":   knownvalue.StringExact("*/5 * * * *"),
						"azure": knownvalue.StringExact("0 */5 * * * *"),
					})),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("keep_warm_pings_per_month"), knownvalue.Int64Exact(pingsPerMonth(5, 2))),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("keep_warm").AtMapKey("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("monthly_cost"), knownvalue.Null()),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("placement"), knownvalue.StringExact(placementFunctionKeptWarm)),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("placement_reasons"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("keep-warm pings every 5 minutes hold 2 instances warm"),
					})),
				},
			},
			// The same configuration again plans nothing: no perpetual diff.
			{
				Config: unitConfig("api", 1024, 5),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			// Update in place: memory and interval are properties of the same unit.
			{
				Config: unitConfig("api", 2048, 4),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(unitAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(unitAddr, tfjsonpath.New("keep_warm_pings_per_month"), knownvalue.Int64Exact(pingsPerMonth(4, 2))),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("function").AtMapKey("memory_mb"), knownvalue.Int64Exact(2048)),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("keep_warm_schedule").AtMapKey("aws"), knownvalue.StringExact("rate(4 minutes)")),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("keep_warm_schedule").AtMapKey("gcp"), knownvalue.StringExact("*/4 * * * *")),
				},
			},
			// Import by name with `terraform import`: the state holds the name; the rest comes from
			// configuration on the next plan.
			{
				ResourceName:  unitAddr,
				ImportState:   true,
				ImportStateId: "api",
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("imported %d instances, want 1", len(states))
					}
					if got := states[0].Attributes["name"]; got != "api" {
						return fmt.Errorf("imported name %q, want %q", got, "api")
					}
					if got := states[0].ID; got != "api" {
						return fmt.Errorf("imported id %q, want %q", got, "api")
					}
					return nil
				},
			},
			// Import by name with an import block: the plan updates the unit in place (never replaces it)
			// and already knows every computed value.
			{
				ResourceName:       unitAddr,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ImportStateId:      "api",
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(unitAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(unitAddr, tfjsonpath.New("placement"), knownvalue.StringExact(placementFunctionKeptWarm)),
					},
				},
			},
			// A new name is a different unit: replace.
			{
				Config: unitConfig("api-v2", 2048, 4),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(unitAddr, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("id"), knownvalue.StringExact("api-v2")),
				},
			},
		},
	})
}

func TestAccUnitResource_platformChangeReplaces(t *testing.T) {
	config := func(p string, memory int) string {
		return fmt.Sprintf(`
resource "hybrid_unit" "test" {
  name = "reports"
  function = {
    platform        = %q
    target          = "reports"
    memory_mb       = %d
    timeout_seconds = 300
  }
}
`, p, memory)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config("aws_lambda", 2048),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("placement"), knownvalue.StringExact(placementFunction)),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("keep_warm_schedule"), knownvalue.Null()),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("keep_warm_pings_per_month"), knownvalue.Int64Exact(0)),
				},
			},
			{
				Config: config("gcp_functions_gen1", 2048),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(unitAddr, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
			},
		},
	})
}

func TestAccUnitResource_hybridWithWorkload(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
resource "hybrid_unit" "test" {
  name = "thumbnails"
  function = {
    platform        = "aws_lambda"
    target          = "thumbnails"
    memory_mb       = 1024
    timeout_seconds = 60
  }
  container = {
    platform  = "aws_fargate"
    target    = "thumbnails-worker"
    cpu       = 1
    memory_mb = 4096
  }
  routing = {
    max_function_seconds = 45
  }
  keep_warm = {
    schedule = "cron(0/5 8-17 ? * MON-FRI *)"
  }
  workload = {
    requests_per_month = 2500000
    avg_duration_ms    = 850
    p99_duration_ms    = 70000
  }
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("placement"), knownvalue.StringExact(placementHybrid)),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("placement_reasons").AtSliceIndex(0),
						knownvalue.StringExact("p99 duration 70 s exceeds routing.max_function_seconds of 45 s, so the slowest work goes to the container")),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("container").AtMapKey("min_instances"), knownvalue.Int64Exact(defaultContainerMinInstances)),
					// A business-hours cron has no constant gap, so only its own cloud's syntax can hold it.
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("keep_warm_schedule"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"aws":   knownvalue.StringExact("cron(0/5 8-17 ? * MON-FRI *)"),
						"gcp":   knownvalue.Null(),
						"azure": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("monthly_cost").AtMapKey("container_usd"), knownvalue.NotNull()),
				},
			},
		},
	})
}

// Values known only after apply never produce a diagnostic at plan time: the unit's computed values
// stay unknown until they are known.
func TestAccUnitResource_unknownArguments(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
resource "terraform_data" "memory" {
  input = 2048
}

resource "hybrid_unit" "test" {
  name = "later"
  function = {
    platform        = "aws_lambda"
    target          = "later"
    memory_mb       = terraform_data.memory.output
    timeout_seconds = 30
  }
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue(unitAddr, tfjsonpath.New("placement")),
						plancheck.ExpectUnknownValue(unitAddr, tfjsonpath.New("keep_warm_pings_per_month")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(unitAddr, tfjsonpath.New("placement"), knownvalue.StringExact(placementFunction)),
				},
			},
		},
	})
}

// Units the platform can't run fail at plan time, with the attribute and the numbers.
func TestAccUnitResource_planTimeErrors(t *testing.T) {
	unit := func(function, extra string) string {
		return fmt.Sprintf(`
resource "hybrid_unit" "test" {
  name     = "bad"
  function = %s
  %s
}
`, function, extra)
	}
	lambda := func(memory, timeout int) string {
		return fmt.Sprintf(`{ platform = "aws_lambda", target = "bad", memory_mb = %d, timeout_seconds = %d }`, memory, timeout)
	}
	// want is literal text of the error detail; the CLI wraps lines, so any space matches any run of
	// white space.
	cases := []struct {
		name   string
		config string
		want   string
	}{
		{"timeout above the Lambda cap", unit(lambda(1024, platform.LambdaMaxTimeoutSeconds+1), ""),
			fmt.Sprintf("function.timeout_seconds is %d s, but aws_lambda stops a function at %d s", platform.LambdaMaxTimeoutSeconds+1, platform.LambdaMaxTimeoutSeconds)},
		{"timeout below one second", unit(lambda(1024, 0), ""),
			"Attribute function.timeout_seconds value must be at least 1, got: 0"},
		{"memory above the Lambda cap", unit(lambda(platform.LambdaMaxMemoryMB+1, 30), ""),
			fmt.Sprintf("function.memory_mb: %d MB is outside the %d-%d MB", platform.LambdaMaxMemoryMB+1, platform.LambdaMinMemoryMB, platform.LambdaMaxMemoryMB)},
		{"gen1 memory between tiers", unit(`{ platform = "gcp_functions_gen1", target = "bad", memory_mb = 300, timeout_seconds = 60 }`, ""),
			"function.memory_mb: 300 MB is not a size Cloud Functions (1st gen) offers"},
		{"invalid Fargate pair", unit(lambda(1024, 30), `container = { platform = "aws_fargate", target = "w", cpu = 0.25, memory_mb = 4096 }`),
			"container.memory_mb: memory 4096 MiB is not valid with cpu 256 on Fargate"},
		{"Fargate cpu that does not exist", unit(lambda(1024, 30), `container = { platform = "aws_fargate", target = "w", cpu = 3, memory_mb = 8192 }`),
			"container.cpu: cpu 3 is not a Fargate task size"},
		{"Cloud Run memory needs more cpu", unit(lambda(1024, 30), `container = { platform = "gcp_cloud_run", target = "w", cpu = 1, memory_mb = 16384 }`),
			"container.memory_mb: memory 16384 MiB needs more CPU than 1 vCPU"},
		{"Container Apps memory must match cpu", unit(lambda(1024, 30), `container = { platform = "azure_container_apps", target = "w", cpu = 1, memory_mb = 4096 }`),
			"container.memory_mb: memory 4096 MiB does not match cpu 1 on Container Apps"},
		{"routing at the timeout", unit(lambda(1024, 30), `
  container = { platform = "aws_fargate", target = "w", cpu = 1, memory_mb = 2048 }
  routing   = { max_function_seconds = 30 }`),
			"routing.max_function_seconds is 30 s, but the function times out at 30 s"},
		{"routing without container", unit(lambda(1024, 30), `routing = { max_function_seconds = 10 }`),
			"routing sends work to the container, but the unit has no container"},
		{"routing memory above the function", unit(lambda(1024, 30), `
  container = { platform = "aws_fargate", target = "w", cpu = 1, memory_mb = 2048 }
  routing   = { max_function_memory_mb = 2048 }`),
			"routing.max_function_memory_mb is 2048 MB, but the function has 1024 MB"},
		{"interval cron cannot space evenly", unit(`{ platform = "gcp_functions_gen2", target = "bad", memory_mb = 512, timeout_seconds = 60 }`,
			`keep_warm = { interval_minutes = 7 }`),
			"keep_warm.interval_minutes on gcp_functions_gen2: every 7 minutes cannot be written"},
		{"schedule in the wrong syntax", unit(lambda(1024, 30), `keep_warm = { schedule = "*/5 * * * *" }`),
			"keep_warm.schedule is not an EventBridge rate() or cron() expression"},
		{"interval and schedule together", unit(lambda(1024, 30), `keep_warm = { interval_minutes = 5, schedule = "rate(5 minutes)" }`),
			"keep_warm sets both interval_minutes and schedule: keep one of them"},
		{"keep-warm without an interval or schedule", unit(lambda(1024, 30), `keep_warm = { concurrency = 2 }`),
			"keep_warm needs interval_minutes or schedule: set one of them, for example interval_minutes = 5"},
		{"routing without a threshold", unit(lambda(1024, 30), `
  container = { platform = "aws_fargate", target = "w", cpu = 1, memory_mb = 2048 }
  routing   = {}`),
			"routing sets neither max_function_seconds nor max_function_memory_mb"},
		{"unknown platform", unit(`{ platform = "aws_lambda_edge", target = "bad", memory_mb = 128, timeout_seconds = 5 }`, ""),
			`value must be one of`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      tc.config,
					PlanOnly:    true,
					ExpectError: expectErrorText(tc.want),
				}},
			})
		})
	}
}

// A function may run exactly as long as its platform allows: a timeout at the cap plans cleanly.
func TestAccUnitResource_timeoutAtTheCapIsAccepted(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "hybrid_unit" "test" {
  name     = "at-cap"
  function = { platform = "aws_lambda", target = "at-cap", memory_mb = 1024, timeout_seconds = %d }
}
`, platform.LambdaMaxTimeoutSeconds),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
}

func TestAccUnitResource_importRejectsBadID(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: unitConfig("api", 1024, 5)},
			{
				ResourceName:  unitAddr,
				ImportState:   true,
				ImportStateId: "arn:aws:lambda:eu-west-1:123456789012:function:api",
				ExpectError:   expectErrorText(`Import a hybrid_unit by its name`),
			},
		},
	})
}
