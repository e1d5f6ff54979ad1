# The example plan of azure_function_timeout_exceeds_plan trips these rules too:
# they are off, so that its run shows azure_function_timeout_exceeds_plan alone.

rule "azure_http_timeout_above_230s" {
  enabled = false
}
