package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/report/reporttest"
)

// These tests lint as a pipeline does, from the repository root with the configuration in infra/ and
// the plan outside the repository, and check every output with the rules of the consumer that
// reads it (see linter/report/reporttest).

// pipelineRepo makes a repository (a .git directory) with the nested configuration in infra/, its
// worker module installed from a registry (in infra/.terraform/modules, with a literal timeout, so
// the near-limit finding's line is inside the module), and the plan in a directory outside the
// repository. It returns the repository and the plan's absolute path.
func pipelineRepo(t *testing.T) (string, string) {
	t.Helper()
	repo := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	infra := filepath.Join(repo, "infra")
	require.NoError(t, os.Rename(fixture(t, "nested"), infra))
	onlyRules(t, infra, "", timingRules...)

	worker := filepath.Join(infra, ".terraform", "modules", "worker")
	require.NoError(t, os.MkdirAll(worker, 0o755))
	src := read(t, filepath.Join(infra, "modules", "worker", "main.tf"))
	src = strings.Replace(src, "timeout       = var.timeout", "timeout       = 900", 1)
	require.NoError(t, os.WriteFile(filepath.Join(worker, "main.tf"), []byte(src), 0o644))
	manifest := `{"Modules":[{"Key":"","Source":"","Dir":"."},` +
		`{"Key":"worker","Source":"registry.terraform.io/acme/worker/aws","Version":"1.0.0","Dir":".terraform/modules/worker"}]}`
	require.NoError(t, os.WriteFile(filepath.Join(infra, ".terraform", "modules", "modules.json"), []byte(manifest), 0o644))

	plan := filepath.Join(t.TempDir(), "hybridlint-plan.json")
	require.NoError(t, os.WriteFile(plan, []byte(read(t, filepath.Join(infra, "plan.json"))), 0o644))
	return repo, plan
}

func TestPipelineFormatsPlaceEveryFindingInTheRepository(t *testing.T) {
	repo, plan := pipelineRepo(t)
	res := run(t, repo, nil, "--chdir", "infra", "--config", "infra/.hybridlint.hcl",
		"--format", "github,sarif:out.sarif,gitlab:gl.json,checkstyle:cs.xml,junit:junit.xml", plan)
	require.Equal(t, 1, res.code, res.stderr)

	sarif := read(t, filepath.Join(repo, "out.sarif"))
	uris := reporttest.SARIFForGitHub(t, sarif)
	assert.Len(t, uris, 4)
	for _, u := range uris {
		assert.True(t, strings.HasPrefix(u, "infra/"), "%s is relative to the repository root", u)
	}
	assert.Contains(t, uris, "infra/main.tf")
	assert.False(t, strings.Contains(sarif, filepath.Dir(plan)), "the plan outside the repository is never named by its path")
	assert.True(t, strings.Contains(sarif, `in the source of module.worker[\"eu\"], at infra/.terraform/modules/worker/main.tf:24, which is not in the repository`),
		"the message says where in the module the value is")

	for _, p := range reporttest.GitLabPaths(t, read(t, filepath.Join(repo, "gl.json"))) {
		assert.True(t, strings.HasPrefix(p, "infra/"), p)
	}

	cs := read(t, filepath.Join(repo, "cs.xml"))
	assert.False(t, strings.Contains(cs, `line="0"`), "reviewdog shows line 0 as :0:0")
	for _, m := range regexp.MustCompile(`<file name="([^"]*)"`).FindAllStringSubmatch(cs, -1) {
		reporttest.RelativeInRepo(t, m[1])
	}

	// The near-limit finding sits in the registry module: its annotation is on the module call.
	assert.Regexp(t, `::notice file=infra/main.tf,line=25,[^\n]*title=aws_lambda_timeout_near_limit%3A module.worker\["eu"\]`, res.stdout)
	for _, m := range regexp.MustCompile(`file=([^,]*),`).FindAllStringSubmatch(res.stdout, -1) {
		assert.True(t, strings.HasPrefix(m[1], "infra/") && !strings.Contains(m[1], ".terraform"), "annotation on %s", m[1])
	}

	junit := read(t, filepath.Join(repo, "junit.xml"))
	reporttest.ValidJUnit(t, junit)
}

func TestJUnitOfTwoPlansIsValidAndKeyedUniquely(t *testing.T) {
	repo, plan := pipelineRepo(t)
	for _, env := range []string{"staging", "prod"} {
		dir := filepath.Join(repo, "infra", "envs", env)
		require.NoError(t, os.MkdirAll(dir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "plan.json"), []byte(read(t, plan)), 0o644))
	}
	res := run(t, filepath.Join(repo, "infra"), nil, "--format", "junit", "envs/staging/plan.json", "envs/prod/plan.json")
	require.Equal(t, 1, res.code, res.stderr)
	reporttest.ValidJUnit(t, res.stdout)
	keys := reporttest.JUnitKeys(t, res.stdout)
	seen := map[reporttest.JUnitCase]bool{}
	for _, k := range keys {
		assert.False(t, seen[k], "GitLab would merge the cases keyed %+v", k)
		seen[k] = true
	}
	assert.Contains(t, fmt.Sprint(keys), "infra/envs/prod/plan.json.aws_lambda_timeout_exceeds_api_gateway")
}

func TestSARIFHasNoOpenResultWhenEveryFindingIsBaselined(t *testing.T) {
	repo, plan := pipelineRepo(t)
	args := []string{"--chdir", "infra", "--config", "infra/.hybridlint.hcl"}
	res := run(t, repo, nil, append(args, "--write-baseline", "baseline.json", "--format", "json", plan)...)
	require.Equal(t, 0, res.code, res.stderr)

	res = run(t, repo, nil, append(args, "--baseline", "baseline.json", "--format", "sarif", plan)...)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Empty(t, reporttest.SARIFForGitHub(t, res.stdout), "code scanning would open an alert for each result")

	res = run(t, repo, nil, append(args, "--baseline", "baseline.json", "--show-suppressed", "--format", "sarif", plan)...)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Len(t, reporttest.SARIFForGitHub(t, res.stdout), 5, "shown on request (4 baselined, 1 suppressed inline), each marked accepted")
}

func TestAnnotationsOfTheExamplesStayWithinGitHubsLimit(t *testing.T) {
	plans, err := filepath.Glob("../../examples/plans/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, plans)
	res := run(t, t.TempDir(), nil, append([]string{"--format", "github", "--fail-on", "none"}, absAll(t, plans)...)...)
	require.Equal(t, 0, res.code, res.stderr)
	count := map[string]int{}
	for _, line := range strings.Split(res.stdout, "\n") {
		if level, _, ok := strings.Cut(line, " "); ok && strings.HasPrefix(level, "::") {
			count[strings.TrimPrefix(level, "::")]++
		}
	}
	for level, n := range count {
		assert.LessOrEqual(t, n, 10, level)
	}
	assert.Contains(t, res.stdout, "more annotations left out")
}

func TestFailOnIsStrict(t *testing.T) {
	dir := fixture(t, "nested")
	for _, args := range [][]string{
		{"--fail-on", "bogus", "--fail-on", "warning", "plan.json"},
		{"--fail-on", "warning", "--fail-on", "bogus", "plan.json"},
	} {
		res := run(t, dir, nil, args...)
		assert.Equal(t, 2, res.code, "%v", args)
		assert.Contains(t, res.stderr, `unknown --fail-on "bogus"`)
	}
}

func absAll(t *testing.T, paths []string) []string {
	t.Helper()
	out := make([]string, len(paths))
	for i, p := range paths {
		abs, err := filepath.Abs(p)
		require.NoError(t, err)
		out[i] = abs
	}
	return out
}
