package plan_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// Rules that read the same wrong value at once record it once per attribute, and each attribute.
func TestWrongTypesRecordedOnceUnderRace(t *testing.T) {
	p, err := plan.Parse("race.json", []byte(`{"format_version":"1.2","resource_changes":[{"address":"aws_lambda_function.f",`+
		`"mode":"managed","type":"aws_lambda_function","name":"f","change":{"actions":["create"],"before":null,`+
		`"after":{"timeout":"30","memory_size":"big"},"after_unknown":{},"after_sensitive":{}}}]}`))
	require.NoError(t, err)
	v := p.Changes[0].Values()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				v.Get("timeout").Int()
				v.Get("memory_size").Int()
			}
		}()
	}
	wg.Wait()
	var got []string
	for _, w := range p.WrongTypes() {
		got = append(got, w.Attribute)
	}
	assert.ElementsMatch(t, []string{"timeout", "memory_size"}, got)
}
