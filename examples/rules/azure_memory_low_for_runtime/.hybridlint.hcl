# The example plan of azure_memory_low_for_runtime trips these rules too:
# they are off, so that its run shows azure_memory_low_for_runtime alone.

rule "azure_cold_start_no_warm_instances" {
  enabled = false
}

rule "azure_http_timeout_above_230s" {
  enabled = false
}
