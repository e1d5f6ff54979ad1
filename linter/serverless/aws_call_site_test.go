package serverless

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
)

// TestCallerLimitsAWSCallSites pins what function_observed_duration_near_limit reads from the
// Cognito, Connect and S3 Object Lambda finders: one CallerLimit per caller and function, with the
// limit in milliseconds, the label and the timing rule's name.
func TestCallerLimitsAWSCallSites(t *testing.T) {
	fn := func(addr string) plantest.Resource {
		return plantest.Resource{Address: addr, After: map[string]any{"function_name": addr, "runtime": "python3.13", "timeout": 3}}
	}
	g := plantest.New().Add(fn("aws_lambda_function.a"), fn("aws_lambda_function.b"), fn("aws_lambda_function.c"),
		plantest.Resource{Address: "aws_cognito_user_pool.pool", After: map[string]any{"name": "p"}, Unknown: []string{"lambda_config"},
			Refs: map[string][]string{
				"lambda_config.0.pre_token_generation":                     plantest.Refs("aws_lambda_function.a", "arn"),
				"lambda_config.0.pre_token_generation_config.0.lambda_arn": plantest.Refs("aws_lambda_function.a", "arn"),
			}},
		plantest.Resource{Address: "aws_connect_lambda_function_association.b", Unknown: []string{"function_arn"},
			Refs: map[string][]string{"function_arn": plantest.Refs("aws_lambda_function.b", "arn")}},
		plantest.Resource{Address: "aws_s3control_object_lambda_access_point.c", After: map[string]any{"name": "c"}, Unknown: []string{"configuration"},
			Refs: map[string][]string{
				"configuration.0.transformation_configuration.0.content_transformation.0.aws_lambda.0.function_arn": plantest.Refs("aws_lambda_function.c", "arn"),
			}},
	).Graph(t)

	type row struct {
		Function, Caller, Label, Rule string
		LimitMillis                   int
	}
	var got []row
	for _, l := range CallerLimits(g, Inputs{}) {
		got = append(got, row{l.Function.Address, l.Caller.Address, l.Label, l.Rule, l.LimitMillis})
	}
	require.Equal(t, []row{
		{"aws_lambda_function.a", "aws_cognito_user_pool.pool", "Cognito trigger limit", "aws_lambda_timeout_exceeds_cognito_trigger", 5000},
		{"aws_lambda_function.b", "aws_connect_lambda_function_association.b", "Amazon Connect limit", "aws_lambda_timeout_exceeds_connect", 8000},
		{"aws_lambda_function.c", "aws_s3control_object_lambda_access_point.c", "S3 Object Lambda limit", "aws_lambda_timeout_exceeds_s3_object_lambda", 60000},
	}, got)

	sites := CognitoTriggers(g)
	require.Len(t, sites, 1)
	assert.Equal(t, "pre_token_generation, pre_token_generation_config", sites[0].Part)
}

func TestSiteCollectorKeepsTheTighterLimit(t *testing.T) {
	g := plantest.New().Add(
		plantest.Resource{Address: "aws_lambda_function.f", After: map[string]any{"function_name": "f", "timeout": 3}},
		plantest.Resource{Address: "aws_connect_contact_flow.x", After: map[string]any{"name": "x"}},
	).Graph(t)
	f, x := g.ByAddress("aws_lambda_function.f"), g.ByAddress("aws_connect_contact_flow.x")
	site := func(part string, ms int) CallSite {
		return CallSite{Part: part, CallerLimit: CallerLimit{Function: f, Caller: x, LimitMillis: ms}}
	}
	var c siteCollector
	c.add(site("a", 8000))
	c.add(site("b", 3000))
	c.add(site("c", 3000))
	c.add(site("d", 5000))
	require.Len(t, c.sites, 1)
	assert.Equal(t, 3000, c.sites[0].LimitMillis)
	assert.Equal(t, "b, c", c.sites[0].Part)
}

func TestConnectTimeLimit(t *testing.T) {
	tests := []struct {
		in            any
		ceiling, want int
	}{
		{"3", 8, 3}, {3.0, 8, 3}, {" 5 ", 8, 5}, {"8", 8, 8}, {8.0, 8, 8},
		{"9", 8, 8}, {30.0, 8, 8}, {"0", 8, 8}, {-1.0, 8, 8}, {2.5, 8, 8}, {1e300, 8, 8}, {"three", 8, 8}, {nil, 8, 8}, {true, 8, 8},
		{"$.Attributes.limit", 8, 8},
		{"30", 60, 30}, {45.0, 60, 45}, {"60", 60, 60}, {"61", 60, 60}, {nil, 60, 60},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, connectTimeLimit(tt.in, tt.ceiling), "%#v (ceiling %d)", tt.in, tt.ceiling)
	}
}

func TestConnectLambdaActions(t *testing.T) {
	content := `{"Version":"2019-10-30","Actions":[
		{"Identifier":"a","Type":"InvokeLambdaFunction","Parameters":{"LambdaFunctionARN":"arn:aws:lambda:eu-west-1:1:function:f","InvocationTimeLimitSeconds":"4"}},
		{"Identifier":"b","Type":"InvokeLambdaFunction","Parameters":{"LambdaFunctionARN":"arn:aws:lambda:eu-west-1:1:function:g","InvocationType":"ASYNCHRONOUS","InvocationTimeLimitSeconds":"30"}},
		{"Identifier":"c","Type":"InvokeLambdaFunction","Parameters":{"InvocationTimeLimitSeconds":"4"}},
		{"Identifier":"d","Type":"MessageParticipant","Parameters":{"LambdaFunctionARN":"arn:aws:lambda:eu-west-1:1:function:h"}},
		{"Identifier":"e","Type":"InvokeLambdaFunction","Parameters":{"LambdaFunctionARN":"arn:aws:lambda:eu-west-1:1:function:i","InvocationType":"SYNCHRONOUS"}},
		{"Identifier":"f","Type":"InvokeLambdaFunction","Parameters":{"LambdaFunctionARN":"arn:aws:lambda:eu-west-1:1:function:j","InvocationType":"ASYNCHRONOUS"}}]}`
	assert.Equal(t, []connectLambdaAction{
		{id: "a", function: "arn:aws:lambda:eu-west-1:1:function:f", limitSeconds: 4},
		{id: "b", function: "arn:aws:lambda:eu-west-1:1:function:g", async: true, limitSeconds: 30},
		{id: "e", function: "arn:aws:lambda:eu-west-1:1:function:i", limitSeconds: 8},
		{id: "f", function: "arn:aws:lambda:eu-west-1:1:function:j", async: true, limitSeconds: 60},
	}, connectLambdaActions(content))
	assert.Empty(t, connectLambdaActions("{"))
	assert.Empty(t, connectLambdaActions(`{"Actions": "none"}`))
	assert.Empty(t, connectLambdaActions(`[]`))
}

func TestConnectActionName(t *testing.T) {
	assert.Equal(t, "InvokeLambdaFunction action lookup", connectLambdaAction{id: "lookup"}.name())
	assert.Equal(t, "InvokeLambdaFunction action lookup, asynchronous", connectLambdaAction{id: "lookup", async: true}.name())
	assert.Equal(t, "InvokeLambdaFunction action", connectLambdaAction{}.name())
	assert.Equal(t, "InvokeLambdaFunction action x[31m", connectLambdaAction{id: "x\x1b[31m"}.name())
	long := connectLambdaAction{id: "0123456789012345678901234567890123456789012345678901234567890123456789"}.name()
	assert.Equal(t, "InvokeLambdaFunction action 0123456789012345678901234567890123456789012345678901234567890123…", long)
}
