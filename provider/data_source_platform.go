package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

var (
	_ datasource.DataSource = (*platformDataSource)(nil)
)

// NewPlatformDataSource returns the hybrid_platform data source.
func NewPlatformDataSource() datasource.DataSource {
	return &platformDataSource{}
}

// platformDataSource shows the numbers internal/platform holds for one platform: the same ones the
// unit's plan-time checks and hybridlint's rules use.
type platformDataSource struct{}

type platformDataSourceModelV0 struct {
	Platform       types.String `tfsdk:"platform"`
	Cloud          types.String `tfsdk:"cloud"`
	HostsFunction  types.Bool   `tfsdk:"hosts_function"`
	HostsContainer types.Bool   `tfsdk:"hosts_container"`
	Facts          types.Map    `tfsdk:"facts"`
}

var platformFactAttrTypes = map[string]attr.Type{
	"value":       types.Float64Type,
	"unit":        types.StringType,
	"description": types.StringType,
	"source":      types.StringType,
	"date":        types.StringType,
}

func (d *platformDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_platform"
}

func (d *platformDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The limits, defaults and list prices of one platform, each with its source and the " +
			"date it was read: the numbers `hybrid_unit` checks against at plan time and `hybridlint` uses in its " +
			"rules. Prices are for one reference region per cloud (AWS US East, Google Cloud Tier 1, Azure East " +
			"US) and leave out free tiers.",
		Attributes: map[string]schema.Attribute{
			"platform": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The platform: " + markdownList(platformIDs(platform.Platforms())) + ".",
				Validators:          []validator.String{stringvalidator.OneOf(platformIDs(platform.Platforms())...)},
			},
			"cloud": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The cloud the platform belongs to: `aws`, `gcp` or `azure`.",
			},
			"hosts_function": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether the platform can be a unit's `function.platform`.",
			},
			"hosts_container": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether the platform can be a unit's `container.platform`.",
			},
			"facts": schema.MapNestedAttribute{
				Computed: true,
				MarkdownDescription: "Every number known for the platform, by name (`max_timeout`, `max_memory`, " +
					"`idle_window`, `price_requests`, ...). A name that lists several allowed values gets the value " +
					"appended (`instance_memory_option_512`). Read one with " +
					"`data.hybrid_platform.x.facts[\"max_timeout\"].value`.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"value": schema.Float64Attribute{
							Computed:            true,
							MarkdownDescription: "The number, in `unit`.",
						},
						"unit": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "Unit of `value`: `s`, `min`, `MB`, `MiB`, `vCPU`, `count`, `USD per GB-second`, ...",
						},
						"description": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "What the number means and what happens past it.",
						},
						"source": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "The documentation page, price list or provider source the number comes from.",
						},
						"date": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "When the source was read (`YYYY-MM` or `YYYY-MM-DD`).",
						},
					},
				},
			},
		},
	}
}

func (d *platformDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config platformDataSourceModelV0
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	p, err := platform.ParsePlatform(config.Platform.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("platform"), "Unknown platform", err.Error())
		return
	}
	facts, diags := platformFactsValue(platform.Facts(p))
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	state := platformDataSourceModelV0{
		Platform:       config.Platform,
		Cloud:          types.StringValue(string(p.Cloud())),
		HostsFunction:  types.BoolValue(p.IsFunction()),
		HostsContainer: types.BoolValue(p.IsContainer()),
		Facts:          facts,
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// platformFactsValue keys the facts by name. Names that repeat, because a fact lists one of several
// allowed values, get the value appended so that none is lost.
func platformFactsValue(facts []platform.Fact) (types.Map, diag.Diagnostics) {
	count := map[string]int{}
	for _, f := range facts {
		count[f.Name]++
	}
	elems := map[string]attr.Value{}
	var diags diag.Diagnostics
	for _, f := range facts {
		key := f.Name
		if count[f.Name] > 1 {
			key += "_" + strconv.FormatFloat(f.Value, 'f', -1, 64)
		}
		obj, d := types.ObjectValue(platformFactAttrTypes, map[string]attr.Value{
			"value":       types.Float64Value(f.Value),
			"unit":        types.StringValue(f.Unit),
			"description": types.StringValue(f.Description),
			"source":      types.StringValue(f.Source),
			"date":        types.StringValue(f.Date),
		})
		diags.Append(d...)
		elems[key] = obj
	}
	m, d := types.MapValue(types.ObjectType{AttrTypes: platformFactAttrTypes}, elems)
	diags.Append(d...)
	return m, diags
}

func platformIDs(ps []platform.Platform) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = string(p)
	}
	return out
}
