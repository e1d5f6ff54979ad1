package costreport

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"weak"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
)

// The flags, the configuration and the loading of files are the CLI's (linter/cli, whose tests run
// `hybridlint cost` as a process); these tests build the report from plans and settings and render it.

var update = flag.Bool("update", false, "rewrite the golden reports in testdata")

// The example shipped for issue 7: Lambda, Cloud Functions and Azure Functions, and a usage file.
const (
	examplePlan  = "../../examples/plans/economics-multicloud.json"
	exampleUsage = "../../examples/usage/economics.yml"
)

// defaults are the settings of `hybridlint cost` without flags or configuration.
func defaults() Options {
	return Options{Settings: serverless.Inputs{IdleWindowMinutes: 5}, MarginPercent: 30}
}

// load reads a plan the way the CLI hands it over.
func load(t *testing.T, path string) Plan {
	t.Helper()
	p, err := plan.Load(path)
	require.NoError(t, err)
	return Plan{Name: path, Graph: graph.New(p)}
}

// graphPointers lists the paths to the non-nil pointers into a graph (its instances, its edges, the
// graph itself) that v holds, so that a field added to serverless.PlannedFunction that points into
// the graph fails TestListingHoldsNoPartOfTheGraph until detach clears it.
func graphPointers(v reflect.Value, path string) []string {
	graphPkg := reflect.TypeFor[graph.Graph]().PkgPath()
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		if v.Type().Elem().PkgPath() == graphPkg {
			return []string{path}
		}
		return graphPointers(v.Elem(), path)
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return graphPointers(v.Elem(), path)
	case reflect.Struct:
		var out []string
		for i := range v.NumField() {
			out = append(out, graphPointers(v.Field(i), path+"."+v.Type().Field(i).Name)...)
		}
		return out
	case reflect.Slice, reflect.Array:
		var out []string
		for i := range v.Len() {
			out = append(out, graphPointers(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	case reflect.Map:
		var out []string
		for it := v.MapRange(); it.Next(); {
			out = append(out, graphPointers(it.Value(), fmt.Sprintf("%s[%v]", path, it.Key()))...)
		}
		return out
	}
	return nil
}

// exampleOptions are the defaults with the example's usage file.
func exampleOptions(t *testing.T) Options {
	t.Helper()
	o := defaults()
	u, err := usage.Load(exampleUsage)
	require.NoError(t, err)
	o.Settings.Usage, o.UsagePath = u, exampleUsage
	return o
}

// example is the report on the example plan with its usage file.
func example(t *testing.T) *Report {
	t.Helper()
	return Build([]Plan{load(t, examplePlan)}, exampleOptions(t))
}

// TestListingHoldsNoPartOfTheGraph: hybridlint cost lets go of a plan and its graph once the plan
// is listed, so that their memory goes to the report (on the 118 MB plan of linter/benchmark, peak
// memory 1.5 times the file instead of 1.3). A listing that kept one instance (a function, its
// keep-warm schedule or its provisioned concurrency) would keep the plan's values alive.
func TestListingHoldsNoPartOfTheGraph(t *testing.T) {
	o := exampleOptions(t)
	p := load(t, examplePlan)
	var held []weak.Pointer[graph.Instance]
	pings, capacity := 0, 0
	for _, pf := range serverless.PlannedFunctions(p.Graph, o.Settings) {
		held = append(held, weak.Make(pf.Instance))
		for _, k := range pf.KeepWarm {
			held, pings = append(held, weak.Make(k.Schedule)), pings+1
			if k.Target != nil {
				held = append(held, weak.Make(k.Target))
			}
		}
		for _, c := range pf.Provisioned {
			held, capacity = append(held, weak.Make(c.Config)), capacity+1
		}
	}
	require.Positive(t, pings, "the example pings a function")
	require.Positive(t, capacity, "the example provisions a function")
	g := weak.Make(p.Graph)

	l := List(p, o.Settings)
	assert.Empty(t, graphPointers(reflect.ValueOf(l), "listing"), "detach clears every pointer into the graph")
	p = Plan{}
	runtime.GC()
	assert.Nil(t, g.Value(), "the graph outlives its listing")
	for _, w := range held {
		assert.Nil(t, w.Value(), "an instance outlives its listing")
	}
	assert.Equal(t, render(t, example(t), "json"), render(t, Price([]Listing{l}, o), "json"), "the listing prices as Build does")
}

func render(t *testing.T, r *Report, format string) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, r.Write(&b, format))
	return b.String()
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
	rep := example(t)
	for format, file := range map[string]string{"text": "economics.txt", "markdown": "economics.md", "json": "economics.json"} {
		t.Run(format, func(t *testing.T) {
			golden(t, file, render(t, rep, format))
		})
	}
	assert.Equal(t, render(t, rep, "text"), render(t, rep, "table"), "table is text's older name")
	assert.Error(t, rep.Write(&bytes.Buffer{}, "pdf"))
}

// TestJSONStreamIsTheWholeEncoding: the JSON report, written one function at a time, is byte for
// byte what encoding/json writes for the whole report, with and without functions, with HTML
// characters (escaped, as the encoder does), and with warnings and several plans after and before
// the functions.
func TestJSONStreamIsTheWholeEncoding(t *testing.T) {
	withHTML := example(t)
	withHTML.Plans = append(withHTML.Plans, "<b>&</b>.json")
	withHTML.Functions[0].Address = `module.a["<x>"].aws_lambda_function.f`
	withHTML.Warnings = []string{`"functions": [] in a warning`}
	for name, rep := range map[string]*Report{"example": example(t), "html characters": withHTML, "no functions": {Functions: []Function{}}} {
		t.Run(name, func(t *testing.T) {
			var whole bytes.Buffer
			enc := json.NewEncoder(&whole)
			enc.SetIndent("", "  ")
			require.NoError(t, enc.Encode(rep))
			assert.Equal(t, whole.String(), render(t, rep, "json"))
		})
	}
}

func TestExampleTableStatesTheNumbers(t *testing.T) {
	out := render(t, example(t), "text")
	for _, want := range []string{
		"8 functions in ../../examples/plans/economics-multicloud.json; list prices of 2026-12-04, without free tiers",
		// Traffic from the plan's hybrid_unit workload.
		"expected 50,000,000 requests a month, 120 ms on average, 800 ms at p99, about 2 requests in flight on average (hybrid_unit.resize workload)",
		"recommendation: as a container: $36.04 a month, 40% less than $60.00 on demand",
		// Provisioned concurrency as planned, 24 environments.
		"with provisioned concurrency (as planned)   $1,562.71   24 instances",
		// Google's 100 ms rounding makes 60 ms requests expensive on demand.
		"recommendation: as a container: $299.59 a month, 49% less than $585.00 on demand",
		// Infracost keys with an observed memory for Azure Consumption.
		"azure_functions_consumption, 256 MB, timeout 300 s (memory: observed memory from ../../examples/usage/economics.yml:29)",
		"no expected traffic: give it with --usage FILE, --metrics FILE or a hybrid_unit workload; only fixed costs are shown",
		"break-even: on demand and as a container cost the same at 15M requests a month",
		"functions with expected traffic: $2,693.76 a month as planned, $1,666.16 as recommended",
	} {
		assert.Contains(t, out, want)
	}
}

func TestJSONSchema(t *testing.T) {
	var rep Report
	require.NoError(t, json.Unmarshal([]byte(render(t, example(t), "json")), &rep))
	assert.Equal(t, 1, rep.Version)
	assert.Equal(t, exampleUsage, rep.Usage)
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
	assert.Nil(t, quotes.Location, "no sources were at hand")

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

func TestWarnsAboutUsageThatMatchesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "usage.yml")
	require.NoError(t, os.WriteFile(path, []byte("resource_usage:\n  aws_lambda_function.resise:\n    requests_per_month: 1\n"), 0o644))
	u, err := usage.Load(path)
	require.NoError(t, err)
	o := defaults()
	o.Settings.Usage = u
	rep := Build([]Plan{load(t, examplePlan)}, o)
	assert.Equal(t, []string{path + ":2: aws_lambda_function.resise matches no function in the plan: check the address"}, rep.Warnings)
}

func TestPriceOverridesAndMargin(t *testing.T) {
	prices := cost.Default()
	require.NoError(t, prices.Override("aws_fargate_vcpu_hour", 0.02024))
	u, err := usage.Load(exampleUsage)
	require.NoError(t, err)
	rep := Build([]Plan{load(t, examplePlan)}, Options{Settings: serverless.Inputs{IdleWindowMinutes: 5, Usage: u, Prices: &prices}, MarginPercent: 50})
	assert.Equal(t, []PriceOverride{{Name: "aws_fargate_vcpu_hour", USD: 0.02024, Unit: "vCPU-hour"}}, rep.Overrides)
	assert.Equal(t, "list prices of 2026-12-04, with overrides", rep.PriceDate)
	assert.Equal(t, 50, rep.MarginPercent)
	found := false
	for _, f := range rep.Functions {
		if f.Address == "aws_lambda_function.resize" {
			found = true
			// Half the vCPU price: 730 h x $0.02024 + 2 GB x 730 h x $0.004445 = $14.7752 + $6.4897.
			assert.Equal(t, 21.26, *f.Options[3].MonthlyUSD)
			assert.Equal(t, "container", f.Recommendation.Kind, "65% less clears a 50% margin")
		}
	}
	assert.True(t, found)
}

func TestNoFunctions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(path, plantest.New().Add(plantest.Resource{Address: "aws_s3_bucket.b", After: map[string]any{"bucket": "b"}}).JSON(), 0o644))
	rep := Build([]Plan{load(t, path)}, defaults())
	out := render(t, rep, "text")
	assert.Contains(t, out, "0 functions in "+path)
	assert.Contains(t, out, "no function in the plan that hybridlint can price")
	for _, format := range []string{"markdown", "html", "json"} {
		assert.NotEmpty(t, render(t, rep, format), format)
	}
	assert.Contains(t, render(t, rep, "json"), `"functions": []`)
}

func TestSeveralPlansAndLocations(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.json")
	b := filepath.Join(dir, "b.json")
	fn := plantest.Resource{Address: "aws_lambda_function.api", After: map[string]any{"function_name": "api", "memory_size": 512, "timeout": 10}}
	require.NoError(t, os.WriteFile(a, plantest.New().Add(fn).JSON(), 0o644))
	require.NoError(t, os.WriteFile(b, plantest.New().Add(fn).JSON(), 0o644))
	located := load(t, b)
	located.Locate = func(address string) *finding.Location {
		if address == "aws_lambda_function.api" {
			return &finding.Location{File: "main.tf", Line: 12, Column: 1}
		}
		return nil
	}
	rep := Build([]Plan{load(t, a), located}, defaults())
	assert.Equal(t, []string{a, b}, rep.Plans)
	out := render(t, rep, "text")
	assert.Contains(t, out, "aws_lambda_function.api ("+a+")\n  aws_lambda, 512 MB, x86_64, 0.289 vCPU, timeout 10 s\n")
	assert.Contains(t, out, "aws_lambda_function.api ("+b+")\n  aws_lambda, 512 MB, x86_64, 0.289 vCPU, timeout 10 s; declared at main.tf:12\n")
	assert.Contains(t, render(t, rep, "markdown"), "timeout 10 s; declared at main.tf:12.")
	assert.Contains(t, render(t, rep, "html"), "timeout 10 s; declared at main.tf:12</p>")
	var doc struct {
		Functions []struct {
			Location *finding.Location `json:"location"`
		} `json:"functions"`
	}
	require.NoError(t, json.Unmarshal([]byte(render(t, rep, "json")), &doc))
	require.Len(t, doc.Functions, 2)
	assert.Nil(t, doc.Functions[0].Location)
	assert.Equal(t, &finding.Location{File: "main.tf", Line: 12, Column: 1}, doc.Functions[1].Location)
}

func TestUnpriceableFunction(t *testing.T) {
	// 1st gen functions come in fixed memory tiers; 300 MB is none of them.
	path := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(path, plantest.New().Add(plantest.Resource{Address: "google_cloudfunctions_function.odd",
		After: map[string]any{"name": "odd", "runtime": "python312", "available_memory_mb": 300, "timeout": 60, "trigger_http": true}}).JSON(), 0o644))
	rep := Build([]Plan{load(t, path)}, defaults())
	assert.Contains(t, render(t, rep, "text"), "recommendation: cannot be priced: memory 300 MB is not a 1st gen tier")
	require.Len(t, rep.Warnings, 1)
	assert.Contains(t, rep.Warnings[0], "google_cloudfunctions_function.odd: memory 300 MB is not a 1st gen tier")
}

// TestUnitsArePriced: a plan whose only workload is a hybrid_unit whose function lives in another
// stack gets the unit priced from its own function block, with the price table's date.
func TestUnitsArePriced(t *testing.T) {
	g := plantest.New().Add(plantest.Resource{
		Address: "hybrid_unit.sales_reports",
		After: map[string]any{
			"name": "sales-reports",
			"function": map[string]any{"platform": "gcp_functions_gen2", "memory_mb": 2048, "timeout_seconds": 540,
				"target": "projects/acme/locations/europe-west1/functions/sales-reports"},
			"workload": map[string]any{"requests_per_month": 3000, "avg_duration_ms": 120000},
		},
	}).Graph(t)
	rep := Build([]Plan{{Name: "units.json", Graph: g}}, defaults())
	assert.Equal(t, cost.Default().Date(), rep.PriceDate)
	require.Len(t, rep.Functions, 1)
	f := rep.Functions[0]
	assert.Equal(t, "hybrid_unit.sales_reports", f.Address)
	assert.Equal(t, "gcp_functions_gen2", f.Platform)
	assert.Equal(t, 2048, f.MemoryMB)
	onDemand := f.option("on_demand")
	require.NotNil(t, onDemand.MonthlyUSD)
	// What the provider puts in monthly_cost.function_usd for this unit (examples/plans/hybrid-units.json).
	assert.Equal(t, 10.44, *onDemand.MonthlyUSD)
	assert.Contains(t, render(t, rep, "text"), "1 function in units.json; list prices of 2026-12-04, without free tiers")
}
