package plan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// mapThreshold is the size above which a plan file is mapped instead of copied: a large plan then
// costs neither a copy nor the zeroing of a buffer as large as the file.
const mapThreshold = 8 << 20

// Load reads and parses a plan file. A large file is mapped read-only; the members of the plan
// that nothing points into once parsed (planned_values, prior_state, resource_drift, ...) are
// handed back to the OS as soon as the scanner has passed them, so the memory a lint needs is the
// resource changes plus what the rules build, not the whole file.
//
// A binary plan file (see IsBinaryPlan) is refused with an InputError saying how to convert it.
func Load(path string) (*Plan, error) {
	data, mapped, err := readFile(path)
	if err != nil {
		return nil, err
	}
	var release func([]byte)
	if mapped {
		release = releasePages
	}
	return parse(path, data, release)
}

// IsBinaryPlanFile reports whether the file at path is a saved plan (a zip) rather than JSON.
func IsBinaryPlanFile(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, 4)
	n, err := f.Read(head)
	if err != nil && n == 0 {
		return false, nil
	}
	return IsBinaryPlan(head[:n]), nil
}

// readFile returns the file's bytes, mapped when large. Errors are InputErrors that say what to do.
func readFile(path string) ([]byte, bool, error) {
	f, err := os.Open(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, false, &InputError{Path: path, Problem: "no such file", Hint: "check the path; " + howToMakePlan}
	case err != nil:
		return nil, false, &InputError{Path: path, Problem: fmt.Sprintf("cannot open: %v", err)}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false, &InputError{Path: path, Problem: fmt.Sprintf("cannot read: %v", err)}
	}
	if info.IsDir() {
		return nil, false, &InputError{Path: path, Problem: "is a directory, not a plan file",
			Hint: "pass the plan JSON file itself, e.g. " + path + "/plan.json"}
	}
	if info.Size() >= mapThreshold {
		if data, err := mapFile(f, info.Size()); err == nil {
			return data, true, nil
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false, &InputError{Path: path, Problem: fmt.Sprintf("cannot read: %v", err)}
	}
	return data, false, nil
}
