// Package platform holds every limit, default and price that hybridlint and the hybrid provider rely
// on, each with its source and the date that source was read. It is the one place such a number may
// be written down: rules, the provider's plan-time checks and the cost model all read it from here.
//
// Sources are tagged [Sxx] after ../shared/reference/platform-limits.md (compiled 2026-08), which
// lists the documentation page, provider source file or measurement behind each tag.
package platform
