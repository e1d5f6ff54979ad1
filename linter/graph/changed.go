package graph

// Changed reports whether the plan changes any of the instances at addresses: creates, updates,
// replaces or deletes it. It is the one meaning of "changed" in hybridlint: a finding's `changed`
// field and `--only-changed` both come from it, so a finding marked changed is never hidden by
// --only-changed. A delete counts: a finding that names a resource the pull request removes is
// about that pull request, and a review gate should show it (the rules skip instances being
// deleted, so this is rare). Forgetting a resource (a `removed` block), reading a data source and
// a no-op do not count, nor does an address the plan does not hold.
func (g *Graph) Changed(addresses ...string) bool {
	for _, addr := range addresses {
		if inst := g.ByAddress(addr); inst != nil && inst.Changes() {
			return true
		}
	}
	return false
}
