package report

import "fmt"

// NoSourcesNotice says once, for every plan linted without configuration at hand, how to get
// file:line locations. It lives here, not in the CLI, because the rule pages print what a run of
// their example shows, this notice included.
func NoSourcesNotice(plans []string, n int, chdir string) string {
	dir := chdir
	if dir == "" {
		dir = "the current directory"
	}
	what := plans[0]
	if len(plans) > 1 {
		what = fmt.Sprintf("%d plans", len(plans))
	}
	return fmt.Sprintf("%s: %d %s no file:line because no .tf files were found in %s; "+
		"run hybridlint in the configuration's directory (or pass --chdir DIR) after terraform init, "+
		"or lint the binary plan file (terraform plan -out tf.plan), which carries its configuration",
		what, n, pluralWord(n, "finding has", "findings have"), dir)
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
