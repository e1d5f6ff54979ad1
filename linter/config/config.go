// Package config reads .hybridlint.hcl, the file a team commits to say how hybridlint runs on
// its configuration:
//
//	config {
//	  fail_on             = "error"
//	  format              = "text"
//	  only_changed        = true
//	  idle_window_minutes = 10
//	}
//
//	rule "aws_lambda_timeout_near_limit" {
//	  severity          = "warning"
//	  threshold_percent = 90
//	}
//
//	ignore {
//	  rule    = "aws_lambda_timeout_near_limit"
//	  address = "module.batch.aws_lambda_function.*"
//	  reason  = "batch jobs run long by design"
//	  expires = "2026-12-31"
//	}
//
//	prices {
//	  aws_lambda_x86_64_gb_second = 0.0000150   # a negotiated rate, USD per GB-second
//	}
//
// It is decoded with gohcl, like tflint's .tflint.hcl: a rule block's own options are the leftover
// body, decoded into the rule's options struct, so a misspelt option is an error at its line.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/ruledoc"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
	"github.com/hybridlint/terraform-provider-hybrid/linter/source"
	"github.com/hybridlint/terraform-provider-hybrid/linter/spelling"
	"github.com/hybridlint/terraform-provider-hybrid/linter/suppress"
)

// FileName is the configuration file looked for in the working directory.
const FileName = ".hybridlint.hcl"

// File is a loaded configuration.
type File struct {
	Path string
	// The config block's settings; nil (or "") when not set.
	FailOn            string
	Format            string
	OnlyChanged       *bool
	IdleWindowMinutes *int
	// Rules holds the rule blocks, by rule name.
	Rules map[string]RuleConfig
	// Ignores are the ignore blocks.
	Ignores []*suppress.Ignore
	// Prices are the list prices with the prices block's overrides (cost.PriceNames lists the
	// names); nil when there is no prices block.
	Prices *cost.Prices
}

// Error is a configuration problem with its place in the file.
type Error struct {
	Diags hcl.Diagnostics
}

func (e *Error) Error() string {
	var b strings.Builder
	for i, d := range e.Diags {
		if i > 0 {
			b.WriteString("\n")
		}
		if d.Subject != nil {
			fmt.Fprintf(&b, "%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
		}
		b.WriteString(strings.TrimSuffix(d.Summary, "."))
		if d.Detail != "" {
			b.WriteString(": " + strings.TrimSuffix(d.Detail, "."))
		}
	}
	return b.String()
}

type fileSchema struct {
	Config  *configBlock  `hcl:"config,block"`
	Rules   []ruleBlock   `hcl:"rule,block"`
	Ignores []ignoreBlock `hcl:"ignore,block"`
	Prices  *pricesBlock  `hcl:"prices,block"`
}

// pricesBlock holds `<price name> = <USD>` attributes.
type pricesBlock struct {
	Body hcl.Body `hcl:",remain"`
}

type configBlock struct {
	FailOn            *hcl.Attribute `hcl:"fail_on,optional"`
	Format            *hcl.Attribute `hcl:"format,optional"`
	OnlyChanged       *bool          `hcl:"only_changed,optional"`
	IdleWindowMinutes *hcl.Attribute `hcl:"idle_window_minutes,optional"`
}

type ruleBlock struct {
	Name       string         `hcl:"name,label"`
	NameRange  hcl.Range      `hcl:"name,label_range"`
	Enabled    *bool          `hcl:"enabled,optional"`
	Severity   *hcl.Attribute `hcl:"severity,optional"`
	Options    hcl.Body       `hcl:",remain"`
	BlockRange hcl.Range      `hcl:",def_range"`
}

type ignoreBlock struct {
	Rule     *hcl.Attribute `hcl:"rule,optional"`
	Address  *hcl.Attribute `hcl:"address,optional"`
	Reason   *hcl.Attribute `hcl:"reason,optional"`
	Expires  *hcl.Attribute `hcl:"expires,optional"`
	DefRange hcl.Range      `hcl:",def_range"`
}

// Find returns the configuration file to use: explicit when given (it must exist), else
// .hybridlint.hcl in the working directory when there is one; "" when there is none.
func Find(explicit string) (string, error) {
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", fmt.Errorf("%s: no such configuration file\n  write a starter one with: hybridlint init %s", explicit, explicit)
		}
		return explicit, nil
	}
	if _, err := os.Stat(FileName); err == nil {
		return FileName, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s: %w", FileName, err)
	}
	return "", nil
}

// RuleConfig is what the user chose for one rule.
type RuleConfig struct {
	// Enabled turns the rule off when false; nil keeps it on.
	Enabled *bool
	// Severity replaces the severity of every finding of the rule; zero keeps the rule's own.
	Severity finding.Severity
	// Options are the rule's decoded options; nil for the defaults.
	Options any
}

// Rule is what the configuration knows of a rule: the name a rule block or an ignore block uses,
// what the starter file says of it, and its options. The CLI hands the list in (built from the
// rules' registry) so that the configuration depends on no rule.
type Rule struct {
	Name     string
	Severity finding.Severity
	Category finding.Category
	Summary  string
	// Options returns the rule's options at their defaults, decoded from its block; nil when the
	// rule has none.
	Options func() any
}

// Rules are the rules a configuration may name.
type Rules []Rule

func (rs Rules) byName(name string) *Rule {
	for i := range rs {
		if rs[i].Name == name {
			return &rs[i]
		}
	}
	return nil
}

func (rs Rules) names() []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return out
}

// Load reads and checks a configuration file. formats lists the valid output format names, known
// the rules it may configure.
func Load(path string, formats []string, known Rules) (*File, error) {
	src, err := plan.ReadSmallFile(path, "a configuration file")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the configuration: %w", path, err)
	}
	return Parse(path, src, formats, known)
}

// Parse checks a configuration file's text.
func Parse(path string, src []byte, formats []string, known Rules) (*File, error) {
	if line, tooDeep := source.TooDeep(src); tooDeep {
		at := hcl.Range{Filename: path, Start: hcl.Pos{Line: line, Column: 1}, End: hcl.Pos{Line: line, Column: 1}}
		return nil, &Error{Diags: hcl.Diagnostics{diag(at, fmt.Sprintf("nested more than %d levels deep", source.MaxNesting),
			"a configuration file this deep is not one hybridlint wrote or documents; check that this is the right file")}}
	}
	hf, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, &Error{Diags: errorsOnly(diags)}
	}
	// Decoding goes on past the first error, so that one run lists every problem in the file.
	var raw fileSchema
	errs := errorsOnly(gohcl.DecodeBody(hf.Body, nil, &raw))
	f := &File{Path: path, Rules: map[string]RuleConfig{}}
	if raw.Config != nil {
		errs = append(errs, f.decodeConfig(raw.Config, formats)...)
	}
	seen := map[string]hcl.Range{}
	for _, rb := range raw.Rules {
		if prev, dup := seen[rb.Name]; dup {
			errs = append(errs, diag(rb.NameRange, fmt.Sprintf("rule %q is configured twice", rb.Name),
				fmt.Sprintf("the first block is at line %d; merge them", prev.Start.Line)))
			continue
		}
		seen[rb.Name] = rb.NameRange
		rc, d := decodeRule(rb, known)
		errs = append(errs, d...)
		if !d.HasErrors() {
			f.Rules[rb.Name] = rc
		}
	}
	if raw.Prices != nil {
		p, d := decodePrices(raw.Prices)
		errs = append(errs, d...)
		f.Prices = p
	}
	for _, ib := range raw.Ignores {
		ig, d := decodeIgnore(path, ib, known)
		errs = append(errs, d...)
		if ig != nil {
			f.Ignores = append(f.Ignores, ig)
		}
	}
	if errs.HasErrors() {
		return nil, &Error{Diags: errs}
	}
	return f, nil
}

func errorsOnly(diags hcl.Diagnostics) hcl.Diagnostics {
	var out hcl.Diagnostics
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			out = append(out, d)
		}
	}
	return out
}

func diag(r hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: r.Ptr()}
}

// stringAttr decodes an optional string attribute.
func stringAttr(a *hcl.Attribute) (string, hcl.Diagnostics) {
	if a == nil {
		return "", nil
	}
	var s string
	diags := gohcl.DecodeExpression(a.Expr, nil, &s)
	return s, diags
}

func (f *File) decodeConfig(c *configBlock, formats []string) hcl.Diagnostics {
	var errs hcl.Diagnostics
	if c.FailOn != nil {
		v, d := stringAttr(c.FailOn)
		errs = append(errs, d...)
		switch v {
		case "error", "warning", "notice", "none":
			f.FailOn = v
		default:
			if !d.HasErrors() {
				errs = append(errs, diag(c.FailOn.Expr.Range(), fmt.Sprintf("fail_on %q is not a level", v), "use error, warning, notice or none"))
			}
		}
	}
	if c.Format != nil {
		v, d := stringAttr(c.Format)
		errs = append(errs, d...)
		if !d.HasErrors() {
			if !contains(formats, v) {
				errs = append(errs, diag(c.Format.Expr.Range(), fmt.Sprintf("format %q is not an output format", v), "use one of "+strings.Join(formats, ", ")))
			} else {
				f.Format = v
			}
		}
	}
	f.OnlyChanged = c.OnlyChanged
	if c.IdleWindowMinutes != nil {
		var n int
		d := gohcl.DecodeExpression(c.IdleWindowMinutes.Expr, nil, &n)
		errs = append(errs, d...)
		if !d.HasErrors() {
			if n <= 0 || n > serverless.MaxIdleWindowMinutes {
				errs = append(errs, diag(c.IdleWindowMinutes.Expr.Range(), fmt.Sprintf("idle_window_minutes must be from 1 to %d (a day)", serverless.MaxIdleWindowMinutes), fmt.Sprintf("got %d", n)))
			} else {
				f.IdleWindowMinutes = &n
			}
		}
	}
	return errs
}

// decodePrices applies a prices block to the list prices: each attribute names a price
// (cost.PriceNames) and gives its USD amount; an unknown name or a bad amount is an error at its line.
func decodePrices(pb *pricesBlock) (*cost.Prices, hcl.Diagnostics) {
	attrs, errs := pb.Body.JustAttributes()
	prices := cost.Default()
	for _, a := range sortedAttrs(attrs) {
		var usd float64
		if d := gohcl.DecodeExpression(a.Expr, nil, &usd); d.HasErrors() {
			errs = append(errs, d...)
			continue
		}
		if err := prices.Override(a.Name, usd); err != nil {
			summary, detail, _ := strings.Cut(err.Error(), ": ")
			r := a.Expr.Range()
			if strings.HasPrefix(summary, "unknown price") {
				r = a.NameRange
			}
			errs = append(errs, diag(r, summary, detail))
		}
	}
	return &prices, errs
}

func decodeRule(rb ruleBlock, known Rules) (RuleConfig, hcl.Diagnostics) {
	var rc RuleConfig
	r := known.byName(rb.Name)
	if r == nil {
		detail := "'hybridlint rules' lists them"
		if s := spelling.Closest(rb.Name, known.names()); s != "" {
			detail = fmt.Sprintf("did you mean %q? %s", s, detail)
		}
		return rc, hcl.Diagnostics{diag(rb.NameRange, fmt.Sprintf("no rule named %q", rb.Name), detail)}
	}
	rc.Enabled = rb.Enabled
	var errs hcl.Diagnostics
	if rb.Severity != nil {
		v, d := stringAttr(rb.Severity)
		errs = append(errs, d...)
		if !d.HasErrors() {
			sev, err := finding.ParseSeverity(v)
			if err != nil {
				errs = append(errs, diag(rb.Severity.Expr.Range(), fmt.Sprintf("severity %q is not a severity", v), "use error, warning or notice"))
			}
			rc.Severity = sev
		}
	}
	if r.Options == nil {
		attrs, d := rb.Options.JustAttributes()
		errs = append(errs, d...)
		for _, a := range sortedAttrs(attrs) {
			errs = append(errs, diag(a.NameRange, fmt.Sprintf("rule %s has no option %q", r.Name, a.Name), "its only settings are enabled and severity"))
		}
		return rc, errs
	}
	opts := r.Options()
	if d := decodeOptions(r.Name, rb, opts); d.HasErrors() {
		for _, e := range d {
			if e.Summary == "Unsupported argument" {
				e.Summary = fmt.Sprintf("rule %s has no such option", r.Name)
				e.Detail = strings.TrimSuffix(e.Detail, ".") + "; its options are " + strings.Join(ruledoc.OptionNames(opts), ", ") + ", plus enabled and severity"
			}
		}
		errs = append(errs, d...)
	} else if v, ok := opts.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			errs = append(errs, diag(rb.NameRange, fmt.Sprintf("rule %s: %v", r.Name, err), "fix the value, or remove it to use the default"))
		}
	}
	rc.Options = opts
	return rc, errs
}

// decodeOptions decodes a rule block's leftover body into the rule's options. A rule whose options
// are not a pointer to an hcl-tagged struct is a bug in hybridlint: it is reported, not a panic.
func decodeOptions(rule string, rb ruleBlock, opts any) (diags hcl.Diagnostics) {
	defer func() {
		if p := recover(); p != nil {
			diags = hcl.Diagnostics{diag(rb.NameRange, fmt.Sprintf("rule %s: its options cannot be read", rule),
				fmt.Sprintf("%v (this is a bug in hybridlint; please report it)", p))}
		}
	}()
	return gohcl.DecodeBody(rb.Options, nil, opts)
}

func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].NameRange.Start.Byte < out[j].NameRange.Start.Byte })
	return out
}

func decodeIgnore(path string, ib ignoreBlock, known Rules) (*suppress.Ignore, hcl.Diagnostics) {
	var errs hcl.Diagnostics
	ig := &suppress.Ignore{Location: &finding.Location{File: path, Line: ib.DefRange.Start.Line, Column: ib.DefRange.Start.Column,
		EndLine: ib.DefRange.End.Line, EndColumn: ib.DefRange.End.Column}}
	rule, d := stringAttr(ib.Rule)
	errs = append(errs, d...)
	if ib.Rule != nil && !d.HasErrors() && rule != "*" && known.byName(rule) == nil {
		detail := "'hybridlint rules' lists them; \"*\" matches every rule"
		if s := spelling.Closest(rule, known.names()); s != "" {
			detail = fmt.Sprintf("did you mean %q? %s", s, detail)
		}
		errs = append(errs, diag(ib.Rule.Expr.Range(), fmt.Sprintf("no rule named %q", rule), detail))
	}
	ig.Rule = rule
	addr, d := stringAttr(ib.Address)
	errs = append(errs, d...)
	if ib.Address != nil && !d.HasErrors() {
		p, err := suppress.CompilePattern(addr)
		if err != nil {
			errs = append(errs, diag(ib.Address.Expr.Range(), "invalid address pattern", err.Error()))
		}
		ig.Address = p
	}
	if ib.Rule == nil && ib.Address == nil {
		errs = append(errs, diag(ib.DefRange, "an ignore block needs a rule, an address, or both", `for example: rule = "aws_lambda_timeout_near_limit" and address = "module.batch.*"`))
	}
	reason, d := stringAttr(ib.Reason)
	errs = append(errs, d...)
	if strings.TrimSpace(reason) == "" && !d.HasErrors() {
		errs = append(errs, diag(ib.DefRange, "an ignore block needs a reason", "say why the finding is accepted: reason = \"...\""))
	}
	ig.Reason = finding.Printable(reason)
	exp, d := stringAttr(ib.Expires)
	errs = append(errs, d...)
	if ib.Expires != nil && !d.HasErrors() {
		t, err := time.Parse(suppress.DateLayout, exp)
		if err != nil {
			errs = append(errs, diag(ib.Expires.Expr.Range(), fmt.Sprintf("expires %q is not a date", exp), "write it as YYYY-MM-DD"))
		}
		ig.Expires = t
	}
	return ig, errs
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
