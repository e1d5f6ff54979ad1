# An image-processing function on AWS Lambda. Most thumbnails take under a second, but large uploads
# can take minutes: those go to a Fargate service that is always running.
resource "hybrid_unit" "thumbnails" {
  name = "thumbnails"

  function = {
    platform = "aws_lambda"
    # Usually a reference, e.g. aws_lambda_function.thumbnails.arn, so hybridlint can compare the two.
    target          = "arn:aws:lambda:eu-west-1:123456789012:function:thumbnails"
    runtime         = "python3.12"
    memory_mb       = 1024
    timeout_seconds = 60
  }

  container = {
    platform      = "aws_fargate"
    target        = "arn:aws:ecs:eu-west-1:123456789012:service/media/thumbnails-worker"
    cpu           = 1
    memory_mb     = 4096
    min_instances = 1
  }

  # Work expected to run longer than 45 s goes to the container, well before the 60 s timeout.
  routing = {
    max_function_seconds = 45
  }

  # Two instances pinged every 5 minutes stay warm for the interactive uploads.
  keep_warm = {
    interval_minutes = 5
    concurrency      = 2
  }

  workload = {
    requests_per_month = 2500000
    avg_duration_ms    = 850
    p99_duration_ms    = 70000
    peak_concurrency   = 12
  }
}

# The computed schedule, ready for an EventBridge rule that sends the pings.
output "thumbnails_keep_warm_schedule" {
  value = hybrid_unit.thumbnails.keep_warm_schedule.aws
}

output "thumbnails_placement" {
  value = {
    placement = hybrid_unit.thumbnails.placement
    reasons   = hybrid_unit.thumbnails.placement_reasons
  }
}
