package ruledoc

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOptionsRendering(t *testing.T) {
	type opts struct {
		Name    string            `hcl:"name,optional"`
		Count   int               `hcl:"count,optional"`
		Ratio   float64           `hcl:"ratio,optional"`
		On      bool              `hcl:"on,optional"`
		List    []string          `hcl:"list,optional"`
		Map     map[string]int    `hcl:"map,optional"`
		Ptr     *int              `hcl:"ptr,optional"`
		Skipped string            `hcl:",remain"`
		Labels  map[string]string `hcl:"labels,optional"`
	}
	got := Options(&opts{Name: "x", Count: 3, Ratio: 0.5, On: true, List: []string{"a", "b"}, Map: map[string]int{"b": 2, "a": 1}})
	want := []Option{{"name", `"x"`}, {"count", "3"}, {"ratio", "0.5"}, {"on", "true"}, {"list", `["a", "b"]`},
		{"map", `{ "a" = 1, "b" = 2 }`}, {"ptr", "null"}, {"labels", "{  }"}}
	assert.Equal(t, want, got)
	assert.Nil(t, Options(nil))
}
