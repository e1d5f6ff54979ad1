package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tinyDir is a module whose tests reach some of the constructs gremlins cannot see and not others;
// tiny.gremlins.log is gremlins v0.6.0's own log of it (`gremlins unleash --workers 1
// --timeout-coefficient 10 .` in that directory).
const (
	tinyDir = "testdata/tiny"
	tinyLog = "testdata/tiny.gremlins.log"
)

// locate returns the offset, line and column of the occurrence of tok within the first line of src
// that contains within: how a test names a mutant without counting columns.
func locate(t *testing.T, src, within, tok string) (offset, line, col int) {
	t.Helper()
	start := strings.Index(src, within)
	require.GreaterOrEqual(t, start, 0, "%q not in the source", within)
	inner := strings.Index(within, tok)
	require.GreaterOrEqual(t, inner, 0, "%q not in %q", tok, within)
	offset = start + inner
	line = strings.Count(src[:offset], "\n") + 1
	col = offset - strings.LastIndex(src[:offset], "\n")
	return offset, line, col
}

// lineAt returns the whole line of src holding offset.
func lineAt(src string, offset int) string {
	start := strings.LastIndex(src[:offset], "\n") + 1
	end := strings.Index(src[offset:], "\n")
	if end < 0 {
		return src[start:]
	}
	return src[start : offset+end]
}

func TestClassifyAndMutate(t *testing.T) {
	dir, err := filepath.Abs(tinyDir)
	require.NoError(t, err)
	covered, err := tester{dir: dir, tmp: t.TempDir()}.coverProfile(context.Background())
	require.NoError(t, err)
	path := filepath.Join(dir, "tiny.go")
	srcBytes, err := os.ReadFile(path)
	require.NoError(t, err)
	src := string(srcBytes)
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, srcBytes, parser.SkipObjectResolution)
	require.NoError(t, err)

	tests := []struct {
		name     string
		within   string // the source text holding the token
		tok      string
		mutator  string
		want     reach
		wantLine string // the token's line after the mutation
	}{
		{"tagless case, body covered: boundary", "case n > Limit:", ">", "CONDITIONALS_BOUNDARY", caseCondition, "\tcase n >= Limit:"},
		{"tagless case, body covered: negation", "case n > Limit:", ">", "CONDITIONALS_NEGATION", caseCondition, "\tcase n <= Limit:"},
		{"tagless case, body not covered", "case n < 0:", "<", "CONDITIONALS_BOUNDARY", unreached, "\tcase n <= 0:"},
		{"constant expression", "const Limit = 4 * 5", "*", "ARITHMETIC_BASE", packageLevel, "const Limit = 4 / 5"},
		{"string concatenation in a constant", `const greeting = "hello, " + "world"`, "+", "ARITHMETIC_BASE", packageLevel, `const greeting = "hello, " - "world"`},
		{"case value of a switch with a tag, body covered", "case Limit - 1:", "-", "INVERT_NEGATIVES", unreached, "\tcase Limit + 1:"},
		{"function literal at package level", "return n >= Limit }", ">=", "CONDITIONALS_NEGATION", unreached, "var Check = func(n int) bool { return n < Limit }"},
		{"covered function body: not this pass's business", "return n * 2", "*", "ARITHMETIC_BASE", unreached, "func Double(n int) int { return n / 2 }"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			offset, _, _ := locate(t, src, tt.within, tt.tok)
			pos := fset.File(file.Pos()).Pos(offset)
			assert.Equal(t, tt.want, classify(fset, file, pos, covered), "classified as %s", classify(fset, file, pos, covered))

			mutated, err := mutate(srcBytes, offset, tt.mutator)
			require.NoError(t, err)
			line := lineAt(src, offset)
			assert.Equal(t, tt.wantLine, lineAt(string(mutated), offset))
			assert.Equal(t, strings.Replace(src, line, tt.wantLine, 1), string(mutated), "only the token changes")
		})
	}
}

func TestMutate(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		within  string
		tok     string
		mutator string
		want    string
	}{
		{"boundary", "package p\nvar b = a<c\n", "a<c", "<", "CONDITIONALS_BOUNDARY", "package p\nvar b = a<=c\n"},
		{"negation of <=", "package p\nvar b = a <= c\n", "<=", "<=", "CONDITIONALS_NEGATION", "package p\nvar b = a > c\n"},
		{"remainder becomes a product", "package p\nvar b = a % c\n", "%", "%", "ARITHMETIC_BASE", "package p\nvar b = a * c\n"},
		{"increment", "package p\nfunc f() { i++ }\n", "i++", "++", "INCREMENT_DECREMENT", "package p\nfunc f() { i-- }\n"},
		{"logical", "package p\nvar b = x && y\n", "&&", "&&", "INVERT_LOGICAL", "package p\nvar b = x || y\n"},
		{"a minus that would fuse with the next one is set apart", "package p\nvar b = x+-1\n", "+-", "+", "ARITHMETIC_BASE", "package p\nvar b = x - -1\n"},
		{"a slash that would open a comment is set apart", "package p\nvar b = x**p\n", "**", "*", "ARITHMETIC_BASE", "package p\nvar b = x / *p\n"},
		{"unary minus", "package p\nvar b = -x\n", "-x", "-", "INVERT_NEGATIVES", "package p\nvar b = +x\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			offset, _, _ := locate(t, tt.src, tt.within, tt.tok)
			got, err := mutate([]byte(tt.src), offset, tt.mutator)
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got))
		})
	}
}

func TestMutateRefusesWhatGremlinsWouldNotProduce(t *testing.T) {
	src := []byte("package p\nvar b = a < c // x\n")
	lss := bytes.IndexByte(src, '<')
	tests := []struct {
		name    string
		offset  int
		mutator string
		wantErr string
	}{
		{"mutator for another token", lss, "ARITHMETIC_BASE", `ARITHMETIC_BASE does not apply to the "<" token`},
		{"not at a token's start", lss + 1, "CONDITIONALS_BOUNDARY", "no token starts at offset"},
		{"inside a comment", bytes.IndexByte(src, 'x'), "CONDITIONALS_BOUNDARY", "no token starts at offset"},
		{"unknown mutator", lss, "SHUFFLE", "unknown mutator SHUFFLE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mutate(src, tt.offset, tt.mutator)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestParseLog(t *testing.T) {
	f, err := os.Open(tinyLog)
	require.NoError(t, err)
	defer f.Close()
	mutants, err := parseLog(f)
	require.NoError(t, err)
	require.Len(t, mutants, 10, "the log's NOT COVERED lines, not its KILLED one")
	assert.Equal(t, mutant{Type: "ARITHMETIC_BASE", File: "tiny.go", Line: 6, Col: 17}, mutants[0])
	assert.Equal(t, mutant{Type: "CONDITIONALS_NEGATION", File: "tiny.go", Line: 36, Col: 41}, mutants[9])

	tests := []struct {
		name    string
		log     string
		want    []mutant
		wantErr string
	}{
		{"colours stripped", "\x1b[93m NOT COVERED\x1b[0m CONDITIONALS_BOUNDARY at a/b.go:3:4\n",
			[]mutant{{Type: "CONDITIONALS_BOUNDARY", File: "a/b.go", Line: 3, Col: 4}}, ""},
		{"nothing after gremlins was stopped", " NOT COVERED INVERT_NEGATIVES at a.go:1:2\nShutting down gracefully\n NOT COVERED INVERT_NEGATIVES at a.go:5:6\n",
			[]mutant{{Type: "INVERT_NEGATIVES", File: "a.go", Line: 1, Col: 2}}, ""},
		{"nothing after make mutate's marker", " NOT COVERED INVERT_NEGATIVES at a.go:1:2\n=== second pass\n NOT COVERED INVERT_NEGATIVES at a.go:5:6\n",
			[]mutant{{Type: "INVERT_NEGATIVES", File: "a.go", Line: 1, Col: 2}}, ""},
		{"other statuses ignored", "      KILLED ARITHMETIC_BASE at a.go:1:2\n       LIVED ARITHMETIC_BASE at a.go:1:3\n", nil, ""},
		{"unknown mutator", " NOT COVERED SHUFFLE at a.go:1:2\n", nil, "line 1: unknown mutator SHUFFLE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseLog(strings.NewReader(tt.log))
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestStatusLineIsGremlinsFormat(t *testing.T) {
	m := mutant{Type: "CONDITIONALS_BOUNDARY", File: "scan.go", Line: 12, Col: 7}
	assert.Equal(t, "      KILLED CONDITIONALS_BOUNDARY at scan.go:12:7", statusLine(killed, m))
	assert.Equal(t, "  NOT VIABLE CONDITIONALS_BOUNDARY at scan.go:12:7", statusLine(notViable, m))
	assert.Equal(t, "   TIMED OUT CONDITIONALS_BOUNDARY at scan.go:12:7", statusLine(timedOut, m))
}

func TestProfile(t *testing.T) {
	p, err := parseProfile(strings.NewReader("mode: set\n" +
		"example.com/m/a.go:3.10,5.2 2 1\n" +
		"example.com/m/a.go:7.10,9.2 1 0\n"))
	require.NoError(t, err)
	tests := []struct {
		line, col int
		want      bool
	}{
		{3, 10, true}, {3, 9, false}, {4, 1, true}, {5, 2, true}, {5, 3, false},
		{8, 1, false}, // a block the tests did not run
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, p.covers("a.go", tt.line, tt.col), "a.go:%d:%d", tt.line, tt.col)
	}
	assert.False(t, p.covers("b.go", 4, 1))

	_, err = parseProfile(strings.NewReader("a.go:3.10,5.2 2 1\n"))
	assert.ErrorContains(t, err, "not a cover profile's mode line")
	_, err = parseProfile(strings.NewReader("mode: set\na.go:3.10 2 1\n"))
	assert.ErrorContains(t, err, "line 2")
}

// snapshot hashes every file under dir, to show that a run leaves the package as it found it.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	files := map[string][32]byte{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = sha256.Sum256(data)
		return err
	}))
	return files
}

// TestEndToEnd runs the pass on gremlins' own log of the tiny module: the constant's mutant dies, the
// string concatenation does not compile, the covered case's negation dies and its boundary lives
// (no test sits at 20 and 21); the rest stays as gremlins reported it.
func TestEndToEnd(t *testing.T) {
	before := snapshot(t, tinyDir)
	var stdout, stderr bytes.Buffer
	code := run([]string{"-timeout-coefficient", "10", tinyLog, tinyDir}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	assert.Equal(t, strings.Join([]string{
		"      KILLED ARITHMETIC_BASE at tiny.go:6:17",
		"  NOT VIABLE ARITHMETIC_BASE at tiny.go:9:28",
		"       LIVED CONDITIONALS_BOUNDARY at tiny.go:17:9",
		"      KILLED CONDITIONALS_NEGATION at tiny.go:17:9",
		"",
	}, "\n"), stdout.String())
	assert.Contains(t, stderr.String(), "ran 4 of gremlins' 10 mutants without coverage (2 case conditions with a covered body, 2 package-level); left 6 as reported")
	assert.Equal(t, before, snapshot(t, tinyDir), "the module's files are only read")
}

// TestStopLeavesNothingBehind stops a pass midway, as make mutate's time budget does: its scratch
// files, the go command's among them, are gone and the module is as it was.
func TestStopLeavesNothingBehind(t *testing.T) {
	scratch := t.TempDir()
	t.Setenv("TMPDIR", scratch)
	before := snapshot(t, tinyDir)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	p := pass{logPath: tinyLog, dir: tinyDir, coefficient: 10, testCPU: 1, out: &stdout, diag: &stderr}
	require.Error(t, p.run(ctx), "the pass outlived its context")
	entries, err := os.ReadDir(scratch)
	require.NoError(t, err)
	assert.Empty(t, entries)
	assert.Equal(t, before, snapshot(t, tinyDir))
}

func TestDryRunRunsNoTest(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run([]string{"-dry-run", tinyLog, tinyDir}, &stdout, &stderr), stderr.String())
	assert.Equal(t, strings.Join([]string{
		"    RUNNABLE ARITHMETIC_BASE at tiny.go:6:17",
		"    RUNNABLE ARITHMETIC_BASE at tiny.go:9:28",
		"    RUNNABLE CONDITIONALS_BOUNDARY at tiny.go:17:9",
		"    RUNNABLE CONDITIONALS_NEGATION at tiny.go:17:9",
		"",
	}, "\n"), stdout.String())
	assert.Contains(t, stderr.String(), "would run 4 of gremlins' 10 mutants")
}

func TestBadInput(t *testing.T) {
	stale := filepath.Join(t.TempDir(), "stale.log")
	require.NoError(t, os.WriteFile(stale, []byte(" NOT COVERED ARITHMETIC_BASE at tiny.go:400:2\n"), 0o600))
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no arguments", nil, "usage: casemutants"},
		{"missing log", []string{filepath.Join(t.TempDir(), "none.log"), tinyDir}, "reading the gremlins log"},
		{"log of another source", []string{stale, tinyDir}, "no position 400:2"},
		{"log of another package", []string{tinyLog, t.TempDir()}, "computing the cover profile"},
		{"timeout coefficient below 1", []string{"-timeout-coefficient", "0", tinyLog, tinyDir}, "must be at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, 2, run(tt.args, &stdout, &stderr))
			assert.Contains(t, stderr.String(), tt.wantErr)
			assert.Empty(t, stdout.String())
		})
	}
}
