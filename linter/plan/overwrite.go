package plan

import (
	"fmt"
	"os"
)

// RefuseOverwrite returns an error when an output file is one of the inputs: the same file by
// identity (device and inode), so that ./p.json, a symbolic link or a hard link to the plan is
// caught as surely as its name. flag names the output's flag in the message. Inputs and outputs
// that do not exist (yet) are no conflict.
func RefuseOverwrite(flag, output string, inputs map[string]string) error {
	if output == "" || output == "-" {
		return nil
	}
	out, err := os.Stat(output)
	if err != nil {
		return nil
	}
	for path, what := range inputs {
		if path == "" || path == "-" {
			continue
		}
		if in, err := os.Stat(path); err == nil && os.SameFile(in, out) {
			return &InputError{Path: output, Problem: fmt.Sprintf("%s would overwrite %s %s", flag, what, path),
				Hint: "write the output to another file; hybridlint never changes its inputs"}
		}
	}
	return nil
}
