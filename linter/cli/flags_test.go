package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseCase is one command line, and what parsing it must give: options that pass check, or an
// error containing wantErr.
type parseCase[O any] struct {
	name    string
	args    []string
	check   func(t *testing.T, o O)
	wantErr string
}

func runParseCases[O any](t *testing.T, parse func([]string) (O, error), tests []parseCase[O]) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parse(tt.args)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			tt.check(t, o)
		})
	}
}

func TestParseLintArgs(t *testing.T) {
	tests := []parseCase[*lintOptions]{
		{name: "defaults", args: []string{"plan.json"}, check: func(t *testing.T, o *lintOptions) {
			assert.Equal(t, []output{{format: "text"}}, o.outputs)
			assert.Equal(t, "warning", o.failOn)
			assert.Equal(t, 5, o.idleWindow)
			assert.False(t, o.formatSet || o.failOnSet || o.onlyChangedSet || o.idleWindowSet)
		}},
		{name: "flags after files, every new flag", args: []string{"a.json", "--format=github,sarif:out.sarif", "b.json", "--baseline", "base.json",
			"--write-baseline", "new.json", "--only-changed", "--show-suppressed", "--config", "c.hcl", "--idle-window", "10"},
			check: func(t *testing.T, o *lintOptions) {
				assert.Equal(t, []string{"a.json", "b.json"}, o.files)
				assert.Equal(t, []output{{format: "github"}, {format: "sarif", file: "out.sarif"}}, o.outputs)
				assert.Equal(t, "base.json", o.baseline)
				assert.Equal(t, "new.json", o.writeBaseline)
				assert.True(t, o.onlyChanged && o.onlyChangedSet && o.showSuppressed && o.formatSet && o.idleWindowSet)
				assert.Equal(t, "c.hcl", o.config)
				assert.Equal(t, 10, o.idleWindow)
			}},
		{name: "windows path keeps its colon", args: []string{"-f", `sarif:C:\out.sarif`, "p.json"}, check: func(t *testing.T, o *lintOptions) {
			assert.Equal(t, []output{{format: "sarif", file: `C:\out.sarif`}}, o.outputs)
		}},
		{name: "only-changed=false overrides the file", args: []string{"--only-changed=false", "p.json"}, check: func(t *testing.T, o *lintOptions) {
			assert.False(t, o.onlyChanged)
			assert.True(t, o.onlyChangedSet)
		}},
		{name: "unknown format", args: []string{"--format", "yaml", "p.json"}, wantErr: `unknown --format "yaml"`},
		{name: "bad bool", args: []string{"--only-changed=maybe", "p.json"}, wantErr: "want true or false"},
		{name: "config and no-config", args: []string{"--config", "a", "--no-config", "p.json"}, wantErr: "exclude each other"},
		{name: "bad fail-on", args: []string{"--fail-on", "all", "p.json"}, wantErr: `unknown --fail-on "all"`},
		{name: "bad fail-on before a good one", args: []string{"--fail-on", "bogus", "--fail-on", "warning", "p.json"}, wantErr: `unknown --fail-on "bogus"`},
		{name: "bad fail-on after a good one", args: []string{"--fail-on=error", "--fail-on=", "p.json"}, wantErr: `unknown --fail-on ""`},
		{name: "no plan", args: []string{"--format", "json"}, wantErr: "no plan given"},
		{name: "missing value", args: []string{"p.json", "--baseline"}, wantErr: "flag --baseline needs a value"},
		{name: "idle window beyond a day", args: []string{"--idle-window", "1441", "p.json"}, wantErr: `--idle-window "1441": want a whole number of minutes from 1 to 1440`},
	}
	runParseCases(t, parseLintArgs, tests)
}

func TestResolveOutputs(t *testing.T) {
	tests := []struct {
		name    string
		outs    []output
		file    string
		want    []output
		wantErr string
	}{
		{name: "stdout", outs: []output{{format: "text"}}, want: []output{{format: "text"}}},
		{name: "--output takes the one without a file", outs: []output{{format: "github"}, {format: "sarif", file: "s"}}, file: "g.txt",
			want: []output{{format: "github", file: "g.txt"}, {format: "sarif", file: "s"}}},
		{name: "dash is stdout", outs: []output{{format: "json", file: "-"}}, want: []output{{format: "json"}}},
		{name: "two on stdout", outs: []output{{format: "json"}, {format: "text"}}, wantErr: "only one format can write to standard output"},
		{name: "--output with two open", outs: []output{{format: "json"}, {format: "text"}}, file: "x", wantErr: "--output applies to one format"},
		{name: "--output with none open", outs: []output{{format: "json", file: "a"}}, file: "x", wantErr: "every --format names its own file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := resolveOutputs(tt.outs, tt.file)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseCostArgs(t *testing.T) {
	tests := []parseCase[*costOptions]{
		{name: "defaults: text, like lint", args: []string{"plan.json"}, check: func(t *testing.T, o *costOptions) {
			assert.Equal(t, []output{{format: "text"}}, o.outputs)
			assert.Equal(t, 5, o.idleWindow)
			assert.False(t, o.formatSet || o.idleWindowSet || o.marginSet)
		}},
		{name: "the flags lint has too", args: []string{"a.json", "--azure-host-json", "host.json", "--tf-bin=tofu", "--usage", "u.yml",
			"--config", "c.hcl", "--idle-window", "15", "--margin", "40", "-", "--format", "json,html:cost.html", "--output", "cost.json"},
			check: func(t *testing.T, o *costOptions) {
				assert.Equal(t, []string{"a.json", "-"}, o.files)
				assert.Equal(t, "host.json", o.azureHostJSON)
				assert.Equal(t, "tofu", o.tfBin)
				assert.Equal(t, "u.yml", o.usage)
				assert.Equal(t, "c.hcl", o.config)
				assert.Equal(t, 15, o.idleWindow)
				assert.Equal(t, 40, o.margin)
				assert.True(t, o.marginSet && o.idleWindowSet && o.formatSet)
				assert.Equal(t, []output{{format: "json"}, {format: "html", file: "cost.html"}}, o.outputs)
				assert.Equal(t, "cost.json", o.output)
			}},
		{name: "table is text", args: []string{"-f", "table", "p.json"}, check: func(t *testing.T, o *costOptions) {
			assert.Equal(t, []output{{format: "text"}}, o.outputs)
		}},
		{name: "a lint format", args: []string{"--format", "sarif", "p.json"}, wantErr: `unknown --format "sarif" (use text, json, markdown, html;`},
		{name: "a lint flag", args: []string{"--fail-on", "error", "p.json"}, wantErr: "unknown flag --fail-on"},
		{name: "bad margin", args: []string{"--margin", "101", "p.json"}, wantErr: `--margin "101": want a whole number from 0 to 100`},
		{name: "bad idle window", args: []string{"--idle-window", "0", "p.json"}, wantErr: `--idle-window "0": want a whole number of minutes from 1 to 1440`},
		{name: "config and no-config", args: []string{"--config", "a", "--no-config", "p.json"}, wantErr: "exclude each other"},
		{name: "missing chdir", args: []string{"--chdir", "no/such/dir", "p.json"}, wantErr: "--chdir no/such/dir: no such directory"},
		{name: "no plan", args: []string{"--margin", "10"}, wantErr: "no plan given"},
		{name: "missing value", args: []string{"p.json", "--azure-host-json"}, wantErr: "flag --azure-host-json needs a value"},
	}
	runParseCases(t, parseCostArgs, tests)
}
