package plan_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o644))
		return p
	}
	planJSON := plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.api", After: map[string]any{"timeout": 10}}).JSON()
	jsonFile := write("plan.json", planJSON)
	zip := []byte("PK\x03\x04 a saved plan, as far as the first bytes go")
	binaryFile := write("tf.plan", zip)
	// A stand-in for `terraform show -no-color -json FILE`: it prints the plan's JSON.
	show := write("show.sh", []byte("#!/bin/sh\ncat "+jsonFile+"\n"))
	require.NoError(t, os.Chmod(show, 0o755))

	tests := []struct {
		name      string
		input     string
		stdin     string
		tfBin     string
		unix      bool
		wantAddr  string
		wantFile  []byte
		wantError []string
	}{
		{name: "JSON file", input: jsonFile, wantAddr: "aws_lambda_function.api"},
		{name: "stdin", input: "-", stdin: string(planJSON), wantAddr: "aws_lambda_function.api"},
		{name: "binary plan keeps its bytes", input: binaryFile, tfBin: show, unix: true, wantAddr: "aws_lambda_function.api", wantFile: zip},
		{name: "missing file", input: filepath.Join(dir, "nope.json"), wantError: []string{"nope.json: no such file", "terraform show -json tf.plan > plan.json"}},
		{name: "directory", input: dir, wantError: []string{dir + ": is a directory, not a plan file", "plan.json"}},
		{name: "empty stdin", input: "-", wantError: []string{"<stdin>: the file is empty"}},
		{name: "binary plan on stdin", input: "-", stdin: string(zip), wantError: []string{"<stdin>: this is a binary plan file, not JSON", "pass the binary plan file's name instead of -"}},
		{name: "binary plan, no such --tf-bin", input: binaryFile, tfBin: filepath.Join(dir, "terraform"),
			wantError: []string{"tf.plan: --tf-bin " + filepath.Join(dir, "terraform") + ": no such executable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.unix && runtime.GOOS == "windows" {
				t.Skip("the stand-in for terraform is a shell script")
			}
			in, err := plan.Open(context.Background(), tt.input, plan.OpenOptions{Stdin: strings.NewReader(tt.stdin), TFBin: tt.tfBin, Dir: dir})
			if len(tt.wantError) > 0 {
				var ie *plan.InputError
				require.True(t, errors.As(err, &ie), "every input error is an InputError: %v", err)
				for _, w := range tt.wantError {
					assert.Contains(t, err.Error(), w)
				}
				return
			}
			require.NoError(t, err)
			require.Len(t, in.Plan.Changes, 1)
			assert.Equal(t, tt.wantAddr, in.Plan.Changes[0].Address)
			assert.True(t, bytes.Equal(tt.wantFile, in.PlanFile), "the binary plan's bytes, for its configuration snapshot; nil for JSON")
		})
	}
}
