package report

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
)

// Pipelines (code scanning, GitLab, review bots, annotations, links in a comment) place a finding on
// a file of the repository, by a path relative to its root. Findings carry paths relative to the
// working directory (or absolute ones, outside it), and a finding in a registry or git module sits
// in .terraform/modules, which no repository holds. The functions here turn a finding into a place
// such a consumer can show: the value's own line when it is in the repository, else the module call
// that leads out of the repository, else the plan or a file of the configuration.

// repoPath makes p (relative to o.SourceRoot, or absolute) relative to the repository root, with
// forward slashes. ok is false when p lies outside the repository.
func (o Options) repoPath(p string) (rel string, ok bool) {
	if p == "" || p == "-" || p == "<stdin>" {
		return "", false
	}
	native := filepath.FromSlash(p)
	if o.RepoRoot == "" {
		if filepath.IsAbs(native) || strings.HasPrefix(p, "/") {
			return filepath.ToSlash(p), false
		}
		return filepath.ToSlash(filepath.Clean(native)), !outside(filepath.ToSlash(filepath.Clean(native)))
	}
	abs := native
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(o.SourceRoot, native)
	}
	r, err := filepath.Rel(o.RepoRoot, abs)
	if err != nil {
		return filepath.ToSlash(p), false
	}
	r = filepath.ToSlash(r)
	return r, !outside(r)
}

func outside(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, "../") || path.IsAbs(rel)
}

// vendored reports whether a repository path is in a .terraform directory, where terraform init
// unpacks registry and git modules: present on the runner, absent from the repository.
func vendored(rel string) bool {
	return strings.HasPrefix(rel, ".terraform/") || strings.Contains(rel, "/.terraform/")
}

// inRepo returns l with its file relative to the repository root, and whether it is a file of the
// repository (inside it, not under .terraform).
func (o Options) inRepo(l *finding.Location) (finding.Location, bool) {
	if l == nil {
		return finding.Location{}, false
	}
	out := *l
	rel, ok := o.repoPath(l.File)
	out.File = rel
	return out, ok && !vendored(rel)
}

// placed is where a pipeline shows a finding.
type placed struct {
	// Location is in the repository; nil when nothing of the finding is.
	Location *finding.Location
	// Exact is true when Location is the value's own line, false for a module call or a file to
	// attach to.
	Exact bool
	// WholeFile is true when Location is a file the finding is attached to, its line 1 a stand-in
	// for formats that need a line.
	WholeFile bool
	// Note tells the reader where the finding really is when Location is not its own line.
	Note string
}

// place finds the finding's place in the repository.
func (o Options) place(f finding.Finding, r *Report) placed {
	if l, ok := o.inRepo(f.Location); ok {
		return placed{Location: &l, Exact: true}
	}
	if f.Location != nil {
		// In a module outside the repository: the innermost module call still in it is where the
		// module is used, and where a user changes what it is given.
		for i := len(f.Callers) - 1; i >= 0; i-- {
			if l, ok := o.inRepo(f.Callers[i].Location); ok {
				return placed{Location: &l, Note: fmt.Sprintf("in the source of %s, at %s, which is not in the repository", f.Callers[i].Module, f.Location)}
			}
		}
	}
	if file := r.attachFile(f, o); file != "" {
		return placed{Location: &finding.Location{File: file, Line: 1}, WholeFile: true,
			Note: "no .tf location: lint from the configuration directory after terraform init, or lint the binary plan file"}
	}
	return placed{}
}

// attachFile is the repository file a finding without a source location is attached to: the plan
// it came from when the plan is in the repository, else a file of the configuration's root module.
func (r *Report) attachFile(f finding.Finding, o Options) string {
	plan := f.File
	if plan == "" && len(r.Inputs) > 0 {
		plan = r.Inputs[0]
	}
	if rel, ok := o.repoPath(plan); ok && !vendored(rel) {
		return rel
	}
	if rel, ok := o.repoPath(r.ConfigFiles[plan]); ok && !vendored(rel) {
		return rel
	}
	return ""
}

// planName is how a plan is named in a report a pipeline keeps: relative to the repository when it
// is inside it, as given otherwise.
func (o Options) planName(p string) string {
	if rel, ok := o.repoPath(p); ok {
		return rel
	}
	return p
}
