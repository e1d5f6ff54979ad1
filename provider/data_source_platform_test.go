package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

func TestAccPlatformDataSource(t *testing.T) {
	lambda, cloudRun := "data.hybrid_platform.lambda", "data.hybrid_platform.cloud_run"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
data "hybrid_platform" "lambda" {
  platform = "aws_lambda"
}

data "hybrid_platform" "cloud_run" {
  platform = "gcp_cloud_run"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(lambda, tfjsonpath.New("cloud"), knownvalue.StringExact("aws")),
					statecheck.ExpectKnownValue(lambda, tfjsonpath.New("hosts_function"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(lambda, tfjsonpath.New("hosts_container"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(lambda, tfjsonpath.New("facts").AtMapKey("max_timeout"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"value":       knownvalue.Float64Exact(platform.LambdaMaxTimeoutSeconds),
						"unit":        knownvalue.StringExact("s"),
						"description": knownvalue.StringRegexp(regexp.MustCompile(`cap`)),
						"source":      knownvalue.StringExact(platform.SourceLambdaTimeout),
						"date":        knownvalue.StringExact(platform.DateLimitsRead),
					})),
					statecheck.ExpectKnownValue(lambda, tfjsonpath.New("facts").AtMapKey("idle_window").AtMapKey("value"),
						knownvalue.Float64Exact(platform.LambdaIdleWindowMinutes)),
					statecheck.ExpectKnownValue(lambda, tfjsonpath.New("facts"), knownvalue.MapSizeExact(len(platform.Facts(platform.AWSLambda)))),
					statecheck.ExpectKnownValue(cloudRun, tfjsonpath.New("cloud"), knownvalue.StringExact("gcp")),
					statecheck.ExpectKnownValue(cloudRun, tfjsonpath.New("hosts_function"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(cloudRun, tfjsonpath.New("hosts_container"), knownvalue.Bool(true)),
				},
			},
		},
	})
}

func TestAccPlatformDataSource_unknownPlatform(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "hybrid_platform" "x" { platform = "aws_lambda_edge" }`,
				ExpectError: expectErrorText(`value must be one of`),
			},
		},
	})
}

// Every fact of every platform reaches the data source: none is dropped or overwritten by a name
// that repeats.
func TestPlatformFactsValue_keepsEveryFact(t *testing.T) {
	for _, p := range platform.Platforms() {
		facts := platform.Facts(p)
		m, diags := platformFactsValue(facts)
		require.False(t, diags.HasError(), "%s: %v", p, diags)
		assert.Len(t, m.Elements(), len(facts), "platform %s", p)
	}
}

func TestPlatformFactsValue_repeatedNamesGetTheirValue(t *testing.T) {
	facts := []platform.Fact{
		{Name: "memory_option", Value: 512, Unit: "MB"},
		{Name: "memory_option", Value: 2048, Unit: "MB"},
		{Name: "max_timeout", Value: 0.5, Unit: "s"},
	}
	m, diags := platformFactsValue(facts)
	require.False(t, diags.HasError())
	var keys []string
	for k := range m.Elements() {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, []string{"memory_option_512", "memory_option_2048", "max_timeout"}, keys)
	value := m.Elements()["memory_option_2048"].(types.Object).Attributes()["value"]
	assert.Equal(t, attr.Value(types.Float64Value(2048)), value)
}
