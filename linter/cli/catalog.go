package cli

import (
	"github.com/hybridlint/terraform-provider-hybrid/linter/config"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// The CLI is where the rules meet the stages that must know their names but not depend on them:
// the configuration and suppression comments get the rule list from here.

// configRules are the rules a configuration may name, with their options.
func configRules() config.Rules {
	var out config.Rules
	for _, r := range rules.All() {
		out = append(out, config.Rule{Name: r.Name, Severity: r.Severity, Category: r.Category, Summary: r.Summary, Options: r.Options})
	}
	return out
}

// ruleNames are the rules a suppression comment may name.
func ruleNames() []string {
	var out []string
	for _, r := range rules.All() {
		out = append(out, r.Name)
	}
	return out
}
