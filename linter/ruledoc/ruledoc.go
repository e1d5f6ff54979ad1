// Package ruledoc renders the documentation of hybridlint's rules: the page of one rule
// (docs/rules/<name>.md, and what `hybridlint explain` prints) and the index of all of them
// (docs/rules/README.md). Pages are made of the metadata each rule declares in its own file and
// the real output of the rule on its example plan. The package does not know the rules: the
// engine runs a rule's example and hands the result over as a Rule.
package ruledoc

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// IndexFile is the name of the index page among the rule pages.
const IndexFile = "README.md"

// Rule is what a rule's page shows.
type Rule struct {
	Name     string
	Severity finding.Severity
	Category finding.Category
	// Summary is one line, lower case, without a trailing period.
	Summary  string
	Why      string
	HowToFix string
	Sources  []string
	// Options are the rule's options at their defaults.
	Options []Option
	Example Example
}

// Example is a plan the rule reports on, and what it reported.
type Example struct {
	// Note says in a sentence what the plan gets wrong.
	Note string
	// Plan is the plan JSON.
	Plan []byte
	// Metrics are the production metrics the rule reads (--metrics), in the neutral CSV; "" for
	// the rules that read the plan alone.
	Metrics string
	// Findings are the rule's findings on Plan, in the order hybridlint prints them.
	Findings []finding.Finding
	// Disabled are the other rules that report on Plan too: the example's configuration turns
	// them off, so that running it shows this rule alone.
	Disabled []string
}

// FileName is the name of a rule's page: <name>.md.
func FileName(name string) string { return name + ".md" }

// Pages renders the page of every rule and the index, keyed by file name.
func Pages(all []Rule) (map[string]string, error) {
	pages := map[string]string{IndexFile: Index(all)}
	for _, r := range all {
		page, err := Page(r)
		if err != nil {
			return nil, err
		}
		pages[FileName(r.Name)] = page
	}
	return pages, nil
}

// Index renders the table of all rules.
func Index(all []Rule) string {
	var b strings.Builder
	b.WriteString("# hybridlint rules\n\nGenerated from the rules' own metadata (`make generate`). ")
	b.WriteString("`hybridlint rules` lists them; `hybridlint explain RULE` prints a page.\n\n")
	b.WriteString("| Rule | Severity | Category | Summary |\n|---|---|---|---|\n")
	for _, r := range all {
		fmt.Fprintf(&b, "| [%s](%s) | %s | %s | %s |\n", r.Name, FileName(r.Name), r.Severity, r.Category, r.Summary)
	}
	b.WriteString("\n## Callers no timing rule checks\n\n")
	b.WriteString("These callers were looked into, and their documentation gives no limit that a function's timeout ")
	b.WriteString("can exceed, so there is no number to check a plan against.\n\n")
	b.WriteString("| Caller | Why there is no rule | Sources |\n|---|---|---|\n")
	for _, c := range platform.AWSCallersWithoutLimit() {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", c.Caller, c.Why, strings.Join(c.Sources, "<br>"))
	}
	return b.String()
}

// Page renders one rule's page, in the tflint layout: Example, Why, How to fix, Configuration,
// then Sources.
func Page(r Rule) (string, error) {
	if len(r.Example.Findings) == 0 {
		return "", fmt.Errorf("rule %s: its example plan makes no finding; a page shows the rule at work, so fix Doc.Example in the rule's file", r.Name)
	}
	excerpt, err := excerpt(r.Example.Plan, r.Example.Findings)
	if err != nil {
		return "", fmt.Errorf("rule %s: reading its example plan: %w", r.Name, err)
	}
	output, err := ExampleOutput(r)
	if err != nil {
		return "", err
	}
	dir := ExampleDir(r.Name)

	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s.\n\n", r.Name, upperFirst(r.Summary))
	fmt.Fprintf(&b, "| Severity | Category | Enabled by default |\n|---|---|---|\n| %s | %s | yes |\n\n", r.Severity, r.Category)
	b.WriteString("## Example\n\n")
	if r.Example.Note != "" {
		b.WriteString(r.Example.Note + "\n\n")
	}
	fmt.Fprintf(&b, "An excerpt of the plan (`terraform show -json`), the resources involved; the whole plan is %s:\n\n```json\n", link(dir+"/"+PlanFile))
	b.WriteString(excerpt)
	b.WriteString("```\n\n")
	if r.Example.Metrics != "" {
		fmt.Fprintf(&b, "What the functions did in production (%s, the neutral format `--metrics` reads):\n\n```csv\n", link(dir+"/"+MetricsFile))
		b.WriteString(r.Example.Metrics)
		b.WriteString("```\n\n")
	}
	if len(r.Example.Disabled) > 0 {
		fmt.Fprintf(&b, "%s turns off the other rules the plan trips (%s), so that the run shows this rule alone.\n\n",
			link(dir+"/"+ConfigFile), codeList(r.Example.Disabled))
	}
	b.WriteString("Run it from the repository root:\n\n```sh\nhybridlint " + strings.Join(Command(r), " ") + "\n```\n\n")
	fmt.Fprintf(&b, "It prints, and exits with code %d:\n\n```text\n", ExampleExitCode(r))
	b.WriteString(output)
	b.WriteString("```\n\n")
	b.WriteString("## Why\n\n" + r.Why + "\n\n## How to fix\n\n" + r.HowToFix + "\n\n")
	b.WriteString("## Configuration\n\nIn `.hybridlint.hcl`:\n\n```hcl\n")
	fmt.Fprintf(&b, "rule %q {\n", r.Name)
	attrs := append([]Option{{"enabled", "true"}, {"severity", fmt.Sprintf("%q", r.Severity)}}, r.Options...)
	b.WriteString(alignHCL(attrs))
	b.WriteString("}\n```\n")
	if len(r.Sources) > 0 {
		b.WriteString("\n## Sources\n\n")
		for _, s := range r.Sources {
			b.WriteString("- " + s + "\n")
		}
	}
	return b.String(), nil
}

// alignHCL writes attributes with their equals signs aligned, as terraform fmt does.
func alignHCL(attrs []Option) string {
	width := 0
	for _, a := range attrs {
		width = max(width, len(a.Name))
	}
	var b strings.Builder
	for _, a := range attrs {
		fmt.Fprintf(&b, "  %-*s = %s\n", width, a.Name, a.Default)
	}
	return b.String()
}

// excerpt picks the resource_changes entries the findings name, trimmed to what a reader needs.
func excerpt(planJSON []byte, fs []finding.Finding) (string, error) {
	var doc struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Type    string `json:"type"`
			Change  struct {
				Actions      any            `json:"actions"`
				After        any            `json:"after"`
				AfterUnknown map[string]any `json:"after_unknown"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(planJSON, &doc); err != nil {
		return "", err
	}
	involved := map[string]bool{}
	for _, f := range fs {
		involved[f.Address] = true
		for _, r := range f.Related {
			involved[r] = true
		}
	}
	var picked []map[string]any
	for _, rc := range doc.ResourceChanges {
		if !involved[rc.Address] {
			continue
		}
		change := map[string]any{"actions": rc.Change.Actions, "after": rc.Change.After}
		if len(rc.Change.AfterUnknown) > 0 {
			change["after_unknown"] = rc.Change.AfterUnknown
		}
		picked = append(picked, map[string]any{"address": rc.Address, "type": rc.Type, "change": change})
	}
	sort.SliceStable(picked, func(i, j int) bool { return picked[i]["address"].(string) < picked[j]["address"].(string) })
	out, err := json.MarshalIndent(map[string]any{"resource_changes": picked}, "", "  ")
	if err != nil {
		return "", err
	}
	return string(out) + "\n", nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
