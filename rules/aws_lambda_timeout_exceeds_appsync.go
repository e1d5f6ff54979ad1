package rules

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaTimeoutExceedsAppSync flags functions behind an AppSync Lambda data source whose timeout
// outlasts the 30 s AppSync gives a whole GraphQL request.
var LambdaTimeoutExceedsAppSync = &Rule{
	Name:     "aws_lambda_timeout_exceeds_appsync",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "function timeout is longer than the 30 s AppSync allows a GraphQL request",
	Doc: Doc{
		Why: "AppSync gives every query, mutation and subscription request 30 s in total, and the limit cannot be " +
			"raised. A resolver whose Lambda data source (`type = \"AWS_LAMBDA\"`) runs longer makes the request fail " +
			"with a timeout error while the function goes on running to its own timeout, billed, and its result is " +
			"thrown away. A function timeout above 30 s behind AppSync promises time the caller will never wait for.",
		HowToFix: "- Lower the function's `timeout` to 30 s or less, so slow requests fail where you can see them.\n" +
			"- Make long work asynchronous: let the mutation start a job (a queue, Step Functions, or the container " +
			"half of a hybrid unit) and return its id, and deliver the result through a subscription or a query.",
		Sources: []string{
			"https://docs.aws.amazon.com/general/latest/gr/appsync.html (AWS AppSync endpoints and quotas)",
			"https://repost.aws/questions/QUw61RAiFGSHiWKxSnjppUfA/execution-timeout-aws-appsync-api (AWS answer: a 30 s hard limit for request execution time of mutations, queries and subscriptions, no setting exceeds it)",
			"https://github.com/amazon-archives/aws-appsync-long-query (AWS sample for work beyond the 30 s limit)",
		},
		Example: Example{
			Note: "A GraphQL mutation resolves through a Lambda data source whose function may take two minutes.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.checkout",
					After: map[string]any{
						"function_name": "checkout",
						"memory_size":   1024,
						"runtime":       "nodejs22.x",
						"timeout":       120,
					},
				},
				{
					Address: "aws_appsync_graphql_api.shop",
					After: map[string]any{
						"authentication_type": "AMAZON_COGNITO_USER_POOLS",
						"name":                "shop",
					},
				},
				{
					Address: "aws_appsync_datasource.checkout",
					After:   map[string]any{"name": "checkout", "type": "AWS_LAMBDA"},
					Unknown: []string{"api_id", "lambda_config", "service_role_arn"},
					Refs: map[string][]string{
						"api_id":                       {"aws_appsync_graphql_api.shop.id", "aws_appsync_graphql_api.shop"},
						"lambda_config.0.function_arn": {"aws_lambda_function.checkout.arn", "aws_lambda_function.checkout"},
					},
				},
			},
		},
	},
	Check: checkLambdaTimeoutExceedsAppSync,
}

func checkLambdaTimeoutExceedsAppSync(pass *Pass) {
	for _, c := range serverless.Callers(pass.Graph, pass.Settings.Inputs(), serverless.AppSyncCallers) {
		limit := c.LimitMillis / 1000
		timeout, ok := serverless.LambdaTimeout(c.Function)
		if !ok || timeout <= limit {
			continue
		}
		pass.Report(finding.Finding{
			Address:   c.Function.Address,
			Attribute: "timeout",
			Related:   append([]string{c.Via, c.Caller.Address}, c.Related...),
			Message: fmt.Sprintf("timeout %s exceeds the %s %s of %s",
				serverless.Seconds(timeout), serverless.Seconds(limit), c.Label, c.Caller.Address),
			Remediation: fmt.Sprintf("lower timeout to %s or less, or start the work asynchronously and deliver the result by subscription",
				serverless.Seconds(limit)),
		})
	}
}
