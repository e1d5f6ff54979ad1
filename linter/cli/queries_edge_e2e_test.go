package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Lambda@Edge function logs and reports metrics in every Region where CloudFront ran it, under
// /aws/lambda/us-east-1.<name>: queries asks each Region of $edge_regions, one file per Region,
// and lint adds the Regions' files up.

// edgePlan is the example plan with Lambda@Edge functions, by absolute path: the commands run in
// a directory of their own.
func edgePlan(t *testing.T) string {
	t.Helper()
	plan, err := filepath.Abs("../../examples/plans/aws-storefront-edge-graphql.json")
	require.NoError(t, err)
	return plan
}

// The script for a plan with edge functions, pinned: testdata/queries-edge.sh (the day the window
// ends is computed by the script, so the text does not depend on the clock).
func TestQueriesForEdgeFunctions(t *testing.T) {
	plan := edgePlan(t)
	dir := t.TempDir()
	res := run(t, dir, nil, "queries", plan)
	require.Equal(t, 0, res.code, res.stderr)
	want, err := os.ReadFile("testdata/queries-edge.sh")
	require.NoError(t, err)
	assert.Equal(t, strings.ReplaceAll(string(want), "PLAN", plan), res.stdout)

	calls := runScript(t, dir, res.stdout) // sh -n, bash -n (and zsh -n) first, then sh -e
	for _, region := range []string{"eu-west-1", "us-east-1"} {
		starts := callsOf(calls, "aws", "start-query", "/aws/lambda/us-east-1.storefront-security-headers")
		assert.Len(t, callsOf(starts, "aws", region), 1, "one query in %s", region)
		assert.Len(t, callsOf(calls, "aws", "get-metric-data", region, "file://hybridlint-aws-get-metric-data-queries-2.json"), 1)
		for _, file := range []string{"hybridlint-aws-logs-insights-2-" + region + ".json", "hybridlint-aws-get-metric-data-2-" + region + ".json"} {
			_, err := os.Stat(filepath.Join(dir, file))
			assert.NoError(t, err, "one file per Region")
		}
	}
	assert.Len(t, callsOf(calls, "aws", "start-query", "/aws/lambda/storefront-checkout"), 1, "an ordinary function is queried once, in the CLI's region")
	lint := callsOf(calls, "hybridlint", "lint")
	require.Len(t, lint, 1)
	assert.Equal(t, []string{"hybridlint", "lint", "--metrics", "hybridlint-aws-logs-insights-1.json",
		"--metrics", "hybridlint-aws-logs-insights-2-eu-west-1.json", "--metrics", "hybridlint-aws-logs-insights-2-us-east-1.json",
		"--metrics", "hybridlint-aws-get-metric-data-1.json",
		"--metrics", "hybridlint-aws-get-metric-data-2-eu-west-1.json", "--metrics", "hybridlint-aws-get-metric-data-2-us-east-1.json",
		"--metrics-days", "14", plan}, []string(lint[0]), "the lint command reads every Region's file")
	assert.Equal(t, map[string][]string{
		"us-east-1.storefront-image-resize":     {"Duration|p99", "Duration|Maximum", "Invocations|Sum"},
		"us-east-1.storefront-image-origin":     {"Duration|p99", "Duration|Maximum", "Invocations|Sum"},
		"us-east-1.storefront-security-headers": {"Duration|p99", "Duration|Maximum", "Invocations|Sum"},
	}, metricDataQueries(t, filepath.Join(dir, "hybridlint-aws-get-metric-data-queries-2.json")))
}

// Without the Regions the script stops before any query, with the variable to set.
func TestQueriesForEdgeFunctionsNeedTheRegions(t *testing.T) {
	plan := edgePlan(t)
	dir := t.TempDir()
	res := run(t, dir, nil, "queries", plan)
	require.Equal(t, 0, res.code, res.stderr)
	out, calls := runScriptWithout(t, dir, res.stdout, "HYBRIDLINT_EDGE_REGIONS")
	assert.Contains(t, out, "set HYBRIDLINT_EDGE_REGIONS to the Regions where the distributions served viewers")
	assert.Empty(t, calls, "no query ran, not even the ordinary function's")
}

// Round trip: the Logs Insights results of two Regions (get-query-results JSON, written by hand
// in its documented shape, as the script saves them) add up: 40 of 1,000 and 200 of 3,000 cold
// starts are 240 of 4,000 (6 %, over the 5 % threshold), where either file alone, or the first
// file read as the function's whole traffic, is under it (4 %).
func TestLintAddsUpTheRegionsOfAnEdgeFunction(t *testing.T) {
	plan := edgePlan(t)
	dir := t.TempDir()
	for _, region := range []string{"eu-west-1", "us-east-1"} {
		data, err := os.ReadFile("../metrics/testdata/edge-logs-insights-" + region + ".json")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "hybridlint-aws-logs-insights-2-"+region+".json"), data, 0o644))
	}
	res := run(t, dir, nil, "lint", "--format", "json", "--metrics", "hybridlint-aws-logs-insights-2-eu-west-1.json",
		"--metrics", "hybridlint-aws-logs-insights-2-us-east-1.json", plan)
	assert.Contains(t, res.stdout, "6.0% of invocations were cold starts over 14 days (240 of 4,000, median initialisation 450ms) on the synchronous path of aws_cloudfront_distribution.storefront")
	assert.Contains(t, res.stdout, "observed p99 duration 4.1s is 82% of its own 5s timeout (max 4.7s, over 14 days): a slower day breaches it; "+
		"the p99 is the largest Region's, an upper bound of all the traffic's")

	res = run(t, dir, nil, "lint", "--format", "json", "--metrics", "hybridlint-aws-logs-insights-2-eu-west-1.json", plan)
	assert.NotContains(t, res.stdout, "function_observed_cold_starts", "one Region alone is under the threshold")
}
