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
	tuneGC(os.Args[1:])
	v := version
	if commit != "" {
		v += " (" + commit + ")"
	}
	app := &cli.App{
		Version:    v,
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		Getenv:     os.Getenv,
		IsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
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
// end, so a collection that finds the live heap above 4/5 of the limit raises the limit to 5/4
// of the live heap. A user's GOGC or GOMEMLIMIT wins.
func tuneGC(args []string) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		budget := memoryLimit(args)
		debug.SetMemoryLimit(budget)
		followLiveHeap(budget)
	}
}

// followLiveHeap raises the memory limit to 5/4 of the live heap after any collection that finds
// the live heap above 4/5 of the limit, so a dense plan costs memory rather than a collector that
// never stops. Measured with hybridlint cost on the 117.7 MB many-modules plan, whose report
// grows the live heap from 54 to 84 MB against an 88 MB limit: waiting until the live heap
// reached the limit, then raising it to 1.5×, cost 5.5 s of CPU (the collector ran all along) and
// a peak of 1.70× the file; raising it by steps of 5/4 early, 2.8 s and 1.50× (linter/benchmark).
func followLiveHeap(limit int64) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		sentinel := new([16]byte)
		runtime.SetFinalizer(sentinel, func(*[16]byte) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				if live := int64(sample[0].Value.Uint64()); live > limit/5*4 {
					limit = live / 4 * 5
					debug.SetMemoryLimit(limit)
				}
			}
			arm()
		})
	}
	arm()
}

// memoryLimit is the Go heap's budget for a run over args: 3/4 of the size of the arguments that
// name regular files, at least 64 MiB; 1 GiB when none does.
func memoryLimit(args []string) int64 {
	var inputs int64
	for _, a := range args {
		if info, err := os.Stat(a); err == nil && info.Mode().IsRegular() {
			inputs += info.Size()
		}
	}
	if inputs == 0 {
		return 1 << 30
	}
	return max(64<<20, inputs/4*3)
}

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
