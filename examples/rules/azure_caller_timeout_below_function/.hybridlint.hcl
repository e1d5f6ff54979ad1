# The example plan of azure_caller_timeout_below_function trips these rules too:
# they are off, so that its run shows azure_caller_timeout_below_function alone.

rule "azure_http_timeout_above_230s" {
  enabled = false
}
