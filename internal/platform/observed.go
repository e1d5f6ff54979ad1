package platform

// How each platform's metrics count memory in bytes, for reading exports of what functions did
// (linter/metrics): a size the export gives in bytes divided by these is the MB (or MiB) the
// platform's memory settings use.
const (
	// LambdaReportBytesPerMB: Lambda's REPORT log line, and so Logs Insights' @memorySize and
	// @maxMemoryUsed, count 1 MB as 1,000,000 bytes (a 128 MB function reports @memorySize
	// 128000000). Source: "Using CloudWatch Logs Insights with Lambda",
	// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-view.html, and the
	// issue 14 note; read 2026-12-04.
	LambdaReportBytesPerMB = 1_000_000
	// GoogleBytesPerMB: Cloud Functions and Cloud Run size memory in MiB ("256M" is 256 x 2^20
	// bytes); user_memory_bytes is in bytes. Source:
	// https://cloud.google.com/run/docs/configuring/services/memory-limits, read 2026-12-04.
	GoogleBytesPerMB = 1 << 20
	// AzureBytesPerMB: Azure Functions sizes memory in MiB (the Consumption plan's 1.5 GB is
	// 1,536 MB); MemoryWorkingSet is in bytes. Source:
	// https://learn.microsoft.com/azure/azure-functions/functions-scale, read 2026-12-04.
	AzureBytesPerMB = 1 << 20
)
