package serverless

import (
	"fmt"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
)

// s3ObjectLambdaFunction is where an aws_s3control_object_lambda_access_point names its function,
// without the indices of the configuration block and of the transformation_configuration set.
const s3ObjectLambdaFunction = "configuration.transformation_configuration.content_transformation.aws_lambda.function_arn"

// S3ObjectLambdaCalls returns the functions of every S3 Object Lambda Access Point the plan keeps,
// each with the 60 s the access point lets it take to answer (platform.S3ObjectLambdaMaxSeconds).
// Every transformation (GetObject, HeadObject, ListObjects, ...) is followed: by the references its
// function_arn makes, else by the ARN when the plan knows it.
func S3ObjectLambdaCalls(g *graph.Graph) []CallSite {
	var c siteCollector
	for _, ap := range g.ByType("aws_s3control_object_lambda_access_point") {
		if ap.Deleted() {
			continue
		}
		supporting := targetAddresses(g, ap, "configuration.supporting_access_point", "aws_s3_access_point")
		for _, inv := range s3ObjectLambdaInvocations(g, ap) {
			c.add(CallSite{CallerLimit: CallerLimit{Related: supporting,
				Function: inv.Function, Caller: ap, Via: AliasAddress(inv),
				Synchronous: true, Qualifier: versionReached(g, inv),
				LimitMillis: platform.S3ObjectLambdaMaxSeconds * 1000,
				Label:       "S3 Object Lambda limit",
				Rule:        "aws_lambda_timeout_exceeds_s3_object_lambda",
			}})
		}
	}
	return c.sites
}

// s3ObjectLambdaInvocations resolves the functions of an access point's transformations. The
// transformations are a set, whose order in the plan need not be the configuration's, so
// references are read from every block at once; a known ARN is read from each planned block that
// the configuration does not reference.
func s3ObjectLambdaInvocations(g *graph.Graph, ap *graph.Instance) []graph.Invocation {
	out := g.InvokedFunctions(ap, s3ObjectLambdaFunction)
	if len(g.Targets(ap, s3ObjectLambdaFunction)) > 0 {
		return out
	}
	transformations, _ := ap.Get("configuration", 0, "transformation_configuration").List()
	for i := range transformations {
		path := fmt.Sprintf("configuration.0.transformation_configuration.%d.content_transformation.0.aws_lambda.0.function_arn", i)
		out = append(out, g.InvokedFunctions(ap, path)...)
	}
	return out
}

// S3ObjectLambdaCallers is S3ObjectLambdaCalls as a CallerFinder.
func S3ObjectLambdaCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	return limitsOf(S3ObjectLambdaCalls(g))
}
