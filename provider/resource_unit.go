package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

var (
	_ resource.Resource                   = (*unitResource)(nil)
	_ resource.ResourceWithImportState    = (*unitResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*unitResource)(nil)
	_ resource.ResourceWithValidateConfig = (*unitResource)(nil)
)

// Defaults of optional arguments, shared by the schema and the checks that run before defaults apply.
const (
	defaultContainerMinInstances = 1
	defaultKeepWarmConcurrency   = 1
)

// unitNameRegexp is what a unit name (and so an import ID) may be.
var unitNameRegexp = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

// NewUnitResource returns the hybrid_unit resource.
func NewUnitResource() resource.Resource {
	return &unitResource{}
}

// unitResource is a logical resource: its state is computed locally from its arguments, like
// time_static or random_id, so Read and Delete have nothing remote to consult.
type unitResource struct{}

// unitModelV0 is schema version 0 of hybrid_unit. A later schema version gets its own model and a
// state upgrader from this one.
type unitModelV0 struct {
	ID                    types.String `tfsdk:"id"`
	Name                  types.String `tfsdk:"name"`
	Function              types.Object `tfsdk:"function"`
	Container             types.Object `tfsdk:"container"`
	Routing               types.Object `tfsdk:"routing"`
	KeepWarm              types.Object `tfsdk:"keep_warm"`
	Workload              types.Object `tfsdk:"workload"`
	KeepWarmSchedule      types.Object `tfsdk:"keep_warm_schedule"`
	KeepWarmPingsPerMonth types.Int64  `tfsdk:"keep_warm_pings_per_month"`
	MonthlyCost           types.Object `tfsdk:"monthly_cost"`
	Placement             types.String `tfsdk:"placement"`
	PlacementReasons      types.List   `tfsdk:"placement_reasons"`
}

type unitFunctionModelV0 struct {
	Platform            types.String `tfsdk:"platform"`
	Target              types.String `tfsdk:"target"`
	Runtime             types.String `tfsdk:"runtime"`
	Architecture        types.String `tfsdk:"architecture"`
	MemoryMB            types.Int64  `tfsdk:"memory_mb"`
	TimeoutSeconds      types.Int64  `tfsdk:"timeout_seconds"`
	ReservedConcurrency types.Int64  `tfsdk:"reserved_concurrency"`
}

type unitContainerModelV0 struct {
	Platform     types.String  `tfsdk:"platform"`
	Target       types.String  `tfsdk:"target"`
	CPU          types.Float64 `tfsdk:"cpu"`
	MemoryMB     types.Int64   `tfsdk:"memory_mb"`
	MinInstances types.Int64   `tfsdk:"min_instances"`
}

type unitRoutingModelV0 struct {
	MaxFunctionSeconds  types.Int64 `tfsdk:"max_function_seconds"`
	MaxFunctionMemoryMB types.Int64 `tfsdk:"max_function_memory_mb"`
}

type unitKeepWarmModelV0 struct {
	IntervalMinutes types.Int64  `tfsdk:"interval_minutes"`
	Schedule        types.String `tfsdk:"schedule"`
	Concurrency     types.Int64  `tfsdk:"concurrency"`
	Enabled         types.Bool   `tfsdk:"enabled"`
}

type unitWorkloadModelV0 struct {
	RequestsPerMonth types.Int64 `tfsdk:"requests_per_month"`
	AvgDurationMS    types.Int64 `tfsdk:"avg_duration_ms"`
	P99DurationMS    types.Int64 `tfsdk:"p99_duration_ms"`
	PeakConcurrency  types.Int64 `tfsdk:"peak_concurrency"`
}

func (r *unitResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_unit"
}

func (r *unitResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Version: 0,
		MarkdownDescription: "A *hybrid unit*: one serverless function, the optional always-on container that takes the " +
			"work the function can't (runs longer than its timeout, memory beyond its limit), and the function's " +
			"keep-warm schedule.\n\n" +
			"At plan time the unit is checked against the platform limits `hybridlint` uses: a timeout or memory " +
			"size the platform can't run, an invalid container size, or a routing threshold at or above the " +
			"function timeout is an error on the attribute concerned; a keep-warm interval longer than the " +
			"platform's idle window, or keep-warm concurrency above the function's reserved concurrency, is a " +
			"warning. The plan then shows the keep-warm schedule in each platform's syntax, the pings it sends " +
			"per month, the monthly cost of the alternatives when a `workload` is given, and a recommended " +
			"`placement` with its reasons.\n\n" +
			"Nothing is created in any cloud: the unit lives in state only, so `hybridlint` and reviewers can " +
			"read it in the plan. Point `function.target` and `container.target` at the real resources so the " +
			"linter can compare the declaration with them.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The unit's name, repeated for tools that expect an `id`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the unit, unique in the configuration; also the import ID. " +
					"1–64 letters, digits, `-` or `_`, starting with a letter or digit. Changing it replaces the unit.",
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 64),
					stringvalidator.RegexMatches(unitNameRegexp, "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit"),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"function":  functionAttribute(),
			"container": containerAttribute(),
			"routing":   routingAttribute(),
			"keep_warm": keepWarmAttribute(),
			"workload":  workloadAttribute(),

			"keep_warm_schedule": schema.SingleNestedAttribute{
				Computed: true,
				MarkdownDescription: "The keep-warm schedule in each platform's syntax, for the scheduler that sends " +
					"the pings: `aws` for an EventBridge rule or Scheduler schedule, `gcp` for Cloud Scheduler, " +
					"`azure` for a timer trigger. Null when `keep_warm` is absent or disabled.",
				Attributes: map[string]schema.Attribute{
					"aws": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "`rate(...)` or `cron(...)` expression for Amazon EventBridge (rules and Scheduler).",
					},
					"gcp": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "Five-field unix cron expression for Google Cloud Scheduler.",
					},
					"azure": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "Six-field NCRONTAB expression (with seconds) for an Azure Functions timer trigger.",
					},
				},
			},
			"keep_warm_pings_per_month": schema.Int64Attribute{
				Computed: true,
				MarkdownDescription: "Keep-warm invocations per month: pings per month times `keep_warm.concurrency`. " +
					"0 when keep-warm is absent or disabled.",
			},
			"monthly_cost": monthlyCostAttribute(),
			"placement": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Where this unit's work is best served: `function` (the function alone), " +
					"`function_kept_warm` (the function with keep-warm pings), `provisioned` (provisioned " +
					"concurrency or minimum instances instead of pings), `container` (the container alone) or " +
					"`hybrid` (the function, with the work beyond `routing` sent to the container). Work that does " +
					"not fit the function decides first; then, for a function kept warm, `provisioned` when pings " +
					"leave instances cold at `workload.peak_concurrency` or when ready instances cost less than " +
					"pings plus on-demand time. See `placement_reasons` for why.",
			},
			"placement_reasons": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "One sentence per fact that decided `placement`, with the numbers.",
			},
		},
	}
}

func functionAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Required:            true,
		MarkdownDescription: "The serverless function of the unit, as declared in its own resource.",
		Attributes: map[string]schema.Attribute{
			"platform": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Where the function runs: " + markdownList(functionPlatformIDs()) + ". " +
					"Changing it replaces the unit.",
				Validators:    []validator.String{stringvalidator.OneOf(functionPlatformIDs()...)},
				PlanModifiers: []planmodifier.String{requiresReplaceUnlessImported()},
			},
			"target": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The function's ARN, ID or name, usually a reference such as " +
					"`aws_lambda_function.api.arn`, so `hybridlint` can check that this declaration matches the function.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"runtime": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The function's runtime as the platform names it, for example `python3.12` or `java21`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"architecture": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Instruction set of an `aws_lambda` function, `x86_64` (the default) or `arm64`, " +
					"as in `aws_lambda_function.architectures`; it changes the price. Other platforms price one " +
					"architecture only and do not take it.",
				Validators: []validator.String{stringvalidator.OneOf(string(cost.X86_64), string(cost.ARM64))},
			},
			"memory_mb": schema.Int64Attribute{
				Required: true,
				MarkdownDescription: "Memory of one function instance in MB (MiB on Google Cloud). Must be a size the " +
					"platform offers; `data.hybrid_platform` lists the range.",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"timeout_seconds": schema.Int64Attribute{
				Required: true,
				MarkdownDescription: fmt.Sprintf("The function's timeout in seconds. Must not exceed the platform's "+
					"maximum (%d s on AWS Lambda, for example; `data.hybrid_platform` lists them).", platform.LambdaMaxTimeoutSeconds),
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"reserved_concurrency": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "The function's reserved (maximum) concurrency, when it has one. Keep-warm " +
					"concurrency above it can never be reached and draws a warning.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
		},
	}
}

func containerAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "The always-on container that takes the work the function can't. Without it, work " +
			"that does not fit the function has nowhere to go and `placement` says so.",
		Attributes: map[string]schema.Attribute{
			"platform": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Where the container runs: " + markdownList(containerPlatformIDs()) + ".",
				Validators:          []validator.String{stringvalidator.OneOf(containerPlatformIDs()...)},
			},
			"target": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The container service's ARN, ID or name, usually a reference such as " +
					"`aws_ecs_service.worker.id`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"cpu": schema.Float64Attribute{
				Required: true,
				MarkdownDescription: "vCPUs per container instance, for example `0.25`, `1` or `4` (Fargate's " +
					"256 CPU units are `0.25`). Together with `memory_mb` it must be a size the platform offers.",
				Validators: []validator.Float64{float64validator.AtLeast(0.01)},
			},
			"memory_mb": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: "Memory per container instance in MB (MiB on Google Cloud and Azure).",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"min_instances": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(defaultContainerMinInstances),
				MarkdownDescription: "Container instances kept running at all times; the container's monthly cost " +
					"is for these. Defaults to `1`.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
		},
	}
}

func routingAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Which work goes to the container: work expected to run longer, or need more memory, " +
			"than these thresholds. Set at least one of them. Requires `container`.",
		Attributes: map[string]schema.Attribute{
			"max_function_seconds": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Work expected to run longer than this many seconds goes to the container. Must " +
					"be below `function.timeout_seconds`, so the function is never the one that times out.",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"max_function_memory_mb": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Work expected to need more memory than this many MB goes to the container. " +
					"Must not exceed `function.memory_mb`.",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
		},
	}
}

func keepWarmAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Keep-warm pings for the function: scheduled invocations that keep idle instances " +
			"from being reclaimed, so callers meet fewer cold starts. Set exactly one of `interval_minutes` or " +
			"`schedule`.",
		Attributes: map[string]schema.Attribute{
			"interval_minutes": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Minutes between pings. Above the platform's idle window (about %d "+
					"minutes on AWS Lambda) instances are reclaimed between pings, which draws a warning.", platform.LambdaIdleWindowMinutes),
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"schedule": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The ping schedule as an expression in the function platform's syntax: " +
					"`rate(...)`/`cron(...)` on AWS, five-field cron on Google Cloud, six-field NCRONTAB on Azure.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"concurrency": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(defaultKeepWarmConcurrency),
				MarkdownDescription: "Instances each ping keeps warm (one ping warms one instance, so this many " +
					"overlapping pings are sent). Defaults to `1`.",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"enabled": schema.BoolAttribute{
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
				MarkdownDescription: "Whether the pings are sent. Set `false` to keep the declaration but stop pinging. Defaults to `true`.",
			},
		},
	}
}

func workloadAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "The expected traffic. With it the unit computes `monthly_cost` and bases `placement` " +
			"on durations rather than on the declaration alone.",
		Attributes: map[string]schema.Attribute{
			"requests_per_month": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: "Invocations per month.",
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
			},
			"avg_duration_ms": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: "Mean duration of one invocation in milliseconds.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"p99_duration_ms": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "99th-percentile duration in milliseconds. Above the function timeout (or " +
					"`routing.max_function_seconds`), the slowest work belongs in the container.",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"peak_concurrency": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Concurrent invocations at peak. Above `keep_warm.concurrency`, the extra " +
					"instances start cold and provisioned concurrency is the reliable alternative.",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
		},
	}
}

func monthlyCostAttribute() schema.SingleNestedAttribute {
	usd := func(what string) schema.Float64Attribute {
		return schema.Float64Attribute{Computed: true, MarkdownDescription: what}
	}
	return schema.SingleNestedAttribute{
		Computed: true,
		MarkdownDescription: "Monthly cost in USD for a 730-hour month at list prices, rounded to the cent, without " +
			"free tiers (they are per account, not per unit). Prices are those of `data.hybrid_platform` (one " +
			"reference region per cloud). Null without `workload`.",
		Attributes: map[string]schema.Attribute{
			"function_usd": usd("Requests and compute time of the function serving the whole workload."),
			"keep_warm_usd": usd("The keep-warm pings alone, each billed for the platform's shortest billed duration " +
				"(0 without keep-warm; null where no source gives that duration, as on Flex Consumption, or pings add " +
				"nothing, as on the Premium plan)."),
			"provisioned_usd": usd("The alternative to keep-warm: the whole workload served by instances kept ready " +
				"all month, as many as `workload.peak_concurrency` (or the average concurrency) needs, with " +
				"provisioned concurrency on `aws_lambda` or always-ready instances on `azure_functions_flex` and " +
				"`azure_functions_premium`. Null on the other platforms: Consumption has no ready instances, and no " +
				"source prices Google's idle minimum instances."),
			"container_usd": usd("The container's `min_instances` running all month (0 without a container or with " +
				"`min_instances = 0`; work routed to a container that scales to zero is not estimated)."),
			"total_usd": usd("`function_usd + keep_warm_usd + container_usd`: the unit as declared (a null " +
				"`keep_warm_usd` counts as 0)."),
			"price_date": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "When the most recently read of the prices used was read (`YYYY-MM` or " +
					"`YYYY-MM-DD`); `data.hybrid_platform` gives each price's source and date.",
			},
		},
	}
}

// requiresReplaceUnlessImported replaces the unit when the value changes, except right after an import,
// when the state holds only the name and every other argument is being filled in from configuration.
func requiresReplaceUnlessImported() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !req.StateValue.IsNull()
		},
		"Replaces the unit when the function platform changes.",
		"Replaces the unit when the function platform changes.",
	)
}

func markdownList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return joinOr(quoted)
}

// ValidateConfig reports what the platform can't run, so `terraform validate` catches it too.
func (r *unitResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config unitModelV0
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, known, diags := config.inputs(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !known {
		return
	}
	resp.Diagnostics.Append(onlySeverity(checkUnit(in), diag.SeverityError)...)
}

// ModifyPlan fills in every computed attribute at plan time, so the plan (and hybridlint reading it)
// sees the schedule, costs and placement. They depend on the arguments only, never on the clock, so
// both of Terraform's plans agree and an unchanged configuration plans no change.
func (r *unitResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan unitModelV0
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Warnings are given here rather than in ValidateConfig, which Terraform calls twice per plan.
	if in, known, diags := plan.inputs(ctx); !diags.HasError() && known {
		resp.Diagnostics.Append(onlySeverity(checkUnit(in), diag.SeverityWarning)...)
	}
	resp.Diagnostics.Append(plan.fillComputed(ctx)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func onlySeverity(diags diag.Diagnostics, severity diag.Severity) diag.Diagnostics {
	var out diag.Diagnostics
	for _, d := range diags {
		if d.Severity() == severity {
			out.Append(d)
		}
	}
	return out
}

func (r *unitResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.Diagnostics.Append(saveUnit(ctx, req.Plan, &resp.State)...)
}

// Read leaves the state as it is (the framework copies it to the response): there is nothing
// remote to refresh.
func (r *unitResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *unitResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.Append(saveUnit(ctx, req.Plan, &resp.State)...)
}

// saveUnit stores the planned unit with its computed values. ModifyPlan computed them already unless
// an argument was unknown at plan time; now every argument is known.
func saveUnit(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State) diag.Diagnostics {
	var unit unitModelV0
	diags := plan.Get(ctx, &unit)
	if diags.HasError() {
		return diags
	}
	diags.Append(unit.fillComputed(ctx)...)
	if diags.HasError() {
		return diags
	}
	diags.Append(state.Set(ctx, &unit)...)
	return diags
}

// Delete only forgets the unit; the framework removes it from state.
func (r *unitResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// ImportState takes the unit's name. The imported state holds the name alone; the next plan fills in
// the rest from configuration as an in-place update, never a replacement.
func (r *unitResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !unitNameRegexp.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("The import ID %q is not a unit name. Import a hybrid_unit by its name: 1-64 letters, "+
				"digits, '-' or '_', starting with a letter or digit, e.g. `terraform import hybrid_unit.api api`.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
