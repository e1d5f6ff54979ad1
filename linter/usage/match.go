package usage

import (
	"errors"
	"sort"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// pattern is a resource address in which * stands for any run of characters.
type pattern struct {
	parts []string // the literal text between the stars
	stars int
}

func parsePattern(s string) (pattern, error) {
	switch {
	case s == "":
		return pattern{}, errors.New("it is empty")
	case strings.ContainsAny(s, " \t\n"):
		return pattern{}, errors.New("it contains spaces")
	case !strings.ContainsAny(s, ".*"):
		return pattern{}, errors.New("an address has the form TYPE.NAME")
	}
	parts := strings.Split(s, "*")
	return pattern{parts: parts, stars: len(parts) - 1}, nil
}

// literal counts the characters a pattern fixes: the more, the more specific.
func (p pattern) literal() int {
	n := 0
	for _, s := range p.parts {
		n += len(s)
	}
	return n
}

// match reports whether the address fits the pattern.
func (p pattern) match(addr string) bool {
	if p.stars == 0 {
		return addr == p.parts[0]
	}
	first, last := p.parts[0], p.parts[len(p.parts)-1]
	if !strings.HasPrefix(addr, first) || !strings.HasSuffix(addr, last) || len(addr) < len(first)+len(last) {
		return false
	}
	rest := addr[len(first) : len(addr)-len(last)]
	for _, mid := range p.parts[1 : len(p.parts)-1] {
		i := strings.Index(rest, mid)
		if i < 0 {
			return false
		}
		rest = rest[i+len(mid):]
	}
	return true
}

// For returns the traffic the file gives for the resource at address, of type typ. Every entry
// that matches contributes the numbers the more specific ones leave out: the exact address first,
// then patterns by how much literal text they fix (in file order on a tie), then the address
// without its instance keys (aws_lambda_function.fn for aws_lambda_function.fn[0]), then the
// type's resource_type_default_usage.
func (f *File) For(address, typ string) (Traffic, bool) {
	if f == nil {
		return Traffic{}, false
	}
	var matched []entry
	for _, e := range f.entries {
		if e.pattern.stars > 0 && e.pattern.match(address) {
			matched = append(matched, e)
		}
	}
	sort.SliceStable(matched, func(i, j int) bool { return matched[i].pattern.literal() > matched[j].pattern.literal() })
	var ordered []entry
	stripped := graph.StripKeys(address)
	for _, e := range f.entries {
		if e.pattern.stars == 0 && e.key == address {
			ordered = append(ordered, e)
		}
	}
	ordered = append(ordered, matched...)
	for _, e := range f.entries {
		if e.pattern.stars == 0 && e.key != address && e.key == stripped {
			ordered = append(ordered, e)
		}
	}
	if d, ok := f.defaults[typ]; ok {
		ordered = append(ordered, d)
	}
	var t Traffic
	for _, e := range ordered {
		t = t.Merge(e.traffic)
	}
	return t, !t.empty()
}

// Unused lists the resource_usage entries that match none of the given addresses, as
// "usage.yml:12: aws_lambda_function.apii": usually a typo or a renamed resource, worth a warning.
func (f *File) Unused(addresses []string) []string {
	if f == nil {
		return nil
	}
	var out []string
	for _, e := range f.entries {
		used := false
		for _, a := range addresses {
			if e.pattern.match(a) || (e.pattern.stars == 0 && e.key == graph.StripKeys(a)) {
				used = true
				break
			}
		}
		if !used {
			out = append(out, e.traffic.Source()+": "+e.key)
		}
	}
	return out
}
