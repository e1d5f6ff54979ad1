// Package spelling answers "did you mean": the known name closest to a misspelt one, for the
// errors that name a rule in the configuration and in suppression comments. It holds no list of
// its own; the caller hands in the names it knows.
package spelling

import "github.com/agext/levenshtein"

// Closest returns the candidate closest to name, or "" when none is close: a candidate counts when
// it is fewer edits away (Levenshtein distance) than a third of name's length plus one.
func Closest(name string, candidates []string) string {
	best, bestDist := "", len(name)/3+1
	for _, c := range candidates {
		if d := levenshtein.Distance(name, c, nil); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
