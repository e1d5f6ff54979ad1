// Package tiny is casemutants' test module: each construct gremlins v0.6.0 reports NOT COVERED for
// want of a coverage counter, beside the ones that must stay not covered.
package tiny

// Limit is the largest size Grade calls small: a constant expression.
const Limit = 4 * 5

// greeting is a string concatenation in a constant: its + turned into - does not compile.
const greeting = "hello, " + "world"

// Greeting returns greeting.
func Greeting() string { return greeting }

// Grade is a tagless switch with a case whose body the tests run and one whose body they do not.
func Grade(n int) string {
	switch {
	case n > Limit:
		return "big"
	case n < 0:
		return "negative"
	}
	return "small"
}

// Kind is a switch with a tag: its case values are not conditions, even when the body runs.
func Kind(n int) string {
	switch n {
	case Limit - 1:
		return "almost"
	}
	return "other"
}

// Check is a function literal at package level that the tests never call: a mutant in it is in a
// function, not a package-level expression.
var Check = func(n int) bool { return n >= Limit }

// Double is ordinary code: gremlins sees its coverage and runs its mutant itself.
func Double(n int) int { return n * 2 }
