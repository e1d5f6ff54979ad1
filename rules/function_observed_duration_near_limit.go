package rules

import (
	"fmt"
	"math"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/metrics"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// FunctionObservedDurationNearLimit flags functions whose observed durations reach, or come near,
// the tightest limit they run under: their own timeout or a caller's.
var FunctionObservedDurationNearLimit = &Rule{
	Name:     "function_observed_duration_near_limit",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "observed durations reach or come near the tightest limit the function runs under",
	Doc: Doc{
		Why: "A function's configured timeout says what it may take, not what it takes. A 28 s function behind a " +
			"29 s API passes every configuration check while its p99 is already 27 s: one slower dependency and " +
			"the gateway answers 504. This rule reads what the function did in production (`--metrics`: CloudWatch " +
			"Logs Insights or get-metric-data, Google Cloud Monitoring, Azure Monitor or a neutral CSV) and compares " +
			"it with the effective limit: the tightest of the function's own timeout and every caller's limit the " +
			"timing rules know (API Gateway, AppSync, load balancer idle timeouts, SQS visibility, Step Functions, " +
			"Lambda@Edge, Google and Azure callers).\n\n" +
			"It is an error when the observed maximum reaches the limit (runs are being cut off now) or when the plan " +
			"sets the timeout below the observed p99 (the change will cut off more than one run in a hundred), and a " +
			"warning when the p99 is at or above `warn_percent` (80 %) of the limit. A value the metrics do not give " +
			"is never guessed, and a function without metrics is not judged. The two levels are options too: `error_severity` (error) " +
			"and `warning_severity` (warning).\n\n" +
			"A Lambda@Edge function runs, logs and reports its metrics in each Region where CloudFront ran it, one export " +
			"per Region: their counts add up, and its p99 is the largest Region's, an upper bound of the p99 of all its " +
			"traffic, which the message then says.",
		HowToFix: "- Find what makes the slowest runs slow (the p99 requests' traces) and fix or bound it.\n" +
			"- Raise the limit where it can be raised (the timeout, an integration timeout, an idle timeout), " +
			"keeping it below every caller's.\n" +
			"- Make the long work asynchronous: answer at once and hand it to a queue or to the always-on " +
			"container half of a hybrid unit.",
		Sources: []string{
			"https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html (REPORT line: Duration, Max Memory Used, Init Duration)",
			"https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html (Duration statistics)",
			"https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html",
			"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-logs.html (Lambda@Edge logs and metrics per Region)",
			"https://cloud.google.com/monitoring/api/metrics_gcp (cloudfunctions execution_times, run request_latencies)",
			"https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-web-sites-metrics",
		},
		Example: Example{
			Note: "An HTTP API calls a report function whose p99 over the last 14 days is 26.4 s, against the 30 s the API waits.",
			Plan: []ExampleResource{
				plantest.LambdaFunction("aws_lambda_function.report", "python3.12", map[string]any{"timeout": 60, "memory_size": 1024}),
				{Address: "aws_apigatewayv2_api.api", After: map[string]any{"name": "api", "protocol_type": "HTTP"}},
				{
					Address: "aws_apigatewayv2_integration.report",
					After:   map[string]any{"integration_type": "AWS_PROXY", "payload_format_version": "2.0"},
					Unknown: []string{"integration_uri", "api_id", "timeout_milliseconds"},
					Refs: map[string][]string{
						"api_id":          {"aws_apigatewayv2_api.api.id", "aws_apigatewayv2_api.api"},
						"integration_uri": {"aws_lambda_function.report.invoke_arn", "aws_lambda_function.report"},
					},
				},
			},
			Observed: []metrics.Observation{{Function: "aws_lambda_function.report", WindowDays: ExampleMetricsWindowDays,
				Invocations: metrics.Of(182000), P99Ms: metrics.Of(26400), MaxMs: metrics.Of(28950)}},
		},
	},
	Options: func() any {
		return &ObservedLevelsOptions{WarnPercent: 80, ErrorSeverity: "error", WarningSeverity: "warning"}
	},
	Check: checkFunctionObservedDurationNearLimit,
}

// effectiveLimit is the tightest limit a function runs under, and who sets it.
type effectiveLimit struct {
	millis int
	// text names it for messages: "its own 60s timeout", "the 30s HTTP API limit of <address>".
	text    string
	related []string
}

func checkFunctionObservedDurationNearLimit(pass *Pass) {
	opts := pass.Options.(*ObservedLevelsOptions)
	errSev, warnSev, _ := opts.severities() // validated when the configuration was read
	in := pass.Settings.Inputs()
	fns := serverless.ObservedFunctions(pass.Graph, in)
	if len(fns) == 0 {
		return
	}
	callers := map[*graph.Instance][]serverless.CallerLimit{}
	for _, c := range serverless.CallerLimits(pass.Graph, in) {
		if !c.Uncertain {
			callers[c.Function] = append(callers[c.Function], c)
		}
	}
	for _, of := range fns {
		limit, ok := tightestLimit(of, callers[of.Instance])
		if !ok {
			continue
		}
		o := of.Observation
		report := func(sev finding.Severity, msg, fix string) {
			pass.Report(finding.Finding{Severity: sev, Address: of.Instance.Address, Attribute: of.TimeoutAttribute,
				Related: limit.related, Message: msg + p99Bound(o), Remediation: fix})
		}
		window := serverless.WindowText(o.WindowDays)
		switch {
		case of.TimeoutMillis > 0 && o.P99Ms.Known && o.P99Ms.Value > float64(of.TimeoutMillis):
			report(errSev, fmt.Sprintf("timeout %s is below the observed p99 duration %s (max %s, %s): more than 1 run in 100 will be cut off",
				serverless.MillisAsSeconds(of.TimeoutMillis), serverless.ObservedMillis(o.P99Ms.Value), observedOrUnknown(o.MaxMs), window),
				fmt.Sprintf("keep the timeout at %s or more, above the observed maximum", serverless.ObservedMillis(maxKnown(o.MaxMs, o.P99Ms))))
		case o.MaxMs.Known && o.MaxMs.Value >= float64(limit.millis):
			report(errSev, fmt.Sprintf("observed maximum duration %s reaches %s (p99 %s, %s): runs are being cut off now",
				serverless.ObservedMillis(o.MaxMs.Value), limit.text, observedOrUnknown(o.P99Ms), window),
				"find what makes the slowest runs slow, raise the limit where it can be raised, or make the work asynchronous (a queue or a container)")
		case o.P99Ms.Known && o.P99Ms.Value*100 >= float64(opts.WarnPercent)*float64(limit.millis):
			report(warnSev, fmt.Sprintf("observed p99 duration %s is %.0f%% of %s (max %s, %s): a slower day breaches it",
				serverless.ObservedMillis(o.P99Ms.Value), math.Floor(o.P99Ms.Value*100/float64(limit.millis)), limit.text, observedOrUnknown(o.MaxMs), window),
				"find what makes the slowest runs slow, raise the limit where it can be raised, or make the work asynchronous (a queue or a container)")
		}
	}
}

// tightestLimit is the smallest of the function's own timeout and its callers' limits; the
// function's own wins a tie. ok is false when none is known.
func tightestLimit(of serverless.ObservedFunction, callers []serverless.CallerLimit) (effectiveLimit, bool) {
	var best effectiveLimit
	if of.TimeoutMillis > 0 {
		best = effectiveLimit{millis: of.TimeoutMillis, text: "its own " + serverless.MillisAsSeconds(of.TimeoutMillis) + " timeout"}
	}
	for _, c := range callers {
		if best.millis == 0 || c.LimitMillis < best.millis {
			best = effectiveLimit{millis: c.LimitMillis,
				text:    fmt.Sprintf("the %s %s of %s", serverless.MillisAsSeconds(c.LimitMillis), c.Label, c.Caller.Address),
				related: append([]string{c.Caller.Address, c.Via, throughAddress(c)}, c.Related...)}
		}
	}
	return best, best.millis > 0
}

func throughAddress(c serverless.CallerLimit) string {
	if c.Through == nil {
		return ""
	}
	return c.Through.Address
}

// p99Bound says, after a message, when the p99 is the largest Region's of a Lambda@Edge function:
// an upper bound, since the p99 of all the traffic cannot be had from the Regions' p99s.
func p99Bound(o metrics.Observation) string {
	if o.P99UpperBound && o.P99Ms.Known {
		return "; the p99 is the largest Region's, an upper bound of all the traffic's"
	}
	return ""
}

// observedOrUnknown renders an observed duration, or says the metrics do not give it.
func observedOrUnknown(n metrics.Number) string {
	if !n.Known {
		return "not in the metrics"
	}
	return serverless.ObservedMillis(n.Value)
}

func maxKnown(a, b metrics.Number) float64 {
	if a.Known && a.Value > b.Value {
		return a.Value
	}
	return b.Value
}
