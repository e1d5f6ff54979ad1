package serverless

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// The callers of Lambda functions that stop waiting after a limit of their own: API Gateway
// integrations, AppSync data sources, Application Load Balancers, SQS queues read by an event
// source mapping and Step Functions tasks. Lambda@Edge triggers are in aws_edge.go.

// Names of the timing rules each finder serves; CallerLimit.Rule.
const (
	ruleAPIGateway = "aws_lambda_timeout_exceeds_api_gateway"
	ruleAppSync    = "aws_lambda_timeout_exceeds_appsync"
	ruleALB        = "aws_lambda_timeout_exceeds_alb"
	ruleSQS        = "aws_lambda_timeout_exceeds_sqs_visibility"
	ruleSFN        = "aws_sfn_lambda_task_timeout"
)

// callerLimit is one call of a Lambda invocation from a caller, skipped (ok false) when the plan
// deletes the function.
func lambdaCallerLimit(inv graph.Invocation, caller *graph.Instance, limitMs int, label, rule string) (CallerLimit, bool) {
	if inv.Function.Deleted() {
		return CallerLimit{}, false
	}
	return CallerLimit{Function: inv.Function, Caller: caller, Via: AliasAddress(inv), LimitMillis: limitMs, Label: label, Rule: rule}, true
}

// APIGatewayCallers finds the API Gateway integrations that invoke functions: a REST integration's
// timeout_milliseconds (29 s when unset), an HTTP or WebSocket integration's, never above the
// protocol's fixed cap. Related holds the v2 API.
func APIGatewayCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	rest, v2 := g.ByType("aws_api_gateway_integration"), g.ByType("aws_apigatewayv2_integration")
	// Most integrations invoke one function: room for one each spares the copies of growing.
	out := make([]CallerLimit, 0, len(rest)+len(v2))
	for _, integ := range rest {
		if integ.Deleted() {
			continue // removing the integration is often the fix
		}
		limit, ok := integ.Get("timeout_milliseconds").Int()
		if !ok {
			if st := integ.Get("timeout_milliseconds").State; st == plan.Unknown || st == plan.Sensitive {
				continue
			}
			limit = platform.APIGatewayRESTDefaultTimeoutMillis
		}
		out = appendInvocations(out, g, integ, "uri", limit, "REST API integration timeout", ruleAPIGateway, nil)
	}
	for _, integ := range v2 {
		if integ.Deleted() {
			continue
		}
		limit, label, related, ok := v2Limit(g, integ)
		if !ok {
			continue
		}
		out = appendInvocations(out, g, integ, "integration_uri", limit, label, ruleAPIGateway, related)
	}
	return out
}

func appendInvocations(out []CallerLimit, g *graph.Graph, caller *graph.Instance, attribute string, limitMs int, label, rule string, related []string) []CallerLimit {
	for _, inv := range g.InvokedFunctions(caller, attribute) {
		if c, ok := lambdaCallerLimit(inv, caller, limitMs, label, rule); ok {
			c.Related = related
			out = append(out, c)
		}
	}
	return out
}

// v2Limit works out an HTTP or WebSocket integration's effective timeout: the integration's own
// timeout_milliseconds when known, never above the protocol's fixed cap.
func v2Limit(g *graph.Graph, integ *graph.Instance) (int, string, []string, bool) {
	protocol := ""
	var related []string
	for _, e := range g.Targets(integ, "api_id") {
		if e.To.Type == "aws_apigatewayv2_api" {
			related = append(related, e.To.Address)
			if p, ok := e.To.Get("protocol_type").String(); ok {
				protocol = p
			}
		}
	}
	capMs, label := platform.APIGatewayHTTPMaxTimeoutMillis, "HTTP API limit"
	switch protocol {
	case "WEBSOCKET":
		capMs, label = platform.APIGatewayWebSocketMaxTimeoutMillis, "WebSocket API limit"
	case "":
		// The API is not in the plan: the larger cap (HTTP) avoids a false alarm.
		label = "API Gateway v2 limit"
	}
	tv := integ.Get("timeout_milliseconds")
	if ms, ok := tv.Int(); ok && ms < capMs {
		return ms, "integration timeout", related, true
	}
	if tv.State == plan.Sensitive { // do not reason about a value we may not show
		return 0, "", nil, false
	}
	// Unknown or unset: whatever the value turns out to be, the protocol cap bounds it.
	return capMs, label, related, true
}

// AppSyncCallers finds the AppSync Lambda data sources: AppSync gives a whole GraphQL request 30 s.
// Related holds the GraphQL API.
func AppSyncCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, ds := range g.ByType("aws_appsync_datasource") {
		if ds.Deleted() {
			continue
		}
		if typ, ok := ds.Get("type").String(); !ok || typ != "AWS_LAMBDA" {
			continue
		}
		var related []string
		for _, e := range g.Targets(ds, "api_id") {
			if e.To.Type == "aws_appsync_graphql_api" {
				related = append(related, e.To.Address)
			}
		}
		out = appendInvocations(out, g, ds, "lambda_config.0.function_arn", platform.AppSyncMaxTimeoutSeconds*1000,
			"AppSync request limit", ruleAppSync, related)
	}
	return out
}

// Resource types of the load balancer chain; the provider accepts the aws_alb_* names as aliases.
var (
	lbTypes            = []string{"aws_lb", "aws_alb"}
	lbTargetGroupTypes = []string{"aws_lb_target_group", "aws_alb_target_group"}
	lbAttachmentTypes  = []string{"aws_lb_target_group_attachment", "aws_alb_target_group_attachment"}
	lbListenerTypes    = []string{"aws_lb_listener", "aws_alb_listener"}
	lbRuleTypes        = []string{"aws_lb_listener_rule", "aws_alb_listener_rule"}
)

// ALBCallers finds the Application Load Balancers that forward to Lambda target groups: the caller
// is the load balancer, its limit the idle timeout (60 s when unset, Default then), and Through the
// target group.
func ALBCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, tg := range instancesOf(g, lbTargetGroupTypes) {
		if tt, ok := tg.Get("target_type").String(); !ok || tt != "lambda" || tg.Deleted() {
			continue
		}
		var invs []graph.Invocation
		for _, att := range instancesOf(g, lbAttachmentTypes) {
			if !att.Deleted() && containsInst(refersTo(g, att, "target_group_arn", lbTargetGroupTypes), tg) {
				invs = append(invs, g.InvokedFunctions(att, "target_id")...)
			}
		}
		if len(invs) == 0 {
			continue
		}
		for _, lb := range loadBalancersOf(g, tg) {
			idle, isDefault, ok := albIdleTimeout(lb)
			if !ok {
				continue
			}
			label := "idle timeout"
			if isDefault {
				label = "default idle timeout"
			}
			for _, inv := range invs {
				if c, ok := lambdaCallerLimit(inv, lb, idle*1000, label, ruleALB); ok {
					c.Through, c.Default = tg, isDefault
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// albIdleTimeout reads a load balancer's idle timeout; unset means the 60 s default. isDefault is
// true when configuration does not set it (the plan then shows the provider's default). ok is false
// when the plan does not know it, or when the load balancer is not an application one.
func albIdleTimeout(lb *graph.Instance) (idle int, isDefault, ok bool) {
	if lb.Deleted() {
		return 0, false, false
	}
	if typ := lb.Get("load_balancer_type"); typ.State != plan.Null && typ.State != plan.Absent {
		if s, known := typ.String(); !known || s != "application" {
			return 0, false, false
		}
	}
	v := lb.Get("idle_timeout")
	switch v.State {
	case plan.Null, plan.Absent:
		return platform.ALBDefaultIdleTimeoutSeconds, true, true
	}
	n, known := v.Int()
	return n, lb.HasConfig() && !lb.SetInConfig("idle_timeout"), known
}

// loadBalancersOf finds the load balancers whose listeners forward to a target group, by default
// action or by listener rule, plain or weighted.
func loadBalancersOf(g *graph.Graph, tg *graph.Instance) []*graph.Instance {
	var listeners []*graph.Instance
	for _, l := range instancesOf(g, lbListenerTypes) {
		if !l.Deleted() && containsInst(forwardTargets(g, l, "default_action"), tg) {
			listeners = append(listeners, l)
		}
	}
	for _, r := range instancesOf(g, lbRuleTypes) {
		if !r.Deleted() && containsInst(forwardTargets(g, r, "action"), tg) {
			listeners = append(listeners, refersTo(g, r, "listener_arn", lbListenerTypes)...)
		}
	}
	var out []*graph.Instance
	for _, l := range listeners {
		for _, lb := range refersTo(g, l, "load_balancer_arn", lbTypes) {
			if !containsInst(out, lb) {
				out = append(out, lb)
			}
		}
	}
	return out
}

// forwardTargets returns the target groups a listener's or rule's actions forward to:
// `target_group_arn` of an action, or each `forward.target_group.arn` of a weighted forward.
func forwardTargets(g *graph.Graph, from *graph.Instance, block string) []*graph.Instance {
	out := refersTo(g, from, block+".target_group_arn", lbTargetGroupTypes)
	out = append(out, refersTo(g, from, block+".forward.target_group.arn", lbTargetGroupTypes)...)
	if len(out) > 0 {
		return out
	}
	actions, _ := from.Get(block).List()
	for i := range actions {
		if arn, ok := from.Get(block, i, "target_group_arn").String(); ok {
			out = append(out, instancesWithARN(g, lbTargetGroupTypes, arn)...)
		}
		groups, _ := from.Get(block, i, "forward", 0, "target_group").List()
		for j := range groups {
			if arn, ok := from.Get(block, i, "forward", 0, "target_group", j, "arn").String(); ok {
				out = append(out, instancesWithARN(g, lbTargetGroupTypes, arn)...)
			}
		}
	}
	return out
}

// refersTo returns the instances of the given types that an attribute refers to: by reference, or,
// when the configuration makes none, by the attribute's known value matched against their `arn`.
func refersTo(g *graph.Graph, from *graph.Instance, attribute string, types []string) []*graph.Instance {
	var out []*graph.Instance
	for _, e := range g.Targets(from, attribute) {
		if contains(types, e.To.Type) && !containsInst(out, e.To) {
			out = append(out, e.To)
		}
	}
	if len(out) > 0 {
		return out
	}
	if arn, ok := from.Get(attribute).String(); ok {
		out = instancesWithARN(g, types, arn)
	}
	return out
}

func instancesWithARN(g *graph.Graph, types []string, arn string) []*graph.Instance {
	var out []*graph.Instance
	for _, inst := range instancesOf(g, types) {
		if a, ok := inst.Get("arn").String(); ok && a == arn {
			out = append(out, inst)
		}
	}
	return out
}

func instancesOf(g *graph.Graph, types []string) []*graph.Instance {
	var out []*graph.Instance
	for _, t := range types {
		out = append(out, g.ByType(t)...)
	}
	return out
}

// SQSCallers finds the SQS queues event source mappings read for functions: the queue's visibility
// timeout (30 s when unset) is the limit, the mapping is Through. A message whose processing
// outlasts it becomes visible again and is processed twice.
func SQSCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	mappings := g.ByType("aws_lambda_event_source_mapping")
	// Most mappings read one queue for one function: room for one each spares the copies of growing.
	out := make([]CallerLimit, 0, len(mappings))
	for _, esm := range mappings {
		if esm.Deleted() {
			continue
		}
		queues := sqsQueues(g, esm)
		if len(queues) == 0 {
			continue
		}
		for _, inv := range g.InvokedFunctions(esm, "function_name") {
			for _, q := range queues {
				vt, isDefault, ok := visibilityTimeout(q)
				if !ok || q.Deleted() {
					continue
				}
				if c, ok := lambdaCallerLimit(inv, q, vt*1000, "visibility timeout", ruleSQS); ok {
					c.Through, c.Default = esm, isDefault
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// visibilityTimeout reads a queue's visibility_timeout_seconds, 30 s when unset; ok is false when
// the plan does not know it.
func visibilityTimeout(q *graph.Instance) (seconds int, isDefault, ok bool) {
	v := q.Get("visibility_timeout_seconds")
	if vt, ok := v.Int(); ok {
		return vt, false, true
	}
	if v.State != plan.Null && v.State != plan.Absent {
		return 0, false, false
	}
	return platform.SQSDefaultVisibilityTimeoutSeconds, true, true
}

// SQSBatchingWindow reads an event source mapping's maximum_batching_window_in_seconds (0 when
// unset); known is false when the plan does not know it.
func SQSBatchingWindow(esm *graph.Instance) (seconds int, known bool) {
	switch w := esm.Get("maximum_batching_window_in_seconds"); w.State {
	case plan.Known:
		return w.Int()
	case plan.Absent, plan.Null:
		return 0, true
	}
	return 0, false
}

// targetsOfType returns the instances of one type an attribute refers to.
func targetsOfType(g *graph.Graph, from *graph.Instance, attribute, typ string) []*graph.Instance {
	var out []*graph.Instance
	for _, e := range g.Targets(from, attribute) {
		if e.To.Type == typ {
			out = append(out, e.To)
		}
	}
	return out
}

// sqsQueues finds the queues an event source mapping reads, by reference or by the queue ARN's name.
func sqsQueues(g *graph.Graph, esm *graph.Instance) []*graph.Instance {
	if out := targetsOfType(g, esm, "event_source_arn", "aws_sqs_queue"); len(out) > 0 {
		return out
	}
	var out []*graph.Instance
	arn, ok := esm.Get("event_source_arn").String()
	if !ok || !strings.HasPrefix(arn, "arn:") || !strings.Contains(arn, ":sqs:") {
		return nil
	}
	name := arn[strings.LastIndexByte(arn, ':')+1:]
	for _, q := range g.ByType("aws_sqs_queue") {
		if n, ok := q.Get("name").String(); ok && n == name {
			out = append(out, q)
		}
	}
	return out
}

// SFNTaskCall is the Detail of a Step Functions caller limit: the Task state that invokes the
// function and waits for its answer.
type SFNTaskCall struct {
	// State is the state's name, with the Parallel or Map states around it: "Fan out" > "Resize".
	State string
	// TimeoutSeconds is the state's TimeoutSeconds; 0 when it sets none.
	TimeoutSeconds int
	// RetriesOnTimeout is true when a Retry of the state matches States.Timeout.
	RetriesOnTimeout bool
	// Express is true when the state machine is an EXPRESS one; ExpressLimit marks the limit that
	// is the EXPRESS workflow's five minutes rather than the state's TimeoutSeconds.
	Express, ExpressLimit bool
}

// SFNCallers finds the Step Functions Task states that invoke functions synchronously. Each gives
// up to two limits, the state machine's EXPRESS limit (when it is an EXPRESS one) and the state's
// TimeoutSeconds (when set), in that order; Detail is an SFNTaskCall.
func SFNCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, sm := range g.ByType("aws_sfn_state_machine") {
		if sm.Deleted() {
			continue
		}
		text, ok := sm.Get("definition").String()
		if !ok {
			continue
		}
		tasks := sfnLambdaTasks(text)
		if len(tasks) == 0 {
			continue
		}
		express := false
		if t := sm.Get("type"); t.State == plan.Known {
			s, _ := t.String()
			express = s == "EXPRESS"
		} // unknown or sensitive: only the TimeoutSeconds check is possible
		referenced := definitionFunctions(g, sm)
		for _, task := range tasks {
			for _, inv := range sfnTaskFunctions(g, task, referenced, len(tasks)) {
				out = append(out, sfnTaskLimits(inv, sm, task, express)...)
			}
		}
	}
	return out
}

func sfnTaskLimits(inv graph.Invocation, sm *graph.Instance, task sfnLambdaTask, express bool) []CallerLimit {
	var out []CallerLimit
	call := SFNTaskCall{State: task.state, RetriesOnTimeout: task.retriesTimeout, Express: express}
	if task.hasTimeout {
		call.TimeoutSeconds = task.timeout
	}
	if express {
		if c, ok := lambdaCallerLimit(inv, sm, platform.StepFunctionsExpressMaxSeconds*1000, "EXPRESS state machine limit", ruleSFN); ok {
			limit := call
			limit.ExpressLimit = true
			c.Detail = limit
			out = append(out, c)
		}
	}
	if task.hasTimeout {
		if c, ok := lambdaCallerLimit(inv, sm, task.timeout*1000, fmt.Sprintf("TimeoutSeconds of state %s", task.state), ruleSFN); ok {
			c.Detail = call
			out = append(out, c)
		}
	}
	return out
}

// sfnLambdaTask is a Task state that invokes a Lambda function synchronously.
type sfnLambdaTask struct {
	// state is the state's name, with the Parallel or Map states around it: "Fan out" > "Resize".
	state string
	// function is the FunctionName (or Resource ARN) as the definition writes it.
	function string
	// timeout is TimeoutSeconds; hasTimeout is false when the state sets none.
	timeout    int
	hasTimeout bool
	// retriesTimeout is true when a Retry of the state matches States.Timeout.
	retriesTimeout bool
}

// definitionFunctions are the functions the definition refers to in configuration.
func definitionFunctions(g *graph.Graph, sm *graph.Instance) []graph.Invocation {
	var out []graph.Invocation
	for _, inv := range g.InvokedFunctions(sm, "definition") {
		if !inv.ByValue {
			out = append(out, inv)
		}
	}
	return out
}

// sfnTaskFunctions resolves a task's function: by its name or ARN among the plan's functions,
// narrowed to the ones the definition refers to when several share a name; or, when the name
// matches none, the one function the definition refers to if it has a single Lambda task.
func sfnTaskFunctions(g *graph.Graph, task sfnLambdaTask, referenced []graph.Invocation, tasks int) []graph.Invocation {
	byName := LambdaFunctionsByRef(g, task.function)
	if len(byName) > 1 {
		var narrowed []graph.Invocation
		for _, inv := range byName {
			for _, r := range referenced {
				if r.Function == inv.Function {
					narrowed = append(narrowed, r)
				}
			}
		}
		if len(narrowed) > 0 {
			return narrowed
		}
	}
	if len(byName) == 0 && len(referenced) == 1 && tasks == 1 {
		return referenced
	}
	return byName
}

func sfnLambdaTasks(definition string) []sfnLambdaTask {
	var doc map[string]any
	if err := json.Unmarshal([]byte(definition), &doc); err != nil {
		return nil
	}
	var out []sfnLambdaTask
	walkSFNStates(doc, "", func(path string, state map[string]any) {
		if task, ok := lambdaTask(state); ok {
			task.state = path
			out = append(out, task)
		}
	})
	return out
}

// walkSFNStates visits every state of a definition or branch, recursing into Parallel branches and
// Map item processors (ItemProcessor, or the older Iterator).
func walkSFNStates(machine map[string]any, prefix string, visit func(path string, state map[string]any)) {
	states, _ := machine["States"].(map[string]any)
	names := make([]string, 0, len(states))
	for name := range states {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		state, ok := states[name].(map[string]any)
		if !ok {
			continue
		}
		path := prefix + fmt.Sprintf("%q", name)
		visit(path, state)
		switch state["Type"] {
		case "Parallel":
			branches, _ := state["Branches"].([]any)
			for _, b := range branches {
				if branch, ok := b.(map[string]any); ok {
					walkSFNStates(branch, path+" > ", visit)
				}
			}
		case "Map":
			for _, key := range []string{"ItemProcessor", "Iterator"} {
				if inner, ok := state[key].(map[string]any); ok {
					walkSFNStates(inner, path+" > ", visit)
				}
			}
		}
	}
}

// lambdaTask recognises a Task state that invokes a Lambda function and waits for its answer.
func lambdaTask(state map[string]any) (sfnLambdaTask, bool) {
	var task sfnLambdaTask
	resource, _ := state["Resource"].(string)
	if state["Type"] != "Task" || resource == "" {
		return task, false
	}
	switch parts := strings.SplitN(resource, ":", 6); {
	case len(parts) == 6 && parts[0] == "arn" && parts[2] == "states" && (parts[5] == "lambda:invoke" || parts[5] == "aws-sdk:lambda:invoke"):
		// Parameters (JSONPath) or Arguments (JSONata) carry the function and the invocation type.
		args, _ := state["Parameters"].(map[string]any)
		if args == nil {
			args, _ = state["Arguments"].(map[string]any)
		}
		name, _ := args["FunctionName"].(string)
		if name == "" || args["InvocationType"] == "Event" {
			return task, false
		}
		task.function = name
	case len(parts) == 6 && parts[0] == "arn" && parts[2] == "lambda":
		task.function = resource
	default:
		return task, false // another service, or a callback (.waitForTaskToken) task
	}
	// A timeout taken from the input (TimeoutSecondsPath) or written in JSONata is not a number here.
	if n, ok := state["TimeoutSeconds"].(float64); ok && n > 0 && n == float64(int(n)) {
		task.timeout, task.hasTimeout = int(n), true
	}
	task.retriesTimeout = retriesOnTimeout(state)
	return task, true
}

// retriesOnTimeout reports whether a Retry of the state catches States.Timeout.
func retriesOnTimeout(state map[string]any) bool {
	retries, _ := state["Retry"].([]any)
	for _, r := range retries {
		retrier, _ := r.(map[string]any)
		if attempts, ok := retrier["MaxAttempts"].(float64); ok && attempts == 0 {
			continue
		}
		errs, _ := retrier["ErrorEquals"].([]any)
		for _, e := range errs {
			if e == "States.Timeout" || e == "States.ALL" {
				return true
			}
		}
	}
	return false
}
