package platform

// Lambda SnapStart: which runtimes it supports and what it cannot be combined with.

const (
	// SnapStartMaxEphemeralStorageMB is the largest /tmp SnapStart allows: 512 MB.
	// Source: https://docs.amazonaws.cn/lambda/latest/dg/snapstart.html (limitations). Read 2026-08.
	SnapStartMaxEphemeralStorageMB = 512

	// SnapStartInactiveAfterDays is how long a published version may go uninvoked before it turns
	// Inactive and its snapshot is deleted: 14 days. Source:
	// https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html. Read 2026-08.
	SnapStartInactiveAfterDays = 14

	// SnapStartRestoreHookTimeoutSeconds is the after-restore hook limit: 10 s, else
	// SnapStartTimeoutException. Source:
	// https://docs.aws.amazon.com/lambda/latest/dg/snapstart-troubleshooting.html. Read 2026-08.
	SnapStartRestoreHookTimeoutSeconds = 10

	// SnapStartSupportedRuntimesText says in words which runtimes SnapStart supports, for messages.
	// Source: https://docs.amazonaws.cn/lambda/latest/dg/snapstart.html;
	// https://github.com/aws/agent-toolkit-for-aws/blob/main/skills/core-skills/aws-serverless/references/lambda.md
	// (Python and .NET added Nov 2024). Read 2026-08.
	SnapStartSupportedRuntimesText = "Java 11 and later, Python 3.12 and later, .NET 8 and later (managed runtimes, .zip packages)"
)

// SnapStartConflict is a function setting AWS refuses together with SnapStart.
type SnapStartConflict string

// The settings SnapStart does not support. Source: https://docs.amazonaws.cn/lambda/latest/dg/snapstart.html
// ("not supported with provisioned concurrency, Amazon EFS, ephemeral storage greater
// than 512 MB, container images"). Read 2026-08.
const (
	SnapStartConflictProvisionedConcurrency SnapStartConflict = "provisioned concurrency"
	SnapStartConflictEFS                    SnapStartConflict = "an Amazon EFS file system"
	SnapStartConflictLargeEphemeralStorage  SnapStartConflict = "ephemeral storage above 512 MB"
	SnapStartConflictContainerImage         SnapStartConflict = "a container image package"
)

// SnapStartSupportsRuntime reports whether SnapStart works with a Lambda runtime identifier: Java
// 11+ (java11, java17, java21, java25), Python 3.12+ and .NET 8+. Node.js, Ruby, OS-only
// ("provided") runtimes and container images are not supported, and neither is java8.al2. Source:
// https://docs.amazonaws.cn/lambda/latest/dg/snapstart.html;
// https://github.com/aws/agent-toolkit-for-aws/blob/main/skills/core-skills/aws-serverless/references/lambda.md.
// Read 2026-08.
func SnapStartSupportsRuntime(runtime string) bool {
	r := ParseRuntime(runtime)
	switch r.Family {
	case RuntimeJava:
		return r.atLeast(11, 0)
	case RuntimePython:
		return r.atLeast(3, 12)
	case RuntimeDotnet:
		// "dotnetcore3.1" parses as major 3, so the version test also excludes .NET Core.
		return r.atLeast(8, 0)
	}
	return false
}
