package schemadump

import (
	"context"
	"encoding/json"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"

	"github.com/hybridlint/terraform-provider-hybrid/provider"
)

// providerSchema dumps the real provider and reads the document back the way tfplugindocs does.
func providerSchema(t *testing.T) *tfjson.ProviderSchema {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	require.NoError(t, err)
	schemas, err := ProviderSchemas(context.Background(), server, provider.TypeName)
	require.NoError(t, err)
	data, err := json.Marshal(schemas)
	require.NoError(t, err)
	var back tfjson.ProviderSchemas
	require.NoError(t, back.UnmarshalJSON(data), "the document must pass terraform-json's format check")
	require.Contains(t, back.Schemas, provider.TypeName)
	return back.Schemas[provider.TypeName]
}

func TestProviderSchemas_shape(t *testing.T) {
	ps := providerSchema(t)

	unit := ps.ResourceSchemas["hybrid_unit"]
	require.NotNil(t, unit)
	assert.Equal(t, tfjson.SchemaDescriptionKindMarkdown, unit.Block.DescriptionKind)
	function := unit.Block.Attributes["function"]
	require.NotNil(t, function.AttributeNestedType)
	assert.Equal(t, tfjson.SchemaNestingModeSingle, function.AttributeNestedType.NestingMode)
	assert.True(t, function.Required)
	assert.Equal(t, cty.String, function.AttributeNestedType.Attributes["platform"].AttributeType)
	assert.Equal(t, cty.Number, function.AttributeNestedType.Attributes["memory_mb"].AttributeType)
	assert.Equal(t, cty.List(cty.String), unit.Block.Attributes["placement_reasons"].AttributeType)
	assert.True(t, unit.Block.Attributes["placement"].Computed)

	facts := ps.DataSourceSchemas["hybrid_platform"].Block.Attributes["facts"]
	require.NotNil(t, facts.AttributeNestedType)
	assert.Equal(t, tfjson.SchemaNestingModeMap, facts.AttributeNestedType.NestingMode)

	cost := ps.Functions["monthly_cost"]
	require.NotNil(t, cost)
	assert.Equal(t, cty.Number, cost.ReturnType)
	var names []string
	for _, p := range cost.Parameters {
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"platform", "memory_mb", "avg_duration_ms", "requests_per_month"}, names)
	assert.Equal(t, cty.String, ps.Functions["keep_warm_schedule"].ReturnType)
}

// Every schema, attribute and function parameter tells the user what it is: the generated docs have
// no empty lines.
func TestProviderSchemas_everythingDescribed(t *testing.T) {
	ps := providerSchema(t)
	assert.NotEmpty(t, ps.ConfigSchema.Block.Description, "provider")
	for name, s := range ps.ResourceSchemas {
		assertDescribed(t, name, s.Block)
	}
	for name, s := range ps.DataSourceSchemas {
		assertDescribed(t, name, s.Block)
	}
	for name, f := range ps.Functions {
		assert.NotEmpty(t, f.Summary, name)
		assert.NotEmpty(t, f.Description, name)
		for _, p := range f.Parameters {
			assert.NotEmpty(t, p.Description, name+"."+p.Name)
		}
	}
}

func assertDescribed(t *testing.T, where string, b *tfjson.SchemaBlock) {
	t.Helper()
	assert.NotEmpty(t, b.Description, where)
	assertAttributesDescribed(t, where, b.Attributes)
}

func assertAttributesDescribed(t *testing.T, where string, attrs map[string]*tfjson.SchemaAttribute) {
	t.Helper()
	for name, a := range attrs {
		assert.NotEmpty(t, a.Description, where+"."+name)
		assert.Equal(t, tfjson.SchemaDescriptionKindMarkdown, a.DescriptionKind, where+"."+name)
		if a.AttributeNestedType != nil {
			assertAttributesDescribed(t, where+"."+name, a.AttributeNestedType.Attributes)
		}
	}
}
