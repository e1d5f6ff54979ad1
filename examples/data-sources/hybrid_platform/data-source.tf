# The limits, defaults and prices the provider and hybridlint use for AWS Lambda, with their sources.
data "hybrid_platform" "lambda" {
  platform = "aws_lambda"
}

output "lambda_max_timeout_seconds" {
  value = data.hybrid_platform.lambda.facts["max_timeout"].value
}

# Every number with its unit and source, e.g. for a review checklist.
output "lambda_facts" {
  value = {
    for name, fact in data.hybrid_platform.lambda.facts :
    name => "${fact.value} ${fact.unit} (${fact.source}, read ${fact.date})"
  }
}
