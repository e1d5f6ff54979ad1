# The example plan of azure_cold_start_no_warm_instances trips these rules too:
# they are off, so that its run shows azure_cold_start_no_warm_instances alone.

rule "azure_http_timeout_above_230s" {
  enabled = false
}
