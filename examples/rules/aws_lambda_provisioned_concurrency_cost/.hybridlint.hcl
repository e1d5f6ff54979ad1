# The example plan of aws_lambda_provisioned_concurrency_cost trips these rules too:
# they are off, so that its run shows aws_lambda_provisioned_concurrency_cost alone.

rule "function_container_cheaper" {
  enabled = false
}
