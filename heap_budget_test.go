package main

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The budgets: while the inputs load, 3/4 of them (at least 64 MiB); while rules run, the 1.5× a
// lint may take less what the plans hold resident and less the binary's own pages.
func TestHeapBudgets(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		name                  string
		inputs, resident      int64
		loading, rulesRunning int64
	}{
		{"no file named (standard input)", 0, 0, 1 << 30, 0},
		{"a small plan", 8 * mb, 8 * mb, 64 * mb, 12*mb - 8*mb - residentOverhead},
		{"a 120 MiB plan with 52 MiB of resource_changes", 120 * mb, 52 * mb, 90 * mb, 180*mb - 52*mb - residentOverhead},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.loading, memoryLimit(tc.inputs))
			assert.Equal(t, tc.rulesRunning, lintLimit(tc.inputs, tc.resident))
		})
	}
}

// raise never lowers the limit in force.
func TestHeapBudgetRaise(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	b := &heapBudget{limit: 100 << 20}
	debug.SetMemoryLimit(b.limit)
	b.raise(80 << 20)
	assert.Equal(t, int64(100<<20), debug.SetMemoryLimit(-1), "lower: kept")
	b.raise(120 << 20)
	assert.Equal(t, int64(120<<20), debug.SetMemoryLimit(-1), "higher: raised")
	assert.Equal(t, int64(120<<20), b.limit)
}

// After a collection, the limit rises only once the live heap passes 4/5 of the goal, and then by
// what makes the next goal 5/4 of the live heap (the goal moves with the limit, which also counts
// the runtime's own memory: a step of 5/4 of the live heap on the limit left no room).
func TestNextLimitStep(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		live, goal, want int64
	}{
		{40 * mb, 100 * mb, 0},
		{80 * mb, 100 * mb, 0},
		{80*mb + 4, 100 * mb, 5},
		{100 * mb, 100 * mb, 25 * mb},
		{58 * mb, 58 * mb, 58 * mb / 4},
		{120 * mb, 100 * mb, 50 * mb},
	} {
		step := nextLimitStep(tc.live, tc.goal)
		assert.Equal(t, tc.want, step, "live %d, goal %d", tc.live, tc.goal)
		if step > 0 {
			assert.Equal(t, tc.live/4*5, tc.goal+step, "the next goal is 5/4 of the live heap")
		}
	}
}
