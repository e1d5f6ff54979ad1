// Package queries writes the commands that export what a plan's functions did in production, in
// the formats `hybridlint lint --metrics` reads: CloudWatch Logs Insights results and
// get-metric-data for Lambda, Cloud Monitoring time series for Cloud Functions and Cloud Run,
// Azure Monitor metrics for function apps. The team runs them with its own credentials;
// hybridlint only prints them.
package queries

import (
	"fmt"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// A function as the monitoring APIs name it. Each reader returns an unknown reason ("" when the
// name is known) so that a function whose name only apply will tell is listed, never dropped.

// lambdaTarget is a Lambda function: its name, its log group, and its region when its ARN says
// (an existing function's). An edge function (one a CloudFront distribution runs) logs and
// reports metrics in every Region where it ran, not in its own: its region is left empty and
// its log group and metric name are the replicas' (platform.LambdaEdgeReplicaPrefix).
type lambdaTarget struct {
	address, name, logGroup, region string
	edge                            bool
}

// metricName is the FunctionName dimension of the function's AWS/Lambda metrics.
func (fn lambdaTarget) metricName() string {
	if fn.edge {
		return platform.LambdaEdgeReplicaPrefix + fn.name
	}
	return fn.name
}

// googleTarget is a 1st gen function (resource cloud_function, label function_name) or a Cloud
// Run service or 2nd gen function (resource cloud_run_revision, label service_name).
type googleTarget struct {
	address, name, project string
	cloudRun               bool
}

// azureTarget is a function app: its resource id when the plan knows it, else its name and
// resource group.
type azureTarget struct {
	address, id, name, group string
	flex                     bool
}

// UnknownName is a function the commands cannot name, and why.
type UnknownName struct {
	Address string `json:"function"`
	Reason  string `json:"reason"`
}

// targets are a plan's functions, by cloud. names are the names given on the command line
// (--name ADDRESS=NAME) for functions the plan cannot name; used records which were.
type targets struct {
	names   map[string]string
	used    map[string]bool
	lambda  []lambdaTarget
	google  []googleTarget
	azure   []azureTarget
	unknown []UnknownName
}

// stringOf reads a string attribute; the reason says why it cannot be used ("" when it can).
// A sensitive value is never printed, so it counts as unknown.
func stringOf(v plan.Value, what string) (string, string) {
	switch v.State {
	case plan.Unknown:
		return "", what + " is known only after apply"
	case plan.Sensitive:
		return "", what + " is sensitive, and hybridlint never prints a sensitive value"
	}
	s, ok := v.String()
	if !ok || s == "" {
		return "", what + " is not in the plan"
	}
	return s, ""
}

// nameOf reads a function's name, or the name given for its address, which wins: the plan may
// not know the name yet, or know it only as a sensitive value.
func (t *targets) nameOf(inst *graph.Instance, attribute, what string) (string, string) {
	if name, ok := t.names[inst.Address]; ok {
		t.used[inst.Address] = true
		return name, ""
	}
	return stringOf(inst.Get(attribute), what)
}

// collect reads the functions of a plan that the plan does not only delete.
func (t *targets) collect(g *graph.Graph) {
	edge := map[*graph.Instance]bool{}
	for _, tr := range serverless.EdgeTriggers(g) {
		edge[tr.Invocation.Function] = true
	}
	for _, fn := range g.ByType("aws_lambda_function") {
		if !fn.Deleted() {
			t.addLambda(g, fn, edge[fn])
		}
	}
	for _, w := range serverless.GCPWorkloads(g) {
		t.addGoogle(w)
	}
	for _, app := range serverless.AzureFunctionApps(g) {
		t.addAzure(app)
	}
}

func (t *targets) addLambda(g *graph.Graph, fn *graph.Instance, edge bool) {
	name, why := t.nameOf(fn, "function_name", "its function_name")
	if why != "" {
		t.unknown = append(t.unknown, UnknownName{fn.Address, why})
		return
	}
	lt := lambdaTarget{address: fn.Address, name: name, logGroup: platform.LambdaLogGroupPrefix + name, edge: edge}
	if edge {
		lt.logGroup = platform.LambdaLogGroupPrefix + platform.LambdaEdgeReplicaPrefix + name
	}
	if arn, ok := fn.Get("arn").String(); ok && !edge {
		// arn:aws:lambda:<region>:<account>:function:<name>
		if parts := strings.Split(arn, ":"); len(parts) >= 7 && parts[2] == "lambda" {
			lt.region = parts[3]
		}
	}
	group, why := logGroupOf(g, fn)
	switch {
	case why != "":
		t.unknown = append(t.unknown, UnknownName{fn.Address, why})
		return
	case group != "" && !(edge && group == platform.LambdaLogGroupPrefix+name):
		// An edge function whose log group is the default name, as the provider fills it in
		// for an existing function, still logs under the replica's prefix.
		lt.logGroup = group
	}
	t.lambda = append(t.lambda, lt)
}

// logGroupOf is the log group a function's logging_config names: its value, else the name of the
// aws_cloudwatch_log_group it refers to. "" means the default, /aws/lambda/<name>: the provider
// computes log_group when the configuration leaves it out, so it is unknown in a new function's plan.
func logGroupOf(g *graph.Graph, fn *graph.Instance) (string, string) {
	v := fn.Get("logging_config", 0, "log_group")
	if s, ok := v.String(); ok {
		return s, ""
	}
	if !fn.SetInConfig("logging_config.0.log_group") {
		return "", ""
	}
	for _, e := range g.Targets(fn, "logging_config.0.log_group") {
		if e.To.Type == "aws_cloudwatch_log_group" {
			if s, why := stringOf(e.To.Get("name"), "the name of its log group "+e.To.Address); why == "" {
				return s, ""
			}
		}
	}
	if v.State == plan.Null || v.State == plan.Absent {
		return "", ""
	}
	_, why := stringOf(v, "its logging_config.log_group")
	return "", why
}

func (t *targets) addGoogle(w serverless.GCPWorkload) {
	inst := w.Instance
	name, why := t.nameOf(inst, "name", "its name")
	if why != "" {
		t.unknown = append(t.unknown, UnknownName{inst.Address, why})
		return
	}
	gt := googleTarget{address: inst.Address, name: name, cloudRun: w.Kind != serverless.GCPFunctionsGen1}
	if w.Kind == serverless.GCPFunctionsGen2 && !t.used[inst.Address] {
		// A 2nd gen function runs as a Cloud Run service, named in service_config.service
		// ("projects/p/locations/l/services/<name>"): the function's name unless set otherwise.
		if s, ok := inst.Get("service_config", 0, "service").String(); ok && s != "" {
			gt.name = s[strings.LastIndex(s, "/")+1:]
		}
	}
	gt.project, _ = stringOf(inst.Get("project"), "its project")
	t.google = append(t.google, gt)
}

func (t *targets) addAzure(app *graph.Instance) {
	at := azureTarget{address: app.Address, flex: app.Type == "azurerm_function_app_flex_consumption"}
	if _, given := t.names[app.Address]; !given {
		at.id, _ = stringOf(app.Get("id"), "its id")
	}
	if at.id == "" {
		var why string
		if at.name, why = t.nameOf(app, "name", "its name"); why != "" {
			t.unknown = append(t.unknown, UnknownName{app.Address, fmt.Sprintf("%s (and so is its resource id)", why)})
			return
		}
		at.group, _ = stringOf(app.Get("resource_group_name"), "its resource group")
	}
	t.azure = append(t.azure, at)
}
