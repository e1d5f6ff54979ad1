package rules_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestLambdaRuntimeDeprecated(t *testing.T) {
	nov2026 := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	fn := func(runtime string, actions ...string) plantest.Resource {
		r := lambda("aws_lambda_function.fn", 30)
		r.After["runtime"] = runtime
		r.Actions = actions
		return r
	}
	tests := []struct {
		name string
		now  time.Time
		plan *plantest.Builder
		want []string
	}{
		{
			name: "supported runtime",
			now:  nov2026,
			plan: plantest.New().Add(fn("python3.12", "create")),
			want: []string{},
		},
		{
			name: "past end of support, update still allowed",
			now:  nov2026,
			plan: plantest.New().Add(fn("python3.9", "no-op")),
			want: []string{"warning aws_lambda_function.fn: runtime python3.9 reached end of support on 2025-12-15 and gets " +
				"no security patches; updates fail from 2027-03-03"},
		},
		{
			name: "past end of support, create still allowed",
			now:  nov2026,
			plan: plantest.New().Add(fn("nodejs20.x", "create")),
			want: []string{"warning aws_lambda_function.fn: runtime nodejs20.x reached end of support on 2026-04-30 and gets " +
				"no security patches; creating functions with it fails from 2027-02-01"},
		},
		{
			name: "the same runtime before its end of support",
			now:  time.Date(2026, 4, 29, 0, 0, 0, 0, time.UTC),
			plan: plantest.New().Add(fn("nodejs20.x", "create")),
			want: []string{},
		},
		{
			name: "create past block-create fails",
			now:  nov2026,
			plan: plantest.New().Add(fn("go1.x", "create")),
			want: []string{"error aws_lambda_function.fn: runtime go1.x has been blocked for new functions since 2024-02-08: " +
				"creating this function fails"},
		},
		{
			name: "a replacement is a create",
			now:  nov2026,
			plan: plantest.New().Add(fn("go1.x", "delete", "create")),
			want: []string{"error aws_lambda_function.fn: runtime go1.x has been blocked for new functions since 2024-02-08: " +
				"creating this function fails"},
		},
		{
			name: "an existing function past block-create but before block-update",
			now:  nov2026,
			plan: plantest.New().Add(fn("go1.x", "update")),
			want: []string{"warning aws_lambda_function.fn: runtime go1.x reached end of support on 2024-01-08 and gets " +
				"no security patches; updates fail from 2027-03-03"},
		},
		{
			name: "past block-update",
			now:  nov2026,
			plan: plantest.New().Add(fn("nodejs12.x", "no-op")),
			want: []string{"error aws_lambda_function.fn: runtime nodejs12.x has been blocked for updates since 2023-04-30: " +
				"AWS rejects any change to this function"},
		},
		{
			name: "created past both blocks",
			now:  nov2026,
			plan: plantest.New().Add(fn("nodejs12.x", "create")),
			want: []string{"error aws_lambda_function.fn: runtime nodejs12.x has been blocked since 2023-03-31 (creates) and " +
				"2023-04-30 (updates): AWS rejects this function"},
		},
		{
			name: "a runtime with an end of support and no block dates",
			now:  nov2026,
			plan: plantest.New().Add(fn("dotnet5.0", "no-op")),
			want: []string{"warning aws_lambda_function.fn: runtime dotnet5.0 reached end of support on 2022-05-10 and gets " +
				"no security patches"},
		},
		{
			name: "deleting the function is the fix",
			now:  nov2026,
			plan: plantest.New().Add(fn("nodejs12.x", "delete")),
			want: []string{},
		},
		{
			name: "unknown and sensitive runtimes are silent",
			now:  nov2026,
			plan: plantest.New().Add(
				plantest.Resource{Address: "aws_lambda_function.a", After: map[string]any{"function_name": "a"}, Unknown: []string{"runtime"}},
				plantest.Resource{Address: "aws_lambda_function.b", After: map[string]any{"function_name": "b", "runtime": "nodejs12.x"},
					Sensitive: []string{"runtime"}}),
			want: []string{},
		},
		{
			name: "an image function has no runtime",
			now:  nov2026,
			plan: plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.img",
				After: map[string]any{"function_name": "img", "package_type": "Image", "runtime": nil}}),
			want: []string{},
		},
		{
			name: "a runtime AWS never listed is silent",
			now:  nov2026,
			plan: plantest.New().Add(fn("cobol85", "create")),
			want: []string{},
		},
		{
			name: "no clock, no finding",
			plan: plantest.New().Add(fn("nodejs12.x", "no-op")),
			want: []string{},
		},
		{
			name: "count instances inside a module",
			now:  nov2026,
			plan: plantest.New().Module(plantest.ModuleCall{Path: "module.jobs", Source: "./jobs"}).Add(
				func() plantest.Resource {
					r := lambda("module.jobs.aws_lambda_function.job[1]", 30)
					r.After["runtime"], r.Actions = "python3.8", []string{"update"}
					return r
				}()),
			want: []string{"warning module.jobs.aws_lambda_function.job[1]: runtime python3.8 reached end of support on " +
				"2024-10-14 and gets no security patches; updates fail from 2027-03-03"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := engine.Config{Settings: rules.Settings{Now: tt.now, IdleWindowMinutes: 5}}
			res := engine.Run(tt.plan.Graph(t), []*rules.Rule{rules.LambdaRuntimeDeprecated}, cfg)
			require.Empty(t, res.Errors)
			require.Equal(t, tt.want, summaries(res.Findings))
		})
	}
}
