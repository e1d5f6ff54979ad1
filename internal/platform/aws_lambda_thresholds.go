package platform

// Thresholds of the AWS Lambda rules that are hybridlint's reading of published guidance and
// cold-start measurements rather than AWS limits. Rules use them as defaults users can change.

// Memory thresholds (rule defaults users can change).
const (
	// LambdaHeavyRuntimeMinMemoryMB is the memory below which a Java or .NET function counts as
	// starved: 512 MB. Lambda gives CPU in proportion to memory (1,769 MB = 1 vCPU,
	// https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html), so 256 MB buys about
	// 0.14 vCPU to start a JVM or the CLR and JIT-compile, which practitioners report as 1-10 s
	// cold starts even with more memory (https://mikhail.io/serverless/coldstarts/aws/). AWS
	// recommends 128 MB only for simple functions
	// (https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html). The 512 MB figure is the
	// one issue 3 fixes as the rule's default. Read 2026-08.
	LambdaHeavyRuntimeMinMemoryMB = 512

	// LambdaMemoryNearLimitMB is the memory at or above which a function is close to the 10,240 MB
	// cap: 8,192 MB (80 % of the cap, the share aws_lambda_timeout_near_limit also uses). A working
	// set that grows past the cap has no larger Lambda to move to. Source of the cap:
	// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html,
	// https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html,
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go;
	// the threshold is issue 3's default. Read 2026-08.
	LambdaMemoryNearLimitMB = 8192
)

// Package size (cold-start and keep-warm rules).
const (
	// LambdaHeavyPackageBytes is the deployment package size (`source_code_size`, in bytes) above
	// which hybridlint counts a function's initialisation as heavy: 10 MB (MiB, as Lambda's package
	// quotas count them). Lambda downloads and unpacks the package on every cold start, and
	// measurements find package size the dominant factor of cold-start time; sls-mentor's
	// lightBundle rule already warns at 5 MB. It is a product threshold, not an AWS limit. Source:
	// https://aws.amazon.com/cn/blogs/compute/operating-lambda-performance-optimization-part-1/
	// (code download is part of the cold start); A. Tanasa, "Size is (almost) all that matters for
	// optimizing AWS Lambda cold starts" (2023-09-26,
	// https://medium.com/@adtanasa/size-is-almost-all-that-matters-for-optimizing-aws-lambda-cold-starts-cad54f65cbb);
	// sls-mentor's lightBundle rule (https://github.com/sls-mentor/sls-mentor, CodeSize > 5 MB).
	// Read 2026-08.
	LambdaHeavyPackageBytes = 10 << 20
)
