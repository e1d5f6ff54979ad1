// Command casemutants is the second pass of `make mutate`. gremlins v0.6.0 decides whether a mutant is
// worth running by looking its position up in Go's coverage profile, and Go's profile has no counter
// on two kinds of code that tests do run: the case conditions of a tagless switch (`switch { case n >
// 10: ... }`) and constant or package-level expressions (`const limit = 15 * 60`). gremlins reports
// every mutant there NOT COVERED and never runs it (go-gremlins/gremlins#298). This command does for
// those mutants what the open pull request go-gremlins/gremlins#299 proposes, without changing the
// code under test:
//
//   - a mutant outside every function body and function literal (a constant, a package-level
//     variable's initializer, an array length) is runnable: Go cannot give it coverage;
//   - a mutant in a case condition of a tagless switch is runnable when some statement of that case's
//     body is covered, since the condition was then evaluated (and true) in a test;
//   - every other NOT COVERED mutant stays as gremlins reported it.
//
// It reads a package's gremlins log (the text lines; gremlins writes its JSON only at the end of a
// complete run, and `make mutate` stops a package at its time budget), computes the package's cover
// profile itself, applies gremlins' own token replacement to each runnable mutant and runs the
// package's tests against it through `go test -overlay`, so the source tree is never written. It
// prints one line per mutant it ran on standard output, in gremlins' own format (`KILLED
// CONDITIONALS_BOUNDARY at scan.go:12:7`, the status right-aligned in 12 columns), so that the awk
// of `make mutate` counts both passes alike.
//
// A mutant that does not compile is NOT VIABLE (counted in neither efficacy nor coverage, as gremlins
// counts it); one whose tests fail is KILLED; one whose tests pass LIVED; one whose tests run longer
// than the timeout coefficient times the package's unmutated test time is TIMED OUT.
//
// Usage: casemutants [-timeout-coefficient 10] [-test-cpu 1] [-dry-run] [-v] GREMLINS-LOG PACKAGE-DIR
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code (2 for bad input or a package whose
// tests cannot run, as the linter does).
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("casemutants", flag.ContinueOnError)
	flags.SetOutput(stderr)
	coefficient := flags.Int("timeout-coefficient", 10, "a mutant's tests time out after this many times the unmutated tests' run time (gremlins' --timeout-coefficient)")
	testCPU := flags.Int("test-cpu", 1, "GOMAXPROCS list for the tests, as go test -cpu (gremlins' --test-cpu); 0 leaves it to go test")
	dryRun := flags.Bool("dry-run", false, "classify only: print RUNNABLE for each mutant this pass would run (as gremlins --dry-run does), run no test")
	verbose := flags.Bool("v", false, "say on standard error why each mutant is run or left, and show the compiler's output for mutants that do not compile")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: casemutants [flags] GREMLINS-LOG PACKAGE-DIR")
		fmt.Fprintln(stderr, "Runs the mutants gremlins reports NOT COVERED only because Go's coverage cannot see them")
		fmt.Fprintln(stderr, "(tagless switch case conditions, constant and package-level expressions).")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() != 2 {
		flags.Usage()
		return 2
	}
	if *coefficient < 1 {
		fmt.Fprintf(stderr, "casemutants: -timeout-coefficient must be at least 1, got %d\n", *coefficient)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	p := pass{
		logPath:     flags.Arg(0),
		dir:         flags.Arg(1),
		coefficient: *coefficient,
		testCPU:     *testCPU,
		dryRun:      *dryRun,
		verbose:     *verbose,
		out:         stdout,
		diag:        stderr,
	}
	if err := p.run(ctx); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "casemutants: stopped: the lines printed so far are measured, the rest is not")
			return 1
		}
		fmt.Fprintf(stderr, "casemutants: %v\n", err)
		return 2
	}
	return 0
}
