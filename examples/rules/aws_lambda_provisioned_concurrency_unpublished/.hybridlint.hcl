# The example plan of aws_lambda_provisioned_concurrency_unpublished trips these rules too:
# they are off, so that its run shows aws_lambda_provisioned_concurrency_unpublished alone.

rule "aws_lambda_provisioned_concurrency_cost" {
  enabled = false
}
