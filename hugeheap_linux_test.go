package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/benchmark"
)

// skipWithoutTHP skips where the kernel gives no huge pages to advised memory.
func skipWithoutTHP(t *testing.T) {
	if strconv.IntSize < 64 {
		t.Skip("hugeHeap leaves 32-bit address spaces alone")
	}
	thp, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if hugeHeapBytes(1<<30, string(thp), "0", "", 0) == 0 {
		t.Skipf("transparent huge pages are off here (%q)", strings.TrimSpace(string(thp)))
	}
}

// vmFlags returns the VmFlags of the mapping holding addr, from /proc/self/smaps.
func vmFlags(t *testing.T, addr uintptr) []string {
	f, err := os.Open("/proc/self/smaps")
	require.NoError(t, err)
	defer f.Close()
	in := false
	for sc := bufio.NewScanner(f); sc.Scan(); {
		line := sc.Text()
		if lo, hi, ok := strings.Cut(strings.Fields(line)[0], "-"); ok && !strings.HasSuffix(line, ":") && len(strings.Fields(line)) >= 5 {
			start, err1 := strconv.ParseUint(lo, 16, 64)
			end, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				in = uint64(addr) >= start && uint64(addr) < end
				continue
			}
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.Fields(strings.TrimPrefix(line, "VmFlags:"))
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return nil
}

// adviseHuge marks the whole huge pages of the block (VmFlags "hg"), and only those: memory
// allocated beside it keeps the kernel's default.
func TestAdviseHugeMarksTheBlock(t *testing.T) {
	skipWithoutTHP(t)
	block := make([]byte, 16<<20)
	plain := make([]byte, 16<<20)
	adviseHuge(block)
	middle := uintptr(unsafe.Pointer(&block[8<<20]))
	assert.Contains(t, vmFlags(t, middle), "hg", "the block's middle is advised")
	assert.NotContains(t, vmFlags(t, uintptr(unsafe.Pointer(&plain[8<<20]))), "hg", "memory not advised is not")
	runtime.KeepAlive(block)
	runtime.KeepAlive(plain)
}

// The lint of a 47 MB plan, as a process, takes its heap in huge pages: a fraction of the page
// faults it takes with Go's own setting (GODEBUG=disablethp=1 turns hugeHeap off).
func TestLintFaultsFewerPages(t *testing.T) {
	skipWithoutTHP(t)
	path := filepath.Join(t.TempDir(), "modules.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, benchmark.ManyModules(f, 4000))
	require.NoError(t, f.Close())
	faults := func(godebug string) int64 {
		cmd := exec.Command(filepath.Join(binDir, "hybridlint"), "lint", "--no-config", "--format", "json", "--fail-on", "none", path)
		cmd.Env = append(os.Environ(), "GODEBUG="+godebug)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		return int64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Minflt) // int32 on 32-bit Linux
	}
	before := thpFaults(t)
	huge := faults("")
	after := thpFaults(t)
	plain := faults("disablethp=1")
	t.Logf("page faults: %d with huge pages, %d without; huge pages given %d, refused %d",
		huge, plain, after.given-before.given, after.refused-before.refused)
	if after.given == before.given && after.refused > before.refused {
		t.Skip("the kernel had no huge page to give (its memory is fragmented): nothing to measure")
	}
	assert.Less(t, huge, plain/2, fmt.Sprintf("%d faults with huge pages, %d without", huge, plain))
}

// thpFaults reads the kernel's count of page faults served with a huge page, and of those it
// wanted to serve so but could not (/proc/vmstat).
func thpFaults(t *testing.T) (n struct{ given, refused int64 }) {
	data, err := os.ReadFile("/proc/vmstat")
	require.NoError(t, err)
	for _, line := range strings.Split(string(data), "\n") {
		name, value, _ := strings.Cut(line, " ")
		v, _ := strconv.ParseInt(value, 10, 64)
		switch name {
		case "thp_fault_alloc":
			n.given = v
		case "thp_fault_fallback":
			n.refused = v
		}
	}
	return n
}
