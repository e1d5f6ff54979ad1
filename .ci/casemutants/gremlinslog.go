package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// mutant is one line of a gremlins log: a mutator type at a position, the file relative to the
// package directory (gremlins v0.6.0 prints `scan.go:12:7` when run on `./internal/schedule`).
type mutant struct {
	Type string
	File string
	Line int
	Col  int
}

func (m mutant) String() string {
	return fmt.Sprintf("%s at %s:%d:%d", m.Type, m.File, m.Line, m.Col)
}

// statusLine formats a result as gremlins v0.6.0 does (report.Mutant): the status right-aligned in
// 12 columns, so the same awk counts both passes.
func statusLine(status string, m mutant) string {
	return fmt.Sprintf("%12s %s", status, m)
}

var (
	// ansi matches the colour codes gremlins adds when its output is a terminal.
	ansi = regexp.MustCompile(`\x1b\[[0-9;]*m`)
	// notCovered matches gremlins' line for a mutant it did not run for want of coverage.
	notCovered = regexp.MustCompile(`^\s*NOT COVERED ([A-Z_]+) at (.+):(\d+):(\d+)\s*$`)
)

// parseLog returns the NOT COVERED mutants of a gremlins log, in the log's order. It stops at
// "Shutting down" (gremlins stopped by a time budget: what follows is not a measurement) and at a
// line starting with "===", the marker `make mutate` writes before this pass's own lines.
func parseLog(r io.Reader) ([]mutant, error) {
	var mutants []mutant
	scanner := bufio.NewScanner(r)
	for n := 1; scanner.Scan(); n++ {
		line := ansi.ReplaceAllString(scanner.Text(), "")
		if strings.Contains(line, "Shutting down") || strings.HasPrefix(line, "===") {
			break
		}
		match := notCovered.FindStringSubmatch(line)
		if match == nil {
			continue
		}
		lineNo, err := strconv.Atoi(match[3])
		if err != nil {
			return nil, fmt.Errorf("line %d: line number %q: %w", n, match[3], err)
		}
		col, err := strconv.Atoi(match[4])
		if err != nil {
			return nil, fmt.Errorf("line %d: column %q: %w", n, match[4], err)
		}
		if _, known := mutations[match[1]]; !known {
			return nil, fmt.Errorf("line %d: unknown mutator %s (gremlins v0.6.0's types are expected)", n, match[1])
		}
		mutants = append(mutants, mutant{Type: match[1], File: match[2], Line: lineNo, Col: col})
	}
	if err := scanner.Err(); err != nil {
		return nil, err
	}
	return mutants, nil
}
