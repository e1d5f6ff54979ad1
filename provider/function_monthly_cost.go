package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

var (
	_ function.Function = (*monthlyCostFunction)(nil)
)

// NewMonthlyCostFunction returns provider::hybrid::monthly_cost.
func NewMonthlyCostFunction() function.Function {
	return &monthlyCostFunction{}
}

type monthlyCostFunction struct{}

func (f *monthlyCostFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "monthly_cost"
}

func (f *monthlyCostFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Monthly cost of a serverless function in USD",
		MarkdownDescription: "Returns what a function costs a month, in USD at list prices: requests plus compute " +
			"time for `requests_per_month` invocations of `avg_duration_ms` each with `memory_mb` of memory. Free " +
			"tiers are left out (they belong to the account, not the function). Prices are those of " +
			"`data.hybrid_platform` for the same platform, with their dates; `hybrid_unit` uses the same cost model " +
			"for `monthly_cost.function_usd`. The result is rounded to the cent. On `azure_functions_premium`, which " +
			"has no per-execution price, it is the cost of the one always-ready instance the plan bills at least.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "platform",
				MarkdownDescription: "The function's platform: " + markdownList(functionPlatformIDs()) + ".",
				Validators:          []function.StringParameterValidator{stringvalidator.OneOf(functionPlatformIDs()...)},
			},
			function.Int64Parameter{
				Name:                "memory_mb",
				MarkdownDescription: "Memory of one instance in MB (MiB on Google Cloud).",
				Validators:          []function.Int64ParameterValidator{int64validator.AtLeast(1)},
			},
			function.Int64Parameter{
				Name:                "avg_duration_ms",
				MarkdownDescription: "Mean duration of one invocation in milliseconds.",
				Validators:          []function.Int64ParameterValidator{int64validator.AtLeast(1)},
			},
			function.Int64Parameter{
				Name:                "requests_per_month",
				MarkdownDescription: "Invocations per month.",
				Validators:          []function.Int64ParameterValidator{int64validator.AtLeast(0)},
			},
		},
		Return: function.Float64Return{},
	}
}

func (f *monthlyCostFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var platformID string
	var memoryMB, avgDurationMS, requests int64
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &platformID, &memoryMB, &avgDurationMS, &requests))
	if resp.Error != nil {
		return
	}
	// The platform is valid here: its parameter validator has run.
	if limits, ok := limitsFor(platform.Platform(platformID)); ok {
		if err := limits.CheckMemory(int(memoryMB)); err != nil {
			resp.Error = function.NewArgumentFuncError(1, err.Error())
			return
		}
	}
	usd, err := functionMonthlyUSD(platformID, memoryMB, avgDurationMS, requests)
	if err != nil {
		resp.Error = function.NewFuncError(err.Error())
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, usd))
}
