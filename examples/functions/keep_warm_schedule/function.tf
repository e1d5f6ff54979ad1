# Ping every 5 minutes, in each platform's schedule syntax.
output "keep_warm_schedules" {
  value = {
    eventbridge     = provider::hybrid::keep_warm_schedule("aws_lambda", 5)                  # rate(5 minutes)
    cloud_scheduler = provider::hybrid::keep_warm_schedule("gcp_functions_gen2", 5)          # */5 * * * *
    timer_trigger   = provider::hybrid::keep_warm_schedule("azure_functions_consumption", 5) # 0 */5 * * * *
  }
}
