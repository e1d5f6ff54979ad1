package rules_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
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
func runAzure(t *testing.T, r *rules.Rule, b *plantest.Builder, host *rules.AzureHost, edit func(changes map[string]map[string]any)) []finding.Finding {
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

func TestParseFunctionTimeout(t *testing.T) {
	tests := []struct {
		in        string
		want      time.Duration
		unbounded bool
		err       string
	}{
		{in: "00:05:00", want: 5 * time.Minute},
		{in: "00:10:00", want: 10 * time.Minute},
		{in: "1:30:15", want: time.Hour + 30*time.Minute + 15*time.Second},
		{in: "1.02:00:00", want: 26 * time.Hour},
		{in: "00:00:01.5", want: 1500 * time.Millisecond},
		{in: " -1 ", unbounded: true},
		{in: "600", err: `"600" is not a timespan`},
		{in: "10:00", err: `"10:00" is not a timespan`},
		{in: "00:61:00", err: `"00:61:00" is not a timespan`},
		{in: "00:00:00", err: "below the 00:00:01"},
		{in: "-00:05:00", err: "is not a timespan"},
		{in: "x.00:05:00", err: "is not a timespan"},
		{in: "00:00:1e1", err: "is not a timespan"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, unbounded, err := rules.ParseFunctionTimeout(tt.in)
			if tt.err != "" {
				require.ErrorContains(t, err, tt.err)
				require.ErrorContains(t, err, `"-1" for no limit`, "the error says what to write")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, d)
			require.Equal(t, tt.unbounded, unbounded)
		})
	}
}
