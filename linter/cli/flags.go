package cli

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/report"
)

// output is one report to write: a format and its file ("" for standard output).
type output struct {
	format string
	file   string
}

// lintOptions are the lint command's flags. The *Set fields record whether a flag was given, so
// that .hybridlint.hcl fills in only what the command line leaves open.
type lintOptions struct {
	outputs        []output
	formatSet      bool
	failOn         string
	failOnSet      bool
	output         string
	tfBin          string
	chdir          string
	idleWindow     int
	idleWindowSet  bool
	noColor        bool
	config         string
	noConfig       bool
	baseline       string
	writeBaseline  string
	onlyChanged    bool
	onlyChangedSet bool
	showSuppressed bool
	azureHostJSON  string
	usage          string
	files          []string
}

// Flags are parsed by hand so that they may follow the plan files (hybridlint plan.json --format json),
// as users of tflint and terraform expect.
func parseLintArgs(args []string) (*lintOptions, error) {
	o := &lintOptions{outputs: []output{{format: "text"}}, failOn: "warning", idleWindow: 5}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "-" || !strings.HasPrefix(arg, "-") {
			o.files = append(o.files, arg)
			continue
		}
		if arg == "--" {
			o.files = append(o.files, args[i+1:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		needValue := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", &usageError{msg: fmt.Sprintf("flag --%s needs a value", name)}
			}
			i++
			return args[i], nil
		}
		boolValue := func() (bool, error) {
			if !hasValue {
				return true, nil
			}
			b, err := strconv.ParseBool(value)
			if err != nil {
				return false, &usageError{msg: fmt.Sprintf("--%s=%s: want true or false", name, value)}
			}
			return b, nil
		}
		var err error
		var v string
		switch name {
		case "format", "f":
			if v, err = needValue(); err == nil {
				// Repeated --format flags add up, like a comma-separated list.
				var outs []output
				if outs, err = parseOutputs(v); err == nil {
					if o.formatSet {
						o.outputs = append(o.outputs, outs...)
					} else {
						o.outputs = outs
					}
				}
				o.formatSet = true
			}
		case "fail-on":
			o.failOn, err = needValue()
			o.failOnSet = true
		case "output", "o":
			o.output, err = needValue()
		case "tf-bin":
			o.tfBin, err = needValue()
		case "chdir":
			o.chdir, err = needValue()
		case "idle-window":
			if v, err = needValue(); err == nil {
				n, scanErr := strconv.Atoi(v)
				if scanErr != nil || n <= 0 {
					err = &usageError{msg: fmt.Sprintf("--idle-window %q: want a whole number of minutes above 0", v)}
				}
				o.idleWindow, o.idleWindowSet = n, true
			}
		case "no-color":
			o.noColor = true
		case "config":
			o.config, err = needValue()
		case "no-config":
			o.noConfig = true
		case "baseline":
			o.baseline, err = needValue()
		case "write-baseline":
			o.writeBaseline, err = needValue()
		case "only-changed":
			o.onlyChanged, err = boolValue()
			o.onlyChangedSet = true
		case "show-suppressed":
			o.showSuppressed, err = boolValue()
		case "azure-host-json":
			o.azureHostJSON, err = needValue()
		case "usage":
			o.usage, err = needValue()
		case "h", "help":
			return nil, &usageError{msg: "lint usage:\n" + helpText}
		default:
			err = &usageError{msg: fmt.Sprintf("unknown flag %s", arg)}
		}
		if err != nil {
			return nil, err
		}
	}
	if err := checkFailOn(o.failOn); err != nil {
		return nil, err
	}
	if len(o.files) == 0 {
		return nil, &usageError{msg: "no plan given: pass a plan JSON file, a binary plan file, or - for stdin\n  " +
			"make one with: terraform plan -out tf.plan && terraform show -json tf.plan > plan.json"}
	}
	if o.config != "" && o.noConfig {
		return nil, &usageError{msg: "--config and --no-config exclude each other"}
	}
	return o, nil
}

func checkFailOn(v string) error {
	switch v {
	case "error", "warning", "notice", "none":
		return nil
	}
	return &usageError{msg: fmt.Sprintf("unknown --fail-on %q (use error, warning, notice or none)", v)}
}

// parseOutputs reads "text", "json", or a list "github,sarif:out.sarif,markdown:comment.md". A file
// follows the first colon, so Windows paths (sarif:C:\out.sarif) keep theirs.
func parseOutputs(v string) ([]output, error) {
	var out []output
	for _, part := range strings.Split(v, ",") {
		format, file, _ := strings.Cut(strings.TrimSpace(part), ":")
		if !validFormat(format) {
			return nil, &usageError{msg: fmt.Sprintf("unknown --format %q (use %s; FORMAT:FILE writes it to a file)", format, strings.Join(report.Formats, ", "))}
		}
		out = append(out, output{format: format, file: file})
	}
	return out, nil
}

func validFormat(f string) bool {
	for _, v := range report.Formats {
		if v == f {
			return true
		}
	}
	return false
}

// resolveOutputs gives --output to the one format without a file, and refuses two reports on
// standard output, which no reader could take apart.
func resolveOutputs(outs []output, file string) ([]output, error) {
	res := append([]output(nil), outs...)
	var toStdout []int
	for i, o := range res {
		if o.file == "" || o.file == "-" {
			res[i].file = ""
			toStdout = append(toStdout, i)
		}
	}
	if file != "" {
		switch len(toStdout) {
		case 0:
			return nil, &usageError{msg: "--output has no format to write: every --format names its own file"}
		case 1:
			res[toStdout[0]].file = file
			toStdout = nil
		default:
			return nil, &usageError{msg: "--output applies to one format; give the others a file, e.g. --format github,sarif:hybridlint.sarif"}
		}
	}
	if len(toStdout) > 1 {
		return nil, &usageError{msg: "only one format can write to standard output; give the others a file, e.g. --format github,sarif:hybridlint.sarif"}
	}
	written := map[string]string{}
	for _, o := range res {
		if o.file == "" {
			continue
		}
		if other, dup := written[filepath.Clean(o.file)]; dup {
			return nil, &usageError{msg: fmt.Sprintf("--format %s and %s both write to %s: give each its own file", other, o.format, o.file)}
		}
		written[filepath.Clean(o.file)] = o.format
	}
	return res, nil
}
