package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The function_observed_* rules run as a process on --metrics in the five formats: what the
// fixtures measured, and a neutral CSV that makes each rule fire.
func TestObservedRulesFromMetrics(t *testing.T) {
	dir := metricsDir(t)
	csv := "function,metric,value\n" +
		"aws_lambda_function.orders,p99_ms,25500\n" +
		"aws_lambda_function.orders,max_ms,27000\n" +
		"google_cloudfunctions_function.thumbnails,invocations,4000\n" +
		"google_cloudfunctions_function.thumbnails,cold_starts,400\n" +
		"google_cloudfunctions_function.thumbnails,init_p50_ms,1800\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "fire.csv"), []byte(csv), 0o644))
	observed := func(files ...string) []string {
		t.Helper()
		got, _ := lintObserved(t, dir, observedRules, files...)
		return got
	}
	assert.Equal(t, []string{
		"warning google_cloudfunctions_function.thumbnails: observed peak memory 250 MB is 97% of available_memory_mb 256 MB over 7 days: a larger input runs out of memory",
	}, observed(metricsFixtures...), "the fixtures' functions are well within their limits but for one")
	assert.Equal(t, []string{
		"warning aws_lambda_function.orders: observed p99 duration 25.5s is 85% of its own 30s timeout (max 27s, over 14 days): a slower day breaches it",
		"warning google_cloudfunctions_function.thumbnails: 10.0% of invocations were cold starts over 14 days (400 of 4,000, median initialisation 1.8s) " +
			"on the synchronous path (HTTP-triggered 1st gen function), with nothing keeping it warm; keeping it warm would cost a month: " +
			"a keep-warm schedule (8,760 pings x 1 a month) $0.0076",
	}, observed("fire.csv"))
}

var observedRules = []string{"function_observed_duration_near_limit", "function_observed_memory_near_limit", "function_observed_cold_starts"}

// lintObserved runs lint on the plan in dir with the metrics files, and returns the findings of
// the rules given as "severity address: message", and lint's standard error.
func lintObserved(t *testing.T, dir string, rules []string, files ...string) ([]string, string) {
	t.Helper()
	args := append(append([]string{"lint", "--no-config", "--fail-on", "none", "--format", "json"}, metricsArgs(files...)...), "plan.json")
	res := run(t, dir, nil, args...)
	require.Equal(t, 0, res.code, res.stderr)
	var out struct {
		Findings []struct{ Severity, Rule, Address, Message string } `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &out))
	got := []string{}
	for _, f := range out.Findings {
		if slices.Contains(rules, f.Rule) {
			got = append(got, f.Severity+" "+f.Address+": "+f.Message)
		}
	}
	return got, res.stderr
}
