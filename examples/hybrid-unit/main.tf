# Two hybrid units of a media company, declared with the hybrid provider alone (the functions and
# containers themselves live in other stacks, so their ARNs and IDs are written out here).
#
#   tofu init && tofu plan -out tf.plan && tofu show -json tf.plan > plan.json
#   hybridlint lint plan.json
#
# The plan shows each unit's keep-warm schedule, monthly costs and recommended placement.

terraform {
  required_version = ">= 1.7.0"

  required_providers {
    hybrid = {
      source = "hybridlint/hybrid"
    }
  }
}

provider "hybrid" {}

locals {
  account = "123456789012"
  region  = "eu-west-1"
}

# Thumbnails for uploaded images. Interactive uploads need a warm function; the few huge images that
# take minutes go to an always-on Fargate worker.
resource "hybrid_unit" "thumbnails" {
  name = "thumbnails"

  function = {
    platform             = "aws_lambda"
    target               = "arn:aws:lambda:${local.region}:${local.account}:function:thumbnails"
    runtime              = "python3.12"
    memory_mb            = 1536
    timeout_seconds      = 60
    reserved_concurrency = 50
  }

  container = {
    platform      = "aws_fargate"
    target        = "arn:aws:ecs:${local.region}:${local.account}:service/media/thumbnails-worker"
    cpu           = 1
    memory_mb     = 4096
    min_instances = 1
  }

  routing = {
    max_function_seconds   = 45
    max_function_memory_mb = 1536
  }

  keep_warm = {
    interval_minutes = 5
    concurrency      = 3
  }

  workload = {
    requests_per_month = 4000000
    avg_duration_ms    = 900
    p99_duration_ms    = 95000
    peak_concurrency   = 20
  }
}

# Nightly sales reports on Cloud Run functions. Regional reports fit the function; the
# company-wide one needs more memory than the function has and runs on a Cloud Run service.
resource "hybrid_unit" "sales_reports" {
  name = "sales-reports"

  function = {
    platform        = "gcp_functions_gen2"
    target          = "projects/acme-media/locations/europe-west1/functions/sales-reports"
    runtime         = "python312"
    memory_mb       = 2048
    timeout_seconds = 540
  }

  container = {
    platform      = "gcp_cloud_run"
    target        = "projects/acme-media/locations/europe-west1/services/sales-reports-worker"
    cpu           = 4
    memory_mb     = 16384
    min_instances = 0
  }

  routing = {
    max_function_memory_mb = 2048
  }

  workload = {
    requests_per_month = 3000
    avg_duration_ms    = 120000
    p99_duration_ms    = 480000
  }
}

# The schedule an EventBridge rule needs to keep the thumbnails function warm.
output "thumbnails_keep_warm_schedule" {
  value = hybrid_unit.thumbnails.keep_warm_schedule.aws
}

output "placements" {
  value = {
    thumbnails    = hybrid_unit.thumbnails.placement
    sales_reports = hybrid_unit.sales_reports.placement
  }
}
