package serverless

import (
	"fmt"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// CallSite is a caller limit with the part of the caller that makes the call, for messages: the
// Cognito trigger ("pre_sign_up"), the contact flow action; "" when the whole resource calls.
// Further resources a reader wants named (the Connect instance, the supporting access point) go in
// CallerLimit.Related, so CallerLimits carries them too.
type CallSite struct {
	CallerLimit
	Part string
}

// TimeoutFindings are a timing rule's findings: one for each site whose function's timeout, known
// to the plan, outlasts the caller's limit ("timeout 10s exceeds the 5s Cognito trigger limit of
// aws_cognito_user_pool.pool (pre_sign_up)"). remediation is a format with one %s, the limit.
func TimeoutFindings(sites []CallSite, remediation string) []finding.Finding {
	var out []finding.Finding
	for _, s := range sites {
		timeout, known := LambdaTimeout(s.Function)
		if !known || timeout*1000 <= s.LimitMillis {
			continue
		}
		part := ""
		if s.Part != "" {
			part = " (" + s.Part + ")"
		}
		limit := MillisAsSeconds(s.LimitMillis)
		out = append(out, finding.Finding{
			Address:     s.Function.Address,
			Attribute:   "timeout",
			Related:     append([]string{s.Via, s.Caller.Address}, s.Related...),
			Message:     fmt.Sprintf("timeout %s exceeds the %s %s of %s%s", Seconds(timeout), limit, s.Label, s.Caller.Address, part),
			Remediation: fmt.Sprintf(remediation, limit),
		})
	}
	return out
}

// limitsOf drops the parts, for CallerLimits.
func limitsOf(sites []CallSite) []CallerLimit {
	out := make([]CallerLimit, len(sites))
	for i, s := range sites {
		out[i] = s.CallerLimit
	}
	return out
}

// siteCollector gathers call sites, one per caller and function: when several parts of one caller
// invoke the same function (a legacy and a versioned pre token generation trigger), their names
// are joined into one site rather than reported twice.
type siteCollector struct {
	sites []CallSite
	index map[[2]*graph.Instance]int
}

// add records a call site; deleted functions are left out. Of two parts of one caller that invoke
// the same function, the tighter limit wins (the caller gives up there first); equal limits join
// the parts' names.
func (c *siteCollector) add(site CallSite) {
	if site.Function.Deleted() {
		return
	}
	if c.index == nil {
		c.index = map[[2]*graph.Instance]int{}
	}
	key := [2]*graph.Instance{site.Caller, site.Function}
	i, seen := c.index[key]
	if !seen {
		c.index[key] = len(c.sites)
		c.sites = append(c.sites, site)
		return
	}
	prev := &c.sites[i]
	// One part that someone waits for puts the function on the caller's synchronous path.
	synchronous := prev.Synchronous || site.Synchronous
	switch {
	case site.LimitMillis < prev.LimitMillis:
		*prev = site
	case site.LimitMillis == prev.LimitMillis:
		if site.Part != "" && !containsPart(prev.Part, site.Part) {
			prev.Part = joinParts(prev.Part, site.Part)
		}
		if prev.Via == "" {
			prev.Via = site.Via
		}
	}
	prev.Synchronous = synchronous
}

func containsPart(list, part string) bool {
	for _, p := range strings.Split(list, ", ") {
		if p == part {
			return true
		}
	}
	return false
}

func joinParts(a, b string) string {
	if a == "" {
		return b
	}
	return a + ", " + b
}

// targetAddresses are the addresses of the instances of type typ that attribute of from refers to.
func targetAddresses(g *graph.Graph, from *graph.Instance, attribute, typ string) []string {
	var out []string
	for _, e := range g.Targets(from, attribute) {
		if e.To.Type == typ {
			out = append(out, e.To.Address)
		}
	}
	return out
}
