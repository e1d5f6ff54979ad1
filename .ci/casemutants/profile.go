package main

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"strings"
)

// block is one line of a Go cover profile that tests ran: a source range of a file.
type block struct {
	startLine, startCol, endLine, endCol int
}

// profile holds the blocks a package's tests ran, by file base name (a package's files share one
// directory, and the profile names them by import path).
type profile map[string][]block

// parseProfile reads a `go test -coverprofile` file and keeps the blocks run at least once.
func parseProfile(r io.Reader) (profile, error) {
	p := profile{}
	scanner := bufio.NewScanner(r)
	for n := 1; scanner.Scan(); n++ {
		line := scanner.Text()
		if n == 1 {
			if !strings.HasPrefix(line, "mode: ") {
				return nil, fmt.Errorf("line 1: %q is not a cover profile's mode line", line)
			}
			continue
		}
		if line == "" {
			continue
		}
		// name.go:12.7,14.2 3 1
		colon := strings.LastIndex(line, ":")
		if colon < 0 {
			return nil, fmt.Errorf("line %d: %q has no file name", n, line)
		}
		var b block
		var statements, count int
		if _, err := fmt.Sscanf(line[colon+1:], "%d.%d,%d.%d %d %d", &b.startLine, &b.startCol, &b.endLine, &b.endCol, &statements, &count); err != nil {
			return nil, fmt.Errorf("line %d: %q: %w", n, line, err)
		}
		if count > 0 {
			name := path.Base(line[:colon])
			p[name] = append(p[name], b)
		}
	}
	if err := scanner.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// covers reports whether a test ran the block holding line:col of file.
func (p profile) covers(file string, line, col int) bool {
	for _, b := range p[path.Base(file)] {
		afterStart := line > b.startLine || line == b.startLine && col >= b.startCol
		beforeEnd := line < b.endLine || line == b.endLine && col <= b.endCol
		if afterStart && beforeEnd {
			return true
		}
	}
	return false
}
