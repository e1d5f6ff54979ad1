package platform

import (
	_ "embed" // for the runtime deprecation table
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// lambdaRuntimesJSON is a copy of tflint-ruleset-aws's
// https://github.com/terraform-linters/tflint-ruleset-aws/blob/e439f77/rules/lambda_deprecated_runtime/deprecated_runtimes.json
// (2026-08-03), generated from https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html,
// updated_at 2026-07-31. To refresh it, copy the newer file over this one; TestLambdaRuntimeTable
// checks it still parses.
//
//go:embed lambda_runtimes.json
var lambdaRuntimesJSON []byte

// RuntimeDates are a Lambda runtime's deprecation milestones. A zero time means AWS has not
// announced that milestone (or, for long-gone runtimes, never published it).
type RuntimeDates struct {
	// EndOfSupport is when AWS stops patching the runtime ("deprecated").
	EndOfSupport time.Time
	// BlockCreate is when new functions can no longer use it.
	BlockCreate time.Time
	// BlockUpdate is when existing functions can no longer be updated with it.
	BlockUpdate time.Time
}

// Deprecated reports whether end of support has passed at now.
func (d RuntimeDates) Deprecated(now time.Time) bool { return reached(d.EndOfSupport, now) }

// CreateBlocked reports whether creating a function with the runtime fails at now.
func (d RuntimeDates) CreateBlocked(now time.Time) bool { return reached(d.BlockCreate, now) }

// UpdateBlocked reports whether updating a function with the runtime fails at now.
func (d RuntimeDates) UpdateBlocked(now time.Time) bool { return reached(d.BlockUpdate, now) }

func reached(milestone, now time.Time) bool { return !milestone.IsZero() && !now.Before(milestone) }

type runtimeTable struct {
	UpdatedAt time.Time `json:"updated_at"`
	Runtimes  map[string]struct {
		EndOfSupport time.Time `json:"end_of_support_date"`
		BlockCreate  time.Time `json:"block_create_date"`
		BlockUpdate  time.Time `json:"block_update_date"`
	} `json:"runtimes"`
}

// lambdaRuntimes parses the embedded table once. It is read-only after that, so sharing it is safe;
// rules call LambdaRuntime for every function in plans of 100,000 resources.
var lambdaRuntimes = sync.OnceValue(func() runtimeTable {
	var t runtimeTable
	if err := json.Unmarshal(lambdaRuntimesJSON, &t); err != nil {
		// The file is compiled in and TestLambdaRuntimeTable parses it, so this is a build defect,
		// never a user error.
		panic(fmt.Sprintf("platform: embedded lambda_runtimes.json is invalid: %v", err))
	}
	return t
})

// LambdaRuntime returns the deprecation dates of a Lambda runtime identifier such as "python3.9".
// It reports false for identifiers AWS never deprecated and for unknown ones; the two cannot be
// told apart from this table.
func LambdaRuntime(name string) (RuntimeDates, bool) {
	r, ok := lambdaRuntimes().Runtimes[name]
	if !ok {
		return RuntimeDates{}, false
	}
	return RuntimeDates{EndOfSupport: r.EndOfSupport, BlockCreate: r.BlockCreate, BlockUpdate: r.BlockUpdate}, true
}
