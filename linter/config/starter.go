package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/cost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/ruledoc"
)

// DocsURL is where rule pages are published; docs/rules/<name>.md in the repository.
const DocsURL = "https://github.com/hybridlint/terraform-provider-hybrid/blob/main/docs/rules/"

// Starter is the commented configuration `hybridlint init` writes: every setting and every rule
// with its options, each at its default and commented out, so the file changes nothing until
// someone edits it.
func Starter(all Rules, formats []string) string {
	var b strings.Builder
	b.WriteString(`# hybridlint configuration: https://github.com/hybridlint/terraform-provider-hybrid#in-pull-requests
# Every setting is shown at its default, commented out: uncomment what you want to change.
# Command-line flags override this file.

config {
  # Lowest severity that fails the run: error, warning, notice, or none to never fail.
  # fail_on = "warning"

`)
	fmt.Fprintf(&b, "  # Output format: %s.\n  # format = \"text\"\n\n", strings.Join(formats, ", "))
	b.WriteString(`  # Report only findings that involve a resource the plan creates, updates, replaces or deletes.
  # only_changed = false

  # How long an idle function stays warm, in minutes, for the keep-warm rules.
  # idle_window_minutes = 5
}
`)
	for _, r := range all {
		fmt.Fprintf(&b, "\n# %s (%s, %s): %s\n# %s%s.md\n", r.Name, r.Severity, r.Category, r.Summary, DocsURL, r.Name)
		fmt.Fprintf(&b, "rule %q {\n  # enabled  = true\n  # severity = %q\n", r.Name, r.Severity.String())
		if r.Options != nil {
			for _, o := range ruledoc.Options(r.Options()) {
				fmt.Fprintf(&b, "  # %s = %s\n", o.Name, o.Default)
			}
		}
		b.WriteString("}\n")
	}
	b.WriteString(`
# Accept findings for a while, with a reason. address is a pattern: * matches anything, and a part
# written without an instance key matches every instance (module.workers matches module.workers["eu"]).
# Inline, in a .tf file, on the line before a resource, module call or attribute:
#   # hybridlint:ignore RULE[,RULE] [key="eu"] [expires=YYYY-MM-DD] -- reason
#
# ignore {
#   rule    = "aws_lambda_timeout_near_limit"
#   address = "module.batch.aws_lambda_function.*"
#   reason  = "batch jobs run long by design"
#   expires = "2026-12-31"
# }
`)
	b.WriteString(`
# Prices the cost rules and 'hybridlint cost' use, in USD: list prices of one region per cloud,
# without free tiers. Override a negotiated rate or another region's price by name.
#
# prices {
`)
	for _, p := range cost.Default().List() {
		fmt.Fprintf(&b, "#   %s = %s  # per %s: %s\n", p.Name, strconv.FormatFloat(p.USD, 'f', -1, 64), p.Unit, p.Description)
	}
	b.WriteString("# }\n")
	return b.String()
}
