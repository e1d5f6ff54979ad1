// Package reporttest checks reports the way the pipelines that read them do: JUnit with xmllint
// against Jenkins' junit-10.xsd, SARIF against the OASIS 2.1.0 schema plus the rules GitHub code
// scanning adds (relative locations on every result, nothing open that was accepted), GitLab code
// quality with paths relative to the repository. The schema files are in ../testdata with their
// sources.
package reporttest

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testdata is the report package's testdata directory, wherever the calling test runs.
func testdata(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", name)
}

// Xmllint is the validator's path; tests that need it skip, saying how to install it, when it is
// missing (.ci/run installs it).
func Xmllint(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not found: install Debian's libxml2-utils (apt-get install -y libxml2-utils) to validate JUnit with Jenkins' schema")
	}
	return p
}

// JUnitErrors runs xmllint --schema junit-10.xsd on doc and returns what it reports, "" when valid.
func JUnitErrors(t *testing.T, doc string) string {
	t.Helper()
	xmllint := Xmllint(t)
	file := filepath.Join(t.TempDir(), "junit.xml")
	require.NoError(t, os.WriteFile(file, []byte(doc), 0o644))
	out, err := exec.Command(xmllint, "--noout", "--schema", testdata("junit-10.xsd"), file).CombinedOutput()
	if err != nil {
		return string(out)
	}
	return ""
}

// ValidJUnit fails the test when doc is not valid by junit-10.xsd.
func ValidJUnit(t *testing.T, doc string) {
	t.Helper()
	assert.Empty(t, JUnitErrors(t, doc), "xmllint --schema junit-10.xsd")
}

// JUnitCase is the key GitLab gives a test case.
type JUnitCase struct{ Suite, Classname, Name string }

// JUnitKeys lists the (suite, classname, name) of every case, in order.
func JUnitKeys(t *testing.T, doc string) []JUnitCase {
	t.Helper()
	var d struct {
		Suites []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name      string `xml:"name,attr"`
				Classname string `xml:"classname,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal([]byte(doc), &d))
	var keys []JUnitCase
	for _, s := range d.Suites {
		for _, c := range s.Cases {
			keys = append(keys, JUnitCase{s.Name, c.Classname, c.Name})
		}
	}
	return keys
}

// SARIFSchemaErrors validates doc against the SARIF 2.1.0 schema; nil when valid.
func SARIFSchemaErrors(t *testing.T, doc string) error {
	t.Helper()
	f, err := os.Open(testdata("sarif-schema-2.1.0.json"))
	require.NoError(t, err)
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	require.NoError(t, c.AddResource("sarif-schema-2.1.0.json", schemaDoc))
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	require.NoError(t, err)
	return sch.Validate(inst)
}

// SARIFForGitHub checks doc as GitHub code scanning reads it: valid SARIF 2.1.0; every result has
// a physical location with a relative URI (GitHub drops or misplaces the others); no URI leaves the
// repository; and no result is open that a baseline or suppression accepted (GitHub ignores
// baselineState and suppressions, so such a result would be an open alert). It returns the primary
// locations' URIs.
func SARIFForGitHub(t *testing.T, doc string) []string {
	t.Helper()
	require.NoError(t, SARIFSchemaErrors(t, doc))
	var d struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation *struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				RelatedLocations []struct {
					PhysicalLocation *struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"relatedLocations"`
				BaselineState string            `json:"baselineState"`
				Suppressions  []json.RawMessage `json:"suppressions"`
				Properties    map[string]any    `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(doc), &d))
	var uris []string
	for _, run := range d.Runs {
		for i, r := range run.Results {
			require.NotEmpty(t, r.Locations, "result %d has no location", i)
			pl := r.Locations[0].PhysicalLocation
			require.NotNil(t, pl, "result %d has no physical location", i)
			RelativeInRepo(t, pl.ArtifactLocation.URI)
			if assert.NotNil(t, pl.Region, "result %d has no region", i) {
				assert.Positive(t, pl.Region.StartLine, "result %d", i)
			}
			for _, rl := range r.RelatedLocations {
				if rl.PhysicalLocation != nil {
					// A related location may be the line inside a module under .terraform.
					relative(t, rl.PhysicalLocation.ArtifactLocation.URI)
				}
			}
			open := len(r.Suppressions) == 0 && r.BaselineState != "unchanged" && r.BaselineState != "absent"
			if !open {
				assert.Equal(t, true, r.Properties["accepted"], "result %d is accepted but not marked so for code scanning", i)
			}
			uris = append(uris, pl.ArtifactLocation.URI)
		}
	}
	return uris
}

// RelativeInRepo fails when p is not a path relative to the repository root, inside it, and outside
// .terraform (where registry and git modules are unpacked: not files of the repository).
func RelativeInRepo(t *testing.T, p string) {
	t.Helper()
	relative(t, p)
	assert.False(t, strings.HasPrefix(p, ".terraform/") || strings.Contains(p, "/.terraform/"), "%s is not a file of the repository", p)
}

// relative fails when p is not relative to the repository root and inside it.
func relative(t *testing.T, p string) {
	t.Helper()
	assert.NotEmpty(t, p)
	assert.False(t, strings.Contains(p, "://") || strings.HasPrefix(p, "/") || filepath.IsAbs(p), "%s is not relative", p)
	assert.False(t, p == ".." || strings.HasPrefix(p, "../"), "%s is outside the repository", p)
}

// GitLabPaths checks a GitLab code quality report's documented fields and returns location.path
// of each issue, each checked with RelativeInRepo.
func GitLabPaths(t *testing.T, doc string) []string {
	t.Helper()
	var issues []struct {
		Description string `json:"description"`
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string `json:"path"`
			Lines struct {
				Begin int `json:"begin"`
			} `json:"lines"`
		} `json:"location"`
	}
	require.NoError(t, json.Unmarshal([]byte(doc), &issues))
	seen := map[string]bool{}
	var paths []string
	for _, is := range issues {
		assert.NotEmpty(t, is.Description)
		assert.NotEmpty(t, is.CheckName)
		assert.Contains(t, []string{"info", "minor", "major", "critical", "blocker"}, is.Severity)
		assert.False(t, seen[is.Fingerprint], "fingerprint %s repeats: GitLab would merge two issues", is.Fingerprint)
		seen[is.Fingerprint] = true
		RelativeInRepo(t, is.Location.Path)
		assert.Positive(t, is.Location.Lines.Begin)
		paths = append(paths, is.Location.Path)
	}
	return paths
}
