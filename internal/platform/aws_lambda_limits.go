package platform

// AWS Lambda limits: what a function's own settings may be and what it gets by default.

// Timeout.
const (
	// LambdaMaxTimeoutSeconds is the hard cap on a function's timeout: 900 s (15 min). Source:
	// https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html;
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go
	// IntBetween(1, 900). Read 2026-08.
	LambdaMaxTimeoutSeconds = 900

	// LambdaDefaultTimeoutSeconds is what a function gets when `timeout` is not set: 3 s. Source:
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go
	// (Default: 3). Read 2026-08.
	LambdaDefaultTimeoutSeconds = 3

	// LambdaMinTimeoutSeconds is the smallest timeout a function accepts: 1 s, in 1-s steps.
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html;
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go
	// IntBetween(1, 900). Read 2026-08.
	LambdaMinTimeoutSeconds = 1

	// LambdaManagedInstancesMaxTimeoutSeconds is the cap for Lambda Managed Instances on async and
	// event-source invokes: 5,400 s (90 min). The Terraform provider still rejects it above 900 at
	// plan time. Source:
	// https://docs.aws.amazon.com/it_it/lambda/latest/dg/configuration-timeout.md;
	// https://docs.aws.amazon.com/ru_ru/lambda/latest/dg/gettingstarted-limits.md. Read 2026-08.
	LambdaManagedInstancesMaxTimeoutSeconds = 5400

	// LambdaInitTimeoutSeconds is the init-phase limit (extensions, runtime, static init): 10 s. On
	// overrun, init is retried at the first invoke under the function timeout, so a slow init on a
	// synchronous path shows up as request timeouts. Source:
	// https://docs.aws.amazon.com/ja_jp/lambda/latest/dg/runtimes-context.html. Read 2026-08.
	LambdaInitTimeoutSeconds = 10
)

// Memory and CPU.
const (
	// LambdaMinMemoryMB is the smallest memory size: 128 MB, in 1-MB steps. Source:
	// https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html;
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go
	// IntBetween(128, 10240). Read 2026-08.
	LambdaMinMemoryMB = 128

	// LambdaDefaultMemoryMB is what a function gets when `memory_size` is not set: 128 MB. Source:
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go
	// (Default: 128). Read 2026-08.
	LambdaDefaultMemoryMB = 128

	// LambdaMaxMemoryMB is the memory cap: 10,240 MB. Source:
	// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html,
	// https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html,
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go.
	// Read 2026-08.
	LambdaMaxMemoryMB = 10240

	// LambdaNewAccountMaxMemoryMB is the reduced cap seen on new accounts until AWS raises it
	// automatically: 3,008 MB. Secondary source (◐):
	// https://github.com/alexcasalboni/aws-lambda-power-tuning/issues/217; AWS
	// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html only says new
	// accounts get "reduced concurrency and memory quotas". Read 2026-08.
	LambdaNewAccountMaxMemoryMB = 3008

	// LambdaMBPerVCPU is the memory that buys one vCPU of credit: 1,769 MB; CPU scales linearly.
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html. Read 2026-08.
	LambdaMBPerVCPU = 1769

	// LambdaMaxVCPU is the vCPU count at 10,240 MB: 6. Source:
	// https://aws.amazon.com/about-aws/whats-new/2020/12/aws-lambda-supports-10gb-memory-6-vcpu-cores-lambda-functions/.
	// Read 2026-08.
	LambdaMaxVCPU = 6
)

// Ephemeral storage (/tmp).
const (
	// LambdaMinEphemeralStorageMB is the smallest /tmp size, and the default: 512 MB, free of
	// charge. Source: https://docs.aws.amazon.com/lambda/latest/dg/API_EphemeralStorage.html;
	// https://aws.amazon.com/lambda/pricing/. Read 2026-08.
	LambdaMinEphemeralStorageMB = 512

	// LambdaDefaultEphemeralStorageMB is the /tmp size when `ephemeral_storage` is not set: 512 MB.
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/API_EphemeralStorage.html,
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go.
	// Read 2026-08.
	LambdaDefaultEphemeralStorageMB = 512

	// LambdaMaxEphemeralStorageMB is the /tmp cap: 10,240 MB. Source:
	// https://docs.aws.amazon.com/lambda/latest/dg/API_EphemeralStorage.html,
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go.
	// Read 2026-08.
	LambdaMaxEphemeralStorageMB = 10240
)

// Deployment package, layers and environment.
const (
	// LambdaMaxZippedPackageMB is the largest .zip uploaded directly: 50 MB.
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html. Read 2026-08.
	LambdaMaxZippedPackageMB = 50

	// LambdaMaxUnzippedPackageMB is the unzipped size including layers: 250 MB.
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html. Read 2026-08.
	LambdaMaxUnzippedPackageMB = 250

	// LambdaMaxUnzippedPackageBytes is the same limit as AWS enforces it, in bytes (250 MiB); the
	// error reads "Unzipped size must be smaller than 262144000 bytes". Source:
	// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html; the error text as
	// quoted in re:Post answers. Read 2026-08.
	LambdaMaxUnzippedPackageBytes = 262144000

	// LambdaMaxContainerImageGB is the largest container image: 10 GB. Source:
	// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html. Read 2026-08.
	LambdaMaxContainerImageGB = 10

	// LambdaMaxLayers is the number of layers a function may use: 5 (Terraform `MaxItems: 5`).
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html;
	// https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go.
	// Read 2026-08.
	LambdaMaxLayers = 5

	// LambdaMaxEnvironmentBytes is the aggregate size of all environment variables: 4 KB.
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html. Read 2026-08.
	LambdaMaxEnvironmentBytes = 4096
)

// Payloads.
const (
	// LambdaMaxSyncPayloadBytes is the synchronous request and response limit: 6 MB.
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html. Read 2026-08.
	LambdaMaxSyncPayloadBytes = 6 * 1024 * 1024

	// LambdaMaxAsyncPayloadBytes is the asynchronous event limit: 1 MB (256 KB before Oct 2025).
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html;
	// https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb
	// (2026-01-29). Read 2026-08.
	LambdaMaxAsyncPayloadBytes = 1024 * 1024
)

// Concurrency and scaling.
const (
	// LambdaDefaultAccountConcurrency is the per-Region concurrency quota: 1,000 (soft).
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html. Read 2026-08.
	LambdaDefaultAccountConcurrency = 1000

	// LambdaUnreservedConcurrencyFloor is what reserved concurrency must leave unreserved: 100.
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html. Read 2026-08.
	LambdaUnreservedConcurrencyFloor = 100

	// LambdaScaleEnvironmentsPer10Seconds is how fast one function scales: 1,000 new execution
	// environments every 10 s. Bursts above the warm count cold-start at this rate.
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html. Read 2026-08.
	LambdaScaleEnvironmentsPer10Seconds = 1000

	// LambdaProvisionedConcurrencyBillingMinutes is how provisioned concurrency is billed: for the
	// time it is enabled, rounded up to 5 minutes. Source: https://aws.amazon.com/lambda/pricing/. Read 2026-08.
	LambdaProvisionedConcurrencyBillingMinutes = 5

	// LambdaBillingGranularityMillis is how duration is rounded: up to the next 1 ms (100 ms before
	// Dec 2020). Source: https://aws.amazon.com/lambda/pricing/. Read 2026-08.
	LambdaBillingGranularityMillis = 1
)

// Idle environments and keep-warm.
const (
	// LambdaIdleWindowMinutes is the default idle window hybridlint assumes: an environment idle
	// longer than this is likely reclaimed, so the next call cold-starts. AWS calls the period
	// "non-deterministic"; measurements put it at about 5-7 minutes, and the usual keep-warm advice
	// is a ping at most every 5 minutes. It is a default: users can configure their own. Source:
	// https://mikhail.io/serverless/coldstarts/aws/ (later data, 5-7 min);
	// https://npmjs.com/package/lambda-warmer quoting Chris Munns (AWS);
	// https://aws.amazon.com/cn/blogs/compute/operating-lambda-performance-optimization-part-1/.
	// Read 2026-08.
	LambdaIdleWindowMinutes = 5
)

// Asynchronous invocation.
const (
	// LambdaAsyncDefaultRetries is how often a failed async event is retried by default: 2 (0-2).
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html. Read 2026-08.
	LambdaAsyncDefaultRetries = 2

	// LambdaAsyncMaxEventAgeSeconds is the default and largest maximum event age: 21,600 s (6 h).
	// Source: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html;
	// https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/lambda/function_event_invoke_config.go.
	// Read 2026-08.
	LambdaAsyncMaxEventAgeSeconds = 21600
)

// LambdaVCPU is the vCPU credit a memory size buys: memory / 1,769 MB, capped at LambdaMaxVCPU.
// Source: https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html;
// https://aws.amazon.com/about-aws/whats-new/2020/12/aws-lambda-supports-10gb-memory-6-vcpu-cores-lambda-functions/.
// Read 2026-08.
func LambdaVCPU(memoryMB int) float64 {
	v := float64(memoryMB) / LambdaMBPerVCPU
	if v > LambdaMaxVCPU {
		return LambdaMaxVCPU
	}
	return v
}
