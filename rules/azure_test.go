package rules_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// Fixtures shared by the Azure rule tests, in the shapes the azurerm provider writes into plans.

// azurePlan is an azurerm_service_plan with a SKU.
func azurePlan(addr, sku string) plantest.Resource { return plantest.AzureServicePlan(addr, sku) }

// azureLinuxApp is an azurerm_linux_function_app on planAddr. stack is its application_stack,
// settings its app_settings (nil for none), site overrides site_config.
func azureLinuxApp(addr, planAddr string, stack, settings, site map[string]any) plantest.Resource {
	return plantest.AzureLinuxFunctionApp(addr, planAddr, stack, settings, site)
}

// azureFlexApp is an azurerm_function_app_flex_consumption; overrides set runtime, memory and always_ready.
func azureFlexApp(addr, planAddr string, overrides map[string]any) plantest.Resource {
	return plantest.AzureFlexApp(addr, planAddr, overrides)
}

// azureFunction is an azurerm_function_app_function of appAddr with the given trigger binding type.
func azureFunction(addr, appAddr, trigger string) plantest.Resource {
	cfg, _ := json.Marshal(map[string]any{"bindings": []any{
		map[string]any{"type": trigger, "direction": "in", "name": "req", "authLevel": "function"},
		map[string]any{"type": "http", "direction": "out", "name": "$return"},
	}})
	return plantest.Resource{Address: addr, After: map[string]any{"name": "fn", "language": "Java", "config_json": string(cfg)},
		Unknown: []string{"function_app_id"}, Refs: map[string][]string{"function_app_id": gcpRef(appAddr, "id")}}
}

var javaStack = map[string]any{"java_version": "17"}

// runAzure runs a rule with a host.json setting and an optional edit of the plan JSON (for what
// plantest cannot express, such as one sensitive key of a map).
func runAzure(t *testing.T, r *rules.Rule, b *plantest.Builder, host *serverless.AzureHost, edit func(changes map[string]map[string]any)) []finding.Finding {
	t.Helper()
	data := b.JSON()
	if edit != nil {
		var doc map[string]any
		require.NoError(t, json.Unmarshal(data, &doc))
		changes := map[string]map[string]any{}
		for _, rc := range doc["resource_changes"].([]any) {
			m := rc.(map[string]any)
			changes[m["address"].(string)] = m["change"].(map[string]any)
		}
		edit(changes)
		var err error
		data, err = json.Marshal(doc)
		require.NoError(t, err)
	}
	p, err := plan.Parse("fixture.json", data)
	require.NoError(t, err)
	settings := exampleSettings
	settings.AzureHost = host
	res := engine.Run(graph.New(p), []*rules.Rule{r}, engine.Config{Settings: settings})
	require.Empty(t, res.Errors)
	return res.Findings
}
