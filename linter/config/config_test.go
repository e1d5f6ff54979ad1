package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/ruledoc"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

var formats = []string{"text", "json", "sarif"}

// known are the real rules, handed in as the CLI hands them.
var known = func() Rules {
	var out Rules
	for _, r := range rules.All() {
		out = append(out, Rule{Name: r.Name, Severity: r.Severity, Category: r.Category, Summary: r.Summary, Options: r.Options})
	}
	return out
}()

func TestParseFullConfig(t *testing.T) {
	src := `config {
  fail_on             = "error"
  format              = "sarif"
  only_changed        = true
  idle_window_minutes = 10
}

rule "aws_lambda_timeout_near_limit" {
  severity          = "warning"
  threshold_percent = 90
}

rule "aws_lambda_timeout_exceeds_api_gateway" {
  enabled = false
}

ignore {
  rule    = "aws_lambda_timeout_near_limit"
  address = "module.batch.*"
  reason  = "batch jobs run long by design"
  expires = "2026-12-31"
}

ignore {
  address = "aws_lambda_function.legacy"
  reason  = "retired next quarter"
}
`
	f, err := Parse(".hybridlint.hcl", []byte(src), formats, known)
	require.NoError(t, err)
	assert.Equal(t, "error", f.FailOn)
	assert.Equal(t, "sarif", f.Format)
	require.NotNil(t, f.OnlyChanged)
	assert.True(t, *f.OnlyChanged)
	require.NotNil(t, f.IdleWindowMinutes)
	assert.Equal(t, 10, *f.IdleWindowMinutes)

	near := f.Rules["aws_lambda_timeout_near_limit"]
	assert.Equal(t, finding.Warning, near.Severity)
	assert.Nil(t, near.Enabled)
	require.IsType(t, &rules.NearLimitOptions{}, near.Options)
	assert.Equal(t, 90, near.Options.(*rules.NearLimitOptions).ThresholdPercent)

	api := f.Rules["aws_lambda_timeout_exceeds_api_gateway"]
	require.NotNil(t, api.Enabled)
	assert.False(t, *api.Enabled)

	require.Len(t, f.Ignores, 2)
	ig := f.Ignores[0]
	assert.Equal(t, "aws_lambda_timeout_near_limit", ig.Rule)
	assert.True(t, ig.Address.Match(`module.batch.aws_lambda_function.x["k"]`))
	assert.Equal(t, time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), ig.Expires)
	assert.Equal(t, 17, ig.Location.Line)
	assert.Equal(t, "", f.Ignores[1].Rule, "no rule: every rule")
}

func TestOptionsDefaultWhenNotSet(t *testing.T) {
	f, err := Parse("c.hcl", []byte(`rule "aws_lambda_timeout_near_limit" {
  severity = "error"
}`), formats, known)
	require.NoError(t, err)
	assert.Equal(t, 80, f.Rules["aws_lambda_timeout_near_limit"].Options.(*rules.NearLimitOptions).ThresholdPercent)
}

func TestParseErrorsPointAtTheLine(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown rule, with a suggestion", "rule \"aws_lambda_timeout_near_limt\" {\n}\n",
			[]string{`c.hcl:1:6: no rule named "aws_lambda_timeout_near_limt"`, `did you mean "aws_lambda_timeout_near_limit"`}},
		{"unknown option", "rule \"aws_lambda_timeout_near_limit\" {\n  threshold = 90\n}\n",
			[]string{"c.hcl:2:3: rule aws_lambda_timeout_near_limit has no such option", "threshold_percent"}},
		{"option on a rule without options", "rule \"aws_lambda_timeout_exceeds_api_gateway\" {\n  enabled = true\n  limit = 5\n}\n",
			[]string{`c.hcl:3:3: rule aws_lambda_timeout_exceeds_api_gateway has no option "limit"`}},
		{"wrong option type", "rule \"aws_lambda_timeout_near_limit\" {\n  threshold_percent = \"high\"\n}\n",
			[]string{"c.hcl:2:"}},
		{"unknown attribute in config", "config {\n  fail_on = \"error\"\n  colour = true\n}\n",
			[]string{"c.hcl:3:3: Unsupported argument"}},
		{"unknown block", "rules {\n}\n", []string{"c.hcl:1:1: Unsupported block type"}},
		{"bad fail_on", "config {\n  fail_on = \"sometimes\"\n}\n", []string{`c.hcl:2:13: fail_on "sometimes" is not a level`}},
		{"bad format", "config {\n  format = \"yaml\"\n}\n", []string{`c.hcl:2:12: format "yaml" is not an output format`, "text, json, sarif"}},
		{"bad idle window", "config {\n  idle_window_minutes = 0\n}\n", []string{"c.hcl:2:25: idle_window_minutes must be from 1 to 1440 (a day)"}},
		{"idle window beyond a day", "config {\n  idle_window_minutes = 9223372036854775807\n}\n", []string{"c.hcl:2:25: idle_window_minutes must be from 1 to 1440 (a day)"}},
		{"bad severity", "rule \"aws_lambda_timeout_near_limit\" {\n  severity = \"fatal\"\n}\n", []string{`c.hcl:2:14: severity "fatal" is not a severity`}},
		{"duplicate rule", "rule \"aws_lambda_timeout_near_limit\" {\n}\nrule \"aws_lambda_timeout_near_limit\" {\n}\n",
			[]string{`c.hcl:3:6: rule "aws_lambda_timeout_near_limit" is configured twice`}},
		{"ignore without reason", "ignore {\n  rule = \"aws_lambda_timeout_near_limit\"\n}\n", []string{"c.hcl:1:1: an ignore block needs a reason"}},
		{"ignore without target", "ignore {\n  reason = \"x\"\n}\n", []string{"c.hcl:1:1: an ignore block needs a rule, an address, or both"}},
		{"ignore with unknown rule", "ignore {\n  rule = \"nope\"\n  reason = \"x\"\n}\n", []string{`c.hcl:2:10: no rule named "nope"`}},
		{"ignore with bad date", "ignore {\n  rule = \"*\"\n  reason = \"x\"\n  expires = \"next year\"\n}\n", []string{`c.hcl:4:13: expires "next year" is not a date`}},
		{"ignore with bad pattern", "ignore {\n  address = \"module.a[\\\"x\\\"\"\n  reason = \"x\"\n}\n", []string{"c.hcl:2:13: invalid address pattern"}},
		{"ignore with unknown attribute", "ignore {\n  rule = \"*\"\n  reason = \"x\"\n  until = \"2026-01-01\"\n}\n", []string{"c.hcl:4:3: Unsupported argument"}},
		{"option out of range", "rule \"aws_lambda_timeout_near_limit\" {\n  threshold_percent = 150\n}\n",
			[]string{`c.hcl:1:6: rule aws_lambda_timeout_near_limit: threshold_percent = 150 is out of range: use 1 to 100`}},
		{"negative margin", "rule \"function_container_cheaper\" {\n  margin_percent = -50\n}\n",
			[]string{`c.hcl:1:6: rule function_container_cheaper: margin_percent = -50 is out of range`}},
		{"memory threshold of 0", "rule \"aws_lambda_memory_near_limit\" {\n  threshold_mb = 0\n}\n",
			[]string{`threshold_mb = 0 is out of range: use 128 to 10240 MB`}},
		{"syntax error", "config {\n", []string{"c.hcl:1:"}},
		{"every problem at once", "config {\n  colour = true\n}\nrule \"nope\" {\n}\n",
			[]string{"c.hcl:2:3: Unsupported argument", `c.hcl:4:6: no rule named "nope"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.hcl", []byte(tt.src), formats, known)
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	path, err := Find("")
	require.NoError(t, err)
	assert.Equal(t, "", path, "no file, no configuration")

	require.NoError(t, os.WriteFile(FileName, []byte("config {}\n"), 0o644))
	path, err = Find("")
	require.NoError(t, err)
	assert.Equal(t, FileName, path)

	_, err = Find(filepath.Join(dir, "missing.hcl"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridlint init")
}

func TestStarterListsEveryRuleAndParses(t *testing.T) {
	text := Starter(known, formats)
	for _, r := range rules.All() {
		assert.Contains(t, text, "rule \""+r.Name+"\" {")
		assert.Contains(t, text, DocsURL+r.Name+".md")
		if r.Options != nil {
			for _, o := range ruledoc.Options(r.Options()) {
				assert.Contains(t, text, "  # "+o.Name+" = "+o.Default, "%s option %s", r.Name, o.Name)
			}
		}
	}
	assert.Contains(t, text, `# threshold_percent = 80`)
	f, err := Parse(FileName, []byte(text), formats, known)
	require.NoError(t, err, "the starter must load as it is")
	assert.Empty(t, f.FailOn, "everything is commented out")
	assert.Empty(t, f.Ignores)

	// Uncommenting every line of every rule block gives a valid configuration: the defaults
	// shown are values the rules accept.
	var lines []string
	inRule := false
	for _, l := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(l, "rule "):
			inRule = true
		case l == "}":
			inRule = false
		case inRule && strings.HasPrefix(l, "  # "):
			l = "  " + strings.TrimPrefix(l, "  # ")
		}
		lines = append(lines, l)
	}
	f, err = Parse(FileName, []byte(strings.Join(lines, "\n")), formats, known)
	require.NoError(t, err)
	assert.Len(t, f.Rules, len(rules.All()))
}

func TestBrokenRuleOptionsAreReportedNotPanicked(t *testing.T) {
	f, diags := hclsyntax.ParseConfig([]byte("rule \"x\" {\n  a = 1\n}\n"), "c.hcl", hcl.InitialPos)
	require.False(t, diags.HasErrors())
	blk := f.Body.(*hclsyntax.Body).Blocks[0]
	d := decodeOptions("x", ruleBlock{Name: "x", NameRange: blk.LabelRanges[0], Options: blk.Body}, 42)
	require.True(t, d.HasErrors())
	assert.Contains(t, (&Error{Diags: d}).Error(), "c.hcl:1:6: rule x: its options cannot be read")
}

func TestPricesOverrideTheListPrices(t *testing.T) {
	src := "prices {\n  aws_lambda_x86_64_gb_second = 0.000015\n  aws_fargate_vcpu_hour       = 0.03\n}\n"
	f, err := Parse(".hybridlint.hcl", []byte(src), formats, known)
	require.NoError(t, err)
	require.NotNil(t, f.Prices)
	assert.Equal(t, 0.000015, f.Prices.LambdaX86GBSecond.USD)
	assert.True(t, f.Prices.LambdaX86GBSecond.Overridden)
	assert.Equal(t, 0.03, f.Prices.FargateVCPUHour.USD)
	assert.Equal(t, cost.Default().LambdaRequests, f.Prices.LambdaRequests, "the others stay list prices")

	f, err = Parse(".hybridlint.hcl", []byte("config {\n  fail_on = \"error\"\n}\n"), formats, known)
	require.NoError(t, err)
	assert.Nil(t, f.Prices, "no prices block: the list prices")
}

func TestPriceErrorsPointAtTheLine(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown price", "prices {\n  aws_lambda_gb_second = 1\n}\n",
			[]string{`c.hcl:2:3: unknown price "aws_lambda_gb_second": use one of aws_lambda_requests_per_million, aws_lambda_x86_64_gb_second`}},
		{"negative", "prices {\n  aws_fargate_gb_hour = -0.1\n}\n",
			[]string{"c.hcl:2:25: price aws_fargate_gb_hour: -0.1 is not a price; use a USD amount of 0 or more"}},
		{"not a number", "prices {\n  aws_fargate_gb_hour = \"cheap\"\n}\n", []string{"c.hcl:2:", "a number is required"}},
		{"a block inside", "prices {\n  aws {\n  }\n}\n", []string{"c.hcl:2:3: Unexpected \"aws\" block"}},
		{"two blocks", "prices {\n}\nprices {\n}\n", []string{"c.hcl:3:1: Duplicate prices block"}},
		{"every bad price at once", "prices {\n  nope = 1\n  aws_fargate_gb_hour = -1\n}\n",
			[]string{`c.hcl:2:3: unknown price "nope"`, "c.hcl:3:25: price aws_fargate_gb_hour"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.hcl", []byte(tt.src), formats, known)
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestStarterListsEveryPrice(t *testing.T) {
	starter := Starter(known, formats)
	for _, name := range cost.PriceNames() {
		assert.Contains(t, starter, "#   "+name+" = ", name)
	}
	// Uncommenting the prices block gives a file that parses and changes nothing.
	var uncommented []string
	inPrices := false
	for _, line := range strings.Split(starter, "\n") {
		switch {
		case line == "# prices {":
			inPrices = true
			uncommented = append(uncommented, "prices {")
		case inPrices && line == "# }":
			inPrices = false
			uncommented = append(uncommented, "}")
		case inPrices:
			uncommented = append(uncommented, strings.TrimPrefix(line, "#"))
		}
	}
	f, err := Parse("c.hcl", []byte(strings.Join(uncommented, "\n")), formats, known)
	require.NoError(t, err)
	for _, p := range f.Prices.List() {
		def, _ := cost.Default().Lookup(p.Name)
		assert.Equal(t, def.USD, p.USD, p.Name)
	}
}
