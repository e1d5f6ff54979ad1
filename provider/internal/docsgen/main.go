// Command docsgen writes the provider's documentation under docs/ with tfplugindocs, offline: the
// schema comes in-process from the provider's own GetProviderSchema (no Terraform CLI, no registry),
// the examples from examples/ in the tfplugindocs layout.
//
//	go run ./provider/internal/docsgen          # regenerate docs/
//	go run ./provider/internal/docsgen -check   # exit 1 if docs/ differs from what would be generated
//
// Only the pages tfplugindocs owns are touched (docs/index.md, docs/resources, docs/data-sources,
// docs/functions); docs/rules and other hand-written or linter-generated pages are left alone.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
)

func main() {
	check := flag.Bool("check", false, "compare docs/ with freshly generated docs and exit 1 if they differ, without writing")
	schemaOut := flag.String("schema-out", "", "also write the providers schema JSON to this file")
	flag.Parse()

	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "docsgen:", err)
		os.Exit(2)
	}
	err = run(context.Background(), root, *check, *schemaOut)
	var stale *staleError
	switch {
	case errors.As(err, &stale):
		fmt.Fprintln(os.Stderr, stale.Error())
		os.Exit(1)
	case err != nil:
		fmt.Fprintln(os.Stderr, "docsgen:", err)
		os.Exit(2)
	}
}
