package serverless

import (
	"reflect"
	"slices"
	"sync"

	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// CallerLimit is one caller that stops waiting for a function after a limit of its own: an API
// Gateway integration, a Cognito trigger, an SQS queue's visibility timeout, a Google API Gateway
// deadline, an Azure Front Door response timeout. The timing rules report a function whose
// timeout outlasts a caller; function_observed_duration_near_limit takes the tightest of them as the
// function's effective limit. One finder per kind of caller lives in this package, and CallerLimits
// asks them all, so the two kinds of rule never disagree on who calls whom or what the limit is.
type CallerLimit struct {
	// Function is the function called: an aws_lambda_function, a Google function or Cloud Run
	// service, an Azure function app.
	Function *graph.Instance
	// Caller is the resource that sets the limit; Via is an alias or other resource the call goes
	// through ("" when none).
	Caller *graph.Instance
	Via    string
	// LimitMillis is how long the caller waits; Label names it for messages ("HTTP API limit",
	// "Cognito trigger limit"), in the words the timing rule for that caller uses.
	LimitMillis int
	Label       string
	// Rule is the timing rule that reports a timeout above this limit.
	Rule string
	// Synchronous is true when someone waits for the function's answer: a person signing in, a
	// caller on the phone, an HTTP client. The cold-start rules read the synchronous path from
	// these callers (SyncCalls), so a finder must set it for every synchronous caller it returns,
	// and leave it false for a caller that only runs the function in the background (a queue's
	// visibility timeout, a push subscription's ack deadline, an asynchronous Connect block).
	Synchronous bool
	// Qualifier is the version of a Lambda function the caller reaches, when the plan says (the
	// zero value, for other platforms or when it does not): SnapStart and provisioned concurrency
	// cover versions, not functions.
	Qualifier Qualifier

	// Related are further resources a finding about this call names (the API of an integration,
	// the HTTP functions of an Azure app); Through is the resource the call passes through that
	// messages name (a load balancer's target group, the event source mapping reading a queue).
	Related []string
	Through *graph.Instance
	// Default is true when the caller leaves the limit unset and the platform's default applies.
	Default bool
	// Uncertain is true when the plan does not say whether the caller calls the function at all
	// (an Azure app whose functions' triggers it does not show): the timing rule reports it as a
	// notice, and function_observed_duration_near_limit does not take it as a limit.
	Uncertain bool
	// Detail is what the timing rule for this kind of caller needs beyond the limit, of a type
	// the finder documents (SFNTaskCall, EdgeTrigger); nil for most kinds.
	Detail any
}

// CallerFinder finds every caller of one kind in a plan, with its limit and whether it is
// synchronous. A finder skips deleted callers and never guesses: an unknown or sensitive limit is
// not returned (or returned at the cap the platform guarantees, as the rule for it does).
type CallerFinder func(g *graph.Graph, in Inputs) []CallerLimit

// callerFinders is the explicit list of every kind of caller the model knows.
var callerFinders = []CallerFinder{
	APIGatewayCallers,
	AppSyncCallers,
	ALBCallers,
	SQSCallers,
	SFNCallers,
	EdgeCallers,
	GCPDeadlineCallers,
	AzureHTTPCallers,
	GCPAPIGatewayCallers,
	GCPFirebaseHostingCallers,
	GCPWorkflowsCallers,
	AzureFrontDoorCallers,
	AzureAppGatewayCallers,
	AzureAPIManagementCallers,
	LexFulfillmentCallers,
	SESReceiptRuleCallers,
	CognitoTriggerCallers,
	ConnectCallers,
	S3ObjectLambdaCallers,
}

// CallerLimits returns every caller limit of the plan, from every finder in callerFinders. The
// callers are found once per graph and inputs (see found); the slice is shared, so a caller must
// not change its elements (appending is safe: its capacity ends with it).
func CallerLimits(g *graph.Graph, in Inputs) []CallerLimit {
	f := found(g, in)
	f.allOnce.Do(func() {
		n := 0
		for _, limits := range f.byFinder {
			n += len(limits)
		}
		f.all = make([]CallerLimit, 0, n)
		for _, limits := range f.byFinder {
			f.all = append(f.all, limits...)
		}
	})
	return f.all
}

// Callers returns what one finder of callerFinders finds (a timing rule's kind of caller), found
// once per graph with all the others (see found); a finder not in callerFinders is asked directly.
// The slice is shared as CallerLimits' is.
func Callers(g *graph.Graph, in Inputs, find CallerFinder) []CallerLimit {
	code := reflect.ValueOf(find).Pointer() // finders are top-level functions: one code pointer each
	for i, known := range callerFinders {
		if reflect.ValueOf(known).Pointer() == code {
			return found(g, in).byFinder[i]
		}
	}
	return find(g, in)
}

// foundCallers are the callers of every finder: byFinder[i] are those of callerFinders[i], all
// (made when CallerLimits first asks) all of them in that order.
type foundCallers struct {
	byFinder [][]CallerLimit
	allOnce  sync.Once
	all      []CallerLimit
}

// callersKey identifies the callers found for one set of inputs among a graph's memos: the
// finders may read the inputs, so different inputs find again. Maps and pointers by identity.
type callersKey struct {
	idleWindowMinutes        int
	azureHost, usage, prices any
	observed                 uintptr
}

// found asks every finder once per graph and inputs. The timing rules each read their own kind,
// the cold-start rules the synchronous callers of every kind, and function_observed_duration_near_limit
// all of them: asked once per rule, the finders were an eighth of a lint of the many-modules plan
// and a third of its allocations.
func found(g *graph.Graph, in Inputs) *foundCallers {
	key := callersKey{idleWindowMinutes: in.IdleWindowMinutes, azureHost: in.AzureHost, usage: in.Usage, prices: in.Prices,
		observed: reflect.ValueOf(in.Observed).Pointer()}
	return g.Memo(key, func() any {
		f := &foundCallers{byFinder: make([][]CallerLimit, len(callerFinders))}
		for i, find := range callerFinders {
			f.byFinder[i] = slices.Clip(find(g, in))
		}
		return f
	}).(*foundCallers)
}

// SyncCallerLimits returns, by function, the callers of CallerLimits that someone waits on: the
// synchronous path the cold-start rules read. A caller that invokes a function through several
// parts is listed once.
func SyncCallerLimits(g *graph.Graph, in Inputs) map[*graph.Instance][]CallerLimit {
	out := map[*graph.Instance][]CallerLimit{}
	seen := map[[2]*graph.Instance]bool{}
	for _, limits := range found(g, in).byFinder {
		for _, l := range limits {
			key := [2]*graph.Instance{l.Caller, l.Function}
			if !l.Synchronous || l.Function.Deleted() || seen[key] {
				continue
			}
			seen[key] = true
			out[l.Function] = append(out[l.Function], l)
		}
	}
	return out
}
