package platform

// When the sources were read. Numbers tagged [Sxx] come from ../shared/reference/platform-limits.md,
// compiled from sources read up to August 2026. Numbers that file lacks were looked up by the
// maintainers on DateLookedUp; their doc comments give the page and say when a page is a
// third-party copy of a vendor price table rather than the vendor's own page.
const (
	// DateLimitsRead is when the sources behind platform-limits.md were read.
	DateLimitsRead = "2026-08"
	// DateLookedUp is when the numbers missing from platform-limits.md were looked up.
	DateLookedUp = "2026-11-25"
)

// Sources, one string per page or file, as they appear in Fact.Source and in the data source
// "hybrid_platform". A limit's doc comment names the same source; this is the copy users see.
const (
	SourceLambdaTimeout        = "[S4] https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html; [S32] terraform-provider-aws internal/service/lambda/function.go"
	SourceLambdaMemory         = "[S5] https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html; [S32] terraform-provider-aws internal/service/lambda/function.go"
	SourceLambdaQuotas         = "[S1][S2] https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"
	SourceLambdaEphemeral      = "[S6] https://docs.aws.amazon.com/lambda/latest/dg/API_EphemeralStorage.html"
	SourceLambdaInvoke         = "[S7] https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html"
	SourceLambdaLifecycle      = "[S10] https://docs.aws.amazon.com/ja_jp/lambda/latest/dg/runtimes-context.html"
	SourceLambdaSnapStart      = "[S11] https://docs.amazonaws.cn/lambda/latest/dg/snapstart.html; [S12] aws/agent-toolkit-for-aws skills/core-skills/aws-serverless/references/lambda.md"
	SourceLambdaScaling        = "[S9] https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html"
	SourceLambdaAsync          = "[S18] https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html"
	SourceLambdaIdle           = "[S55] https://mikhail.io/serverless/coldstarts/aws/ (measured 5-7 min); [S57] https://npmjs.com/package/lambda-warmer (ping at most every 5 min)"
	SourceLambdaPricing        = "[S13] https://aws.amazon.com/lambda/pricing/; [S14] third-party copies of the price table (git.mcrn.ar lambda_local_runner/docs/lambdas-md/lambda-13-cost.md, 2026-05-11)"
	SourceLambdaPCArmDuration  = "AWS Price List API, SKU 3Z4YRQ6XJRDK27UP (Lambda-Provisioned-GB-Second-ARM), as quoted in public repositories"
	SourceLambdaRuntimes       = "[S17] terraform-linters/tflint-ruleset-aws rules/lambda_deprecated_runtime/deprecated_runtimes.json, generated from https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"
	SourceAPIGateway           = "[S20] https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html; [S21] API Gateway timeoutInMillis; [S35] terraform-provider-aws apigateway/integration.go"
	SourceALBIdleTimeout       = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html (\"By default, ELB sets the idle timeout value for your load balancer to 60 seconds\")"
	SourceALBLambdaTargets     = "[S22] https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html"
	SourceAppSync              = "[S23] https://repost.aws/ja/questions/QUw61RAiFGSHiWKxSnjppUfA/execution-timeout-aws-appsync-api"
	SourceLambdaEdge           = "[S28] awsdocs/amazon-cloudfront-developer-guide doc_source/cloudfront-limits.md @ 1674b70; https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html"
	SourceStepFunctions        = "[S26] https://docs.aws.amazon.com/step-functions/latest/dg/limits.html"
	SourceEventBridge          = "[S27] https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html"
	SourceSQS                  = "[S24] https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html; [S34] terraform-provider-aws internal/service/sqs"
	SourceFargateSizes         = "[S31] https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html"
	SourceFargatePricing       = "https://aws.amazon.com/fargate/pricing/ (Linux/x86, US East N. Virginia; the page renders prices with scripts, so read through https://www.vantage.sh/blog/fargate-pricing and the ECS pricing example $0.000011244 per vCPU-second)"
	SourceGCPTimeout           = "[S38] https://cloud.google.com/functions/docs/configuring/timeout; [S44] terraform-provider-google cloudfunctions docs"
	SourceGCPGen1Memory        = "[S39] https://docs.cloud.google.com/functions/1stgendocs/configuring/memory (last updated 2025-09-04)"
	SourceGCPGen2Memory        = "[S39] https://cloud.google.com/functions/docs/configuring/memory"
	SourceCloudRunTimeout      = "[S41] https://cloud.google.com/run/docs/configuring/request-timeout"
	SourceCloudRunSizes        = "[S42] https://cloud.google.com/run/docs/configuring/services/memory-limits; https://cloud.google.com/run/docs/configuring/services/cpu"
	SourceGCPGen1Pricing       = "https://cloud.google.com/functions/pricing-1stgen (Tier 1; read through https://modal.com/blog/google-cloud-function-pricing-guide)"
	SourceCloudRunPricing      = "https://cloud.google.com/run/pricing (Tier 1; request-based rates also at https://cloudwebschool.com/tools/cloud-run-cost-calculator/, instance-based memory rate as quoted in public repositories)"
	SourceAzureTimeout         = "[S45] MicrosoftDocs/azure-docs includes/functions-timeout-duration.md; [S49] Azure/azure-functions-host ScriptHostOptionsSetup.cs"
	SourceAzureLimits          = "[S46] MicrosoftDocs/azure-docs includes/functions-limits.md"
	SourceAzureFlex            = "[S48] https://learn.microsoft.com/en-us/azure/azure-functions/flex-consumption-plan; [S50] terraform-provider-azurerm function_app_flex_consumption docs"
	SourceAzurePremium         = "[S47] MicrosoftDocs/azure-docs articles/azure-functions/functions-premium-plan.md"
	SourceAzureKeepAlive       = "[S54] Shahrad et al., Serverless in the Wild, USENIX ATC '20; [S55] https://mikhail.io/serverless/coldstarts/big3/"
	SourceAzurePricing         = "https://azure.microsoft.com/en-us/pricing/details/functions/ (East US; the page renders prices with scripts, so read through https://modal.com/blog/azure-function-pricing-guide, 2025-05-22)"
	SourceAzureFlexPricing     = "https://azure.microsoft.com/en-us/pricing/details/functions/ (East US, Flex Consumption; read through https://modal.com/blog/azure-function-pricing-guide and public cost estimates quoting the table)"
	SourceAzurePremiumPricing  = "https://azure.microsoft.com/en-us/pricing/details/functions/ (East US, Premium; secondary: public cost estimates quoting ~$0.173 per vCPU-hour and $0.0123 per GB-hour)"
	SourceContainerAppsSizes   = "https://learn.microsoft.com/azure/container-apps/workload-profiles-overview (Consumption profile 0.25-4 vCPU, 0.5-8 GiB); MicrosoftDocs/azure-docs articles/container-apps/containers.md (memory is 2 GiB per vCPU)"
	SourceContainerAppsIngress = "https://learn.microsoft.com/azure/container-apps/ingress-overview (\"request timeout is 240 seconds\")"
	SourceContainerAppsPrices  = "https://techcommunity.microsoft.com/blog/appsonazureblog/understanding-idle-usage-in-azure-container-apps/4419197 (Central US pay-as-you-go active rates)"
	SourceMonthHours           = "AWS pricing examples bill a month as 730 hours (https://aws.amazon.com/fargate/pricing/); Azure prices a month the same way (365 x 24 / 12)"
)
