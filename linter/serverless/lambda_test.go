package serverless

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

func TestTimeoutsReadEachFunctionOnce(t *testing.T) {
	g := plantest.New().Add(
		plantest.Resource{Address: "aws_lambda_function.set", After: map[string]any{"timeout": 60}},
		plantest.Resource{Address: "aws_lambda_function.unknown", Unknown: []string{"timeout"}},
	).Graph(t)
	set := g.ByAddress("aws_lambda_function.set")
	timeouts := Timeouts{}
	for _, tc := range []struct {
		name, fn string
		want     int
		ok       bool
	}{{"known", "aws_lambda_function.set", 60, true}, {"unknown", "aws_lambda_function.unknown", 0, false}, {"known again", "aws_lambda_function.set", 60, true}} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := timeouts.Of(g.ByAddress(tc.fn))
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.ok, ok)
		})
	}
	assert.Len(t, timeouts, 2, "one entry per function, however often it is asked")
	timeouts[set] = knownInt{v: 7, ok: true}
	got, _ := timeouts.Of(set)
	assert.Equal(t, 7, got, "a function asked again is not read again")
}
