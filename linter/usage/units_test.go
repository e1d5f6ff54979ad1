package usage_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/usage"
)

var workload = map[string]any{"requests_per_month": 4000000, "avg_duration_ms": 900, "p99_duration_ms": 95000, "peak_concurrency": 20}

// unit is a hybrid_unit fixture; target is the known function.target, or "" when the function
// argument is known only after apply (a reference to a resource being created).
func unit(addr, target string, refs []string, extra ...string) plantest.Resource {
	r := plantest.Resource{Address: addr, After: map[string]any{"name": "u", "workload": workload}}
	if target != "" {
		r.After["function"] = map[string]any{"platform": "aws_lambda", "target": target, "memory_mb": 1536, "timeout_seconds": 60}
	} else {
		r.Unknown = []string{"function"}
	}
	if refs != nil {
		r.Refs = map[string][]string{"function": refs}
	}
	r.Unknown = append(r.Unknown, extra...)
	return r
}

func fn(addr string, after map[string]any) plantest.Resource {
	return plantest.Resource{Address: addr, After: after}
}

func TestUnitsFindTheirFunction(t *testing.T) {
	lambda := fn("aws_lambda_function.thumbnails", map[string]any{"function_name": "thumbnails", "memory_size": 1536,
		"arn": "arn:aws:lambda:eu-west-1:123456789012:function:thumbnails"})
	tests := []struct {
		name string
		plan *plantest.Builder
		want string // the function's address, "" for none
	}{
		{"by reference", plantest.New().Add(lambda,
			unit("hybrid_unit.u", "", []string{"aws_lambda_function.thumbnails.arn", "aws_lambda_function.thumbnails"})),
			"aws_lambda_function.thumbnails"},
		{"by reference through an alias", plantest.New().Add(lambda,
			plantest.Resource{Address: "aws_lambda_alias.live", After: map[string]any{"name": "live"},
				Refs: map[string][]string{"function_name": {"aws_lambda_function.thumbnails.function_name", "aws_lambda_function.thumbnails"}}},
			unit("hybrid_unit.u", "", []string{"aws_lambda_alias.live.arn", "aws_lambda_alias.live"})),
			"aws_lambda_function.thumbnails"},
		{"by a written-out ARN", plantest.New().Add(lambda,
			unit("hybrid_unit.u", "arn:aws:lambda:eu-west-1:123456789012:function:thumbnails", nil)),
			"aws_lambda_function.thumbnails"},
		{"by a qualified ARN", plantest.New().Add(lambda,
			unit("hybrid_unit.u", "arn:aws:lambda:eu-west-1:123456789012:function:thumbnails:live", nil)),
			"aws_lambda_function.thumbnails"},
		{"by name", plantest.New().Add(lambda, unit("hybrid_unit.u", "thumbnails", nil)),
			"aws_lambda_function.thumbnails"},
		{"a Google function by resource name", plantest.New().Add(
			fn("google_cloudfunctions2_function.sales", map[string]any{"name": "sales-reports", "location": "europe-west1"}),
			unit("hybrid_unit.u", "projects/acme/locations/europe-west1/functions/sales-reports", nil)),
			"google_cloudfunctions2_function.sales"},
		{"an Azure app by resource ID", plantest.New().Add(
			fn("azurerm_linux_function_app.orders", map[string]any{"name": "orders-fn"}),
			unit("hybrid_unit.u", "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/orders-fn", nil)),
			"azurerm_linux_function_app.orders"},
		{"a function elsewhere", plantest.New().Add(lambda,
			unit("hybrid_unit.u", "arn:aws:lambda:eu-west-1:123456789012:function:other", nil)), ""},
		{"a name that only ends the same", plantest.New().Add(lambda,
			unit("hybrid_unit.u", "arn:aws:lambda:eu-west-1:123456789012:function:big-thumbnails", nil)), ""},
		{"two functions referenced, target unknown", plantest.New().Add(lambda,
			fn("aws_lambda_function.other", map[string]any{"function_name": "other"}),
			unit("hybrid_unit.u", "", []string{"aws_lambda_function.thumbnails.arn", "aws_lambda_function.other.memory_size"})), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units := usage.Units(tt.plan.Graph(t))
			require.Len(t, units, 1)
			assert.Equal(t, "hybrid_unit.u", units[0].Unit.Address)
			if tt.want == "" {
				assert.Nil(t, units[0].Function)
				return
			}
			require.NotNil(t, units[0].Function)
			assert.Equal(t, tt.want, units[0].Function.Address)
			assert.Equal(t, usage.Traffic{RequestsPerMonth: 4e6, HasRequests: true, AvgDurationMs: 900, P99DurationMs: 95000,
				PeakConcurrency: 20, Sources: []string{"hybrid_unit.u workload"}}, units[0].Traffic)
		})
	}
}

func TestUnitsSkipWhatThePlanDoesNotKnow(t *testing.T) {
	lambda := fn("aws_lambda_function.api", map[string]any{"function_name": "api"})
	refs := []string{"aws_lambda_function.api.arn", "aws_lambda_function.api"}
	unknown := unit("hybrid_unit.unknown", "", refs, "workload")
	sensitive := unit("hybrid_unit.sensitive", "", refs)
	sensitive.Sensitive = []string{"workload"}
	deleted := unit("hybrid_unit.deleted", "", refs)
	deleted.Actions = []string{"delete"}
	none := unit("hybrid_unit.none", "", refs)
	delete(none.After, "workload")
	assert.Empty(t, usage.Units(plantest.New().Add(lambda, unknown, sensitive, deleted, none).Graph(t)))
}

func TestLookup(t *testing.T) {
	g := plantest.New().Add(
		fn("aws_lambda_function.api", map[string]any{"function_name": "api"}),
		fn("aws_lambda_function.plain", map[string]any{"function_name": "plain"}),
		unit("hybrid_unit.u", "api", nil),
	).Graph(t)
	f, err := usage.Parse("usage.yml", []byte("resource_usage:\n  aws_lambda_function.api:\n    requests_per_month: 100\n"))
	require.NoError(t, err)

	l := usage.NewLookup(g, f)
	got, ok := l.For(g.ByAddress("aws_lambda_function.api"))
	require.True(t, ok)
	assert.Equal(t, 100.0, got.RequestsPerMonth, "the usage file wins")
	assert.Equal(t, 900.0, got.AvgDurationMs, "the unit fills what the file leaves out")
	assert.Equal(t, "usage.yml:2, hybrid_unit.u workload", got.Source())
	_, ok = l.For(g.ByAddress("aws_lambda_function.plain"))
	assert.False(t, ok)

	fromUnit, ok := usage.NewLookup(g, nil).For(g.ByAddress("aws_lambda_function.api"))
	require.True(t, ok, "without a usage file the plan's workload counts")
	assert.Equal(t, 4e6, fromUnit.RequestsPerMonth)
}
