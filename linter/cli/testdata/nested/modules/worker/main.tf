variable "name" {
  type = string
}

variable "timeout" {
  type = number
}

variable "visibility" {
  type = number
}

resource "aws_sqs_queue" "jobs" {
  name                       = var.name
  visibility_timeout_seconds = var.visibility
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = "arn:aws:iam::123456789012:role/worker"
  runtime       = "python3.13"
  handler       = "worker.handler"
  filename      = "worker.zip"
  timeout       = var.timeout
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.this.arn
  batch_size       = 10
}
