package rules

import (
	"fmt"
	"sort"
	"time"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaColdStartOnSyncPath flags functions with heavy initialisation that a waiting caller
// invokes, with nothing keeping them warm: every cold start lands on a request.
var LambdaColdStartOnSyncPath = &Rule{
	Name:     "aws_lambda_cold_start_on_sync_path",
	Severity: finding.Warning,
	Category: finding.ColdStart,
	Summary:  "function with heavy initialisation is invoked synchronously and nothing keeps it warm",
	Doc: Doc{
		Why: "A cold start runs before the handler: Lambda downloads the package, starts the runtime and runs the " +
			"function's initialisation code. For Node.js, Python or Go that is typically a few hundred milliseconds; " +
			"a Java or .NET runtime without SnapStart, a container image or a large package can take one to ten " +
			"seconds. Behind an asynchronous trigger nobody notices. On a synchronous path (API Gateway, a function " +
			"URL, an ALB, AppSync, CloudFront Lambda@Edge, an API Gateway Lambda authorizer, and every synchronous " +
			"caller the timing rules know: a Cognito user pool trigger, an Amazon Connect flow or association, an S3 " +
			"Object Lambda access point, a Lex V2 code hook, an SES receipt rule with `RequestResponse`) a person or a " +
			"client is waiting, and the caller's own limit (5 s for Cognito, 8 s for Connect, 29–30 s for API Gateway) " +
			"still counts. A REST integration that sets `X-Amz-Invocation-Type` to `'Event'` invokes asynchronously and " +
			"is not counted, nor is an asynchronous Connect block or an SES `Event` action.\n\n" +
			"A function counts as heavy when its runtime is Java or .NET and SnapStart does not apply to the version " +
			"the caller invokes, when it is a container image, or when its package (`source_code_size`) is larger " +
			"than 10 MB. It counts as kept warm when provisioned concurrency covers the version or alias the caller " +
			"invokes, or when a schedule invokes that version at least once per idle window (5 minutes by default, " +
			"`--idle-window`). The rule follows callers, aliases and modules through the graph, and stays silent " +
			"when the plan does not know an answer.",
		HowToFix: "Cheapest first:\n\n" +
			"- Java, Python 3.12+ or .NET 8+ as a .zip: enable SnapStart (`snap_start { apply_on = \"PublishedVersions\" }`, " +
			"`publish = true`) and point the caller at an alias. It is free for Java; Python and .NET pay a small " +
			"caching and restore charge.\n" +
			"- A large package: trim it (bundle and tree-shake, drop unused dependencies, move data to S3).\n" +
			"- Otherwise add `aws_lambda_provisioned_concurrency_config` on the alias the caller invokes (billed for " +
			"every hour it is on), or move the request path to the always-on container half of a hybrid unit.",
		Sources: []string{
			"https://docs.aws.amazon.com/lambda/latestRef/dg/snapstart.html",
			"https://docs.aws.amazon.com/lambda/latestRef/dg/provisioned-concurrency.html",
			"https://aws.amazon.com/blogs/compute/operating-lambda-performance-optimization-part-1/",
			"https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integration-async.html",
			platform.SourceLambdaIdle,
		},
		Example: Example{
			Note: "A Spring Boot API on java21 answers an HTTP API, with neither SnapStart nor provisioned concurrency.",
			Plan: []ExampleResource{
				plantest.LambdaFunction("aws_lambda_function.orders", "java21", map[string]any{"memory_size": 2048, "timeout": 25}),
				{
					Address: "aws_apigatewayv2_api.shop",
					After:   map[string]any{"name": "api", "protocol_type": "HTTP"},
				},
				{
					Address: "aws_apigatewayv2_integration.orders",
					After:   map[string]any{"integration_type": "AWS_PROXY", "timeout_milliseconds": 29000},
					Unknown: []string{"integration_uri", "api_id"},
					Refs: map[string][]string{
						"api_id":          {"aws_apigatewayv2_api.shop.id", "aws_apigatewayv2_api.shop"},
						"integration_uri": {"aws_lambda_function.orders.invoke_arn", "aws_lambda_function.orders"},
					},
				},
			},
		},
	},
	Check: checkLambdaColdStartOnSyncPath,
}

func checkLambdaColdStartOnSyncPath(pass *Pass) {
	g := pass.Graph
	calls := serverless.SyncCalls(g, pass.Settings.Inputs())
	if len(calls) == 0 {
		return
	}
	pcs := serverless.ProvisionedConfigs(g)
	ps := serverless.SchedulePings(g)
	window := serverless.IdleWindow(pass.Settings.IdleWindowMinutes)
	for _, fn := range g.ByType("aws_lambda_function") {
		// Group the callers left cold by what makes the start heavy for them.
		type group struct {
			factors []serverless.InitFactor
			calls   []serverless.SyncCall
		}
		var groups []*group
		byText := map[string]*group{}
		// Thousands of callers of one function reach it through a handful of qualifiers.
		heavy := map[serverless.Qualifier][]serverless.InitFactor{}
		for _, c := range calls[fn] {
			factors, seen := heavy[c.Qualifier]
			if !seen {
				factors = serverless.HeavyInit(g, fn, c.Qualifier, pcs)
				heavy[c.Qualifier] = factors
			}
			if len(factors) == 0 {
				continue
			}
			if pc, _ := serverless.CoveredByProvisioned(pcs, fn, c.Qualifier); pc != serverless.No {
				continue
			}
			if warm, _ := serverless.PingedWarm(ps, fn, c.Qualifier, window); warm != serverless.No {
				continue
			}
			key := serverless.JoinFactors(factors)
			if byText[key] == nil {
				byText[key] = &group{factors: factors}
				groups = append(groups, byText[key])
			}
			byText[key].calls = append(byText[key].calls, c)
		}
		for _, gr := range groups {
			reportColdStart(pass, fn, gr.factors, gr.calls, window)
		}
	}
}

func reportColdStart(pass *Pass, fn *graph.Instance, factors []serverless.InitFactor, calls []serverless.SyncCall, window time.Duration) {
	sort.SliceStable(calls, func(i, j int) bool { return calls[i].Caller.Address < calls[j].Caller.Address })
	var callers, related []string
	seen := map[string]bool{}
	quals := map[string]bool{}
	for _, c := range calls {
		if !seen[c.Caller.Address] {
			seen[c.Caller.Address] = true
			callers = append(callers, fmt.Sprintf("%s (%s)", c.Caller.Address, c.Kind))
		}
		related = append(related, c.Caller.Address)
		related = append(related, c.Related...)
		if c.Qualifier.Known {
			quals[c.Qualifier.String()] = true
		}
	}
	qs := make([]string, 0, len(quals))
	for q := range quals {
		qs = append(qs, q)
	}
	sort.Strings(qs)
	on := ""
	if len(qs) > 0 {
		on = " on " + serverless.JoinAnd(qs)
	}
	pass.Report(finding.Finding{
		Address:   fn.Address,
		Attribute: factors[0].Attribute,
		Related:   related,
		Message: fmt.Sprintf("%s on the synchronous path of %s, with no provisioned concurrency or ping every %s%s: "+
			"cold starts land on waiting requests",
			serverless.JoinFactors(factors), serverless.ListAddresses(callers), serverless.DurationText(window), on),
		Remediation: coldStartRemedy(pass, fn, factors, calls[0]),
	})
}

// coldStartRemedy names the cheapest way out for the function's init factors.
func coldStartRemedy(pass *Pass, fn *graph.Instance, factors []serverless.InitFactor, c serverless.SyncCall) string {
	provisioned := fmt.Sprintf("add provisioned concurrency on an alias and point %s at it", c.Caller.Address)
	has := func(attr string) bool {
		for _, f := range factors {
			if f.Attribute == attr {
				return true
			}
		}
		return false
	}
	// Capacity already paid for on another alias is the cheapest cure.
	for _, pc := range serverless.ProvisionedConfigs(pass.Graph) {
		if pc.Function == fn && pc.Qualifier.Alias != "" {
			return fmt.Sprintf("point %s at alias %s, which %s already keeps warm", c.Caller.Address, pc.Qualifier.Alias, pc.Config.Address)
		}
	}
	if has("package_type") {
		return provisioned + ", or serve the path from the container half of a hybrid unit (an always-on container has no cold starts)"
	}
	rt, _ := serverless.RuntimeOf(pass.Graph, fn)
	supported := platform.SnapStartSupportsRuntime(rt)
	conflicts := serverless.SnapStartConflicts(pass.Graph, fn, nil)
	snapStart := supported && len(conflicts) == 0
	switch {
	case supported && len(conflicts) > 0:
		return fmt.Sprintf("%s so SnapStart can apply (with publish = true, and %s pointed at an alias), or %s",
			conflicts[0].Undo, c.Caller.Address, provisioned)
	case snapStart && serverless.SnapStartOf(pass.Graph, fn) == serverless.Yes:
		if publish, ok := fn.Get("publish").Bool(); ok && !publish {
			return fmt.Sprintf("set publish = true and point %s at an alias of the published version, so SnapStart applies", c.Caller.Address)
		}
		return fmt.Sprintf("point %s at an alias of a published version: SnapStart does not apply to $LATEST", c.Caller.Address)
	case snapStart:
		cost := "free for Java"
		if !platform.IsJava(rt) {
			cost = "a small snapshot charge"
		}
		remedy := fmt.Sprintf("enable SnapStart (snap_start { apply_on = \"PublishedVersions\" } with publish = true, %s) and point %s at an alias",
			cost, c.Caller.Address)
		if has("source_code_size") {
			remedy += "; trim the package too"
		}
		return remedy
	case has("runtime"):
		return fmt.Sprintf("move to a runtime SnapStart supports (java21, dotnet8) and enable it, or %s", provisioned)
	}
	return fmt.Sprintf("trim the package below %s (bundle, tree-shake, move data to S3), or %s", serverless.Megabytes(platform.LambdaHeavyPackageBytes), provisioned)
}
