package platform

// Google Cloud Functions (1st and 2nd gen) and Cloud Run: timeouts and memory defaults. CPU/memory
// pairs are in gcp_sizes.go.

// Cloud Functions 1st gen (google_cloudfunctions_function).
const (
	// GCPGen1DefaultTimeoutSeconds is a 1st-gen function's timeout when unset: 60 s. Source:
	// https://cloud.google.com/functions/1stgendocs/configuring/timeout;
	// https://github.com/hashicorp/terraform-provider-google/blob/0687ceb/website/docs/r/cloudfunctions2_function.html.markdown.
	// Read 2026-08.
	GCPGen1DefaultTimeoutSeconds = 60

	// GCPGen1MaxTimeoutSeconds is the 1st-gen cap, for HTTP and event functions alike: 540 s
	// (9 min); the caller gets HTTP 408. Source:
	// https://cloud.google.com/functions/docs/configuring/timeout;
	// https://github.com/hashicorp/terraform-provider-google/blob/0687ceb/website/docs/r/cloudfunctions2_function.html.markdown.
	// Read 2026-08.
	GCPGen1MaxTimeoutSeconds = 540

	// GCPGen1DefaultMemoryMB is `available_memory_mb` when unset: 256 MB. Source:
	// https://docs.cloud.google.com/functions/1stgendocs/configuring/memory;
	// https://github.com/hashicorp/terraform-provider-google/blob/0687ceb/website/docs/r/cloudfunctions2_function.html.markdown.
	// Read 2026-08.
	GCPGen1DefaultMemoryMB = 256

	// GCPGen1MaxMemoryMB is the largest 1st-gen memory tier: 8,192 MB (2 vCPU). Source:
	// https://docs.cloud.google.com/functions/1stgendocs/configuring/memory (updated 2025-09-04).
	// Read 2026-08.
	GCPGen1MaxMemoryMB = 8192
)

// Cloud Functions 2nd gen, now "Cloud Run functions" (google_cloudfunctions2_function).
const (
	// GCPGen2DefaultTimeoutSeconds is `service_config.timeout_seconds` when unset: 60 s. Source:
	// https://cloud.google.com/functions/docs/configuring/timeout;
	// https://github.com/hashicorp/terraform-provider-google/blob/0687ceb/website/docs/r/cloudfunctions2_function.html.markdown.
	// Read 2026-08.
	GCPGen2DefaultTimeoutSeconds = 60

	// GCPGen2HTTPMaxTimeoutSeconds is the cap for HTTP-triggered 2nd-gen functions: 3,600 s
	// (60 min); the caller gets HTTP 504 and the instance may keep running. Source:
	// https://cloud.google.com/functions/docs/configuring/timeout. Read 2026-08.
	GCPGen2HTTPMaxTimeoutSeconds = 3600

	// GCPGen2EventMaxTimeoutSeconds is the cap for event-driven 2nd-gen functions: 540 s (9 min).
	// Source: https://cloud.google.com/functions/docs/configuring/timeout. Read 2026-08.
	GCPGen2EventMaxTimeoutSeconds = 540

	// GCPGen2DefaultMemoryMiB is `service_config.available_memory` when unset: 256 MiB ("256M").
	// Source: https://cloud.google.com/functions/docs/configuring/memory;
	// https://github.com/hashicorp/terraform-provider-google/blob/0687ceb/website/docs/r/cloudfunctions2_function.html.markdown.
	// Read 2026-08.
	GCPGen2DefaultMemoryMiB = 256

	// GCPGen2MaxMemoryMiB is the largest 2nd-gen memory: 32 GiB (8 vCPU). Source:
	// https://cloud.google.com/functions/docs/configuring/memory. Read 2026-08.
	GCPGen2MaxMemoryMiB = 32768

	// GCPGen2DefaultConcurrency is `max_instance_request_concurrency` when unset: 1. Source:
	// https://github.com/hashicorp/terraform-provider-google/blob/0687ceb/website/docs/r/cloudfunctions2_function.html.markdown.
	// Read 2026-08.
	GCPGen2DefaultConcurrency = 1
)

// Cloud Run services (google_cloud_run_v2_service, google_cloud_run_service).
const (
	// CloudRunDefaultTimeoutSeconds is a service's request timeout when unset: 300 s.
	// Source: https://cloud.google.com/run/docs/configuring/request-timeout (updated 2025-08-25). Read 2026-08.
	CloudRunDefaultTimeoutSeconds = 300

	// CloudRunMaxTimeoutSeconds is the request timeout cap: 3,600 s. Past 15 minutes, clients should
	// expect to reconnect. Source: https://cloud.google.com/run/docs/configuring/request-timeout. Read 2026-08.
	CloudRunMaxTimeoutSeconds = 3600

	// CloudRunDefaultMemoryMiB is a service's memory when unset: 512 MiB (functions: 256 MiB).
	// Source: https://cloud.google.com/run/docs/configuring/services/memory-limits. Read 2026-08.
	CloudRunDefaultMemoryMiB = 512

	// CloudRunMaxMemoryMiB is the memory cap: 32 GiB. Source:
	// https://cloud.google.com/run/docs/configuring/services/memory-limits. Read 2026-08.
	CloudRunMaxMemoryMiB = 32768

	// CloudRunMinMemoryMiB is the smallest memory, in the first-generation execution environment:
	// 128 MiB. Source: https://cloud.google.com/run/docs/configuring/services/memory-limits. Read 2026-08.
	CloudRunMinMemoryMiB = 128

	// CloudRunGen2EnvMinMemoryMiB is the smallest memory in the second-generation execution
	// environment: 512 MiB. Source:
	// https://cloud.google.com/run/docs/configuring/services/memory-limits. Read 2026-08.
	CloudRunGen2EnvMinMemoryMiB = 512

	// CloudRunRequestBasedByDefault says a service bills per request (CPU only during requests,
	// idle minimum instances at the idle rates) unless it sets instance-based billing: a v2
	// container without a resources block, a v1 template without the
	// run.googleapis.com/cpu-throttling annotation. Source:
	// https://cloud.google.com/run/docs/configuring/billing-settings ("Request-based billing
	// (default)"). Looked up 2026-12-04.
	CloudRunRequestBasedByDefault = true

	// CloudRunDefaultVCPU is a service's CPU when unset: 1 vCPU. Source:
	// https://cloud.google.com/run/docs/configuring/services/cpu. Read 2026-08.
	CloudRunDefaultVCPU = 1

	// CloudRunMaxVCPU is the CPU cap: 8 vCPU. Source:
	// https://cloud.google.com/run/docs/configuring/services/cpu. Read 2026-08.
	CloudRunMaxVCPU = 8

	// CloudRunMinVCPU is the smallest fractional CPU: 0.08 vCPU, in steps of 0.001 up to 1.
	// Source: https://cloud.google.com/run/docs/configuring/services/cpu. Read 2026-08.
	CloudRunMinVCPU = 0.08
)

// GCPGHzPerVCPU converts vCPU to the GHz that 1st-gen pricing is quoted in: 1 vCPU = 2.4 GHz.
// Source: https://docs.cloud.google.com/functions/1stgendocs/configuring/memory ("1 vCPU is equal
// to 2.4GHz"). Read 2026-08.
const GCPGHzPerVCPU = 2.4
