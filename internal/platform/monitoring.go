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

	// LambdaEdgeReplicaPrefix is what Lambda@Edge puts before a function's name where it runs:
	// the function (created in us-east-1) logs to /aws/lambda/us-east-1.<function name> in each
	// Region where it ran, the Region of the edge location that served the viewer, so one function
	// has one log group of that same name in every such Region, each with that Region's traffic
	// only. The prefix says where the function was created, not where it ran. A custom log group
	// (logging_config) keeps its name, without the prefix, in every Region. Its CloudWatch metrics
	// are likewise per Region ("Metrics are displayed for each AWS Region"). Source:
	// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-logs.html
	// ("Lambda@Edge logs"). Read 2026-12-04. The guide names the log group, not the FunctionName
	// dimension of the metrics: the log group being /aws/lambda/ followed by the name the replica
	// runs under, its AWS/Lambda metrics in that Region carry FunctionName us-east-1.<function name>
	// (inferred from the log group's name, which the guide does give: check one Region's export).
	LambdaEdgeReplicaPrefix = "us-east-1."
)
