package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// NoSourcesNotice names the one plan (or counts several), agrees with the number of findings and
// says where it looked: the directory given, or the current directory when none was.
func TestNoSourcesNotice(t *testing.T) {
	const advice = "; run hybridlint in the configuration's directory (or pass --chdir DIR) after terraform init, " +
		"or lint the binary plan file (terraform plan -out tf.plan), which carries its configuration"
	tests := []struct {
		name  string
		plans []string
		n     int
		chdir string
		want  string
	}{
		{"one plan, one finding, current directory", []string{"plan.json"}, 1, "",
			"plan.json: 1 finding has no file:line because no .tf files were found in the current directory" + advice},
		{"one plan, two findings, chdir", []string{"plan.json"}, 2, "infra",
			"plan.json: 2 findings have no file:line because no .tf files were found in infra" + advice},
		{"two plans", []string{"a.json", "b.json"}, 3, "",
			"2 plans: 3 findings have no file:line because no .tf files were found in the current directory" + advice},
		{"no finding reads plural", []string{"plan.json"}, 0, "infra",
			"plan.json: 0 findings have no file:line because no .tf files were found in infra" + advice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, NoSourcesNotice(tt.plans, tt.n, tt.chdir))
		})
	}
}
