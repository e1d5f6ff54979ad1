package rules_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/engine"
	"github.com/hybridlint/terraform-provider-hybrid/linter/ruledoc"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// pageRun is a rule page's "Run it" command and the output and exit code the page says it has.
var pageRun = regexp.MustCompile("(?s)Run it from the repository root:\n\n```sh\nhybridlint ([^\n]*)\n```\n\n" +
	"It prints, and exits with code (\\d):\n\n```text\n(.*?)```\n")

// TestDocsExamplesRun reads each rule page as a user would: it runs the command the page shows,
// with the hybridlint binary built from this tree, from the repository root, and checks that it
// prints what the page shows and exits as the page says. TestDocs keeps the pages and
// examples/rules generated; this test proves the pair runs as documented.
func TestDocsExamplesRun(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "hybridlint")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = repoRoot
	out, err := build.CombinedOutput()
	require.NoError(t, err, "building hybridlint: %s", out)

	for _, r := range rules.All() {
		t.Run(r.Name, func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join(docsDir, ruledoc.FileName(r.Name)))
			require.NoError(t, err, "run make docs")
			m := pageRun.FindSubmatch(page)
			require.NotNil(t, m, "docs/rules/%s shows no command to run with its output: run make docs", ruledoc.FileName(r.Name))
			args, wantCode, want := strings.Fields(string(m[1])), string(m[2]), string(m[3])

			cmd := exec.Command(bin, args...)
			cmd.Dir = repoRoot
			cmd.Env = append(os.Environ(), "NO_COLOR=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			code := 0
			if err := cmd.Run(); err != nil {
				var exit *exec.ExitError
				require.True(t, errors.As(err, &exit), "running hybridlint %s: %v", m[1], err)
				code = exit.ExitCode()
			}
			assert.Empty(t, stderr.String())

			// The binary runs with the real clock and the page was written for rules.ExampleSettings'
			// date: a rule that compares dates (a runtime's end of support) prints something else once
			// a date its example names has passed. So the output is held to the rule's example as run
			// today, and to the page itself while the two agree (TestDocs holds the page to the
			// example as run on its date).
			today, err := engine.RuleDocumentationAt(r, rules.All(), time.Now().UTC())
			require.NoError(t, err)
			todayOut, err := ruledoc.ExampleOutput(today)
			require.NoError(t, err)
			assert.Equal(t, todayOut, stdout.String(), "hybridlint %s prints something else than its example run today", m[1])
			assert.Equal(t, strconv.Itoa(ruledoc.ExampleExitCode(today)), strconv.Itoa(code), "exit code of hybridlint %s", m[1])
			if todayOut == want {
				assert.Equal(t, wantCode, strconv.Itoa(code), "exit code of hybridlint %s against docs/rules/%s", m[1], ruledoc.FileName(r.Name))
			} else {
				t.Logf("docs/rules/%s shows its example as of %s; today it prints other dates (regenerate with a later rules.ExampleSettings date)",
					ruledoc.FileName(r.Name), rules.ExampleSettings().Now.Format(time.DateOnly))
			}
		})
	}
}
