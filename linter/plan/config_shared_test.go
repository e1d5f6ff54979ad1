package plan

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCalledModulesShared checks that module calls whose configuration text is identical share one
// Module (a monorepo's 10,000 calls of one module are read once), that a call whose text differs
// gets its own, and that an error inside a called module still points at its line in the file.
func TestCalledModulesShared(t *testing.T) {
	module := func(timeout string) string {
		return `{"resources":[{"address":"aws_lambda_function.fn","mode":"managed","type":"aws_lambda_function","name":"fn",` +
			`"expressions":{"timeout":{"references":["var.` + timeout + `"]}}}]}`
	}
	plan := `{"format_version":"1.2","resource_changes":[],"configuration":{"root_module":{"module_calls":{` +
		`"a":{"source":"./svc","module":` + module("timeout") + `},` +
		`"b":{"source":"./svc","module":` + module("timeout") + `},` +
		`"c":{"source":"./svc","module":` + module("other") + `}}}}}`
	p, err := Parse("plan.json", []byte(plan))
	require.NoError(t, err)
	calls := p.Config.ModuleCalls
	require.Len(t, calls, 3)
	assert.Same(t, calls["a"].Module, calls["b"].Module, "identical configurations are shared")
	assert.NotSame(t, calls["a"].Module, calls["c"].Module, "a different configuration is read on its own")
	assert.Equal(t, []string{"var.other"}, calls["c"].Module.Resources[0].Attributes[0].References)
	assert.Equal(t, []string{"var.timeout"}, calls["b"].Module.Resources[0].Attributes[0].References)

	bad := strings.Replace(plan, `"c":{"source":"./svc","module":{"resources":[{`, "\"c\":{\"source\":\"./svc\",\"module\":\n{\"resources\":[\n{\"address\":7,", 1)
	_, err = Parse("plan.json", []byte(bad))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "plan.json: invalid JSON at line 3")
}

// TestConfigurationErrorsPointAtTheirLine: an error inside an expression, a nested block or a
// called module's configuration (each read by a scanner of its own) names its line and column in
// the file, not within the part that scanner read.
func TestConfigurationErrorsPointAtTheirLine(t *testing.T) {
	resource := func(expressions string) string {
		return `{"format_version":"1.2","resource_changes":[],"configuration":{"root_module":{"resources":[` + "\n" +
			`{"address":"a.b","mode":"managed","type":"a","name":"b",` + "\n" +
			`"expressions":` + expressions + `}]}}}`
	}
	for _, tc := range []struct {
		name, doc, problem string
	}{
		{"an expression", resource(`{"x":{"references":["var.a",` + "\n  7]}}"),
			"invalid JSON at line 4, column 3: expected a string, found '7'"},
		{"a nested block", resource(`{"blk":{"x":{"references":[` + "\n 7]}}}"),
			"invalid JSON at line 4, column 2: expected a string, found '7'"},
		{"a list of nested blocks", resource(`{"blk":[{"x":{"constant_value":1}},{"y":{"references":[` + "\n  7]}}]}"),
			"invalid JSON at line 4, column 3: expected a string, found '7'"},
		{"a called module's expression", `{"format_version":"1.2","configuration":{"root_module":{"module_calls":{"m":{"module":` + "\n" +
			`{"resources":[{"address":"a.b","expressions":{"blk":{"x":{"references":[` + "\n\n   7]}}}}]}}}}}}",
			"invalid JSON at line 4, column 4: expected a string, found '7'"},
		{"a called module's resource", `{"format_version":"1.2","configuration":{"root_module":{"module_calls":{"m":{"module":` + "\n" +
			`{"resources":[{"address":` + "\n7}]}}}}}}",
			"invalid JSON at line 3, column 1: expected a string, found '7'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("plan.json", []byte(tc.doc))
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.problem, ie.Problem)
		})
	}
}
