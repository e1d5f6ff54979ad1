package main

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/hybridlint/terraform-provider-hybrid/provider"
	"github.com/hybridlint/terraform-provider-hybrid/provider/internal/schemadump"
)

// tfplugindocs is run with `go run` at a pinned version, so the docs do not change with whatever
// happens to be installed, and go.mod does not carry the generator's dependencies.
const tfplugindocs = "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs@v0.25.0"

const modulePath = "github.com/hybridlint/terraform-provider-hybrid"

// managedPaths are the entries under docs/ that tfplugindocs writes; everything else there belongs
// to someone else.
var managedPaths = []string{"index.md", "resources", "data-sources", "functions", "guides"}

// exampleDirs are the parts of examples/ that the docs show: tfplugindocs's own layout, and the
// complete example the guide includes.
var exampleDirs = []string{"provider", "resources", "data-sources", "functions", "hybrid-unit"}

// templates holds the pages tfplugindocs renders besides the generated ones (guides); they live
// beside this command rather than in a top-level templates/ folder.
//
//go:embed templates
var templates embed.FS

// staleError lists the docs that differ from what generation would write.
type staleError struct {
	diffs []string
}

func (e *staleError) Error() string {
	return "docs/ is stale (" + strings.Join(e.diffs, ", ") +
		"); regenerate it with `go run ./provider/internal/docsgen` (make docs) and commit the result"
}

// run generates the docs into a scratch provider directory and either copies the managed pages into
// root/docs or compares them with it.
func run(ctx context.Context, root string, check bool, schemaOut string) error {
	work, err := os.MkdirTemp("", "hybrid-docsgen-")
	if err != nil {
		return fmt.Errorf("creating scratch directory: %w", err)
	}
	defer func() {
		if err := os.RemoveAll(work); err != nil {
			fmt.Fprintf(os.Stderr, "docsgen: removing scratch directory: %v\n", err)
		}
	}()

	schemaPath := filepath.Join(work, "schema.json")
	if err := writeSchema(ctx, schemaPath); err != nil {
		return err
	}
	if schemaOut != "" {
		if err := copyFile(schemaPath, schemaOut); err != nil {
			return err
		}
	}
	for _, dir := range exampleDirs {
		src := filepath.Join(root, "examples", dir)
		if _, err := os.Stat(src); err == nil {
			if err := copyTree(src, filepath.Join(work, "examples", dir)); err != nil {
				return err
			}
		}
	}
	if err := os.CopyFS(filepath.Join(work, "templates"), mustSub(templates, "templates")); err != nil {
		return fmt.Errorf("copying templates: %w", err)
	}
	args := []string{"--provider-dir", work, "--provider-name", provider.TypeName, "--providers-schema", schemaPath}
	if err := goRun(ctx, work, append([]string{"generate"}, args...)...); err != nil {
		return err
	}
	if err := goRun(ctx, work, append([]string{"validate"}, args...)...); err != nil {
		return err
	}

	generated, docs := filepath.Join(work, "docs"), filepath.Join(root, "docs")
	if check {
		diffs, err := compare(generated, docs)
		if err != nil {
			return err
		}
		if len(diffs) > 0 {
			return &staleError{diffs: diffs}
		}
		return nil
	}
	for _, p := range managedPaths {
		if err := os.RemoveAll(filepath.Join(docs, p)); err != nil {
			return fmt.Errorf("removing old docs/%s: %w", p, err)
		}
		src := filepath.Join(generated, p)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		if err := copyTree(src, filepath.Join(docs, p)); err != nil {
			return err
		}
	}
	return nil
}

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // dir is a constant embedded above
	}
	return sub
}

func writeSchema(ctx context.Context, path string) error {
	server, err := providerserver.NewProtocol6WithError(provider.New("dev")())()
	if err != nil {
		return fmt.Errorf("starting provider server in-process: %w", err)
	}
	schemas, err := schemadump.ProviderSchemas(ctx, server, provider.TypeName)
	if err != nil {
		return fmt.Errorf("reading provider schema: %w", err)
	}
	data, err := json.MarshalIndent(schemas, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding provider schema: %w", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("writing provider schema: %w", err)
	}
	return nil
}

func goRun(ctx context.Context, dir string, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", append([]string{"run", tfplugindocs}, args...)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("tfplugindocs %s: %w\n%s", args[0], err, out.String())
	}
	return nil
}

// compare returns the managed docs files that are missing, extra or different in have.
func compare(want, have string) ([]string, error) {
	wantFiles, err := managedFiles(want)
	if err != nil {
		return nil, err
	}
	haveFiles, err := managedFiles(have)
	if err != nil {
		return nil, err
	}
	var diffs []string
	for rel, w := range wantFiles {
		h, ok := haveFiles[rel]
		switch {
		case !ok:
			diffs = append(diffs, "docs/"+rel+" missing")
		case !bytes.Equal(w, h):
			diffs = append(diffs, "docs/"+rel+" differs")
		}
	}
	for rel := range haveFiles {
		if _, ok := wantFiles[rel]; !ok {
			diffs = append(diffs, "docs/"+rel+" not generated")
		}
	}
	slices.Sort(diffs)
	return diffs, nil
}

// managedFiles reads the files under dir that belong to tfplugindocs, keyed by slash path.
func managedFiles(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, p := range managedPaths {
		start := filepath.Join(dir, p)
		err := filepath.WalkDir(start, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) && path == start {
					return nil
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			files[filepath.ToSlash(rel)] = data
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", start, err)
		}
	}
	return files, nil
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("reading %s: %w", src, err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(dst), err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", dst, err)
	}
	return nil
}

// moduleRoot walks up from the working directory to this module's go.mod, so the command works from
// the repository root (make docs) and from its own directory (go test).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding working directory: %w", err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.Contains(data, []byte("module "+modulePath+"\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod for module %s above the working directory; run from the repository", modulePath)
		}
		dir = parent
	}
}
