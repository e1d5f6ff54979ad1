# The example plan of aws_keep_warm_redundant trips these rules too:
# they are off, so that its run shows aws_keep_warm_redundant alone.

rule "aws_lambda_provisioned_concurrency_cost" {
  enabled = false
}

rule "function_keep_warm_cost" {
  enabled = false
}
