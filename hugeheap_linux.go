package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"syscall"
	"unsafe"
)

// hugeHeap maps the heap a run on large inputs will need as transparent huge pages.
//
// Go asks Linux for its heap in 4 KiB pages, and the first write to each costs a page fault: on
// the 117.7 MB many-modules plan of linter/benchmark, 24,500 of them, and on this project's
// 2-core virtual machines each costs about 5 µs of system time and a stall, a fifth of a lint's
// CPU (perf stat; with the system-wide THP setting at "always", 2,500 faults and 20% less CPU).
// Go does not advise its heap itself (it did in 1.21.0, and undid it: long-running servers with
// sparse heaps grew). A lint's heap is short-lived and dense, so the run reserves more than its
// heap should need (hugeHeapBytes) as one allocation it never touches, advises that range
// MADV_HUGEPAGE, and hands it back: FreeOSMemory collects and releases it, the advice stays on the range, and the
// runtime, which reuses the lowest free addresses first, carves the plan's objects out of it, so
// they fault 2 MiB at a time. Measured on that plan: 3,300 to 4,800 faults instead of 24,500,
// the lint's CPU 0.75 to 0.84 s instead of 0.99 to 1.02 s; on the benchmark's 222.9 MB plan 0.55
// to 0.59 s instead of 0.80 to 0.83 s; on the 14.7 MB one 0.07 to 0.09 s instead of 0.11 to 0.13
// s. Peak memory moves by a megabyte or two (huge pages are resident whole).
func hugeHeap(inputs int64) {
	if strconv.IntSize < 64 {
		// 32-bit Linux (386, arm): a reservation of up to 1 GiB in 3 GiB of address space could
		// leave the run itself none, and the runtime's out-of-memory is fatal.
		return
	}
	thp, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	overcommit, _ := os.ReadFile("/proc/sys/vm/overcommit_memory")
	var info syscall.Sysinfo_t
	var ram int64
	if syscall.Sysinfo(&info) == nil {
		ram = int64(info.Totalram) * int64(info.Unit)
	}
	n := hugeHeapBytes(inputs, string(thp), string(overcommit), os.Getenv("GODEBUG"), ram)
	if n == 0 {
		return
	}
	adviseHuge(make([]byte, n))
	debug.FreeOSMemory()
}

// adviseHuge advises the whole 2 MiB pages inside block as huge pages. Fresh from the OS, the
// block's pages are known to be zero and are not touched, so nothing of it is resident.
func adviseHuge(block []byte) {
	const huge = 2 << 20
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	start := int((huge - addr%huge) % huge)
	end := start + (len(block)-start)/huge*huge
	if end-start >= huge {
		_ = syscall.Madvise(block[start:end], syscall.MADV_HUGEPAGE)
	}
	runtime.KeepAlive(block)
}
