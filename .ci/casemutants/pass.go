package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Statuses as gremlins v0.6.0 prints them.
const (
	runnable  = "RUNNABLE"
	killed    = "KILLED"
	lived     = "LIVED"
	notViable = "NOT VIABLE"
	timedOut  = "TIMED OUT"
)

// minTimeout keeps a fast package's timeout above the noise of a shared machine.
const minTimeout = 10 * time.Second

// pass is one run of the second pass on one package.
type pass struct {
	logPath     string
	dir         string
	coefficient int
	testCPU     int
	dryRun      bool
	verbose     bool
	out, diag   io.Writer
}

// candidate is a mutant found runnable, with the mutated source of its file.
type candidate struct {
	mutant
	path    string // absolute path of the file
	mutated []byte
}

func (p pass) run(ctx context.Context) error {
	start := time.Now()
	logFile, err := os.Open(p.logPath)
	if err != nil {
		return fmt.Errorf("reading the gremlins log: %w", err)
	}
	mutants, err := parseLog(logFile)
	logFile.Close()
	if err != nil {
		return fmt.Errorf("reading the gremlins log %s: %w", p.logPath, err)
	}
	dir, err := filepath.Abs(p.dir)
	if err != nil {
		return fmt.Errorf("package directory %s: %w", p.dir, err)
	}
	if len(mutants) == 0 {
		fmt.Fprintf(p.diag, "casemutants: %s: gremlins left no mutant without coverage\n", p.dir)
		return nil
	}
	tmp, err := os.MkdirTemp("", "casemutants-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	t := tester{dir: dir, tmp: tmp, testCPU: p.testCPU}

	covered, err := t.coverProfile(ctx)
	if err != nil {
		return err
	}
	candidates, counts, err := p.choose(mutants, dir, covered)
	if err != nil {
		return err
	}
	if p.dryRun {
		for _, c := range candidates {
			fmt.Fprintln(p.out, statusLine(runnable, c.mutant))
		}
	} else if len(candidates) > 0 {
		elapsed, err := t.baseline(ctx)
		if err != nil {
			return err
		}
		timeout := max(time.Duration(p.coefficient)*elapsed, minTimeout)
		for i, c := range candidates {
			status, detail, err := t.test(ctx, c, timeout, i)
			if err != nil {
				return fmt.Errorf("%s: %w", c.mutant, err)
			}
			fmt.Fprintln(p.out, statusLine(status, c.mutant))
			if p.verbose && detail != "" {
				fmt.Fprintf(p.diag, "casemutants: %s does not compile:\n%s\n", c.mutant, detail)
			}
		}
	}
	verb := "ran"
	if p.dryRun {
		verb = "would run"
	}
	fmt.Fprintf(p.diag, "casemutants: %s: %s %d of gremlins' %d mutants without coverage (%d case conditions with a covered body, %d package-level); left %d as reported; %s\n",
		p.dir, verb, len(candidates), len(mutants), counts[caseCondition], counts[packageLevel], counts[unreached], time.Since(start).Round(time.Second))
	return nil
}

// sourceFile is a parsed file of the package.
type sourceFile struct {
	fset *token.FileSet
	ast  *ast.File
	src  []byte
}

// choose classifies every mutant and mutates the source of the runnable ones.
func (p pass) choose(mutants []mutant, dir string, covered profile) ([]candidate, map[reach]int, error) {
	files := map[string]*sourceFile{}
	counts := map[reach]int{}
	var candidates []candidate
	for _, m := range mutants {
		path := filepath.Join(dir, m.File)
		f, ok := files[path]
		if !ok {
			src, err := os.ReadFile(path)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w (is the log from this package?)", m, err)
			}
			fset := token.NewFileSet()
			parsed, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
			if err != nil {
				return nil, nil, fmt.Errorf("parsing %s: %w", path, err)
			}
			f = &sourceFile{fset: fset, ast: parsed, src: src}
			files[path] = f
		}
		offset, err := offsetOf(f, m.Line, m.Col)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", m, err)
		}
		r := classify(f.fset, f.ast, f.fset.File(f.ast.Pos()).Pos(offset), covered)
		counts[r]++
		if p.verbose {
			fmt.Fprintf(p.diag, "casemutants: %s: %s\n", m, r)
		}
		if r == unreached {
			continue
		}
		mutated, err := mutate(f.src, offset, m.Type)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", m, err)
		}
		candidates = append(candidates, candidate{mutant: m, path: path, mutated: mutated})
	}
	return candidates, counts, nil
}

// offsetOf turns a 1-based line and byte column, as gremlins prints them, into a file offset.
func offsetOf(f *sourceFile, line, col int) (int, error) {
	tf := f.fset.File(f.ast.Pos())
	if line < 1 || line > tf.LineCount() || col < 1 {
		return 0, fmt.Errorf("no position %d:%d in a file of %d lines (is the log from this source?)", line, col, tf.LineCount())
	}
	offset := tf.Offset(tf.LineStart(line)) + col - 1
	if offset >= tf.Size() {
		return 0, fmt.Errorf("column %d is past the end of the file", col)
	}
	return offset, nil
}

// tester builds and runs a package's tests, mutated through go test's -overlay so the package's
// own files are only read.
type tester struct {
	dir     string // the package directory, absolute
	tmp     string // scratch space, removed by the caller
	testCPU int
}

// coverProfile runs the package's tests with coverage, as gremlins does before its run.
func (t tester) coverProfile(ctx context.Context) (profile, error) {
	out := filepath.Join(t.tmp, "cover.out")
	cmd := t.goCommand(ctx, "test", "-count=1", "-covermode=set", "-coverprofile="+out, ".")
	if output, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("computing the cover profile of %s (go test -coverprofile): %w\n%s", t.dir, err, output)
	}
	f, err := os.Open(out)
	if err != nil {
		return nil, fmt.Errorf("reading the cover profile: %w", err)
	}
	defer f.Close()
	p, err := parseProfile(f)
	if err != nil {
		return nil, fmt.Errorf("reading the cover profile %s: %w", out, err)
	}
	return p, nil
}

// baseline builds the unmutated tests and times one run: the measure of a mutant's timeout.
func (t tester) baseline(ctx context.Context) (time.Duration, error) {
	binary := filepath.Join(t.tmp, "baseline.test")
	if output, err := t.compile(ctx, binary, ""); err != nil {
		return 0, fmt.Errorf("building the tests of %s: %w\n%s", t.dir, err, output)
	}
	start := time.Now()
	if err := t.runTests(ctx, binary, time.Hour); err != nil {
		return 0, fmt.Errorf("the tests of %s fail without any mutant: %w", t.dir, err)
	}
	return time.Since(start), nil
}

// test runs the package's tests against one mutant. It returns the status, the compiler's output
// for a mutant that does not compile, and an error only when the run itself could not happen.
func (t tester) test(ctx context.Context, c candidate, timeout time.Duration, n int) (string, string, error) {
	work := filepath.Join(t.tmp, fmt.Sprintf("mutant-%d", n))
	if err := os.Mkdir(work, 0o700); err != nil {
		return "", "", err
	}
	defer os.RemoveAll(work)
	replacement := filepath.Join(work, filepath.Base(c.path))
	if err := os.WriteFile(replacement, c.mutated, 0o600); err != nil {
		return "", "", err
	}
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {c.path: replacement}})
	if err != nil {
		return "", "", err
	}
	overlayPath := filepath.Join(work, "overlay.json")
	if err := os.WriteFile(overlayPath, overlay, 0o600); err != nil {
		return "", "", err
	}
	binary := filepath.Join(work, "mutant.test")
	if output, err := t.compile(ctx, binary, overlayPath); err != nil {
		if ctx.Err() != nil {
			return "", "", ctx.Err()
		}
		return notViable, string(output), nil
	}
	err = t.runTests(ctx, binary, timeout)
	switch {
	case ctx.Err() != nil:
		return "", "", ctx.Err()
	case errors.Is(err, context.DeadlineExceeded):
		return timedOut, "", nil
	case err != nil:
		return killed, "", nil
	}
	return lived, "", nil
}

// compile builds the package's test binary, with the overlay when one is given.
func (t tester) compile(ctx context.Context, binary, overlay string) ([]byte, error) {
	args := []string{"test", "-c", "-o", binary}
	if overlay != "" {
		args = append(args, "-overlay", overlay)
	}
	return t.goCommand(ctx, append(args, ".")...).CombinedOutput()
}

// goCommand runs the go command in the package directory with its scratch files under t.tmp
// (GOTMPDIR), so that they go with t.tmp even when a stop kills the go command mid-build.
func (t tester) goCommand(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = t.dir
	cmd.Env = append(os.Environ(), "GOTMPDIR="+t.tmp)
	return cmd
}

// runTests runs a test binary in the package directory (tests read testdata from there), stopping
// at the first failure as gremlins does; context.DeadlineExceeded means it ran out of time.
func (t tester) runTests(ctx context.Context, binary string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// The test's own timeout is a little longer, so that this one decides, as in gremlins.
	args := []string{"-test.failfast", "-test.timeout", (timeout + 2*time.Second).String()}
	if t.testCPU > 0 {
		args = append(args, "-test.cpu", fmt.Sprint(t.testCPU))
	}
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = t.dir
	cmd.WaitDelay = 5 * time.Second
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	err := cmd.Run()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("%w\n%s", err, output.Bytes())
	}
	return nil
}
