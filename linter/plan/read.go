package plan

import (
	"fmt"
	"os"
)

// mapThreshold is the size above which ReadFile maps a file instead of copying it: a large plan
// then costs neither a copy nor the zeroing of a buffer as large as the file.
const mapThreshold = 8 << 20

// ReadFile returns a file's contents for Parse. Large files are mapped read-only, so the caller
// must not write to the result; the mapping lives as long as the process, which is what a lint
// run needs (the plan's raw values point into it).
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() >= mapThreshold {
		if data, err := mapFile(f, info.Size()); err == nil {
			return data, nil
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return data, nil
}
