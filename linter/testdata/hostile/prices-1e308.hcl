prices {
  aws_lambda_x86_64_gb_second = 1e308
}
