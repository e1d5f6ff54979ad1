# The example plan of aws_keep_warm_interval_too_long trips these rules too:
# they are off, so that its run shows aws_keep_warm_interval_too_long alone.

rule "function_keep_warm_cost" {
  enabled = false
}
