package platform

// Thresholds of the cold-start and keep-warm rules (issue 3) that are hybridlint's reading of
// published cold-start measurements rather than AWS limits.

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
