package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// output is one report to write: a format and its file ("" for standard output).
type output struct {
	format string
	file   string
}

// commonOptions are the flags lint and cost share: which plans, where their configuration is,
// which settings the rules and the cost model use, and where the report goes. The *Set fields
// record whether a flag was given, so that .hybridlint.hcl fills in only what the command line
// leaves open.
type commonOptions struct {
	outputs       []output
	formatSet     bool
	output        string
	tfBin         string
	chdir         string
	idleWindow    int
	idleWindowSet bool
	config        string
	noConfig      bool
	azureHostJSON string
	usage         string
	metrics       []string
	metricsDays   int // 0: not given, metrics.DefaultWindowDays
	files         []string
}

// lintOptions are the lint command's flags.
type lintOptions struct {
	commonOptions
	failOn         string
	failOnSet      bool
	noColor        bool
	baseline       string
	writeBaseline  string
	onlyChanged    bool
	onlyChangedSet bool
	showSuppressed bool
}

// costOptions are the cost command's flags.
type costOptions struct {
	commonOptions
	margin    int
	marginSet bool
}

// formatList is a command's output formats; aliases are other names kept working.
type formatList struct {
	names   []string
	aliases map[string]string
}

// flagArg is one flag on the command line, with access to the argument after it.
type flagArg struct {
	arg, name, value string
	hasValue         bool
	args             []string
	i                *int
}

// needValue returns the flag's value: after = or the next argument.
func (f *flagArg) needValue() (string, error) {
	if f.hasValue {
		return f.value, nil
	}
	if *f.i+1 >= len(f.args) {
		return "", &usageError{msg: fmt.Sprintf("flag --%s needs a value", f.name)}
	}
	*f.i++
	return f.args[*f.i], nil
}

// boolValue returns true for a bare flag, else the value after =.
func (f *flagArg) boolValue() (bool, error) {
	if !f.hasValue {
		return true, nil
	}
	b, err := strconv.ParseBool(f.value)
	if err != nil {
		return false, &usageError{msg: fmt.Sprintf("--%s=%s: want true or false", f.name, f.value)}
	}
	return b, nil
}

// intValue returns the flag's value as a whole number from lo to hi.
func (f *flagArg) intValue(lo, hi int, what string) (int, error) {
	v, err := f.needValue()
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, &usageError{msg: fmt.Sprintf("--%s %q: want %s", f.name, v, what)}
	}
	return n, nil
}

// parseArgs reads a command line of plans and flags into c. Flags are parsed by hand so that they
// may follow the plan files (hybridlint plan.json --format json), as users of tflint and terraform
// expect. The flags lint and cost share are read here, once; own reads the command's other flags
// and reports whether it knew the flag. help is the command's help, for -h.
func parseArgs(args []string, c *commonOptions, formats formatList, help string, own func(f *flagArg) (bool, error)) error {
	c.outputs = []output{{format: "text"}}
	c.idleWindow = 5
	err := scanArgs(args, &c.files, func(f *flagArg) error {
		known, err := c.parseFlag(f, formats)
		if !known && err == nil {
			if f.name == "h" || f.name == "help" {
				return &usageError{msg: "usage:\n" + help}
			}
			known, err = own(f)
		}
		if !known && err == nil {
			err = &usageError{msg: fmt.Sprintf("unknown flag %s", f.arg)}
		}
		return err
	})
	if err != nil {
		return err
	}
	return c.check()
}

// scanArgs walks a command line: plans (and "-", and everything after "--") are appended to
// files, and each flag is handed to flag, which may consume the next argument as its value.
func scanArgs(args []string, files *[]string, flag func(f *flagArg) error) error {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "-" || !strings.HasPrefix(arg, "-") {
			*files = append(*files, arg)
			continue
		}
		if arg == "--" {
			*files = append(*files, args[i+1:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if err := flag(&flagArg{arg: arg, name: name, value: value, hasValue: hasValue, args: args, i: &i}); err != nil {
			return err
		}
	}
	return nil
}

// parseFlag reads f when it is a shared flag.
func (c *commonOptions) parseFlag(f *flagArg, formats formatList) (bool, error) {
	var err error
	switch f.name {
	case "format", "f":
		var v string
		if v, err = f.needValue(); err == nil {
			// Repeated --format flags add up, like a comma-separated list.
			var outs []output
			if outs, err = parseOutputs(v, formats); err == nil {
				if c.formatSet {
					c.outputs = append(c.outputs, outs...)
				} else {
					c.outputs = outs
				}
			}
			c.formatSet = true
		}
	case "output", "o":
		c.output, err = f.needValue()
	case "tf-bin":
		c.tfBin, err = f.needValue()
	case "chdir":
		c.chdir, err = f.needValue()
	case "idle-window":
		c.idleWindow, err = f.intValue(1, serverless.MaxIdleWindowMinutes, fmt.Sprintf("a whole number of minutes from 1 to %d", serverless.MaxIdleWindowMinutes))
		c.idleWindowSet = true
	case "config":
		c.config, err = f.needValue()
	case "no-config":
		c.noConfig = true
	case "azure-host-json":
		c.azureHostJSON, err = f.needValue()
	case "usage":
		c.usage, err = f.needValue()
	case "metrics":
		var v string
		if v, err = f.needValue(); err == nil {
			c.metrics = append(c.metrics, v)
		}
	case "metrics-days":
		c.metricsDays, err = f.intValue(1, metrics.MaxWindowDays, fmt.Sprintf("a whole number of days from 1 to %d", metrics.MaxWindowDays))
	default:
		return false, nil
	}
	return true, err
}

// check refuses what no command can run with.
func (c *commonOptions) check() error {
	if len(c.files) == 0 {
		return &usageError{msg: "no plan given: pass a plan JSON file, a binary plan file, or - for stdin\n  " +
			"make one with: terraform plan -out tf.plan && terraform show -json tf.plan > plan.json"}
	}
	if c.config != "" && c.noConfig {
		return &usageError{msg: "--config and --no-config exclude each other"}
	}
	if c.chdir != "" {
		if info, err := os.Stat(c.chdir); err != nil || !info.IsDir() {
			return &usageError{msg: fmt.Sprintf("--chdir %s: no such directory (it should be the configuration's directory)", c.chdir)}
		}
	}
	return nil
}

// parseLintArgs reads the lint command's flags.
func parseLintArgs(args []string) (*lintOptions, error) {
	o := &lintOptions{failOn: "warning"}
	err := parseArgs(args, &o.commonOptions, lintFormats, helpText, func(f *flagArg) (bool, error) {
		var err error
		switch f.name {
		case "fail-on":
			if o.failOn, err = f.needValue(); err == nil {
				err = checkFailOn(o.failOn)
			}
			o.failOnSet = true
		case "no-color":
			o.noColor = true
		case "baseline":
			o.baseline, err = f.needValue()
		case "write-baseline":
			o.writeBaseline, err = f.needValue()
		case "only-changed":
			o.onlyChanged, err = f.boolValue()
			o.onlyChangedSet = true
		case "show-suppressed":
			o.showSuppressed, err = f.boolValue()
		default:
			return false, nil
		}
		return true, err
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// parseCostArgs reads the cost command's flags.
func parseCostArgs(args []string) (*costOptions, error) {
	o := &costOptions{}
	err := parseArgs(args, &o.commonOptions, costFormats, costHelp, func(f *flagArg) (bool, error) {
		if f.name != "margin" {
			return false, nil
		}
		var err error
		o.margin, err = f.intValue(0, 100, "a whole number from 0 to 100")
		o.marginSet = true
		return true, err
	})
	if err != nil {
		return nil, err
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
func parseOutputs(v string, formats formatList) ([]output, error) {
	var out []output
	for _, part := range strings.Split(v, ",") {
		format, file, _ := strings.Cut(strings.TrimSpace(part), ":")
		if alias, ok := formats.aliases[format]; ok {
			format = alias
		}
		if !contains(formats.names, format) {
			return nil, &usageError{msg: fmt.Sprintf("unknown --format %q (use %s; FORMAT:FILE writes it to a file)", format, strings.Join(formats.names, ", "))}
		}
		out = append(out, output{format: format, file: file})
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
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
