package serverless

import "github.com/hybridlint/terraform-provider-hybrid/linter/graph"

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
}

// CallerFinder finds every caller of one kind in a plan, with its limit. A finder skips deleted
// callers and never guesses: an unknown or sensitive limit is not returned (or returned at the cap
// the platform guarantees, as the rule for it does).
type CallerFinder func(g *graph.Graph, in Inputs) []CallerLimit

// callerFinders is the explicit list of every kind of caller the model knows.
var callerFinders = []CallerFinder{
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

// CallerLimits returns every caller limit of the plan, from every finder in callerFinders.
func CallerLimits(g *graph.Graph, in Inputs) []CallerLimit {
	var out []CallerLimit
	for _, find := range callerFinders {
		out = append(out, find(g, in)...)
	}
	return out
}
