package suppress

import "testing"

// FuzzScan reads arbitrary file text for suppression comments: malformed ones become notes,
// nothing panics.
func FuzzScan(f *testing.F) {
	f.Add("# hybridlint:ignore rule_a [key=\"eu\"] expires=2026-01-01 -- why\nresource \"a\" \"b\" {}\n")
	f.Add("x = 1 // hybridlint:ignore all -- y\n/* hybridlint:ignore rule_a -- z */")
	f.Add("# hybridlint:ignore [key= -- \n# hybridlint:ignore rule_a [key=\"\\\"] -- r")
	f.Fuzz(func(t *testing.T, src string) {
		scanFile("main.tf", []byte(src), known)
	})
}
