// Package plan reads the JSON that `terraform show -json` (or `tofu show -json`) writes for a saved
// plan, and keeps what the linter needs: each resource instance with its planned change, and the
// configuration's expressions, whose references the graph follows.
//
// Values are kept as raw JSON slices of the input and decoded only when a rule asks for them, so the
// cost of a plan is a scan of its bytes, not the construction of every value in it.
package plan

import (
	"sync/atomic"

	tfjson "github.com/hashicorp/terraform-json"
)

// Plan is one loaded plan file.
type Plan struct {
	// Path names the input in messages ("-" is shown as "<stdin>").
	Path             string
	FormatVersion    string
	TerraformVersion string
	// OpenTofu is true when the file was written by OpenTofu (it says so in terraform_version's
	// neighbours, or the caller knows from the binary that converted it).
	Changes []*ResourceChange
	// Config is the root module's configuration, nil when the plan has none (some older or
	// hand-trimmed files).
	Config *Module

	resident int64 // see ResidentBytes
}

// ResidentBytes is how much of the input may be back in memory while rules run. A mapped file
// (Load) gave its pages back as the scanner passed them, but a page of the member the values are
// read from (resource_changes, else planned_values) comes back when a rule reads a value in it;
// an input read into memory (Parse, standard input) stays there whole. The lint command sizes the
// collector's budget with it (see main.go).
func (p *Plan) ResidentBytes() int64 { return p.resident }

// ResourceChange is one entry of resource_changes: a resource instance and what the plan does to it.
type ResourceChange struct {
	Address       string
	ModuleAddress string
	Mode          tfjson.ResourceMode
	Type          string
	Name          string
	// Index is the instance key: nil, a float64 (count) or a string (for_each).
	Index   any
	Actions tfjson.Actions

	// Raw JSON of the change's values, decoded on demand (see Values).
	Before, After, AfterUnknown, BeforeSensitive, AfterSensitive []byte
	// MissingIsUnknown is set when the values come from planned_values, which leaves out the
	// values known only after apply instead of marking them: a missing attribute is then unknown,
	// never absent (which rules would read as "the provider default").
	MissingIsUnknown bool

	checked atomic.Uint32 // see readable

	// extra holds what rules add to a change as they read it: the values of the wrong type that
	// Plan.WrongTypes reports, and the index of its members (see memberIndex). It is swapped whole
	// when either is added (rules find a handful of wrong types in a plan, if any; the index is
	// built once): one word, where a mutex and two slices took seven, keeps a change in 256
	// bytes, the size class below.
	extra atomic.Pointer[changeExtra]
}

// changeExtra is what ResourceChange.extra points to.
type changeExtra struct {
	problems []WrongType
	// index is built when the instance is read a second time (indexed).
	index   valueIndex
	indexed bool
}

// Module is one module's configuration.
type Module struct {
	Resources   []*ConfigResource
	ModuleCalls map[string]*ModuleCall
	Outputs     map[string]*Expression
}

// ModuleCall is a `module "name" {}` block: its source, its arguments and the module it calls.
type ModuleCall struct {
	Name       string
	Source     string
	Arguments  map[string]*Expression
	HasCount   bool
	HasForEach bool
	Module     *Module
}

// ConfigResource is a resource block as written in configuration.
type ConfigResource struct {
	// Address is relative to its module: "aws_lambda_function.fn" or "data.aws_iam_policy_document.p".
	Address    string
	Mode       tfjson.ResourceMode
	Type       string
	Name       string
	HasCount   bool
	HasForEach bool
	// Attributes lists every attribute set in the block, nested blocks flattened into dotted paths
	// with their index ("vpc_config.0.subnet_ids").
	Attributes []*Attribute
}

// Attribute is one argument set in configuration.
type Attribute struct {
	Path       string
	References []string
	// Constant is true when the expression is a literal (no references).
	Constant bool
	// ConstantString is the literal when it is a string ("viewer-request"), "" otherwise. Rules
	// read it where the planned value cannot be tied to its block: the planned values of a set of
	// nested blocks come in an order of their own, while the configuration keeps the blocks in the
	// order they are written, each with its literals and references side by side.
	ConstantString string
}

// Expression is an output's or a module argument's expression.
type Expression struct {
	References []string
}

// Attribute returns the configured attribute at path, or nil when configuration does not set it.
func (r *ConfigResource) Attribute(path string) *Attribute {
	for _, a := range r.Attributes {
		if a.Path == path {
			return a
		}
	}
	return nil
}
