terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

locals {
  workers = {
    eu = { timeout = 900, visibility = 1000 }
    us = { timeout = 60, visibility = 120 }
  }
}

module "api" {
  source = "./modules/api"
  name   = "orders"
  functions = {
    report = { timeout = 120 }
    ping   = { timeout = 10 }
  }
}

module "worker" {
  source     = "./modules/worker"
  for_each   = local.workers
  name       = "jobs-${each.key}"
  timeout    = each.value.timeout
  visibility = each.value.visibility
}

resource "aws_lambda_function" "legacy" {
  count         = 1
  function_name = "legacy-export"
  role          = "arn:aws:iam::123456789012:role/legacy"
  runtime       = "python3.13"
  handler       = "export.handler"
  filename      = "export.zip"
  # hybridlint:ignore aws_lambda_timeout_near_limit -- the monthly export runs 14 minutes by design
  timeout = 850
}

# hybridlint:ignore aws_lambda_timeout_exceeds_sqs_visibility -- nothing here reads a queue any more
resource "aws_sqs_queue" "dead_letters" {
  name = "dead-letters"
}
