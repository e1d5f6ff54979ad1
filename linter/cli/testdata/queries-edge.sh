# hybridlint queries: commands that export what the functions did over the last 14 days, in the
# formats `hybridlint lint --metrics FILE` reads. Plan: PLAN
#
# Paste them into a POSIX shell (sh, bash, zsh; not fish or PowerShell) logged in to each cloud
# with its CLI (aws, gcloud, az; curl for Google). They only read monitoring data. hybridlint
# needs no credentials and calls no cloud: it reads the files these commands write.

end=$(($(date +%s) / 3600 * 3600))
start=$((end - 14 * 86400))

# Lambda@Edge: CloudFront runs an edge function in the Region of the edge location that served
# the viewer, and the function logs (to /aws/lambda/us-east-1.<name>) and reports its metrics in
# that Region only. Its commands below run once per Region of edge_regions, one file per Region;
# hybridlint adds the files up. Set HYBRIDLINT_EDGE_REGIONS to every Region where the
# distributions served viewers, space-separated (the CloudFront console shows a Lambda@Edge
# function's metrics per Region; AWS lists no fixed set, so there is no default).
edge_regions="${HYBRIDLINT_EDGE_REGIONS:?set HYBRIDLINT_EDGE_REGIONS to the Regions where the distributions served viewers, space-separated}"

# AWS Lambda, CloudWatch Logs Insights: invocations, cold starts, durations and memory from the
# REPORT line of every invocation (Logs Insights bills the gigabytes of logs it scans).

# aws_lambda_function.checkout
query_id=$(aws logs start-query --start-time "$start" --end-time "$end" \
  --log-group-names /aws/lambda/storefront-checkout \
  --query-string 'filter @type = "REPORT"
| stats count(*) as invocations, count(@initDuration) as cold_starts, avg(@duration) as avg_ms,
        pct(@duration, 99) as p99_ms, max(@duration) as max_ms, max(@maxMemoryUsed) as max_memory_bytes,
        max(@memorySize) as memory_size_bytes, pct(@initDuration, 50) as init_p50_ms by @log' \
  --query queryId --output text) &&
while status=$(aws logs get-query-results --query-id "$query_id" --query status --output text) &&
  { [ "$status" = Scheduled ] || [ "$status" = Running ]; }; do sleep 5; done &&
aws logs get-query-results --query-id "$query_id" --output json > hybridlint-aws-logs-insights-1.json

# aws_lambda_function.image_resize, aws_lambda_function.image_origin, aws_lambda_function.security_headers
for region in $(echo "$edge_regions"); do
query_id=$(aws --region "$region" logs start-query --start-time "$start" --end-time "$end" \
  --log-group-names /aws/lambda/us-east-1.storefront-image-resize /aws/lambda/us-east-1.storefront-image-origin /aws/lambda/us-east-1.storefront-security-headers \
  --query-string 'filter @type = "REPORT"
| stats count(*) as invocations, count(@initDuration) as cold_starts, avg(@duration) as avg_ms,
        pct(@duration, 99) as p99_ms, max(@duration) as max_ms, max(@maxMemoryUsed) as max_memory_bytes,
        max(@memorySize) as memory_size_bytes, pct(@initDuration, 50) as init_p50_ms by @log' \
  --query queryId --output text) &&
while status=$(aws --region "$region" logs get-query-results --query-id "$query_id" --query status --output text) &&
  { [ "$status" = Scheduled ] || [ "$status" = Running ]; }; do sleep 5; done &&
aws --region "$region" logs get-query-results --query-id "$query_id" --output json > "hybridlint-aws-logs-insights-2-$region.json"
done

# AWS Lambda, CloudWatch get-metric-data: Duration p99 and maximum and Invocations over the window
# (no memory or cold starts); each result's Label is "<function>|<metric>|<statistic>".

# aws_lambda_function.checkout
cat > hybridlint-aws-get-metric-data-queries-1.json <<'HYBRIDLINT_QUERIES'
[
  {"Id":"f0_p99","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Duration","Dimensions":[{"Name":"FunctionName","Value":"storefront-checkout"}]},"Period":1209600,"Stat":"p99"},"Label":"storefront-checkout|Duration|p99","ReturnData":true},
  {"Id":"f0_max","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Duration","Dimensions":[{"Name":"FunctionName","Value":"storefront-checkout"}]},"Period":1209600,"Stat":"Maximum"},"Label":"storefront-checkout|Duration|Maximum","ReturnData":true},
  {"Id":"f0_invocations","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Invocations","Dimensions":[{"Name":"FunctionName","Value":"storefront-checkout"}]},"Period":1209600,"Stat":"Sum"},"Label":"storefront-checkout|Invocations|Sum","ReturnData":true}
]
HYBRIDLINT_QUERIES
aws cloudwatch get-metric-data --start-time "$start" --end-time "$end" \
  --metric-data-queries file://hybridlint-aws-get-metric-data-queries-1.json --output json > hybridlint-aws-get-metric-data-1.json

# aws_lambda_function.image_resize, aws_lambda_function.image_origin, aws_lambda_function.security_headers
cat > hybridlint-aws-get-metric-data-queries-2.json <<'HYBRIDLINT_QUERIES'
[
  {"Id":"f0_p99","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Duration","Dimensions":[{"Name":"FunctionName","Value":"us-east-1.storefront-image-resize"}]},"Period":1209600,"Stat":"p99"},"Label":"us-east-1.storefront-image-resize|Duration|p99","ReturnData":true},
  {"Id":"f0_max","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Duration","Dimensions":[{"Name":"FunctionName","Value":"us-east-1.storefront-image-resize"}]},"Period":1209600,"Stat":"Maximum"},"Label":"us-east-1.storefront-image-resize|Duration|Maximum","ReturnData":true},
  {"Id":"f0_invocations","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Invocations","Dimensions":[{"Name":"FunctionName","Value":"us-east-1.storefront-image-resize"}]},"Period":1209600,"Stat":"Sum"},"Label":"us-east-1.storefront-image-resize|Invocations|Sum","ReturnData":true},
  {"Id":"f1_p99","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Duration","Dimensions":[{"Name":"FunctionName","Value":"us-east-1.storefront-image-origin"}]},"Period":1209600,"Stat":"p99"},"Label":"us-east-1.storefront-image-origin|Duration|p99","ReturnData":true},
  {"Id":"f1_max","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Duration","Dimensions":[{"Name":"FunctionName","Value":"us-east-1.storefront-image-origin"}]},"Period":1209600,"Stat":"Maximum"},"Label":"us-east-1.storefront-image-origin|Duration|Maximum","ReturnData":true},
  {"Id":"f1_invocations","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Invocations","Dimensions":[{"Name":"FunctionName","Value":"us-east-1.storefront-image-origin"}]},"Period":1209600,"Stat":"Sum"},"Label":"us-east-1.storefront-image-origin|Invocations|Sum","ReturnData":true},
  {"Id":"f2_p99","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Duration","Dimensions":[{"Name":"FunctionName","Value":"us-east-1.storefront-security-headers"}]},"Period":1209600,"Stat":"p99"},"Label":"us-east-1.storefront-security-headers|Duration|p99","ReturnData":true},
  {"Id":"f2_max","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Duration","Dimensions":[{"Name":"FunctionName","Value":"us-east-1.storefront-security-headers"}]},"Period":1209600,"Stat":"Maximum"},"Label":"us-east-1.storefront-security-headers|Duration|Maximum","ReturnData":true},
  {"Id":"f2_invocations","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Invocations","Dimensions":[{"Name":"FunctionName","Value":"us-east-1.storefront-security-headers"}]},"Period":1209600,"Stat":"Sum"},"Label":"us-east-1.storefront-security-headers|Invocations|Sum","ReturnData":true}
]
HYBRIDLINT_QUERIES
for region in $(echo "$edge_regions"); do
aws --region "$region" cloudwatch get-metric-data --start-time "$start" --end-time "$end" \
  --metric-data-queries file://hybridlint-aws-get-metric-data-queries-2.json --output json > "hybridlint-aws-get-metric-data-2-$region.json"
done

# Then lint with the evidence:
hybridlint lint --metrics hybridlint-aws-logs-insights-1.json $(for region in $(echo "$edge_regions"); do printf ' --metrics %s' "hybridlint-aws-logs-insights-2-$region.json"; done) --metrics hybridlint-aws-get-metric-data-1.json $(for region in $(echo "$edge_regions"); do printf ' --metrics %s' "hybridlint-aws-get-metric-data-2-$region.json"; done) --metrics-days 14 PLAN
