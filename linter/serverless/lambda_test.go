package serverless

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

func TestTimeoutsReadEachFunctionOncePerGraph(t *testing.T) {
	g := plantest.New().Add(
		plantest.Resource{Address: "aws_lambda_function.set", After: map[string]any{"timeout": 60}},
		plantest.Resource{Address: "aws_lambda_function.unknown", Unknown: []string{"timeout"}},
	).Graph(t)
	set := g.ByAddress("aws_lambda_function.set")
	timeouts := TimeoutsOf(g)
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
	assert.Len(t, timeouts.answers.answers, 2, "one entry per function, however often it is asked")
	timeouts.answers.answers[set] = knownInt{v: 7, ok: true}
	got, _ := TimeoutsOf(g).Of(set)
	assert.Equal(t, 7, got, "a function asked again, by another rule of the same graph, is not read again")
	other := plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.set", After: map[string]any{"timeout": 60}}).Graph(t)
	got, _ = TimeoutsOf(other).Of(other.ByAddress("aws_lambda_function.set"))
	assert.Equal(t, 60, got, "another graph reads its own")
}

func TestSnapStartOfReadsEachFunctionOncePerGraph(t *testing.T) {
	g := plantest.New().Add(
		plantest.Resource{Address: "aws_lambda_function.on", After: map[string]any{"snap_start": []any{map[string]any{"apply_on": "PublishedVersions"}}}},
		plantest.Resource{Address: "aws_lambda_function.off", After: map[string]any{"snap_start": []any{}}},
		plantest.Resource{Address: "aws_lambda_function.unknown", Unknown: []string{"snap_start"}},
	).Graph(t)
	for addr, want := range map[string]Answer{"aws_lambda_function.on": Yes, "aws_lambda_function.off": No, "aws_lambda_function.unknown": Maybe} {
		fn := g.ByAddress(addr)
		assert.Equal(t, want, SnapStartEnabled(fn), addr)
		assert.Equal(t, want, SnapStartOf(g, fn), addr)
	}
	on := g.ByAddress("aws_lambda_function.on")
	answers := g.Memo(snapStartsKey{}, nil).(*perFunction[Answer])
	assert.Len(t, answers.answers, 3, "one entry per function")
	answers.answers[on] = No
	assert.Equal(t, No, SnapStartOf(g, on), "a function asked again is not read again")
}

func TestRuntimeOfReadsEachFunctionOncePerGraph(t *testing.T) {
	g := plantest.New().Add(
		plantest.Resource{Address: "aws_lambda_function.py", After: map[string]any{"runtime": "python3.12"}},
		plantest.Resource{Address: "aws_lambda_function.unknown", Unknown: []string{"runtime"}},
	).Graph(t)
	py := g.ByAddress("aws_lambda_function.py")
	rt, ok := RuntimeOf(g, py)
	assert.Equal(t, "python3.12", rt)
	assert.True(t, ok)
	_, ok = RuntimeOf(g, g.ByAddress("aws_lambda_function.unknown"))
	assert.False(t, ok)
	answers := g.Memo(runtimesKey{}, nil).(*perFunction[knownString])
	assert.Len(t, answers.answers, 2, "one entry per function")
	answers.answers[py] = knownString{v: "java21", ok: true}
	rt, _ = RuntimeOf(g, py)
	assert.Equal(t, "java21", rt, "a function asked again is not read again")
}
