package rules

import "fmt"

// inRange checks one option's value, for the Validate methods rules declare next to their
// options structs (the configuration calls Validate after decoding a rule's block).
func inRange(name string, v, lo, hi int, unit string) error {
	if v < lo || v > hi {
		return fmt.Errorf("%s = %d is out of range: use %d to %d%s", name, v, lo, hi, unit)
	}
	return nil
}
