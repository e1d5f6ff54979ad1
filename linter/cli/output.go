package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hybridlint/terraform-provider-hybrid/linter/report"
)

// writeOutputs writes each requested report, to standard output or to its file.
func (a *App) writeOutputs(outputs []output, rep report.Report, o *lintOptions) error {
	wd, _ := filepath.Abs(".")
	ro := report.Options{ShowSuppressed: o.showSuppressed, SourceRoot: wd, RepoRoot: repoRoot(o.chdir, wd)}
	ro.RepoURL, ro.Ref = a.repoLink()
	for _, out := range outputs {
		opts := ro
		if out.file == "" {
			opts.Color = a.IsTerminal && !o.noColor && a.Getenv("NO_COLOR") == ""
			if err := report.Write(a.Stdout, out.format, rep, opts); err != nil {
				return fmt.Errorf("writing the report: %w", err)
			}
		} else if err := writeFile(out.file, func(w io.Writer) error { return report.Write(w, out.format, rep, opts) }); err != nil {
			return err
		}
		if out.format == "github" {
			if err := a.jobSummary(rep, ro); err != nil {
				return err
			}
		}
	}
	return nil
}

// repoRoot is the root of the repository the configuration is in: the nearest directory, from
// --chdir (else the working directory) upwards, that holds .git (a directory, or a file in a
// worktree or submodule). Without one, the working directory: paths stay as they are.
func repoRoot(chdir, wd string) string {
	dir := wd
	if chdir != "" {
		if abs, err := filepath.Abs(chdir); err == nil {
			dir = abs
		}
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return wd
		}
	}
}

// writeFile writes a report to path; an error names the file first, as every input error does.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is said first
		}
		return fmt.Errorf("%s: cannot write the report: %w (check that its directory exists and is writable)", path, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing the report to %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing the report to %s: %w", path, err)
	}
	return nil
}

// jobSummary appends the Markdown report to the GitHub Actions job summary, when there is one.
func (a *App) jobSummary(rep report.Report, ro report.Options) error {
	path := a.Getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("writing the job summary (GITHUB_STEP_SUMMARY=%s): %w", path, err)
	}
	if err := report.Markdown(f, rep, ro); err != nil {
		f.Close()
		return fmt.Errorf("writing the job summary: %w", err)
	}
	return f.Close()
}

// repoLink is the repository and commit that Markdown links lines to, from the CI environment
// (GitHub Actions sets GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA; HYBRIDLINT_SOURCE_REF
// overrides the commit, e.g. with a pull request's head).
func (a *App) repoLink() (string, string) {
	server, repo := a.Getenv("GITHUB_SERVER_URL"), a.Getenv("GITHUB_REPOSITORY")
	ref := a.Getenv("HYBRIDLINT_SOURCE_REF")
	if ref == "" {
		ref = a.Getenv("GITHUB_SHA")
	}
	if server == "" || repo == "" || ref == "" {
		return "", ""
	}
	return server + "/" + repo, ref
}
