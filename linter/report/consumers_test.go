package report

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/report/reporttest"
)

// These tests check the formats with the rules of the pipelines that read them (see reporttest):
// Jenkins' JUnit schema through xmllint, GitLab's test-case keys, GitHub code scanning's subset of
// SARIF, GitHub's annotation limits, GitLab's code quality paths.

// repo is a repository checked out at /ci/repo, linted from /ci/repo/infra.
var repo = Options{RepoRoot: filepath.FromSlash("/ci/repo"), SourceRoot: filepath.FromSlash("/ci/repo/infra")}

// twoPlans is the sample linted as two plans of one configuration: the same findings twice.
func twoPlans() Report {
	var fs []finding.Finding
	for _, plan := range []string{"envs/staging/plan.json", "envs/prod/plan.json"} {
		for _, f := range append(sample().Findings, sample().Suppressed...) {
			f.File = plan
			fs = append(fs, f)
		}
	}
	r := New(Tool{Name: "hybridlint", Version: "v1"}, fs, []string{"rule a failed", "rule b failed"})
	r.Rules = rulesInfo()
	r.Inputs = []string{"envs/staging/plan.json", "envs/prod/plan.json"}
	return r
}

func TestJUnitValidatesWithJenkinsSchema(t *testing.T) {
	for name, r := range map[string]Report{
		"every kind of finding": sample(),
		"two plans and errors":  twoPlans(),
		"no findings":           New(Tool{Name: "hybridlint"}, nil, nil),
	} {
		t.Run(name, func(t *testing.T) {
			reporttest.ValidJUnit(t, render(t, "junit", r, repo))
		})
	}
	// The validator does reject what Jenkins rejects: the attributes hybridlint used to write.
	bad := strings.Replace(render(t, "junit", sample(), repo), "<testcase ", `<testcase file="main.tf" line="20" `, 1)
	assert.Contains(t, reporttest.JUnitErrors(t, bad), "attribute 'file' is not allowed")
}

func TestJUnitKeysAreUniqueOverSeveralPlans(t *testing.T) {
	r := twoPlans()
	// The same rule twice on one function, for two callers: two cases, not one.
	twice := r.Findings[0]
	twice.Related = []string{"aws_apigatewayv2_integration.other"}
	r.Findings = append(r.Findings, twice, twice)
	keys := reporttest.JUnitKeys(t, render(t, "junit", r, repo))
	seen := map[reporttest.JUnitCase]bool{}
	for _, k := range keys {
		assert.False(t, seen[k], "GitLab would merge the cases keyed %+v", k)
		seen[k] = true
	}
	assert.Contains(t, keys, reporttest.JUnitCase{Suite: "aws_lambda_timeout_exceeds_api_gateway",
		Classname: "infra/envs/prod/plan.json.aws_lambda_timeout_exceeds_api_gateway", Name: `module.api.module.fn["report"].aws_lambda_function.this`},
		"the plan, relative to the repository, is in the classname")
	assert.Contains(t, keys, reporttest.JUnitCase{Suite: "aws_lambda_timeout_exceeds_api_gateway",
		Classname: "infra/envs/staging/plan.json.aws_lambda_timeout_exceeds_api_gateway",
		Name:      `module.api.module.fn["report"].aws_lambda_function.this (aws_apigatewayv2_integration.other) #2`})
}

// remote is a finding in a registry module: the value and the resource are in .terraform/modules,
// reached through a local module.
func remote() finding.Finding {
	return finding.Finding{
		Rule: "aws_lambda_timeout_exceeds_api_gateway", Severity: finding.Error, Category: finding.Timeout,
		Address: `module.api.module.fn.aws_lambda_function.this`, Attribute: "timeout", Message: "timeout 120s exceeds the 30s HTTP API limit",
		Location:         loc(".terraform/modules/api.fn/main.tf", 8, 13, 8, 16),
		ResourceLocation: loc(".terraform/modules/api.fn/main.tf", 3, 1, 3, 40),
		Callers: []finding.Caller{
			{Module: "module.api", Location: loc("main.tf", 1, 1, 1, 15)},
			{Module: "module.api.module.fn", Location: loc("modules/api/main.tf", 4, 1, 4, 14)},
		},
	}
}

func TestSARIFPlacesEveryResultInTheRepository(t *testing.T) {
	r := sample()
	r.Findings = append(r.Findings, remote())
	r.Summary = finding.Count(append(append([]finding.Finding{}, r.Findings...), r.Suppressed...))
	out := render(t, "sarif", r, repo)
	uris := reporttest.SARIFForGitHub(t, out)
	assert.Equal(t, []string{"infra/main.tf", "infra/plan.json", "infra/modules/api/main.tf"}, uris,
		"the remote module's finding is on the call that leaves the repository")
	d := decodeSARIF(t, out)
	res := d.Runs[0].Results[2]
	assert.Equal(t, 4, res.Locations[0].PhysicalLocation.Region.StartLine)
	var related []string
	for _, rl := range res.RelatedLocations {
		related = append(related, rl.Message.Text)
	}
	assert.Equal(t, []string{"where the value of timeout is set", "resource module.api.module.fn.aws_lambda_function.this", "module call module.api"}, related)
	assert.Contains(t, out, `"uri": "infra/.terraform/modules/api.fn/main.tf"`, "the line inside the module is a related location")
	assert.Contains(t, out, "in the source of module.api.module.fn, at .terraform/modules/api.fn/main.tf:8, which is not in the repository")
	assert.NotContains(t, out, "file:///ci/repo/infra", "no absolute location")

	// A plan outside the repository (converted in $RUNNER_TEMP): attached to the configuration.
	r = sample()
	r.Inputs = []string{"/runner/tmp/hybridlint-plan.json"}
	r.ConfigFiles = map[string]string{"/runner/tmp/hybridlint-plan.json": "main.tf"}
	out = render(t, "sarif", r, repo)
	assert.Equal(t, []string{"infra/main.tf", "infra/main.tf"}, reporttest.SARIFForGitHub(t, out))
	assert.NotContains(t, out, "/runner/tmp")
}

func TestSARIFHasNoOpenResultWhenEverythingIsAccepted(t *testing.T) {
	fs := append(sample().Findings, sample().Suppressed...)
	for i := range fs {
		if fs[i].Suppressed == nil {
			fs[i].Baselined = true
		}
	}
	r := New(Tool{Name: "hybridlint"}, fs, nil)
	r.Inputs = []string{"plan.json"}
	assert.Empty(t, decodeSARIF(t, render(t, "sarif", r, repo)).Runs[0].Results)

	shown := render(t, "sarif", r, Options{RepoRoot: repo.RepoRoot, SourceRoot: repo.SourceRoot, ShowSuppressed: true})
	assert.Len(t, decodeSARIF(t, shown).Runs[0].Results, 4)
	reporttest.SARIFForGitHub(t, shown) // each marked accepted, with its suppression
}

func TestGitLabPathsAreRelativeToTheRepository(t *testing.T) {
	r := sample()
	r.Findings = append(r.Findings, remote())
	assert.Equal(t, []string{"infra/main.tf", "infra/plan.json", "infra/modules/api/main.tf"}, reporttest.GitLabPaths(t, render(t, "gitlab", r, repo)))

	r.Inputs = []string{"/runner/tmp/plan.json"}
	assert.Equal(t, []string{"infra/main.tf", "infra/modules/api/main.tf"}, reporttest.GitLabPaths(t, render(t, "gitlab", r, repo)),
		"a finding with no place in the repository is left out of GitLab's report")
}

func TestCheckstyleWritesNoLineZero(t *testing.T) {
	r := sample()
	r.Findings = append(r.Findings, remote())
	out := render(t, "checkstyle", r, repo)
	assert.NotContains(t, out, `line="0"`)
	assert.Contains(t, out, `<file name="infra/plan.json">`+"\n"+`    <error severity="warning"`, "attached to the plan, without a line")
	assert.Contains(t, out, `<file name="infra/modules/api/main.tf">`+"\n"+`    <error line="4" column="1" severity="error"`)
}

func TestGitHubAnnotationsStayWithinTheLimitPerLevel(t *testing.T) {
	var fs []finding.Finding
	for sev, n := range map[finding.Severity]int{finding.Error: 18, finding.Warning: 30, finding.Notice: 20} {
		for i := 0; i < n; i++ {
			fs = append(fs, finding.Finding{Rule: "r", Severity: sev, Address: fmt.Sprintf("aws_lambda_function.f%02d", i),
				Message: "m", Changed: i%3 == 2, Location: loc("main.tf", i+1, 1, i+1, 5)})
		}
	}
	r := New(Tool{Name: "hybridlint"}, fs, nil)
	r.Notices = []finding.Note{{Message: "a notice"}}
	out := render(t, "github", r, repo)
	count := map[string]int{}
	var changed []string
	for _, line := range strings.Split(out, "\n") {
		level, _, ok := strings.Cut(strings.TrimPrefix(line, "::"), " ")
		if !ok || !strings.HasPrefix(line, "::") {
			continue
		}
		count[level]++
		if level == "error" {
			changed = append(changed, line[strings.Index(line, "f"):][:3])
		}
	}
	assert.Equal(t, map[string]int{"error": 10, "warning": 10, "notice": 10}, count)
	assert.Contains(t, out, "::notice title=hybridlint::40 more annotations left out (8 errors, 20 warnings, 12 notices): GitHub shows only 10 of each level per step; the job summary lists every finding\n")
	for _, want := range []string{"f02", "f05", "f08", "f11", "f14", "f17"} {
		assert.Contains(t, out, "aws_lambda_function."+want+"::m", "changed resources come first")
	}
	assert.NotContains(t, out, "aws_lambda_function.f16::", "error f16, unchanged, is the first left out")

	small := render(t, "github", sample(), repo)
	assert.NotContains(t, small, "left out", "under the limit nothing is left out")
}

func TestMarkdownCodeSpansSurviveBackticks(t *testing.T) {
	for in, want := range map[string]string{
		"aws_lambda_function.f":          "`aws_lambda_function.f`",
		"aws_lambda_function.f[\"a`b\"]": "``aws_lambda_function.f[\"a`b\"]``",
		"`x``":                           "``` `x`` ```",
		"a|b":                            "`a|b`",
	} {
		assert.Equal(t, want, code(in), in)
	}
	assert.Equal(t, "`a\\|b`", cellCode("a|b"))

	f := finding.Finding{Rule: "r", Severity: finding.Error, Address: "aws_lambda_function.f[\"we`ird\"]", Message: "m"}
	out := render(t, "markdown", New(Tool{}, []finding.Finding{f}, nil), Options{})
	assert.Contains(t, out, "| ``aws_lambda_function.f[\"we`ird\"]`` |")
	assert.Contains(t, out, "#### :x: ``aws_lambda_function.f[\"we`ird\"]``")
}

func TestMarkdownLinksAreRelativeToTheRepository(t *testing.T) {
	o := repo
	o.RepoURL, o.Ref = "https://github.com/acme/infra", "abc"
	r := sample()
	r.Findings = append(r.Findings, remote())
	out := render(t, "markdown", r, o)
	assert.Contains(t, out, "[infra/main.tf:20](https://github.com/acme/infra/blob/abc/infra/main.tf#L20)")
	assert.Contains(t, out, "`infra/.terraform/modules/api.fn/main.tf:8`", "no link to a file the repository does not hold")
}
