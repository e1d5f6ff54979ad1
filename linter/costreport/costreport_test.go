package costreport

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata")

// The example shipped for issue 7: Lambda, Cloud Functions and Azure Functions, and a usage file.
const (
	examplePlan  = "../../examples/plans/economics-multicloud.json"
	exampleUsage = "../../examples/usage/economics.yml"
)

// cmd runs the command and returns its exit code, stdout and stderr.
func cmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Command(args, strings.NewReader(stdin), &out, &errOut, func(string) string { return "" })
	return code, out.String(), errOut.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run: go test ./linter/costreport -update")
	require.Equal(t, string(want), got, "the report changed: review the diff, then go test ./linter/costreport -update")
}

func TestExampleReports(t *testing.T) {
	for _, format := range []string{"table", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := cmd(t, "", examplePlan, "--usage", exampleUsage, "--format", format, "--no-config")
			require.Equal(t, ExitOK, code, errOut)
			assert.Empty(t, errOut)
			ext := map[string]string{"table": "txt", "markdown": "md", "json": "json"}[format]
			golden(t, "economics."+ext, out)
		})
	}
}

func TestExampleTableStatesTheNumbers(t *testing.T) {
	_, out, _ := cmd(t, "", examplePlan, "--usage", exampleUsage, "--no-config")
	for _, want := range []string{
		"8 functions in ../../examples/plans/economics-multicloud.json; list prices of 2026-11-25, without free tiers",
		// Traffic from the plan's hybrid_unit workload.
		"expected 50,000,000 requests a month, 120 ms on average, 800 ms at p99, 2.28 busy on average (hybrid_unit.resize workload)",
		"recommendation: as a container: $36.04 a month, 40% less than $60.00 on demand",
		// Provisioned concurrency as planned, 24 environments.
		"with provisioned concurrency (as planned)   $1,562.71   24 instances",
		// Google's 100 ms rounding makes 60 ms requests expensive on demand.
		"recommendation: as a container: $299.59 a month, 49% less than $585.00 on demand",
		// Infracost keys with an observed memory for Azure Consumption.
		"azure_functions_consumption, 256 MB, timeout 300 s (memory: observed memory from ../../examples/usage/economics.yml:29)",
		"no expected traffic: give it with --usage FILE or a hybrid_unit workload; only fixed costs are shown",
		"break-even: on demand and as a container cost the same at 15M requests a month",
		"functions with expected traffic: $2,693.76 a month as planned, $1,666.16 as recommended",
	} {
		assert.Contains(t, out, want)
	}
}

func TestJSONSchema(t *testing.T) {
	_, out, _ := cmd(t, "", examplePlan, "--usage", exampleUsage, "--format", "json", "--no-config")
	var rep Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, 1, rep.Version)
	require.Len(t, rep.Functions, 8)
	byAddr := map[string]Function{}
	for _, f := range rep.Functions {
		byAddr[f.Address] = f
	}
	quotes := byAddr["aws_lambda_function.quotes"]
	assert.Equal(t, "provisioned", quotes.Current)
	require.NotNil(t, quotes.Recommendation)
	assert.Equal(t, "container", quotes.Recommendation.Kind)
	assert.Equal(t, 1009.12, quotes.Recommendation.MonthlyUSD)
	require.Len(t, quotes.Options, 4)
	pc := quotes.Options[2]
	assert.Equal(t, "provisioned", pc.Kind)
	require.NotNil(t, pc.MonthlyUSD)
	assert.Equal(t, 1562.71, *pc.MonthlyUSD)
	assert.Equal(t, "aws_lambda_provisioned_x86_64_gb_second", pc.Items[0].PriceName, "every line names its price")
	assert.NotEmpty(t, pc.Items[0].Source)

	export := byAddr["aws_lambda_function.nightly_export"]
	assert.Nil(t, export.Traffic)
	assert.Nil(t, export.Recommendation)
	assert.Nil(t, export.Options[0].MonthlyUSD)
	assert.Equal(t, "needs the expected traffic: requests a month and the average duration", export.Options[0].Unavailable)
	assert.True(t, export.Options[3].FixedOnly)

	gcp := byAddr["google_cloudfunctions_function.webhook"]
	assert.Contains(t, gcp.Options[2].Unavailable, "no provisioned capacity this model can price")
	// $1.325 per million requests against one 1 vCPU / 768 MiB Cloud Run instance ($51.246), which
	// holds the three 256 MB instances busy from 36.7M requests on: (51.246 - 0.0075555) / 0.000001325.
	assert.Equal(t, []BreakEven{{A: "keep_warm", B: "container", RequestsPerMonth: 3.86705e+07}}, gcp.BreakEvens)
}

func TestStdinAndOutputFile(t *testing.T) {
	data, err := os.ReadFile(examplePlan)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "cost.md")
	code, out, errOut := cmd(t, string(data), "-", "--format=markdown", "--output", path, "--usage="+exampleUsage, "--no-config")
	require.Equal(t, ExitOK, code, errOut)
	assert.Empty(t, out, "the report goes to the file")
	written, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(written), "8 functions in -;")
	assert.Contains(t, string(written), "| `aws_lambda_function.resize` | aws_lambda | 512 MB | 30 s | $60.00 (as planned) |")
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	badUsage := write("usage.yml", "resource_usage:\n  aws_lambda_function.api:\n    requests_per_month: lots\n")
	notJSON := write("plan.json", "{\"format_version\": ")
	badPrices := write("prices.hcl", "prices {\n  aws_lambda_gb_second = 1\n}\n")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"no plan", nil, []string{"no plan given", "terraform show -json tf.plan > plan.json"}},
		{"unknown flag", []string{examplePlan, "--colour"}, []string{"unknown flag --colour", "hybridlint cost --help"}},
		{"bad format", []string{examplePlan, "--format", "pdf"}, []string{`unknown --format "pdf": use table, json, markdown, html`}},
		{"flag without value", []string{examplePlan, "--usage"}, []string{"flag --usage needs a value"}},
		{"bad margin", []string{examplePlan, "--margin", "much"}, []string{`--margin "much": use a whole number from 0 to 100`}},
		{"bad idle window", []string{examplePlan, "--idle-window", "0"}, []string{`--idle-window "0"`}},
		{"missing plan", []string{filepath.Join(dir, "nope.json")}, []string{"nope.json: no such file", "terraform plan -out tf.plan"}},
		{"directory", []string{dir}, []string{"is a directory, not a plan file", "plan.json"}},
		{"broken plan", []string{notJSON}, []string{"plan.json"}},
		{"missing usage", []string{examplePlan, "--usage", filepath.Join(dir, "usage.yaml")}, []string{"usage.yaml: no such usage file", "--usage"}},
		{"bad usage", []string{examplePlan, "--usage", badUsage}, []string{"usage.yml:3: aws_lambda_function.api: requests_per_month is \"lots\", not a number"}},
		{"bad prices", []string{examplePlan, "--config", badPrices}, []string{`prices.hcl:2:3: unknown price "aws_lambda_gb_second"`}},
		{"unwritable output", []string{examplePlan, "--no-config", "--output", filepath.Join(dir, "missing", "cost.txt")}, []string{"cost.txt: cannot write the report"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cmd(t, "", tt.args...)
			assert.Equal(t, ExitUsage, code)
			assert.Empty(t, out)
			assert.True(t, strings.HasPrefix(errOut, "hybridlint cost: "), errOut)
			for _, w := range tt.want {
				assert.Contains(t, errOut, w)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := cmd(t, "", "--help")
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, out, "Usage: hybridlint cost [flags] PLAN...")
}

func TestWarnsAboutUsageThatMatchesNothing(t *testing.T) {
	usage := filepath.Join(t.TempDir(), "usage.yml")
	require.NoError(t, os.WriteFile(usage, []byte("resource_usage:\n  aws_lambda_function.resise:\n    requests_per_month: 1\n"), 0o644))
	code, out, errOut := cmd(t, "", examplePlan, "--usage", usage, "--no-config", "--format", "json")
	require.Equal(t, ExitOK, code)
	assert.Equal(t, "hybridlint cost: warning: "+usage+":2: aws_lambda_function.resise matches no function in the plan: check the address\n", errOut)
	var rep Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Len(t, rep.Warnings, 1)
}

func TestPriceOverridesFromTheConfiguration(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), ".hybridlint.hcl")
	require.NoError(t, os.WriteFile(cfg, []byte("prices {\n  aws_fargate_vcpu_hour = 0.02024\n}\nrule \"function_container_cheaper\" {\n  margin_percent = 50\n}\n"), 0o644))
	_, out, errOut := cmd(t, "", examplePlan, "--usage", exampleUsage, "--config", cfg, "--format", "json")
	require.Empty(t, errOut)
	var rep Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, []PriceOverride{{Name: "aws_fargate_vcpu_hour", USD: 0.02024, Unit: "vCPU-hour"}}, rep.Overrides)
	assert.Equal(t, "list prices of 2026-11-25, with overrides", rep.PriceDate)
	assert.Equal(t, 50, rep.MarginPercent, "the rule's margin from the configuration")
	for _, f := range rep.Functions {
		if f.Address == "aws_lambda_function.resize" {
			// Half the vCPU price: 730 h x $0.02024 + 2 GB x 730 h x $0.004445 = $14.7752 + $6.4897.
			assert.Equal(t, 21.26, *f.Options[3].MonthlyUSD)
			assert.Equal(t, "container", f.Recommendation.Kind, "65% less clears a 50% margin")
		}
	}

	_, out, _ = cmd(t, "", examplePlan, "--usage", exampleUsage, "--config", cfg, "--format", "json", "--margin", "70")
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, 70, rep.MarginPercent, "--margin wins over the configuration")
}

func TestNoFunctions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(path, plantest.New().Add(plantest.Resource{Address: "aws_s3_bucket.b", After: map[string]any{"bucket": "b"}}).JSON(), 0o644))
	code, out, _ := cmd(t, "", path, "--no-config")
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, out, "0 functions in "+path)
	assert.Contains(t, out, "no function in the plan that hybridlint can price")
	for _, format := range []string{"markdown", "html", "json"} {
		code, out, _ := cmd(t, "", path, "--no-config", "--format", format)
		assert.Equal(t, ExitOK, code, format)
		assert.NotEmpty(t, out, format)
	}
}

func TestSeveralPlans(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.json")
	b := filepath.Join(dir, "b.json")
	fn := plantest.Resource{Address: "aws_lambda_function.api", After: map[string]any{"function_name": "api", "memory_size": 512, "timeout": 10}}
	require.NoError(t, os.WriteFile(a, plantest.New().Add(fn).JSON(), 0o644))
	require.NoError(t, os.WriteFile(b, plantest.New().Add(fn).JSON(), 0o644))
	_, out, _ := cmd(t, "", a, b, "--no-config")
	assert.Contains(t, out, "aws_lambda_function.api ("+a+")")
	assert.Contains(t, out, "aws_lambda_function.api ("+b+")")
}

func TestUnpriceableFunction(t *testing.T) {
	// 1st gen functions come in fixed memory tiers; 300 MB is none of them.
	path := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(path, plantest.New().Add(plantest.Resource{Address: "google_cloudfunctions_function.odd",
		After: map[string]any{"name": "odd", "runtime": "python312", "available_memory_mb": 300, "timeout": 60, "trigger_http": true}}).JSON(), 0o644))
	code, out, errOut := cmd(t, "", path, "--no-config")
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, out, "recommendation: cannot be priced: memory 300 MB is not a 1st gen tier")
	assert.Contains(t, errOut, "warning: google_cloudfunctions_function.odd: memory 300 MB is not a 1st gen tier")
}
