# The example plan of function_observed_duration_near_limit trips these rules too:
# they are off, so that its run shows function_observed_duration_near_limit alone.

rule "aws_lambda_timeout_exceeds_api_gateway" {
  enabled = false
}
