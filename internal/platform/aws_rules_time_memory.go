package platform

// Numbers of the time and memory rules of the AWS rule pack (issue 3) that the other platform files
// do not hold: two thresholds that are hybridlint's reading of published guidance rather than AWS
// limits, and the CPU sizes Fargate allows for Windows tasks.

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

// Fargate Windows tasks.
const (
	// FargateWindowsMinCPUUnits is the smallest task CPU for Windows containers on Fargate: 1,024
	// units (1 vCPU); 0.25 and 0.5 vCPU are Linux only. Source:
	// https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html (table column
	// "Operating systems supported for AWS Fargate"); the RegisterTaskDefinition API ("The CPU units
	// cannot be less than 1 vCPU when you use Windows containers on Fargate"). Looked up 2026-11-25.
	FargateWindowsMinCPUUnits = 1024

	// FargateWindowsMaxCPUUnits is the largest task CPU for Windows containers on Fargate:
	// 4,096 units (4 vCPU); 8 and 16 vCPU need Linux platform version 1.4.0 or later. Source:
	// https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html, as above.
	// Looked up 2026-11-25.
	FargateWindowsMaxCPUUnits = 4096
)
