package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/config"
	"github.com/hybridlint/terraform-provider-hybrid/linter/report"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// init writes the starter configuration: `hybridlint init [FILE|-] [--force]`.
func (a *App) init(args []string) error {
	path, force := config.FileName, false
	named := false
	for _, arg := range args {
		switch {
		case arg == "--force" || arg == "-force":
			force = true
		case arg == "-" || !strings.HasPrefix(arg, "-"):
			if named {
				return &usageError{msg: "init takes one file name"}
			}
			path, named = arg, true
		default:
			return &usageError{msg: fmt.Sprintf("init: unknown flag %s (init [FILE] [--force])", arg)}
		}
	}
	text := config.Starter(configRules(), report.Formats)
	if path == "-" {
		_, err := fmt.Fprint(a.Stdout, text)
		return err
	}
	if _, err := os.Stat(path); err == nil && !force {
		return fmt.Errorf("%s already exists; it is left as it is (pass --force to replace it, or init - to print the starter)", path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	fmt.Fprintf(a.Stdout, "wrote %s: %d rules, every setting at its default and commented out; uncomment what you change, then commit it\n", path, len(rules.All()))
	return nil
}
