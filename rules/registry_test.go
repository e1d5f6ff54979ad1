package rules_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/ruledoc"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// frameworkFiles are the files of rules/ that declare no rule: the Rule type and its pass, the
// registry, the example type and the option helpers. Everything else in rules/ is one rule.
var frameworkFiles = []string{"example.go", "options.go", "registry.go", "rule.go"}

var ruleName = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)+$`)

// TestEveryRuleIsOneFileWithItsTestAndDocs holds the promise of docs/CONTRIBUTING.md: a rule is
// rules/<name>.go, which declares it with its documentation, example and options, plus
// rules/<name>_test.go, plus its line in registry.go.
func TestEveryRuleIsOneFileWithItsTestAndDocs(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range rules.All() {
		t.Run(r.Name, func(t *testing.T) {
			assert.Falsef(t, seen[r.Name], "%s is registered twice", r.Name)
			seen[r.Name] = true
			assert.Regexp(t, ruleName, r.Name, "rule names are lower_snake_case, starting with the platform")
			assert.Equal(t, r.Name, declaredIn(t, r.Name+".go"), "rules/%s.go declares the rule", r.Name)
			assert.FileExists(t, r.Name+"_test.go", "every rule has its own test file")
			assert.NotZero(t, r.Severity, "default severity")
			assert.NotEmpty(t, r.Category, "category")
			assert.NotNil(t, r.Check, "check function")

			require.NotEmpty(t, r.Summary)
			assert.False(t, strings.HasSuffix(r.Summary, "."), "summary has no trailing period")
			assert.NotEmpty(t, r.Doc.Why, "Doc.Why")
			assert.NotEmpty(t, r.Doc.HowToFix, "Doc.HowToFix")
			assert.NotEmpty(t, r.Doc.Sources, "Doc.Sources: where the numbers come from")
			assert.NotEmpty(t, r.Doc.Example.Note, "Doc.Example.Note says what the example plan gets wrong")
			assert.NotEmpty(t, r.Doc.Example.Plan, "Doc.Example.Plan (TestDocs checks that the rule reports on it)")
		})
	}
}

// optionDefault finds "Option `name` (default VALUE)" in a rule's documentation.
var optionDefault = regexp.MustCompile("[Oo]ption `([a-z_]+)` \\(default ([^)]+)\\)")

// TestEveryOptionIsDocumented: each option is named in the rule's Doc, and a default stated there
// is the one the options struct holds.
func TestEveryOptionIsDocumented(t *testing.T) {
	for _, r := range rules.All() {
		if r.Options == nil {
			continue
		}
		text := r.Doc.Why + "\n" + r.Doc.HowToFix
		defaults := map[string]string{}
		for _, o := range ruledoc.Options(r.Options()) {
			assert.Containsf(t, text, "`"+o.Name+"`", "%s: option %s is not explained in Doc.Why or Doc.HowToFix", r.Name, o.Name)
			defaults[o.Name] = o.Default
		}
		for _, m := range optionDefault.FindAllStringSubmatch(text, -1) {
			want, ok := defaults[m[1]]
			if assert.Truef(t, ok, "%s: Doc mentions option %s, which the rule does not have", r.Name, m[1]) {
				assert.Equalf(t, want, m[2], "%s: Doc states the default of %s", r.Name, m[1])
			}
		}
	}
}

// TestEveryFileDeclaresARule: rules/ holds rules and the framework only; what several rules share
// about functions belongs to the serverless model (linter/serverless), not to a helper file here.
func TestEveryFileDeclaresARule(t *testing.T) {
	registered := map[string]bool{}
	for _, r := range rules.All() {
		registered[r.Name+".go"] = true
	}
	framework := map[string]bool{}
	for _, f := range frameworkFiles {
		framework[f] = true
	}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var strays []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || framework[f] {
			continue
		}
		if !registered[f] {
			strays = append(strays, f)
		}
	}
	sort.Strings(strays)
	assert.Empty(t, strays, "files in rules/ that declare no registered rule: move shared code to linter/serverless, "+
		"register the rule in registry.go, or (framework only) add the file to frameworkFiles")
}

// declaredIn returns the Name of the Rule composite literal a file declares ("" when none, or
// when it declares several).
func declaredIn(t *testing.T, file string) string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	f, err := parser.ParseFile(token.NewFileSet(), file, src, 0)
	require.NoError(t, err)
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		if id, ok := lit.Type.(*ast.Ident); !ok || id.Name != "Rule" {
			return true
		}
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			key, ok := kv.Key.(*ast.Ident)
			val, isLit := kv.Value.(*ast.BasicLit)
			if ok && isLit && key.Name == "Name" {
				name, _ := strconv.Unquote(val.Value)
				names = append(names, name)
			}
		}
		return false
	})
	if len(names) != 1 {
		return ""
	}
	return names[0]
}
