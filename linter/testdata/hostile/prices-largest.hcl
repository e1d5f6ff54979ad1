# The largest prices hybridlint accepts: the amounts they give are beyond what it prices.
prices {
  aws_lambda_x86_64_gb_second     = 1e6
  aws_lambda_requests_per_million = 1e6
}
