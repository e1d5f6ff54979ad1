package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/function"
)

var (
	_ function.Function = (*keepWarmScheduleFunction)(nil)
)

// NewKeepWarmScheduleFunction returns provider::hybrid::keep_warm_schedule.
func NewKeepWarmScheduleFunction() function.Function {
	return &keepWarmScheduleFunction{}
}

type keepWarmScheduleFunction struct{}

func (f *keepWarmScheduleFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "keep_warm_schedule"
}

func (f *keepWarmScheduleFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Keep-warm schedule expression for a platform",
		MarkdownDescription: "Returns the schedule expression that pings a function every `interval_minutes`, in the " +
			"syntax of the scheduler that platform uses: `rate(...)` or `cron(...)` for Amazon EventBridge on " +
			"`aws_*` platforms, five-field unix cron for Google Cloud Scheduler on `gcp_*`, six-field NCRONTAB for " +
			"an Azure Functions timer trigger on `azure_*`. The expression is the same one `hybrid_unit` computes " +
			"in `keep_warm_schedule`. An interval that the syntax cannot express as evenly spaced pings is an error " +
			"that names the nearest intervals that work.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "platform",
				MarkdownDescription: "The function's platform: " + markdownList(functionPlatformIDs()) + ".",
				Validators:          []function.StringParameterValidator{stringvalidator.OneOf(functionPlatformIDs()...)},
			},
			function.Int64Parameter{
				Name:                "interval_minutes",
				MarkdownDescription: "Minutes between pings; at least 1.",
				Validators:          []function.Int64ParameterValidator{int64validator.AtLeast(1)},
			},
		},
		Return: function.StringReturn{},
	}
}

func (f *keepWarmScheduleFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var platformID string
	var interval int64
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &platformID, &interval))
	if resp.Error != nil {
		return
	}
	expr, err := keepWarmExpression(platformID, interval)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, err.Error())
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, expr))
}
