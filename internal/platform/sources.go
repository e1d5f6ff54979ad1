package platform

// When the sources were read. Most numbers come from documentation pages and provider source files
// read up to August 2026 (DateLimitsRead); the rest were looked up by the maintainers on
// DateLookedUp. Each number's doc comment gives the page (a URL, or a repository file with a URL to
// it) and says when a page is a third-party copy of a vendor price table rather than the vendor's own.
const (
	// DateLimitsRead is when the first survey of sources was read.
	DateLimitsRead = "2026-08"
	// DateLookedUp is when the numbers that survey lacked were looked up.
	DateLookedUp = "2026-11-25"
	// DateMinInstanceRatesLookedUp is when the idle rates of Cloud Run minimum instances were
	// looked up, the last numbers the price table lacked.
	DateMinInstanceRatesLookedUp = "2026-12-04"
)

// Sources, one string per page or file, as they appear in Fact.Source and in the data source
// "hybrid_platform". A limit's doc comment names the same source; this is the copy users see.
const (
	SourceLambdaTimeout        = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html; https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go"
	SourceLambdaMemory         = "https://docs.aws.amazon.com/lambda/latest/dg/resource-model.html; https://github.com/hashicorp/terraform-provider-aws/blob/0156d84e/internal/service/lambda/function.go"
	SourceLambdaQuotas         = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"
	SourceLambdaEphemeral      = "https://docs.aws.amazon.com/lambda/latest/dg/API_EphemeralStorage.html"
	SourceLambdaInvoke         = "https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html"
	SourceLambdaLifecycle      = "https://docs.aws.amazon.com/ja_jp/lambda/latest/dg/runtimes-context.html"
	SourceLambdaSnapStart      = "https://docs.amazonaws.cn/lambda/latest/dg/snapstart.html; https://github.com/aws/agent-toolkit-for-aws/blob/main/skills/core-skills/aws-serverless/references/lambda.md"
	SourceLambdaScaling        = "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html"
	SourceLambdaAsync          = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html"
	SourceLambdaIdle           = "https://mikhail.io/serverless/coldstarts/aws/ (measured 5-7 min); https://npmjs.com/package/lambda-warmer (ping at most every 5 min)"
	SourceLambdaPricing        = "https://aws.amazon.com/lambda/pricing/; third-party copies of the price table such as https://awsnegotiations.com/lambda-provisioned-concurrency-cost.html"
	SourceLambdaPCArmDuration  = "AWS Price List API, SKU 3Z4YRQ6XJRDK27UP (Lambda-Provisioned-GB-Second-ARM), as quoted in public repositories"
	SourceLambdaRuntimes       = "https://github.com/terraform-linters/tflint-ruleset-aws/blob/e439f77/rules/lambda_deprecated_runtime/deprecated_runtimes.json, generated from https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"
	SourceAPIGateway           = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html; https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/apigateway/aws.sdk.kotlin.services.apigateway.model/-integration/timeout-in-millis.html; https://github.com/hashicorp/terraform-provider-aws/blob/0196297/internal/service/apigateway/integration.go"
	SourceALBIdleTimeout       = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html (\"By default, ELB sets the idle timeout value for your load balancer to 60 seconds\")"
	SourceALBLambdaTargets     = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html"
	SourceAppSync              = "https://repost.aws/ja/questions/QUw61RAiFGSHiWKxSnjppUfA/execution-timeout-aws-appsync-api"
	SourceCognitoTriggers      = "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-identity-pools-working-with-aws-lambda-triggers.html (\"your Lambda function must respond within 5 seconds ... This 5-second timeout value cannot be changed\"); https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html"
	SourceConnectLambda        = "https://docs.aws.amazon.com/connect/latest/APIReference/interactions-invokelambdafunction.html (InvocationTimeLimitSeconds \"no larger than 8\"); https://repost.aws/knowledge-center/connect-lambda-function-failures (\"The maximum Timeout setting is 8 seconds\"); https://docs.aws.amazon.com/connect/latest/adminguide/invoke-lambda-function-block.html (up to 8 s synchronous, up to 60 s asynchronous)"
	SourceS3ObjectLambda       = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/olap-best-practices.html (\"S3 Object Lambda allows up to 60 seconds to stream a complete response to its caller\")"
	SourceLambdaEdge           = "https://github.com/awsdocs/amazon-cloudfront-developer-guide/blob/1674b70b1a29d63b34cdbc885c08ea8a1e9efecc/doc_source/cloudfront-limits.md; https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html"
	SourceStepFunctions        = "https://docs.aws.amazon.com/step-functions/latest/dg/limits.html"
	SourceEventBridge          = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html"
	SourceSQS                  = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html; https://github.com/hashicorp/terraform-provider-aws/blob/00a3530/internal/service/sqs/queue.go"
	SourceFargateSizes         = "https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html"
	SourceFargatePricing       = "https://aws.amazon.com/fargate/pricing/ (Linux/x86, US East N. Virginia; the page renders prices with scripts, so read through https://www.vantage.sh/blog/fargate-pricing and the ECS pricing example $0.000011244 per vCPU-second)"
	SourceGCPTimeout           = "https://cloud.google.com/functions/docs/configuring/timeout; https://github.com/hashicorp/terraform-provider-google/blob/0687ceb/website/docs/r/cloudfunctions2_function.html.markdown"
	SourceGCPGen1Memory        = "https://docs.cloud.google.com/functions/1stgendocs/configuring/memory (last updated 2025-09-04)"
	SourceGCPGen2Memory        = "https://cloud.google.com/functions/docs/configuring/memory"
	SourceCloudRunTimeout      = "https://cloud.google.com/run/docs/configuring/request-timeout"
	SourceCloudRunSizes        = "https://cloud.google.com/run/docs/configuring/services/memory-limits; https://cloud.google.com/run/docs/configuring/services/cpu"
	SourceGCPGen1Pricing       = "https://cloud.google.com/functions/pricing-1stgen (Tier 1; read through https://modal.com/blog/google-cloud-function-pricing-guide)"
	SourceCloudRunPricing      = "https://cloud.google.com/run/pricing (Tier 1; request-based rates also at https://cloudwebschool.com/tools/cloud-run-cost-calculator/, instance-based memory rate as quoted in public repositories)"
	SourceCloudRunMinInstance  = "https://cloud.google.com/run/pricing (Tier 1, minimum instances while idle under request-based billing; the page renders its table with scripts, so read through Google's own https://github.com/firebase/firebase-tools/blob/22a3f1eee654e6b44883eb32bafef09ce6308255/src/deploy/functions/pricing.ts (V2_RATES.idleVCpu and memoryGb, tier 1) and public repositories quoting the Cloud Billing catalog SKUs \"Services Min Instance CPU (Request-based billing)\" and \"Services Min Instance Memory (Request-based billing)\", $0.0000025 each)"
	SourceAzureTimeout         = "https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-timeout-duration.md; https://github.com/Azure/azure-functions-host/blob/ad02f1c/src/WebJobs.Script/Config/ScriptHostOptionsSetup.cs"
	SourceAzureLimits          = "https://github.com/MicrosoftDocs/azure-docs/blob/main/includes/functions-limits.md"
	SourceAzureFlex            = "https://learn.microsoft.com/en-us/azure/azure-functions/flex-consumption-plan; https://github.com/hashicorp/terraform-provider-azurerm/blob/016f23d/website/docs/r/function_app_flex_consumption.html.markdown"
	SourceAzurePremium         = "https://github.com/MicrosoftDocs/azure-docs/blob/04665cb/articles/azure-functions/functions-premium-plan.md"
	SourceAzureKeepAlive       = "https://www.microsoft.com/en-us/research/publication/serverless-in-the-wild-characterizing-and-optimizing-the-serverless-workload-at-a-large-cloud-provider/; https://mikhail.io/serverless/coldstarts/big3/"
	SourceAzurePricing         = "https://azure.microsoft.com/en-us/pricing/details/functions/ (East US; the page renders prices with scripts, so read through https://modal.com/blog/azure-function-pricing-guide, 2025-05-22)"
	SourceAzureFlexPricing     = "https://azure.microsoft.com/en-us/pricing/details/functions/ (East US, Flex Consumption; read through https://modal.com/blog/azure-function-pricing-guide and public cost estimates quoting the table)"
	SourceAzurePremiumPricing  = "https://azure.microsoft.com/en-us/pricing/details/functions/ (East US, Premium; secondary: public cost estimates quoting ~$0.173 per vCPU-hour and $0.0123 per GB-hour)"
	SourceContainerAppsSizes   = "https://learn.microsoft.com/azure/container-apps/workload-profiles-overview (Consumption profile 0.25-4 vCPU, 0.5-8 GiB); MicrosoftDocs/azure-docs articles/container-apps/containers.md (memory is 2 GiB per vCPU)"
	SourceContainerAppsIngress = "https://learn.microsoft.com/azure/container-apps/ingress-overview (\"request timeout is 240 seconds\")"
	SourceContainerAppsPrices  = "https://techcommunity.microsoft.com/blog/appsonazureblog/understanding-idle-usage-in-azure-container-apps/4419197 (Central US pay-as-you-go active rates)"
	SourceMonthHours           = "AWS pricing examples bill a month as 730 hours (https://aws.amazon.com/fargate/pricing/); Azure prices a month the same way (365 x 24 / 12)"
)
