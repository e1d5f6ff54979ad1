package platform

// Limits of the monitoring APIs whose exports `hybridlint queries` prints commands for, so that
// each printed command stays within what one call accepts.

const (
	// CloudWatchGetMetricDataMaxQueries is how many MetricDataQuery structures one GetMetricData
	// call accepts: 500. Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
	// ("A single GetMetricData call can include as many as 500 MetricDataQuery structures").
	// Read 2026-12-04.
	CloudWatchGetMetricDataMaxQueries = 500

	// CloudWatchLogsInsightsMaxLogGroups is how many log groups one Logs Insights StartQuery call
	// accepts in logGroupNames: 50. Source: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html
	// ("You can include up to 50 log groups"). Read 2026-12-04.
	CloudWatchLogsInsightsMaxLogGroups = 50

	// LambdaLogGroupPrefix is where a Lambda function logs unless its logging_config names another
	// log group: /aws/lambda/<function name>. Source:
	// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html. Read 2026-12-04.
	LambdaLogGroupPrefix = "/aws/lambda/"
)
