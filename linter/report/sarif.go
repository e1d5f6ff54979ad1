package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// SARIF 2.1.0 (OASIS), the subset GitHub code scanning reads: rules with help pages, results
// with a physical location in the repository (the .tf line; for a module outside the repository,
// the module call leading to it; else the plan or a configuration file), paths relative to the
// repository root, and the resource address as logical location.
//
// Code scanning ignores baselineState and suppressions: every result it receives is an open alert,
// and an alert missing from a later upload is closed. So accepted findings (baselined or
// suppressed) are left out; with ShowSuppressed they are included, carrying their suppression and
// the property "accepted": true, for tools that read them (advanced-security/dismiss-alerts
// dismisses the alerts of suppressed results).

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// srcRoot is the uriBaseId of every relative artifact location.
	srcRoot = "%SRCROOT%"
	// ToolURI is hybridlint's home page.
	ToolURI = "https://github.com/hybridlint/terraform-provider-hybrid"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult                    `json:"results"`
	Invocations        []sarifInvocation                `json:"invocations"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifText           `json:"shortDescription"`
	FullDescription      sarifText           `json:"fullDescription"`
	HelpURI              string              `json:"helpUri,omitempty"`
	Help                 *sarifMultiformat   `json:"help,omitempty"`
	DefaultConfiguration sarifRuleConfig     `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Tags      []string `json:"tags"`
	Precision string   `json:"precision"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	BaselineState       string             `json:"baselineState,omitempty"`
	Properties          map[string]any     `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               *int                   `json:"id,omitempty"`
	PhysicalLocation *sarifPhysical         `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string         `json:"kind"`
	Status        string         `json:"status"`
	Justification string         `json:"justification"`
	Location      *sarifLocation `json:"location,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "note"
}

// SARIF writes a SARIF 2.1.0 log with one run.
func SARIF(w io.Writer, r Report, o Options) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: r.Tool.Name, Version: r.Tool.Version, InformationURI: ToolURI, Rules: []sarifRule{}}},
	}
	if o.RepoRoot != "" {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(o.RepoRoot)}
		root := u.String()
		if !strings.HasSuffix(root, "/") {
			root += "/"
		}
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: root}}
	}
	index := map[string]int{}
	for _, ri := range r.Rules {
		index[ri.Name] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(ri))
	}
	findings := r.Active()
	if o.ShowSuppressed {
		findings = append(append([]finding.Finding{}, r.Findings...), r.Suppressed...)
	}
	for _, f := range findings {
		if _, ok := index[f.Rule]; !ok {
			index[f.Rule] = len(run.Tool.Driver.Rules)
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(RuleInfo{Name: f.Rule, Summary: f.Rule, Severity: f.Severity, Category: f.Category}))
		}
	}
	baselined := r.Summary.Baselined > 0
	result := func(f finding.Finding) sarifResult {
		res := sarifResultOf(f, index[f.Rule], o.place(f, &r), o)
		if baselined {
			res.BaselineState = "new"
			if f.Baselined {
				res.BaselineState = "unchanged"
			}
		}
		return res
	}
	inv := sarifInvocation{ExecutionSuccessful: len(r.Errors) == 0}
	for _, e := range r.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: "error", Message: sarifText{Text: e}})
	}
	for _, n := range r.Notices {
		note := sarifNotification{Level: "note", Message: sarifText{Text: n.Message}}
		if l, ok := o.inRepo(n.Location); ok {
			note.Locations = []sarifLocation{{PhysicalLocation: physical(&l)}}
		} else if n.Location != nil {
			note.Message.Text = n.String()
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, note)
	}
	run.Invocations = []sarifInvocation{inv}

	// The results are encoded one at a time as they are made: the same bytes as encoding the
	// sarifLog whole (its field order and omitempty tags), without the results in memory twice.
	s := newJSONStream(w)
	doc := s.object(0)
	doc.field("$schema", sarifSchema)
	doc.field("version", sarifVersion)
	doc.array("runs", 1, false, func(_, depth int) {
		ro := s.object(depth)
		ro.field("tool", run.Tool)
		if len(run.OriginalURIBaseIDs) > 0 {
			ro.field("originalUriBaseIds", run.OriginalURIBaseIDs)
		}
		ro.array("results", len(findings), false, func(i, depth int) {
			res := result(findings[i])
			s.value(depth, &res)
		})
		ro.field("invocations", run.Invocations)
		ro.close()
	})
	doc.close()
	return s.end()
}

func sarifRuleOf(ri RuleInfo) sarifRule {
	sr := sarifRule{
		ID:                   ri.Name,
		Name:                 camel(ri.Name),
		ShortDescription:     sarifText{Text: ri.Summary},
		FullDescription:      sarifText{Text: ri.Summary},
		HelpURI:              ri.HelpURI,
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(ri.Severity)},
		Properties:           sarifRuleProperties{Tags: []string{"terraform", "serverless", string(ri.Category)}, Precision: "high"},
	}
	if ri.Help != "" {
		sr.Help = &sarifMultiformat{Text: ri.Help, Markdown: ri.Help}
	}
	return sr
}

// camel turns a rule name into the PascalCase SARIF uses for rule names.
func camel(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(name, "_") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func sarifResultOf(f finding.Finding, ruleIndex int, at placed, o Options) sarifResult {
	msg := f.Message
	if f.Remediation != "" {
		msg += ". Fix: " + f.Remediation
	}
	if at.Note != "" {
		msg += " (" + at.Note + ")"
	}
	logical := []sarifLogicalLocation{{Name: resourceName(f.Address), FullyQualifiedName: f.Address, Kind: "resource"}}
	primary := sarifLocation{LogicalLocations: logical}
	if at.Location != nil {
		primary.PhysicalLocation = physical(at.Location)
	}
	res := sarifResult{
		RuleID: f.Rule, RuleIndex: ruleIndex, Level: sarifLevel(f.Severity),
		Message:             sarifText{Text: msg},
		Locations:           []sarifLocation{primary},
		PartialFingerprints: map[string]string{"hybridlint/v1": Identity(f)},
		Properties: map[string]any{
			"address": f.Address, "attribute": f.Attribute, "category": string(f.Category),
			"related": nonNil(f.Related), "changed": f.Changed,
		},
	}
	// Related locations: the value's own line when the primary location is a module call, the
	// resource block, the attribute, and each module call on the way. They may lie in a module
	// under .terraform (relative to the repository root all the same); what is outside the
	// repository altogether is left out.
	seen := map[finding.Location]bool{}
	if at.Location != nil {
		seen[*at.Location] = true
	}
	add := func(l *finding.Location, text string) {
		if l == nil {
			return
		}
		rel, inside := o.repoPath(l.File)
		moved := *l
		moved.File = rel
		if !inside || seen[moved] {
			return
		}
		seen[moved] = true
		id := len(res.RelatedLocations) + 1
		res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id, PhysicalLocation: physical(&moved), Message: &sarifText{Text: text}})
	}
	if !at.Exact {
		add(f.Location, "where the value of "+f.Attribute+" is set")
	}
	add(f.ResourceLocation, "resource "+f.Address)
	add(f.AttributeLocation, f.Attribute+" of "+f.Address)
	for _, c := range f.Callers {
		text := "module call " + c.Module
		if c.Argument != "" {
			text += ", argument " + c.Argument
		}
		add(c.Location, text)
	}
	if s := f.Suppressed; s != nil {
		kind := "external"
		if s.Kind == "inline" {
			kind = "inSource"
		}
		sup := sarifSuppression{Kind: kind, Status: "accepted", Justification: s.Reason}
		if l, ok := o.inRepo(s.Location); ok {
			sup.Location = &sarifLocation{PhysicalLocation: physical(&l)}
		}
		res.Suppressions = []sarifSuppression{sup}
	} else if f.Baselined {
		res.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: "listed in the baseline file"}}
	}
	if !f.Active() {
		res.Properties["accepted"] = true
	}
	return res
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func physical(l *finding.Location) *sarifPhysical {
	p := &sarifPhysical{ArtifactLocation: artifact(l.File)}
	if l.Line > 0 {
		reg := &sarifRegion{StartLine: l.Line, StartColumn: l.Column}
		if l.EndLine >= l.Line && l.EndColumn > 0 {
			reg.EndLine, reg.EndColumn = l.EndLine, l.EndColumn
		}
		p.Region = reg
	}
	return p
}

// artifact makes a SARIF artifact location from a path relative to the repository root.
func artifact(path string) sarifArtifactLocation {
	u := url.URL{Path: path}
	return sarifArtifactLocation{URI: u.String(), URIBaseID: srcRoot}
}

// resourceName is an address without its module path: aws_lambda_function.fn["eu"].
func resourceName(addr string) string {
	a, ok := graph.ParseInstanceAddress(addr)
	if !ok {
		return addr
	}
	if a.HasKey {
		return a.Resource + "[" + graph.FormatKey(a.Key) + "]"
	}
	return a.Resource
}

// Identity is a finding's stable identity across runs: rule, full address, attribute, related
// resources and plan file, hashed. It does not change when lines move or numbers change.
func Identity(f finding.Finding) string {
	h := sha256.New()
	for _, part := range []string{f.Rule, f.Address, f.Attribute, strings.Join(f.Related, ","), f.File} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
