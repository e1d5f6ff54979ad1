variable "name" {
  type = string
}

variable "api_id" {
  type = string
}

variable "timeout" {
  type    = number
  default = 3
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = "arn:aws:iam::123456789012:role/api"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  filename      = "build.zip"
  memory_size   = 512
  # hybridlint:ignore aws_lambda_timeout_exceeds_api_gateway expires=2024-06-30 -- until the async rewrite ships
  timeout = var.timeout
}

resource "aws_apigatewayv2_integration" "this" {
  api_id                 = var.api_id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.this.invoke_arn
  payload_format_version = "2.0"
}
