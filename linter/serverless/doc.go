// Package serverless is the model of the serverless functions in a plan: which resources are
// functions on each platform (Lambda, Cloud Functions and Cloud Run, Azure Functions, hybrid_unit
// targets), who calls them and whether the caller waits (API gateways, queues, schedulers,
// CloudFront), which version a caller reaches (qualifiers and aliases), what keeps them warm
// (keep-warm pings, provisioned concurrency, always-ready and minimum instances), the traffic
// expected of them and the Azure host settings that bound them.
//
// It exists so that the rules, the cost report and the provider's checks read one answer to these
// questions instead of each working it out: the rules turn its answers into findings,
// linter/costreport prices the functions it lists. It reads the resource graph (linter/graph) and
// the platform facts (internal/platform); it never reads files, never prints and knows nothing of
// rules or output formats. Every answer may be "the plan does not say" (Maybe, or ok false), and
// callers stay silent then.
package serverless
