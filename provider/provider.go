// Package provider implements the hybrid Terraform/OpenTofu provider: the hybrid_unit resource, the
// hybrid_platform data source and the keep_warm_schedule and monthly_cost functions.
//
// Everything it computes is local (no cloud API is called): limits and prices come from
// internal/platform, schedule expressions from internal/schedule and costs from internal/cost, the same
// code the linter uses, so a unit the provider accepts is one the linter accepts too.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Address is the provider's registry source address, used by the plugin server for debug-mode
// reattach configuration. OpenTofu users get the same provider as registry.opentofu.org/hybridlint/hybrid.
const Address = "registry.terraform.io/hybridlint/hybrid"

// TypeName is the provider's type name: the prefix of its resource and data source types and the
// namespace of its functions (provider::hybrid::…).
const TypeName = "hybrid"

var (
	_ provider.Provider              = (*hybridProvider)(nil)
	_ provider.ProviderWithFunctions = (*hybridProvider)(nil)
)

// New returns the constructor that providerserver.Serve calls for each connection; version is the
// release version reported in the provider's metadata ("dev" for local builds).
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &hybridProvider{version: version}
	}
}

type hybridProvider struct {
	version string
}

func (p *hybridProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = TypeName
	resp.Version = p.version
}

func (p *hybridProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The hybrid provider declares *hybrid units*: a serverless function, the always-on " +
			"container that takes the work the function can't (long runs, large memory), and the keep-warm " +
			"schedule for the function. It checks each unit at plan time against the platform limits that " +
			"`hybridlint` uses, and computes keep-warm schedules in each platform's syntax, monthly costs and a " +
			"recommended placement.\n\n" +
			"Everything is computed locally: the provider calls no cloud API and needs no credentials or " +
			"configuration. Limits and prices are those built into this release; `data.hybrid_platform` shows " +
			"them with their sources and dates.",
	}
}

// Configure has nothing to do: the provider takes no configuration and holds no client.
func (p *hybridProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *hybridProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewUnitResource,
	}
}

func (p *hybridProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewPlatformDataSource,
	}
}

func (p *hybridProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		NewKeepWarmScheduleFunction,
		NewMonthlyCostFunction,
	}
}
