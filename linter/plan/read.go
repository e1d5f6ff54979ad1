package plan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
)

// mapThreshold is the size above which a plan file is mapped instead of copied: a large plan then
// costs neither a copy nor the zeroing of a buffer as large as the file.
const mapThreshold = 8 << 20

// DefaultMaxInputMB is the largest plan, in MiB, that hybridlint reads unless the environment
// variable MaxInputEnv says otherwise (README, "Limits"). The largest real plans we know of are a
// few hundred MB; the cap is what keeps /dev/zero, a runaway `terraform show` or a file that is
// not a plan from taking every byte of memory.
const DefaultMaxInputMB = 1024

// MaxInputEnv names the environment variable that sets the size limit of every input, in MiB.
const MaxInputEnv = "HYBRIDLINT_MAX_INPUT_MB"

// SmallInputMax caps the files that are not plans (configuration, baseline, usage, host.json):
// each is a few KB, and 64 MiB leaves room for a baseline of a very large estate.
const SmallInputMax = 64 << 20

// MaxInputSize is the size limit of a plan in bytes: MaxInputEnv from getenv (os.Getenv when nil),
// or DefaultMaxInputMB.
func MaxInputSize(getenv func(string) string) (int64, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	v := getenv(MaxInputEnv)
	if v == "" {
		return DefaultMaxInputMB << 20, nil
	}
	mb, err := strconv.ParseInt(v, 10, 64)
	if err != nil || mb < 1 || mb > 1<<30 {
		return 0, fmt.Errorf("%s=%q: not a size in MiB between 1 and %d (unset it for the default, %d)", MaxInputEnv, v, 1<<30, DefaultMaxInputMB)
	}
	return mb << 20, nil
}

// TooLarge is the InputError for an input above its size limit.
func TooLarge(path, what string, limit int64) *InputError {
	hint := "check that this is the right file"
	if limit > SmallInputMax {
		hint = fmt.Sprintf("if it really is a plan, raise the limit with %s=<MiB> (now %d)", MaxInputEnv, limit>>20)
	}
	return &InputError{Path: path, Problem: fmt.Sprintf("larger than the %d MiB limit for %s", limit>>20, what), Hint: hint}
}

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
// It reads nothing from what is not a regular file (a pipe can be read only once).
func IsBinaryPlanFile(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return false, err
	}
	head := make([]byte, 4)
	n, err := f.Read(head)
	if err != nil && n == 0 {
		return false, nil
	}
	return IsBinaryPlan(head[:n]), nil
}

// readFile returns the file's bytes, mapped when large. Errors are InputErrors that say what to do.
func readFile(path string) ([]byte, bool, error) {
	limit, err := MaxInputSize(nil)
	if err != nil {
		return nil, false, &InputError{Path: path, Problem: err.Error()}
	}
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
	if info.Mode().IsRegular() && info.Size() > limit {
		return nil, false, TooLarge(path, "a plan", limit)
	}
	if info.Mode().IsRegular() && info.Size() >= mapThreshold {
		if data, err := mapFile(f, info.Size()); err == nil {
			registerMapping(path, data)
			return data, true, nil
		}
	}
	data, err := ReadAll(path, f, "a plan", limit)
	return data, false, err
}

// ReadAll reads r (the input named path) to its end, or stops with TooLarge past limit bytes:
// what is not a regular file (a pipe, a device such as /dev/zero) has no size to check first.
func ReadAll(path string, r io.Reader, what string, limit int64) ([]byte, error) {
	var data []byte
	var err error
	if buf, mapErr := streamBuffer(limit + 1); mapErr == nil {
		var n int
		n, err = io.ReadFull(r, buf)
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = nil
		}
		data = buf[:n:n]
	} else {
		data, err = io.ReadAll(io.LimitReader(r, limit+1))
	}
	if err != nil {
		return nil, &InputError{Path: path, Problem: fmt.Sprintf("cannot read: %v", err)}
	}
	if int64(len(data)) > limit {
		return nil, TooLarge(path, what, limit)
	}
	return data, nil
}

// ReadSmallFile reads a file that is not a plan (configuration, baseline, usage, host.json), up to
// SmallInputMax bytes. Errors are the os package's (errors.Is(err, fs.ErrNotExist) holds for a
// missing file), or TooLarge.
func ReadSmallFile(path, what string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() && !info.IsDir() { // a directory: the os package's error
		// A pipe or a device (/dev/zero): read into one buffer of the limit's size, not a slice
		// grown by copying, whose garbage (the collector runs late, see main.tuneGC) took twice
		// the limit and more.
		return ReadAll(path, f, what, SmallInputMax)
	}
	if info.Size() > SmallInputMax {
		return nil, TooLarge(path, what, SmallInputMax)
	}
	data, err := io.ReadAll(io.LimitReader(f, SmallInputMax+1))
	if err == nil && len(data) > SmallInputMax {
		return nil, TooLarge(path, what, SmallInputMax)
	}
	return data, err
}
