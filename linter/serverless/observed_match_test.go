package serverless_test

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
)

func loadRows(t *testing.T, files ...string) []metrics.Row {
	t.Helper()
	var rows []metrics.Row
	for _, f := range files {
		file, err := metrics.Load(filepath.Join("..", "metrics", "testdata", f), 14)
		require.NoError(t, err)
		rows = append(rows, file.Rows...)
	}
	return rows
}

func TestMatchObservationsPerFormat(t *testing.T) {
	const (
		orders   = "aws_lambda_function.orders"
		eu       = `module.workers["eu"].aws_lambda_function.worker`
		us       = `module.workers["us"].aws_lambda_function.worker`
		azureApp = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop/providers/Microsoft.Web/sites/orders-func"
	)
	g := plantest.ObservedPlan().Graph(t)
	tests := []struct {
		file string
		// matched maps each address to the rows (lines) matched to it
		matched   map[string][]int
		unmatched []string
	}{
		{file: "logs-insights.json",
			matched: map[string][]int{orders: {4}, eu: {15}, us: {25}, "aws_lambda_function.billing": {36}},
			unmatched: []string{"logs-insights.json:41 (/aws/lambda/retired-fn) matches no function in the plan: " +
				"check the name, or give the function's address in a CSV"}},
		{file: "get-metric-data.json",
			// the alias's results (orders-api:live) are the function's
			matched:   map[string][]int{orders: {3, 10, 17, 24}, eu: {31}},
			unmatched: []string{"get-metric-data.json:38 (ghost) matches no function in the plan: check the name, or give the function's address in a CSV"}},
		{file: "google-timeseries.json",
			matched: map[string][]int{"google_cloudfunctions_function.thumbnails": {3, 40}, "google_cloudfunctions2_function.api": {54, 80, 94},
				`module.web["eu"].google_cloud_run_v2_service.svc`: {117}},
			unmatched: []string{"google-timeseries.json:131 (legacy-svc) matches no function in the plan: check the name, or give the function's address in a CSV"}},
		{file: "azure-metrics.json",
			matched: map[string][]int{`module.apps["orders"].azurerm_linux_function_app.app`: {8, 27, 46, 64}},
			unmatched: []string{"azure-metrics.json:74 (/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop/providers/Microsoft.Web/sites/other-func) " +
				"matches no function in the plan: check the name, or give the function's address in a CSV"}},
		{file: "neutral.csv",
			// an address, a name, an alias ARN, an alias address, a Google name and resource
			// name, an Azure id; an address matches a function whose name is not known yet
			matched: map[string][]int{eu: {3}, us: {4, 5}, orders: {6, 7}, "google_cloudfunctions_function.thumbnails": {8, 9},
				`module.apps["orders"].azurerm_linux_function_app.app`: {10}, "aws_lambda_function.fresh": {11}},
			unmatched: []string{
				"neutral.csv:12 (fresh-name) matches no function in the plan: check the name, or give the function's address in a CSV",
				"neutral.csv:13 (reports) names 2 functions in the plan (aws_lambda_function.reports, google_cloudfunctions_function.reports) " +
					"and is used for none: give the address or ARN in a CSV",
				"neutral.csv:14 (retired) matches no function in the plan: check the name, or give the function's address in a CSV",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			observed, unmatched := serverless.MatchObservations(g, loadRows(t, tt.file))
			got := map[string][]int{}
			for addr, o := range observed {
				assert.Equal(t, addr, o.Function)
				for _, s := range o.Sources {
					line, err := strconv.Atoi(s[strings.LastIndex(s, ":")+1:])
					require.NoError(t, err, s)
					got[addr] = append(got[addr], line)
				}
			}
			assert.Equal(t, tt.matched, got)
			var warnings []string
			for _, u := range unmatched {
				warnings = append(warnings, strings.TrimPrefix(u.Warning(), filepath.Join("..", "metrics", "testdata")+string(filepath.Separator)))
			}
			assert.Equal(t, tt.unmatched, warnings)
		})
	}
}

func TestMatchObservationsNeverGuesses(t *testing.T) {
	g := plantest.ObservedPlan().Graph(t)
	tests := []struct {
		name string
		row  metrics.Row
		want string // the address matched, "" for none
	}{
		{"a Google name in another region", metrics.Row{Kind: metrics.GoogleFunction, ID: "thumbnails", Region: "us-east1"}, ""},
		{"a Google name in another project", metrics.Row{Kind: metrics.GoogleFunction, ID: "thumbnails", Project: "shop-dev"}, ""},
		{"a Google name without region", metrics.Row{Kind: metrics.GoogleFunction, ID: "thumbnails"}, "google_cloudfunctions_function.thumbnails"},
		{"a 1st gen name is not a Cloud Run service", metrics.Row{Kind: metrics.GoogleService, ID: "thumbnails"}, ""},
		{"an Azure id in any case", metrics.Row{Kind: metrics.AzureResourceID, ID: "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/resourcegroups/shop/providers/microsoft.web/sites/ORDERS-FUNC"},
			`module.apps["orders"].azurerm_linux_function_app.app`},
		{"an Azure app of the same name in another subscription", metrics.Row{Kind: metrics.AzureResourceID,
			ID: "/subscriptions/11111111-0000-0000-0000-000000000000/resourceGroups/shop/providers/Microsoft.Web/sites/orders-func"}, ""},
		{"the default log group of a function that logs elsewhere", metrics.Row{Kind: metrics.LambdaLogGroup, ID: "/aws/lambda/billing"}, ""},
		{"a qualified ARN", metrics.Row{Kind: metrics.LambdaName, ID: "arn:aws:lambda:eu-west-1:123456789012:function:worker-us:7"}, `module.workers["us"].aws_lambda_function.worker`},
		{"a version", metrics.Row{Kind: metrics.LambdaName, ID: "worker-eu:3"}, `module.workers["eu"].aws_lambda_function.worker`},
		{"a name the plan knows only after apply", metrics.Row{Kind: metrics.LambdaName, ID: "fresh"}, ""},
		{"an address that is not a function", metrics.Row{Kind: metrics.AnyID, ID: `module.apps["orders"].azurerm_service_plan.plan`}, ""},
		{"a Cloud Run resource name", metrics.Row{Kind: metrics.AnyID, ID: "projects/shop-prod/locations/europe-west1/services/web"}, `module.web["eu"].google_cloud_run_v2_service.svc`},
		{"a service name two regions share", metrics.Row{Kind: metrics.AnyID, ID: "web"}, ""},
		{"a service name in one region", metrics.Row{Kind: metrics.GoogleService, ID: "web", Region: "us-central1"}, `module.web["us"].google_cloud_run_v2_service.svc`},
		{"a Lambda@Edge replica's log group", metrics.Row{Kind: metrics.LambdaLogGroup, ID: "/aws/lambda/us-east-1.worker-us"}, `module.workers["us"].aws_lambda_function.worker`},
		{"a log group in the CSV", metrics.Row{Kind: metrics.AnyID, ID: "/aws/lambda/worker-us"}, `module.workers["us"].aws_lambda_function.worker`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.row.File, tt.row.Line = "m.csv", 2
			observed, unmatched := serverless.MatchObservations(g, []metrics.Row{tt.row})
			var got []string
			for addr := range observed {
				got = append(got, addr)
			}
			sort.Strings(got)
			if tt.want == "" {
				assert.Empty(t, got)
				require.Len(t, unmatched, 1)
				assert.Equal(t, 0, unmatched[0].Index)
				return
			}
			assert.Equal(t, []string{tt.want}, got)
			assert.Empty(t, unmatched)
		})
	}
}

func TestObservedTraffic(t *testing.T) {
	tests := []struct {
		name string
		obs  metrics.Observation
		want usage.Traffic
	}{
		{name: "invocations scaled from the window to a month, with the durations",
			obs: metrics.Observation{Sources: []string{"logs.json:4", "gmd.json:3", "gmd.json:10"}, WindowDays: 14,
				Invocations: metrics.Of(120000), AvgMs: metrics.Of(180.5), P99Ms: metrics.Of(2400)},
			// 120,000 in 14 days: 8,571.4 a day, x 730/24 days a month
			want: usage.Traffic{RequestsPerMonth: 120000.0 / 14 * 730 / 24, HasRequests: true, AvgDurationMs: 180.5, P99DurationMs: 2400,
				Sources: []string{"observed: logs.json, gmd.json, 14 days"}}},
		{name: "no invocation in the window is a known zero",
			obs:  metrics.Observation{Sources: []string{`C:\m\x.csv:2`}, WindowDays: 1, Invocations: metrics.Of(0)},
			want: usage.Traffic{HasRequests: true, Sources: []string{`observed: C:\m\x.csv, 1 day`}}},
		{name: "maxima alone are no traffic",
			obs: metrics.Observation{Sources: []string{"a.json:1"}, WindowDays: 3, MaxMs: metrics.Of(900), ColdStarts: metrics.Of(3)}},
		{name: "beyond what a usage file may say is not priced",
			obs: metrics.Observation{Sources: []string{"a.csv:2"}, WindowDays: 0.5, Invocations: metrics.Of(1e12), AvgMs: metrics.Of(2 * usage.MaxDurationMs),
				P99Ms: metrics.Of(30)},
			want: usage.Traffic{P99DurationMs: 30, Sources: []string{"observed: a.csv, 0.5 days"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := serverless.ObservedTraffic(tt.obs)
			assert.InDelta(t, tt.want.RequestsPerMonth, got.RequestsPerMonth, 1e-6)
			got.RequestsPerMonth = tt.want.RequestsPerMonth
			assert.Equal(t, tt.want, got)
		})
	}
}

// A function without a usage entry is priced from what it was observed to do; the usage file
// wins for each number it gives.
func TestPlannedFunctionsPriceObservedTraffic(t *testing.T) {
	g := plantest.ObservedPlan().Graph(t)
	file, err := usage.Parse("u.yml", []byte("resource_usage:\n  aws_lambda_function.orders:\n    requests_per_month: 1000\n"))
	require.NoError(t, err)
	observed, _ := serverless.MatchObservations(g, loadRows(t, "logs-insights.json"))
	in := serverless.Inputs{Usage: file, Observed: observed}
	fns := map[string]serverless.PlannedFunction{}
	for _, pf := range serverless.PlannedFunctionsWith(g, in, serverless.WithTraffic) {
		fns[pf.Instance.Address] = pf
	}
	require.Contains(t, fns, "aws_lambda_function.orders")
	orders := fns["aws_lambda_function.orders"].Traffic
	assert.Equal(t, 1000.0, orders.RequestsPerMonth, "the usage file wins")
	assert.Equal(t, 180.5, orders.AvgDurationMs, "observed fills what the usage file leaves out")
	assert.Equal(t, "u.yml:2, observed: ../metrics/testdata/logs-insights.json, 14 days", orders.Source())

	eu := fns[`module.workers["eu"].aws_lambda_function.worker`]
	require.True(t, eu.HasTraffic && eu.Traffic.Complete())
	assert.InDelta(t, 5000.0/14*730/24, eu.Traffic.RequestsPerMonth, 1e-6)
	pricing, err := eu.Price(in)
	require.NoError(t, err)
	assert.True(t, pricing.Complete, "observed traffic prices the function on demand")

	assert.NotContains(t, fns, "aws_lambda_function.reports", "no usage entry and no observation: no traffic")
	none := serverless.PlannedFunctionsWith(g, serverless.Inputs{}, serverless.WithTraffic)
	assert.Empty(t, none)
}

// A Lambda@Edge function's rows name its replicas, us-east-1.<name>, in every Region where it ran
// (log group and metrics), and match even though the plan's logging_config names the default
// group, as the provider fills it in. Its Region files add up; an ordinary function's files do not.
func TestMatchObservationsOfAnEdgeFunction(t *testing.T) {
	p, err := plan.Load("../../examples/plans/aws-storefront-edge-graphql.json")
	require.NoError(t, err)
	g := graph.New(p)
	const headers = "aws_lambda_function.security_headers"
	for _, tt := range []struct {
		name string
		row  metrics.Row
		want string
	}{
		{"replica log group", metrics.Row{Kind: metrics.LambdaLogGroup, ID: "/aws/lambda/us-east-1.storefront-security-headers"}, headers},
		{"replica metrics", metrics.Row{Kind: metrics.LambdaName, ID: "us-east-1.storefront-security-headers"}, headers},
		{"the function's own group", metrics.Row{Kind: metrics.LambdaLogGroup, ID: "/aws/lambda/storefront-security-headers"}, headers},
		{"an ordinary function", metrics.Row{Kind: metrics.LambdaName, ID: "storefront-checkout"}, "aws_lambda_function.checkout"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.row.File, tt.row.Line = "m.json", 1
			observed, unmatched := serverless.MatchObservations(g, []metrics.Row{tt.row})
			assert.Empty(t, unmatched)
			assert.Contains(t, observed, tt.want)
		})
	}

	regions := loadRows(t, "edge-logs-insights-eu-west-1.json", "edge-logs-insights-us-east-1.json")
	observed, unmatched := serverless.MatchObservations(g, regions)
	require.Empty(t, unmatched)
	assert.Equal(t, 4000.0, observed[headers].Invocations.Value, "1,000 + 3,000: the Regions add up")

	// The same two files about an ordinary function are two views of its traffic.
	for i := range regions {
		regions[i].ID = "/aws/lambda/storefront-checkout"
	}
	observed, _ = serverless.MatchObservations(g, regions)
	assert.Equal(t, 1000.0, observed["aws_lambda_function.checkout"].Invocations.Value)
}
