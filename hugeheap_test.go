package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The heap is mapped as huge pages only where it pays and is allowed: large inputs, a kernel
// that gives huge pages to advised memory, no strict overcommit, no GODEBUG=disablethp=1.
func TestHugeHeapBytes(t *testing.T) {
	const mb = 1 << 20
	madvise, always, never := "always [madvise] never\n", "[always] madvise never\n", "always madvise [never]\n"
	for _, tc := range []struct {
		name                  string
		inputs                int64
		thp, overcommit, gdbg string
		ram                   int64
		want                  int64
	}{
		{"a 117 MiB plan: 3× the file", 117 * mb, madvise, "0\n", "", 24 << 30, 351 * mb},
		{"THP always", 100 * mb, always, "1\n", "", 24 << 30, 300 * mb},
		{"memory unknown", 100 * mb, madvise, "0\n", "", 0, 300 * mb},
		{"a 4 MiB plan", 4 * mb, madvise, "0\n", "", 24 << 30, 12 * mb},
		{"under 4 MiB: little to gain", 4*mb - 1, madvise, "0\n", "", 24 << 30, 0},
		{"no file named", 0, madvise, "0\n", "", 24 << 30, 0},
		{"THP never", 117 * mb, never, "0\n", "", 24 << 30, 0},
		{"no THP in the kernel (no file)", 117 * mb, "", "0\n", "", 24 << 30, 0},
		{"strict overcommit", 117 * mb, madvise, "2\n", "", 24 << 30, 0},
		{"GODEBUG=disablethp=1", 117 * mb, madvise, "0\n", "gctrace=1,disablethp=1", 24 << 30, 0},
		{"GODEBUG=disablethp=0", 117 * mb, madvise, "0\n", "disablethp=0", 24 << 30, 351 * mb},
		{"1 GiB of inputs: at most 1 GiB", 1 << 30, madvise, "0\n", "", 24 << 30, 1 << 30},
		{"a 1 GiB machine: a quarter of it", 117 * mb, madvise, "0\n", "", 1 << 30, 256 * mb},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, hugeHeapBytes(tc.inputs, tc.thp, tc.overcommit, tc.gdbg, tc.ram))
		})
	}
}
