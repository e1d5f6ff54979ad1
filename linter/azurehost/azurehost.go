// Package azurehost reads the functionTimeout of an Azure Functions host.json, the one place besides
// the app setting AzureFunctionsJobHost__functionTimeout where a function app's timeout is set. The
// CLI reads the file (given with --azure-host-json, or found beside the configuration) and hands the
// result to the rules, which never read files themselves.
package azurehost

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// FileName is the name the Functions host reads its configuration from, at the root of the app.
const FileName = "host.json"

// Load reads host.json at path. It returns nil, nil when the file sets no functionTimeout (the
// plan's default applies then), and an error naming the file when it cannot be read or parsed.
func Load(path string) (*serverless.AzureHost, error) {
	data, err := plan.ReadSmallFile(path, "a host.json")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file: check the --azure-host-json path (the host.json at the root of the function app project)", path)
		}
		return nil, fmt.Errorf("%s: reading the Azure Functions host.json: %w", path, err)
	}
	return Parse(path, data)
}

// Discover looks for host.json in dir (the directory of the Terraform configuration). It returns
// nil, nil when there is none, or when it sets no functionTimeout.
func Discover(dir string) (*serverless.AzureHost, error) {
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return Load(path)
}

// Parse reads the functionTimeout of a host.json's contents; path names the file in errors and
// becomes the result's Source.
func Parse(path string, data []byte) (*serverless.AzureHost, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // editors on Windows save a BOM
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not a valid host.json: %w (it must be a JSON object, as the Functions host reads it)", path, err)
	}
	raw, ok := doc["functionTimeout"]
	if !ok || string(raw) == "null" {
		return nil, nil
	}
	var value string
	if err := json.Unmarshal(raw, &value); err != nil {
		return nil, fmt.Errorf("%s: functionTimeout is %s, not a string: write it as \"hh:mm:ss\" (\"00:10:00\"), or \"-1\" for no limit", path, raw)
	}
	timeout, unbounded, err := serverless.ParseFunctionTimeout(value)
	if err != nil {
		return nil, fmt.Errorf("%s: functionTimeout: %w", path, err)
	}
	return &serverless.AzureHost{FunctionTimeout: timeout, Unbounded: unbounded, Source: path}, nil
}
