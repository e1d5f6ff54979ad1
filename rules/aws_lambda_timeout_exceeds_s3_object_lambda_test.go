package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

// objectLambdaFunction is where a transformation of an Object Lambda Access Point names its function.
func objectLambdaFunction(transformation string) string {
	return "configuration.0.transformation_configuration." + transformation + ".content_transformation.0.aws_lambda.0.function_arn"
}

// objectLambdaAccessPoint is an access point whose configuration is known after apply, its first
// transformation's function referenced in configuration.
func objectLambdaAccessPoint(addr string, fnRefs ...string) plantest.Resource {
	return plantest.Resource{Address: addr, After: map[string]any{"name": "redacted"}, Unknown: []string{"configuration"},
		Refs: map[string][]string{
			"configuration.0.supporting_access_point": plantest.Refs("aws_s3_access_point.ap", "arn"),
			objectLambdaFunction("0"):                 fnRefs,
		}}
}

// knownTransformation is a transformation of a known configuration, with a hard-coded function ARN.
func knownTransformation(action, arn string) map[string]any {
	return map[string]any{"actions": []any{action}, "content_transformation": []any{
		map[string]any{"aws_lambda": []any{map[string]any{"function_arn": arn, "function_payload": ""}}}}}
}

func TestLambdaTimeoutExceedsS3ObjectLambda(t *testing.T) {
	fnRef := plantest.Refs("aws_lambda_function.fn", "arn")
	supporting := plantest.Resource{Address: "aws_s3_access_point.ap", After: map[string]any{"name": "documents"}}
	named := func(addr, name string, timeout int) plantest.Resource {
		return plantest.Resource{Address: addr, After: map[string]any{"function_name": name, "runtime": "python3.13", "timeout": timeout}}
	}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "a transformation allowed 61s, one second over",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 61), supporting, objectLambdaAccessPoint("aws_s3control_object_lambda_access_point.olap", fnRef...)),
			want: []string{"error aws_lambda_function.fn: timeout 61s exceeds the 60s S3 Object Lambda limit of aws_s3control_object_lambda_access_point.olap"},
		},
		{
			name: "exactly 60s is within the limit",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 60), supporting, objectLambdaAccessPoint("aws_s3control_object_lambda_access_point.olap", fnRef...)),
			want: []string{},
		},
		{
			name: "59s is within the limit",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 59), supporting, objectLambdaAccessPoint("aws_s3control_object_lambda_access_point.olap", fnRef...)),
			want: []string{},
		},
		{
			name: "an unknown timeout is silent",
			plan: plantest.New().Add(unknownLambda("aws_lambda_function.fn"), supporting, objectLambdaAccessPoint("aws_s3control_object_lambda_access_point.olap", fnRef...)),
			want: []string{},
		},
		{
			name: "an unknown function ARN that references no function is silent",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 300), supporting, objectLambdaAccessPoint("aws_s3control_object_lambda_access_point.olap", "var.function_arn")),
			want: []string{},
		},
		{
			name: "through an alias",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 120), supporting,
				plantest.LambdaAlias("aws_lambda_alias.live", "aws_lambda_function.fn"),
				objectLambdaAccessPoint("aws_s3control_object_lambda_access_point.olap", plantest.Refs("aws_lambda_alias.live", "arn")...)),
			want: []string{"error aws_lambda_function.fn: timeout 120s exceeds the 60s S3 Object Lambda limit of aws_s3control_object_lambda_access_point.olap"},
		},
		{
			name: "through a module output",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.redact", Source: "./redact", Outputs: map[string][]string{"arn": plantest.Refs("aws_lambda_function.this", "arn")}}).
				Add(lambda("module.redact.aws_lambda_function.this", 900), supporting,
					objectLambdaAccessPoint("aws_s3control_object_lambda_access_point.olap", "module.redact.arn", "module.redact")),
			want: []string{"error module.redact.aws_lambda_function.this: timeout 900s exceeds the 60s S3 Object Lambda limit of aws_s3control_object_lambda_access_point.olap"},
		},
		{
			name: "for_each: each access point reaches its own function",
			plan: plantest.New().Add(lambda(`aws_lambda_function.fn["pdf"]`, 90), lambda(`aws_lambda_function.fn["csv"]`, 30), supporting,
				objectLambdaAccessPoint(`aws_s3control_object_lambda_access_point.olap["pdf"]`, "aws_lambda_function.fn", "each.key"),
				objectLambdaAccessPoint(`aws_s3control_object_lambda_access_point.olap["csv"]`, "aws_lambda_function.fn", "each.key")),
			want: []string{`error aws_lambda_function.fn["pdf"]: timeout 90s exceeds the 60s S3 Object Lambda limit of aws_s3control_object_lambda_access_point.olap["pdf"]`},
		},
		{
			name: "every transformation of a known configuration is read by its ARN",
			plan: plantest.New().Add(named("aws_lambda_function.get", "get-object", 30), named("aws_lambda_function.list", "list-objects", 120),
				plantest.Resource{Address: "aws_s3control_object_lambda_access_point.olap", After: map[string]any{"name": "redacted",
					"configuration": []any{map[string]any{
						"supporting_access_point": "arn:aws:s3:eu-west-1:123456789012:accesspoint/documents",
						"transformation_configuration": []any{
							knownTransformation("GetObject", "arn:aws:lambda:eu-west-1:123456789012:function:get-object"),
							knownTransformation("ListObjectsV2", "arn:aws:lambda:eu-west-1:123456789012:function:list-objects:3"),
						},
					}}}}),
			want: []string{"error aws_lambda_function.list: timeout 120s exceeds the 60s S3 Object Lambda limit of aws_s3control_object_lambda_access_point.olap"},
		},
		{
			name: "one function behind two transformations is one finding",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 61), supporting, plantest.Resource{
				Address: "aws_s3control_object_lambda_access_point.olap", After: map[string]any{"name": "redacted"}, Unknown: []string{"configuration"},
				Refs: map[string][]string{objectLambdaFunction("0"): fnRef, objectLambdaFunction("1"): fnRef}}),
			want: []string{"error aws_lambda_function.fn: timeout 61s exceeds the 60s S3 Object Lambda limit of aws_s3control_object_lambda_access_point.olap"},
		},
		{
			name: "an access point the plan deletes is not reported",
			plan: plantest.New().Add(lambda("aws_lambda_function.fn", 300), supporting, deleted(objectLambdaAccessPoint("aws_s3control_object_lambda_access_point.olap", fnRef...))),
			want: []string{},
		},
		{
			name: "a function the plan deletes is not reported",
			plan: plantest.New().Add(deleted(lambda("aws_lambda_function.fn", 300)), supporting, objectLambdaAccessPoint("aws_s3control_object_lambda_access_point.olap", fnRef...)),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaTimeoutExceedsS3ObjectLambda, tt.plan)))
		})
	}
}

func TestLambdaTimeoutExceedsS3ObjectLambdaRelated(t *testing.T) {
	b := plantest.New().Add(lambda("aws_lambda_function.fn", 61),
		plantest.Resource{Address: "aws_s3_access_point.ap", After: map[string]any{"name": "documents"}},
		objectLambdaAccessPoint("aws_s3control_object_lambda_access_point.olap", plantest.Refs("aws_lambda_function.fn", "arn")...))
	fs := run(t, rules.LambdaTimeoutExceedsS3ObjectLambda, b)
	require.Len(t, fs, 1)
	require.Equal(t, []string{"aws_s3_access_point.ap", "aws_s3control_object_lambda_access_point.olap"}, fs[0].Related)
}
