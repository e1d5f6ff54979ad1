// Package source finds the .tf files a plan was made from and maps findings back to them: the
// resource block, the attribute, and, when the value arrives through module variables, locals or
// for_each, the place where it is written and the chain of module calls it passed through.
//
// A plan's JSON has no file names or line numbers, so the sources are looked up, in this order:
//  1. the binary plan file's own snapshot of the configuration (tfconfig/ and tfconfig/modules.json),
//     exactly what the plan was made from;
//  2. the working directory (--chdir, default the current directory) and the module manifest that
//     `terraform init` writes, .terraform/modules/modules.json, which covers remote modules too;
//  3. local module paths (./ or ../) from the configuration's module calls.
//
// A module key is the dotted path of module call names ("" for the root, "api", "api.fn"), as in
// Terraform's manifests.
package source

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// Origin names where a module's files came from, for messages.
type Origin string

// Origins, in the order they are tried.
const (
	FromPlanFile  Origin = "binary plan file"
	FromManifest  Origin = ".terraform/modules/modules.json"
	FromDirectory Origin = "working directory"
	FromLocalPath Origin = "local module path"
)

// Options say where to look.
type Options struct {
	// Dir is the configuration's directory (--chdir); "" means the current directory.
	Dir string
	// PlanFile is the binary plan file's content when the input was one, nil otherwise.
	PlanFile []byte
	// WorkDir is the directory paths are shown relative to; "" means the current directory.
	WorkDir string
}

// Config holds the sources found for one plan.
type Config struct {
	// Modules by key.
	Modules map[string]*Module
	// Notes are problems met while loading (a file that does not parse), for the report.
	Notes []finding.Note
}

// Module is one module's configuration files.
type Module struct {
	Key    string
	Dir    string // as shown in locations
	Origin Origin
	Files  []*File

	resources map[string]*block // "aws_lambda_function.fn", "data.x.y"
	calls     map[string]*block // module call name
	locals    map[string]*local
	variables map[string]*block
}

// local is one named value of a locals block.
type local struct {
	file *File
	attr *hclsyntax.Attribute
}

// File is one configuration file.
type File struct {
	// Path is the file as shown in locations: relative to the working directory, forward slashes.
	Path string
	Src  []byte
	// Native is the parsed body of a .tf file, nil for .tf.json or a file that does not parse.
	Native *hclsyntax.Body
}

// block is a top-level block of either syntax.
type block struct {
	file   *File
	def    hcl.Range
	native *hclsyntax.Block // nil for JSON
	body   hcl.Body
}

// Load finds the sources of p. It never fails: what cannot be found is simply absent, and the
// findings of those modules carry addresses only.
func Load(p *plan.Plan, opts Options) *Config {
	c := &Config{Modules: map[string]*Module{}}
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	l := &loader{cfg: c, base: dir, workDir: opts.WorkDir}
	if len(opts.PlanFile) > 0 {
		l.fromPlanFile(opts.PlanFile)
	}
	l.fromManifest(filepath.Join(dir, ".terraform", "modules", "modules.json"))
	if c.Modules[""] == nil {
		l.addDir("", dir, FromDirectory)
	}
	if p != nil && p.Config != nil {
		l.fromModuleCalls("", p.Config)
	}
	l.fromModuleBlocks()
	return c
}

// Empty reports whether no source at all was found.
func (c *Config) Empty() bool { return len(c.Modules) == 0 }

// RootFile is a file of the root module, as shown in locations: main.tf when there is one, else
// the first by name; "" when the root module's sources were not found.
func (c *Config) RootFile() string {
	root := c.Modules[""]
	if root == nil || len(root.Files) == 0 {
		return ""
	}
	for _, f := range root.Files {
		if path.Base(f.Path) == "main.tf" {
			return f.Path
		}
	}
	return root.Files[0].Path
}

// SortedModules returns the modules ordered by key.
func (c *Config) SortedModules() []*Module {
	out := make([]*Module, 0, len(c.Modules))
	for _, m := range c.Modules {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

type loader struct {
	cfg     *Config
	base    string
	workDir string
	parsed  map[string]*File // by path on disk, so a module used twice is parsed once
}

type manifestEntry struct {
	Key    string `json:"Key"`
	Source string `json:"Source"`
	Dir    string `json:"Dir"`
}

// parseManifest reads both shapes Terraform writes: {"Modules": [...]} in .terraform/modules,
// a bare array in a plan file's tfconfig/.
func parseManifest(data []byte) ([]manifestEntry, error) {
	data = bytes.TrimSpace(data)
	var entries []manifestEntry
	if len(data) > 0 && data[0] == '[' {
		err := json.Unmarshal(data, &entries)
		return entries, err
	}
	var wrapped struct {
		Modules []manifestEntry `json:"Modules"`
	}
	err := json.Unmarshal(data, &wrapped)
	return wrapped.Modules, err
}

// snapshotBudget bounds what a plan file's configuration snapshot may expand to: a zip of a few
// hundred KB can hold gigabytes of highly compressible text. Real snapshots are a few MB.
const snapshotBudget = 64 << 20

func (l *loader) fromPlanFile(data []byte) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return
	}
	// Files by module directory, read in one pass: tfconfig/m-<key>/<file>.
	byModule := map[string][]*zip.File{}
	var mf *zip.File
	for _, f := range zr.File {
		if f.Name == "tfconfig/modules.json" {
			mf = f
			continue
		}
		rest, ok := strings.CutPrefix(f.Name, "tfconfig/m-")
		if key, name, ok2 := strings.Cut(rest, "/"); ok && ok2 && !strings.Contains(name, "/") && isConfigFile(name) {
			byModule[key] = append(byModule[key], f)
		}
	}
	if mf == nil {
		return
	}
	budget := int64(snapshotBudget)
	raw, err := readZip(mf, &budget)
	if err != nil {
		return
	}
	entries, err := parseManifest(raw)
	if err != nil {
		l.cfg.Notes = append(l.cfg.Notes, finding.Note{Message: "the plan file's tfconfig/modules.json is not valid JSON; its configuration snapshot is not used: " + err.Error()})
		return
	}
	seen := map[string]bool{}
	for _, e := range entries {
		if seen[e.Key] {
			continue // a module listed twice is read once
		}
		seen[e.Key] = true
		m := l.newModule(e.Key, l.display(filepath.Join(l.base, filepath.FromSlash(e.Dir))), FromPlanFile)
		for _, zf := range byModule[e.Key] {
			name := path.Base(zf.Name)
			src, err := readZip(zf, &budget)
			if errors.Is(err, errSnapshotTooLarge) {
				l.cfg.Notes = append(l.cfg.Notes, finding.Note{Message: fmt.Sprintf(
					"the plan file's configuration snapshot expands to more than %d MiB, so the rest of it is not read; findings there have no line numbers", snapshotBudget>>20)})
				l.add(m)
				return
			}
			if err != nil {
				continue
			}
			m.Files = append(m.Files, l.parse(path.Join(m.Dir, name), src))
		}
		l.add(m)
	}
}

var errSnapshotTooLarge = errors.New("the configuration snapshot is too large")

// readZip reads one member, charging what it expands to against budget.
func readZip(f *zip.File, budget *int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, *budget+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > *budget {
		*budget = 0
		return nil, errSnapshotTooLarge
	}
	*budget -= int64(len(data))
	return data, nil
}

func (l *loader) fromManifest(file string) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return
	}
	entries, err := parseManifest(raw)
	if err != nil {
		l.cfg.Notes = append(l.cfg.Notes, finding.Note{Message: fmt.Sprintf("%s is not valid JSON (%v); run terraform init again", l.display(file), err)})
		return
	}
	for _, e := range entries {
		if l.cfg.Modules[e.Key] != nil {
			continue
		}
		origin := FromManifest
		if e.Key == "" {
			origin = FromDirectory
		}
		l.addDir(e.Key, filepath.Join(l.base, filepath.FromSlash(e.Dir)), origin)
	}
}

// fromModuleCalls adds local modules named by the plan's configuration.
func (l *loader) fromModuleCalls(parentKey string, m *plan.Module) {
	parent := l.cfg.Modules[parentKey]
	names := make([]string, 0, len(m.ModuleCalls))
	for name := range m.ModuleCalls {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		call := m.ModuleCalls[name]
		key := joinKey(parentKey, name)
		if l.cfg.Modules[key] == nil && parent != nil && isLocalSource(call.Source) {
			l.addDir(key, filepath.Join(l.diskDir(parent), filepath.FromSlash(call.Source)), FromLocalPath)
		}
		if call.Module != nil {
			l.fromModuleCalls(key, call.Module)
		}
	}
}

// fromModuleBlocks follows `module` blocks with a literal local source in the files already
// found, for plans whose JSON carries no configuration.
func (l *loader) fromModuleBlocks() {
	queue := append(make([]*Module, 0, len(l.cfg.Modules)), l.cfg.SortedModules()...)
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		names := make([]string, 0, len(m.calls))
		for name := range m.calls {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			key := joinKey(m.Key, name)
			if l.cfg.Modules[key] != nil {
				continue
			}
			src, ok := literalSource(m.calls[name])
			if !ok || !isLocalSource(src) {
				continue
			}
			if child := l.addDir(key, filepath.Join(l.diskDir(m), filepath.FromSlash(src)), FromLocalPath); child != nil {
				queue = append(queue, child)
			}
		}
	}
}

func literalSource(b *block) (string, bool) {
	attrs, _ := b.body.JustAttributes()
	a := attrs["source"]
	if a == nil {
		return "", false
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type().FriendlyName() != "string" {
		return "", false
	}
	return v.AsString(), true
}

func isLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || s == "." || s == ".."
}

func joinKey(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// diskDir is where a module's files are on disk (Dir is as displayed).
func (l *loader) diskDir(m *Module) string {
	if filepath.IsAbs(m.Dir) || l.workDir == "" {
		return filepath.FromSlash(m.Dir)
	}
	return filepath.Join(l.workDir, filepath.FromSlash(m.Dir))
}

// addDir loads the .tf and .tf.json files of a directory as module key; nil when it has none.
func (l *loader) addDir(key, dir string, origin Origin) *Module {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	m := l.newModule(key, l.display(dir), origin)
	for _, e := range entries {
		if e.IsDir() || !isConfigFile(e.Name()) {
			continue
		}
		file := filepath.Join(dir, e.Name())
		if f := l.parsed[file]; f != nil {
			m.Files = append(m.Files, f)
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				l.cfg.Notes = append(l.cfg.Notes, finding.Note{Message: fmt.Sprintf("cannot read %s: %v", l.display(file), err)})
			}
			continue
		}
		f := l.parse(l.display(file), src)
		if l.parsed == nil {
			l.parsed = map[string]*File{}
		}
		l.parsed[file] = f
		m.Files = append(m.Files, f)
	}
	if len(m.Files) == 0 {
		return nil
	}
	l.add(m)
	return m
}

func isConfigFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

func (l *loader) newModule(key, dir string, origin Origin) *Module {
	return &Module{Key: key, Dir: dir, Origin: origin,
		resources: map[string]*block{}, calls: map[string]*block{},
		locals: map[string]*local{}, variables: map[string]*block{}}
}

// display makes a path relative to the working directory when it lies inside it, with forward
// slashes: the form a repository, a pull request and an editor all understand.
func (l *loader) display(p string) string {
	wd := l.workDir
	if wd == "" {
		wd, _ = os.Getwd()
	}
	if abs, err := filepath.Abs(p); err == nil && wd != "" {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(filepath.Clean(p))
}

func (l *loader) parse(display string, src []byte) *File {
	f := &File{Path: display, Src: src}
	if line, tooDeep := TooDeep(src); tooDeep {
		// The HCL parsers recurse per level: a file this deep would exhaust the stack.
		l.cfg.Notes = append(l.cfg.Notes, finding.Note{
			Message:  fmt.Sprintf("the file nests more than %d levels deep, so hybridlint does not parse it; its findings have no line numbers", MaxNesting),
			Location: &finding.Location{File: display, Line: line, Column: 1},
		})
		f.Src = nil
		return f
	}
	if strings.HasSuffix(display, ".tf") {
		hf, diags := hclsyntax.ParseConfig(src, display, hcl.InitialPos)
		if diags.HasErrors() {
			note := finding.Note{Message: "cannot parse the file (" + diags[0].Summary + "); its findings have no line numbers"}
			if diags[0].Subject != nil {
				note.Location = rangeLocation(display, *diags[0].Subject)
			} else {
				note.Message = display + ": " + note.Message
			}
			l.cfg.Notes = append(l.cfg.Notes, note)
			return f
		}
		f.Native = hf.Body.(*hclsyntax.Body)
	}
	return f
}

// add indexes a module's top-level blocks and registers it.
func (l *loader) add(m *Module) {
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	for _, f := range m.Files {
		switch {
		case f.Native != nil:
			for _, b := range f.Native.Blocks {
				m.index(&block{file: f, def: b.DefRange(), native: b, body: b.Body}, b.Type, b.Labels)
				if b.Type == "locals" {
					for name, a := range b.Body.Attributes {
						m.locals[name] = &local{file: f, attr: a}
					}
				}
			}
		case strings.HasSuffix(f.Path, ".tf.json"):
			jf, diags := hcljson.Parse(f.Src, f.Path)
			if diags.HasErrors() {
				continue
			}
			content, _, _ := jf.Body.PartialContent(topSchema)
			for _, b := range content.Blocks {
				m.index(&block{file: f, def: b.DefRange, body: b.Body}, b.Type, b.Labels)
			}
		}
	}
	l.cfg.Modules[m.Key] = m
}

var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
}}

func (m *Module) index(b *block, typ string, labels []string) {
	// An override file (override.tf, *_override.tf) merges into the block it overrides; the
	// original declaration is where a reader looks first.
	override := isOverride(b.file.Path)
	put := func(into map[string]*block, key string) {
		if old := into[key]; old == nil || (isOverride(old.file.Path) && !override) {
			into[key] = b
		}
	}
	switch {
	case typ == "resource" && len(labels) == 2:
		put(m.resources, labels[0]+"."+labels[1])
	case typ == "data" && len(labels) == 2:
		put(m.resources, "data."+labels[0]+"."+labels[1])
	case typ == "module" && len(labels) == 1:
		put(m.calls, labels[0])
	case typ == "variable" && len(labels) == 1:
		put(m.variables, labels[0])
	}
}

func isOverride(p string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(path.Base(p), ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

// rangeLocation converts an hcl range into a finding location in file.
func rangeLocation(file string, r hcl.Range) *finding.Location {
	end := r.End
	if end.Line == 0 {
		end = r.Start
	}
	return &finding.Location{File: file, Line: r.Start.Line, Column: r.Start.Column, EndLine: end.Line, EndColumn: end.Column}
}
