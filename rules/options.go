package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// inRange checks one option's value, for the Validate methods rules declare next to their
// options structs (the configuration calls Validate after decoding a rule's block).
func inRange(name string, v, lo, hi int, unit string) error {
	if v < lo || v > hi {
		return fmt.Errorf("%s = %d is out of range: use %d to %d%s", name, v, lo, hi, unit)
	}
	return nil
}

// severityOption checks a severity option ("error", "warning" or "notice") and returns it.
func severityOption(name, value string) (finding.Severity, error) {
	s, err := finding.ParseSeverity(value)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}

// ObservedLevelsOptions are the options of the function_observed_* rules with two levels
// (function_observed_duration_near_limit, function_observed_memory_near_limit): the share of the
// limit that makes a warning, and the severity of each level.
type ObservedLevelsOptions struct {
	// WarnPercent is the share of the limit, in percent, the observed value must reach for a warning.
	WarnPercent int `hcl:"warn_percent,optional"`
	// ErrorSeverity is the severity of a limit reached or crossed; WarningSeverity of one come near.
	ErrorSeverity   string `hcl:"error_severity,optional"`
	WarningSeverity string `hcl:"warning_severity,optional"`
}

// Validate checks the options.
func (o *ObservedLevelsOptions) Validate() error {
	if err := inRange("warn_percent", o.WarnPercent, 1, 100, " %"); err != nil {
		return err
	}
	_, _, err := o.severities()
	return err
}

func (o *ObservedLevelsOptions) severities() (errSev, warnSev finding.Severity, err error) {
	if errSev, err = severityOption("error_severity", o.ErrorSeverity); err != nil {
		return 0, 0, err
	}
	warnSev, err = severityOption("warning_severity", o.WarningSeverity)
	return errSev, warnSev, err
}
