// Package platform holds every limit, default and price that hybridlint and the hybrid provider rely
// on, each with its source and the date that source was read. It is the one place such a number may
// be written down: rules, the provider's plan-time checks and the cost model all read it from here.
//
// A source is a URL: the documentation page, or the provider source file (with the commit read) or
// measurement behind the number, so a reader can check it from the repository alone.
package platform
