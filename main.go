// Command terraform-provider-hybrid is both halves of hybridlint in one binary. Started by
// Terraform or OpenTofu under the plugin handshake, it serves the `hybrid` provider; given a
// subcommand (lint, rules, explain, version), or invoked under the name `hybridlint`, it is the
// linter.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"golang.org/x/term"

	"github.com/hybridlint/terraform-provider-hybrid/linter/cli"
	"github.com/hybridlint/terraform-provider-hybrid/provider"
)

// version and commit are set at release time with -ldflags "-X main.version=... -X main.commit=..."
// (see .goreleaser.yml).
var (
	version = "dev"
	commit  = ""
)

// pluginCookie is the environment variable Terraform sets when it starts a provider plugin.
const pluginCookie = "TF_PLUGIN_MAGIC_COOKIE"

func main() {
	if os.Getenv(pluginCookie) != "" || (len(os.Args) > 1 && os.Args[1] == "-debug") {
		serveProvider()
		return
	}
	plansLoaded := tuneGC(os.Args[1:])
	v := version
	if commit != "" {
		v += " (" + commit + ")"
	}
	app := &cli.App{
		Version:     v,
		Stdin:       os.Stdin,
		Stdout:      os.Stdout,
		Stderr:      os.Stderr,
		Getenv:      os.Getenv,
		IsTerminal:  term.IsTerminal(int(os.Stdout.Fd())),
		PlansLoaded: plansLoaded,
	}
	os.Exit(app.Run(os.Args[0], os.Args[1:]))
}

// tuneGC trades memory the linter has to spare for time. A lint is one short burst of allocation
// whose live heap is a fraction of the plan (the plan itself is mapped, outside the heap), so
// collecting at 4× the live heap instead of 2× halves the collections. Left alone, though, the
// heap of a 100 MB plan then grows to several times the file before a collection comes, so the
// memory limit is set from the size of the files named on the command line (see memoryLimit),
// which with the mapped plan keeps the peak within 1.5× the file (linter/benchmark measures it).
// A plan dense in small resources, or a cost report of thousands of functions, can need more live
// heap than that budget; a limit close to the live heap makes the collector run almost without
// end, so a collection that finds the live heap above 4/5 of its goal raises the limit until the
// next goal is 5/4 of the live heap (see followLiveHeap). A user's GOGC or GOMEMLIMIT wins; the
// heap's huge pages (hugeHeap), which change how its memory is faulted in, not how much of it
// there is, are taken either way.
//
// The lint command calls the returned function once its plans are loaded (cli.App.PlansLoaded),
// when what the mapped files may still cost is known (see lintLimit); nil when the user set
// GOMEMLIMIT.
func tuneGC(args []string) (plansLoaded func(resident int64)) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	inputs := inputBytes(args)
	hugeHeap(inputs)
	if os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	b := &heapBudget{limit: memoryLimit(inputs)}
	debug.SetMemoryLimit(b.limit)
	b.followLiveHeap()
	return func(resident int64) { b.raise(lintLimit(inputs, resident)) }
}

// heapBudget is the memory limit in force; the finalizer goroutine (followLiveHeap) and the
// lint command (tuneGC) both raise it.
type heapBudget struct {
	mu    sync.Mutex
	limit int64
}

// raise sets the memory limit to limit when that is higher than the one in force.
func (b *heapBudget) raise(limit int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if limit > b.limit {
		b.limit = limit
		debug.SetMemoryLimit(limit)
	}
}

// followLiveHeap raises the memory limit after any collection that finds the live heap above 4/5
// of the heap goal the limit allows, so that the next goal is 5/4 of the live heap: a dense plan
// costs memory rather than a collector that never stops. Measured with hybridlint cost on the
// 117.7 MB many-modules plan, whose report grows the live heap from 54 to 84 MB against an 88 MB
// limit: waiting until the live heap reached the limit, then raising it to 1.5×, cost 5.5 s of CPU
// (the collector ran all along) and a peak of 1.70× the file; raising it by steps of 5/4 early,
// 2.8 s and 1.50× (linter/benchmark).
//
// The step is taken on the goal, not on the limit: the limit also counts what the runtime holds
// besides the heap (its metadata, stacks, free pages not yet returned), 10 to 15 MB here, so 5/4
// of the live heap as a limit left a goal barely above the live heap. The fan-in shape of
// linter/benchmark at 32,000 callers (70 MB) collected 40 times, each freeing nothing, and took
// 2.7 s; its 8,000-caller plan took 0.29 s.
func (b *heapBudget) followLiveHeap() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/goal:bytes"}}
	var arm func()
	arm = func() {
		sentinel := new([16]byte)
		runtime.SetFinalizer(sentinel, func(*[16]byte) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[1].Value.Kind() == metrics.KindUint64 {
				live, goal := int64(sample[0].Value.Uint64()), int64(sample[1].Value.Uint64())
				b.mu.Lock()
				limit := b.limit
				b.mu.Unlock()
				if step := nextLimitStep(live, goal); step > 0 {
					b.raise(limit + step)
				}
			}
			arm()
		})
	}
	arm()
}

// nextLimitStep is how much to raise the memory limit by after a collection that found live bytes
// against a heap goal of goal: enough for the next goal to be 5/4 of the live heap once the live
// heap is above 4/5 of the goal, nothing before.
func nextLimitStep(live, goal int64) int64 {
	if live <= goal/5*4 {
		return 0
	}
	return live/4*5 - goal
}

// inputBytes is the size of the arguments that name regular files.
func inputBytes(args []string) int64 {
	var inputs int64
	for _, a := range args {
		if info, err := os.Stat(a); err == nil && info.Mode().IsRegular() {
			inputs += info.Size()
		}
	}
	return inputs
}

// memoryLimit is the Go heap's budget while the inputs load: 3/4 of their size, at least 64 MiB;
// 1 GiB when no argument names a file.
func memoryLimit(inputs int64) int64 {
	if inputs == 0 {
		return 1 << 30
	}
	return max(64<<20, inputs/4*3)
}

// lintLimit is the Go heap's budget while rules run, once the plans are loaded: the 1.5× the
// inputs a lint may take (issue 13), less what the plans may hold resident (plan.ResidentBytes)
// and less residentOverhead. While a plan loads, memoryLimit's 3/4 is what the heap may have; once
// loaded, only the pages of the values rules read come back, and a plan whose resource_changes are
// under 3/4 of it leaves the heap more. Measured on the 117.7 MB many-modules plan (51.6 MB of
// resource_changes): the 3/4 (88 MB) left a live heap of 55 to 70 MB collected every 2 to 5 MB
// of allocation, 20 collections; this budget (99.8 MB) takes 9, and the lint 1.67 s of CPU
// instead of 2.86 s (0.18 × json.load instead of 0.27), at a peak of 1.41× the file instead of
// 1.36× in every output format (linter/benchmark). 0 (no raise) when no argument names a file.
func lintLimit(inputs, resident int64) int64 {
	if inputs == 0 {
		return 0
	}
	return inputs/2*3 - resident - residentOverhead
}

// hugeHeapBytes is how much of the heap to map as transparent huge pages before a run reads
// inputs of the given size (see hugeHeap), 0 for none: inputs under 4 MiB (their heap faults
// in a millisecond or two anyway); a kernel whose THP setting (the contents of
// /sys/kernel/mm/transparent_hugepage/enabled) is not "always" or "madvise"; strict overcommit
// (vm.overcommit_memory 2), where the reservation would count against the commit limit; or the
// user's GODEBUG=disablethp=1, Go's own switch for huge pages in the heap. The reservation is 3×
// the inputs: the heap of a plan dense in instances and findings (the fan-in shape of
// linter/benchmark) reaches twice its file, and an untouched reservation costs no memory; at
// most 1 GiB, and at most a quarter of the machine's memory (ram, 0 when unknown), so that the
// kernel's overcommit heuristics never refuse it.
func hugeHeapBytes(inputs int64, thp, overcommit, godebug string, ram int64) int64 {
	switch {
	case inputs < 4<<20,
		!strings.Contains(thp, "[always]") && !strings.Contains(thp, "[madvise]"),
		strings.TrimSpace(overcommit) == "2",
		slices.Contains(strings.Split(godebug, ","), "disablethp=1"):
		return 0
	}
	n := min(inputs*3, 1<<30)
	if ram > 0 {
		n = min(n, ram/4)
	}
	return n
}

// residentOverhead is what a lint holds in memory outside the Go heap's limit and the plan: the
// pages of the binary it runs (17 MB measured on a 14.7 MB plan, less its 6.4 MB of
// resource_changes) and the runtime's own, with a margin.
const residentOverhead = 24 << 20

func serveProvider() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         provider.Address,
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}
