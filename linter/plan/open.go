package plan

import (
	"context"
	"io"
)

// Input is one plan as the user named it on the command line: the plan model, and what finding
// its sources needs.
type Input struct {
	Plan *Plan
	// PlanFile is the binary plan file's content when the input was one, nil otherwise: its
	// configuration snapshot (tfconfig/) is the best source of file:line locations.
	PlanFile []byte
}

// OpenOptions say how to read the inputs that need more than their file.
type OpenOptions struct {
	// Stdin is read for the name "-".
	Stdin io.Reader
	// TFBin is the terraform or tofu binary that converts a binary plan (--tf-bin); "" tries
	// terraform, then tofu, on PATH.
	TFBin string
	// Dir is the configuration's directory, where terraform runs for a binary plan (--chdir); ""
	// means the current directory.
	Dir string
}

// StdinName is how standard input is named in messages and reports.
const StdinName = "<stdin>"

// Open reads the plan named name: "-" for standard input (plan JSON), a plan JSON file, or a
// binary plan file, converted with terraform or tofu show -json. Every error about the input is
// an InputError: it names the input, says what is wrong and what to do.
func Open(ctx context.Context, name string, o OpenOptions) (*Input, error) {
	if name == "-" {
		return openStdin(o.Stdin)
	}
	if binary, _ := IsBinaryPlanFile(name); !binary {
		// Load explains a missing file, a directory, an empty or broken one.
		p, err := Load(name)
		if err != nil {
			return nil, err
		}
		return &Input{Plan: p}, nil
	}
	dir := o.Dir
	if dir == "" {
		dir = "."
	}
	p, err := LoadBinary(ctx, name, o.TFBin, dir)
	if err != nil {
		return nil, err
	}
	snapshot, _, err := readFile(name) // size-checked, mapped when large
	if err != nil {
		return nil, err
	}
	return &Input{Plan: p, PlanFile: snapshot}, nil
}

func openStdin(stdin io.Reader) (*Input, error) {
	if stdin == nil {
		return nil, &InputError{Path: StdinName, Problem: "no standard input to read", Hint: "pass the plan file's name instead of -"}
	}
	limit, err := MaxInputSize(nil)
	if err != nil {
		return nil, &InputError{Path: StdinName, Problem: err.Error()}
	}
	data, err := ReadAll(StdinName, stdin, "a plan", limit)
	if err != nil {
		return nil, err
	}
	if IsBinaryPlan(data) {
		// terraform show reads a plan from a file only.
		return nil, &InputError{Path: StdinName, Problem: "this is a binary plan file, not JSON",
			Hint: "pass the binary plan file's name instead of -, or pipe its JSON instead: terraform show -json tf.plan"}
	}
	p, err := Parse(StdinName, data)
	if err != nil {
		return nil, err
	}
	return &Input{Plan: p}, nil
}
