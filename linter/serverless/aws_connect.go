package serverless

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// connectRule is the timing rule for Amazon Connect's callers.
const connectRule = "aws_lambda_timeout_exceeds_connect"

// connectLabel names Amazon Connect's limit in messages.
const connectLabel = "Amazon Connect limit"

// ConnectCalls returns the functions Amazon Connect invokes and how long it waits for each:
//
//   - an aws_connect_contact_flow or aws_connect_contact_flow_module whose content the plan knows
//     names its functions in InvokeLambdaFunction actions, each with its own
//     InvocationTimeLimitSeconds: at most 8 s for a synchronous block
//     (platform.ConnectLambdaMaxTimeLimitSeconds), at most 60 s for an asynchronous one, whose
//     result a Wait block waits for (platform.ConnectLambdaAsyncMaxTimeLimitSeconds); a missing
//     or out-of-range limit counts as the ceiling;
//   - an aws_connect_lambda_function_association makes a function available to the instance's
//     flows. When no flow in the plan invokes the function, the flows that do are not in the plan,
//     and the synchronous ceiling, 8 s, is the limit: the mode every block starts in.
//
// Flow content the plan does not know (built from a function's new ARN, say) is not guessed at.
func ConnectCalls(g *graph.Graph) []CallSite {
	var c siteCollector
	inFlows := map[*graph.Instance]bool{}
	for _, typ := range []string{"aws_connect_contact_flow", "aws_connect_contact_flow_module"} {
		for _, flow := range g.ByType(typ) {
			if flow.Deleted() {
				continue
			}
			content, ok := flow.Get("content").String()
			if !ok {
				continue
			}
			instance := targetAddresses(g, flow, "instance_id", "aws_connect_instance")
			for _, action := range connectLambdaActions(content) {
				for _, inv := range g.FunctionsByValue(action.function) {
					if inv.Alias == nil {
						inv.Alias = aliasNamed(g, inv.Function, inv.Qualifier)
					}
					inFlows[inv.Function] = true
					c.add(CallSite{Part: action.name(), CallerLimit: CallerLimit{Related: instance,
						Function: inv.Function, Caller: flow, Via: AliasAddress(inv),
						Synchronous: !action.async, Qualifier: versionReached(g, inv),
						LimitMillis: action.limitSeconds * 1000, Label: connectLabel, Rule: connectRule}})
				}
			}
		}
	}
	for _, assoc := range g.ByType("aws_connect_lambda_function_association") {
		if assoc.Deleted() {
			continue
		}
		instance := targetAddresses(g, assoc, "instance_id", "aws_connect_instance")
		for _, inv := range g.InvokedFunctions(assoc, "function_arn") {
			if inFlows[inv.Function] {
				continue
			}
			c.add(CallSite{CallerLimit: CallerLimit{Related: instance, Function: inv.Function, Caller: assoc,
				Via: AliasAddress(inv), LimitMillis: platform.ConnectLambdaMaxTimeLimitSeconds * 1000,
				Synchronous: true, Qualifier: invocationQualifier(g, assoc, "function_arn", inv),
				Label: connectLabel, Rule: connectRule}})
		}
	}
	return c.sites
}

// connectLambdaAction is one InvokeLambdaFunction action of a flow.
type connectLambdaAction struct {
	id, function string
	async        bool
	limitSeconds int
}

// name names the action for messages by its Identifier, which the flow's author wrote: characters
// a terminal could act on are dropped, and a long one is cut.
func (a connectLambdaAction) name() string {
	id := strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, a.id)
	if runes := []rune(id); len(runes) > 64 {
		id = string(runes[:64]) + "…"
	}
	name := "InvokeLambdaFunction action"
	if id != "" {
		name += " " + id
	}
	if a.async {
		name += ", asynchronous"
	}
	return name
}

// connectLambdaActions reads the InvokeLambdaFunction actions of a flow written in the Amazon
// Connect Flow language (https://docs.aws.amazon.com/connect/latest/APIReference/interactions-invokelambdafunction.html).
// Content that is not such a document has none: the provider validates it, not this linter.
func connectLambdaActions(content string) []connectLambdaAction {
	var doc struct {
		Actions []struct {
			Identifier string
			Type       string
			Parameters map[string]any
		}
	}
	if err := json.Unmarshal([]byte(content), &doc); err != nil {
		return nil
	}
	var out []connectLambdaAction
	for _, a := range doc.Actions {
		if a.Type != "InvokeLambdaFunction" {
			continue
		}
		function, _ := a.Parameters["LambdaFunctionARN"].(string)
		if function == "" {
			continue
		}
		mode, _ := a.Parameters["InvocationType"].(string)
		async := strings.EqualFold(mode, "ASYNCHRONOUS")
		ceiling := platform.ConnectLambdaMaxTimeLimitSeconds
		if async {
			ceiling = platform.ConnectLambdaAsyncMaxTimeLimitSeconds
		}
		out = append(out, connectLambdaAction{id: a.Identifier, function: function, async: async,
			limitSeconds: connectTimeLimit(a.Parameters["InvocationTimeLimitSeconds"], ceiling)})
	}
	return out
}

// connectTimeLimit reads InvocationTimeLimitSeconds, written as a number or a string: a whole
// number of seconds from 1 to the mode's ceiling. Anything else (missing, out of range) is taken
// as the ceiling, which no block of that mode can exceed.
func connectTimeLimit(v any, ceiling int) int {
	var n int
	switch x := v.(type) {
	case float64:
		if x < 1 || x > float64(ceiling) || x != math.Trunc(x) {
			return ceiling
		}
		n = int(x)
	case string:
		parsed, err := strconv.Atoi(strings.TrimSpace(x))
		if err != nil {
			return ceiling
		}
		n = parsed
	default:
		return ceiling
	}
	if n < 1 || n > ceiling {
		return ceiling
	}
	return n
}

// aliasNamed is the aws_lambda_alias of fn with that name, nil when the qualifier is not an alias
// the plan holds.
func aliasNamed(g *graph.Graph, fn *graph.Instance, qualifier string) *graph.Instance {
	if qualifier == "" || qualifier == "$LATEST" || isDigits(qualifier) {
		return nil
	}
	for _, a := range g.ByType("aws_lambda_alias") {
		if name, ok := a.Get("name").String(); ok && name == qualifier && aliasOf(g, a) == fn {
			return a
		}
	}
	return nil
}

// ConnectCallers is ConnectCalls as a CallerFinder.
func ConnectCallers(g *graph.Graph, _ Inputs) []CallerLimit { return limitsOf(ConnectCalls(g)) }
