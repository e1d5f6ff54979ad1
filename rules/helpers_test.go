package rules_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/config"
	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// exampleSettings are the settings the rules' examples run with ("now" fixed), for tests too.
var exampleSettings = rules.ExampleSettings()

// run applies one rule to a fixture with default options and returns its findings.
func run(t *testing.T, r *rules.Rule, b *plantest.Builder) []finding.Finding {
	t.Helper()
	return runWith(t, r, b, nil)
}

func runWith(t *testing.T, r *rules.Rule, b *plantest.Builder, options any) []finding.Finding {
	t.Helper()
	cfg := engine.Config{Settings: exampleSettings, Rules: map[string]config.RuleConfig{r.Name: {Options: options}}}
	res := engine.Run(b.Graph(t), []*rules.Rule{r}, cfg)
	require.Empty(t, res.Errors)
	return res.Findings
}

// summaries renders findings as "severity address: message" for compact expectations.
func summaries(fs []finding.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s: %s", f.Severity, f.Address, f.Message))
	}
	return out
}

// lambda is a function fixture with the given timeout.
func lambda(addr string, timeout any) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{
		"function_name": addr, "runtime": "python3.12", "memory_size": 128, "timeout": timeout}}
}

// deleted and forgotten mark a fixture as leaving the configuration.
func deleted(r plantest.Resource) plantest.Resource {
	r.Actions = []string{"delete"}
	return r
}

func forgotten(r plantest.Resource) plantest.Resource {
	r.Actions = []string{"forget"}
	return r
}

// unknownLambda is a function whose timeout is known only after apply.
func unknownLambda(addr string) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{"function_name": addr, "runtime": "python3.12"},
		Unknown: []string{"timeout"}, Refs: map[string][]string{"timeout": {"var.timeout"}}}
}

// runObserved applies one rule to a fixture with the functions' observations (--metrics) and the
// given options (nil for the defaults).
func runObserved(t *testing.T, r *rules.Rule, b *plantest.Builder, options any, observed ...metrics.Observation) []finding.Finding {
	t.Helper()
	settings := exampleSettings
	settings.Observed = map[string]metrics.Observation{}
	for _, o := range observed {
		settings.Observed[o.Function] = o
	}
	cfg := engine.Config{Settings: settings, Rules: map[string]config.RuleConfig{r.Name: {Options: options}}}
	res := engine.Run(b.Graph(t), []*rules.Rule{r}, cfg)
	require.Empty(t, res.Errors)
	return res.Findings
}

// observation is what a function did over 14 days; set fills the values the test cares about.
func observation(addr string, set func(o *metrics.Observation)) metrics.Observation {
	o := metrics.Observation{Function: addr, WindowDays: 14, Sources: []string{"observed.csv:2"}}
	set(&o)
	return o
}
