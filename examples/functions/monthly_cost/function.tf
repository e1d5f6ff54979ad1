# Monthly cost in USD of 3 million requests a month at 120 ms each on a 1,024 MB Lambda function,
# at list prices and without the free tier.
output "api_monthly_cost_usd" {
  value = provider::hybrid::monthly_cost("aws_lambda", 1024, 120, 3000000)
}
