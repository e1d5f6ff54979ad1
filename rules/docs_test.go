package rules_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/report"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules and golden files instead of comparing")

const docsDir = "../docs/rules"

// TestDocs checks that docs/rules/<name>.md, generated from each rule's metadata and a run of the
// rule on its example plan, is up to date. `go test ./rules -run TestDocs -update` (make generate)
// rewrites them.
func TestDocs(t *testing.T) {
	pages := map[string]string{"README.md": indexPage()}
	for _, r := range rules.All() {
		ex, ok := examples[r.Name]
		require.Truef(t, ok, "rule %s has no example plan in examples_test.go", r.Name)
		pages[r.Name+".md"] = rulePage(t, r, ex)
	}
	if *update {
		require.NoError(t, os.MkdirAll(docsDir, 0o755))
		old, _ := filepath.Glob(filepath.Join(docsDir, "*.md"))
		for _, f := range old {
			if _, keep := pages[filepath.Base(f)]; !keep {
				require.NoError(t, os.Remove(f))
			}
		}
		for name, page := range pages {
			require.NoError(t, os.WriteFile(filepath.Join(docsDir, name), []byte(page), 0o644))
		}
		return
	}
	for name, page := range pages {
		got, err := os.ReadFile(filepath.Join(docsDir, name))
		require.NoErrorf(t, err, "docs/rules/%s is missing: run make generate", name)
		require.Equalf(t, page, string(got), "docs/rules/%s is stale: run make generate", name)
	}
	files, _ := filepath.Glob(filepath.Join(docsDir, "*.md"))
	for _, f := range files {
		_, ok := pages[filepath.Base(f)]
		require.Truef(t, ok, "docs/rules/%s belongs to no rule: run make generate", filepath.Base(f))
	}
}

func indexPage() string {
	var b strings.Builder
	b.WriteString("# hybridlint rules\n\nGenerated from the rules' own metadata (`make generate`). ")
	b.WriteString("`hybridlint rules` lists them; `hybridlint explain RULE` prints a page.\n\n")
	b.WriteString("| Rule | Severity | Category | Summary |\n|---|---|---|---|\n")
	for _, r := range rules.All() {
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s |\n", r.Name, r.Name, r.Severity, r.Category, r.Summary)
	}
	return b.String()
}

func rulePage(t *testing.T, r *rules.Rule, ex example) string {
	g := ex.plan.Graph(t)
	res := engine.Run(g, []*rules.Rule{r}, engine.Config{Settings: exampleSettings})
	require.Empty(t, res.Errors)
	require.NotEmptyf(t, res.Findings, "the example plan of %s makes no finding", r.Name)
	var out bytes.Buffer
	require.NoError(t, report.Text(&out, report.New(report.Tool{Name: "hybridlint"}, res.Findings, nil), false, false))

	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s.\n\n", r.Name, upperFirst(r.Summary))
	fmt.Fprintf(&b, "| Severity | Category | Enabled by default |\n|---|---|---|\n| %s | %s | yes |\n\n", r.Severity, r.Category)
	b.WriteString("## Example\n\n")
	if ex.note != "" {
		b.WriteString(ex.note + "\n\n")
	}
	b.WriteString("An excerpt of the plan (`terraform show -json`), the resources involved:\n\n```json\n")
	b.WriteString(excerpt(t, ex.plan.JSON(), res.Findings))
	b.WriteString("```\n\n`hybridlint plan.json` prints:\n\n```text\n")
	b.WriteString(out.String())
	b.WriteString("```\n\n## Why\n\n" + r.Doc.Why + "\n\n## How to fix\n\n" + r.Doc.HowToFix + "\n\n")
	b.WriteString("## Configuration\n\nIn `.hybridlint.hcl`:\n\n```hcl\n")
	fmt.Fprintf(&b, "rule %q {\n", r.Name)
	b.WriteString(alignHCL(append([][2]string{{"enabled", "true"}, {"severity", fmt.Sprintf("%q", r.Severity)}}, options(r)...)))
	b.WriteString("}\n```\n")
	if len(r.Doc.Sources) > 0 {
		b.WriteString("\n## Sources\n\n")
		for _, s := range r.Doc.Sources {
			b.WriteString("- " + s + "\n")
		}
	}
	return b.String()
}

// options lists a rule's options with their defaults, read from the options struct's hcl tags.
func options(r *rules.Rule) [][2]string {
	if r.Options == nil {
		return nil
	}
	v := reflect.ValueOf(r.Options()).Elem()
	var out [][2]string
	for i := 0; i < v.NumField(); i++ {
		tag := strings.Split(v.Type().Field(i).Tag.Get("hcl"), ",")[0]
		if tag == "" {
			continue
		}
		val, _ := json.Marshal(v.Field(i).Interface())
		out = append(out, [2]string{tag, string(val)})
	}
	return out
}

// alignHCL writes attributes with their equals signs aligned, as terraform fmt does.
func alignHCL(attrs [][2]string) string {
	width := 0
	for _, a := range attrs {
		width = max(width, len(a[0]))
	}
	var b strings.Builder
	for _, a := range attrs {
		fmt.Fprintf(&b, "  %-*s = %s\n", width, a[0], a[1])
	}
	return b.String()
}

// excerpt picks the resource_changes entries a finding names, trimmed to what a reader needs.
func excerpt(t *testing.T, planJSON []byte, fs []findingLike) string {
	var doc struct {
		ResourceChanges []map[string]any `json:"resource_changes"`
	}
	require.NoError(t, json.Unmarshal(planJSON, &doc))
	involved := map[string]bool{}
	for _, f := range fs {
		involved[f.Address] = true
		for _, r := range f.Related {
			involved[r] = true
		}
	}
	var picked []map[string]any
	for _, rc := range doc.ResourceChanges {
		if !involved[rc["address"].(string)] {
			continue
		}
		change := rc["change"].(map[string]any)
		entry := map[string]any{"address": rc["address"], "type": rc["type"],
			"change": map[string]any{"actions": change["actions"], "after": change["after"]}}
		if u, ok := change["after_unknown"].(map[string]any); ok && len(u) > 0 {
			entry["change"].(map[string]any)["after_unknown"] = u
		}
		picked = append(picked, entry)
	}
	sort.SliceStable(picked, func(i, j int) bool { return picked[i]["address"].(string) < picked[j]["address"].(string) })
	out, err := json.MarshalIndent(map[string]any{"resource_changes": picked}, "", "  ")
	require.NoError(t, err)
	return string(out) + "\n"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
