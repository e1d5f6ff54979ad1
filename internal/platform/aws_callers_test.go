package platform

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestAWSCallersWithoutLimit pins the callers researched without a limit (the rules index lists
// them, docs/rules): each names its Terraform resource, says why there is no number to check, and
// cites https sources; the text goes into a Markdown table, so it holds no '|' and no line break.
func TestAWSCallersWithoutLimit(t *testing.T) {
	callers := AWSCallersWithoutLimit()
	want := []string{"aws_iot_topic_rule", "aws_sns_topic_subscription", "aws_pipes_pipe", "aws_lambda_event_source_mapping", "Lex V2"}
	if !assert.Len(t, callers, len(want)) {
		return
	}
	for i, c := range callers {
		assert.Contains(t, c.Caller, want[i])
		assert.NotEmpty(t, c.Why, c.Caller)
		assert.True(t, strings.HasSuffix(c.Why, "."), "%s: Why is a sentence", c.Caller)
		assert.NotEmpty(t, c.Sources, "%s: a line without a source is a guess", c.Caller)
		for _, s := range c.Sources {
			assert.True(t, strings.HasPrefix(s, "https://docs.aws.amazon.com/"), "%s: %s", c.Caller, s)
		}
		for _, text := range append([]string{c.Caller, c.Why}, c.Sources...) {
			assert.NotContains(t, text, "|", c.Caller)
			assert.NotContains(t, text, "\n", c.Caller)
		}
	}
	// The texts joined with + read as sentences, with a space at each join.
	assert.Contains(t, callers[0].Why, "does not wait for the function, so no IoT limit cuts it short")
	assert.Contains(t, callers[2].Why, "but neither the enrichment page nor the Pipes quotas give a time limit (only the 6 MB response size), so there is no number to check a timeout against.")
	assert.Contains(t, callers[3].Why, "the documentation ties none of them to the function's timeout (unlike an SQS queue's visibility timeout, which aws_lambda_timeout_exceeds_sqs_visibility checks)")
	assert.Contains(t, callers[4].Why, "the 30 s Lex waits is documented for fulfillment only")
}

// TestALBLambdaMaxPayloadBytes pins the ALB limit for a Lambda target as documented: 1 MB for the
// request body and for the response JSON, in bytes (no rule reads it yet).
func TestALBLambdaMaxPayloadBytes(t *testing.T) {
	assert.Equal(t, 1_048_576, ALBLambdaMaxPayloadBytes)
}
