package rules

import (
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// LambdaTimeoutExceedsS3ObjectLambda flags the functions of S3 Object Lambda Access Points whose
// timeout outlasts the 60 s S3 Object Lambda allows for a response.
var LambdaTimeoutExceedsS3ObjectLambda = &Rule{
	Name:     "aws_lambda_timeout_exceeds_s3_object_lambda",
	Severity: finding.Error,
	Category: finding.Timeout,
	Summary:  "function timeout is longer than the 60 s S3 Object Lambda allows for a response",
	Doc: Doc{
		Why: "An S3 Object Lambda Access Point runs a function for every GetObject, HeadObject or list request made " +
			"through it, and the function answers the caller with WriteGetObjectResponse. S3 Object Lambda allows up to " +
			"60 s to stream the complete response; the caller's request fails after that, however long the function is " +
			"allowed to run. A timeout above 60 s keeps slow transformations running, and billed, after the requester " +
			"has already got an error. (Since 7 November 2025 AWS offers S3 Object Lambda only to accounts already " +
			"using it; the limit holds for them.)",
		HowToFix: "- Lower the function's `timeout` to 60 s or less.\n" +
			"- Transform less per request (ranges, smaller objects), stream the response as it is produced, or give the " +
			"function more memory (more CPU).\n" +
			"- Precompute transformations that cannot finish in a minute and store the results as objects of their own.",
		Sources: []string{
			platform.SourceS3ObjectLambda,
			"https://docs.aws.amazon.com/AmazonS3/latest/userguide/olap-writing-lambda.html (the function answers with WriteGetObjectResponse; availability since 2025-11-07)",
		},
		Example: Example{
			Note: "An Object Lambda Access Point redacts documents on the fly with a function allowed five minutes.",
			Plan: []ExampleResource{
				{
					Address: "aws_lambda_function.redact",
					After: map[string]any{
						"function_name": "redact-pii",
						"memory_size":   1024,
						"runtime":       "python3.13",
						"timeout":       300,
					},
				},
				{
					Address: "aws_s3_access_point.documents",
					After:   map[string]any{"name": "documents"},
				},
				{
					Address: "aws_s3control_object_lambda_access_point.redacted",
					After:   map[string]any{"name": "redacted"},
					Unknown: []string{"configuration"},
					Refs: map[string][]string{
						"configuration.0.supporting_access_point": {"aws_s3_access_point.documents.arn", "aws_s3_access_point.documents"},
						"configuration.0.transformation_configuration.0.content_transformation.0.aws_lambda.0.function_arn": {
							"aws_lambda_function.redact.arn", "aws_lambda_function.redact"},
					},
				},
			},
		},
	},
	Check: checkLambdaTimeoutExceedsS3ObjectLambda,
}

func checkLambdaTimeoutExceedsS3ObjectLambda(pass *Pass) {
	for _, f := range serverless.TimeoutFindings(serverless.S3ObjectLambdaCalls(pass.Graph),
		"lower timeout to %s or less, or precompute transformations that take longer") {
		pass.Report(f)
	}
}
