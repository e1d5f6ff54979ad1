# The limits, defaults and prices the provider and hybridlint use for AWS Lambda, with their sources.
data "hybrid_platform" "lambda" {
  platform = "aws_lambda"
}

output "lambda_max_timeout_seconds" {
  value = data.hybrid_platform.lambda.max_timeout_seconds
}
