package rules

import (
	"fmt"
	"strings"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/finding"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

// GCPColdStartOptions are the options of gcp_cold_start_on_sync_path.
type GCPColdStartOptions struct {
	// HeavyImagePatterns are lower-case substrings of a container image or base image that mark a
	// heavy runtime (a JVM or .NET) in a Cloud Run service, whose plan has no runtime attribute.
	HeavyImagePatterns []string `hcl:"heavy_image_patterns,optional"`
}

// GCPColdStartOnSyncPath flags HTTP functions and public Cloud Run services with heavy
// initialisation that scale to zero, so that a user's request pays the cold start.
var GCPColdStartOnSyncPath = &Rule{
	Name:     "gcp_cold_start_on_sync_path",
	Severity: finding.Warning,
	Category: finding.ColdStart,
	Summary:  "an HTTP function or public or synchronously called Cloud Run service with heavy initialisation scales to zero",
	Doc: Doc{
		Why: "With no minimum instances, Google reclaims idle instances (after minutes to hours, unspecified), and the next " +
			"request waits while a new one starts. For Java and .NET that start is the longest: a JVM or CLR boots and " +
			"JIT-compiles before the first line of the handler runs, seconds rather than the fraction of a second Node, " +
			"Python or Go take. On a synchronous path (an HTTP-triggered function, or a Cloud Run service that the public " +
			"or a load balancer calls, or one a synchronous caller waits for) a person waits for it. Cloud Run's startup " +
			"CPU boost gives an instance more CPU while it starts, which shortens exactly this; with it off the cold start " +
			"is slower still.\n\n" +
			"What counts as heavy: a function `runtime` of Java or .NET; for a Cloud Run service, whose plan carries no " +
			"runtime, an image or `base_image_uri` that names one (option `heavy_image_patterns`) or a container with a " +
			"`JAVA_TOOL_OPTIONS`, `JAVA_OPTS`, `JDK_JAVA_OPTIONS`, `ASPNETCORE_*` or `DOTNET_*` variable (names only; values " +
			"are never read). The plan does not carry image sizes, so a large image of another language is not detected. " +
			"What counts as public: an IAM member or binding granting `roles/run.invoker` to `allUsers` or " +
			"`allAuthenticatedUsers`, `invoker_iam_disabled = true`, or a serverless NEG that puts it behind a load balancer. " +
			"What counts as a synchronous caller: every caller the timing rules find that waits for the answer (Google API " +
			"Gateway, Firebase Hosting, a Workflows HTTP step; see `gcp_caller_deadline_below_timeout`). " +
			"Event-driven functions are not on a synchronous path and are left alone.",
		HowToFix: "- Cloud Run: set `startup_cpu_boost = true` on the container (billed only while instances start).\n" +
			"- Keep one instance warm: `template.scaling.min_instance_count = 1` (Cloud Run), `min_instances = 1` (1st gen), " +
			"`service_config.min_instance_count = 1` (2nd gen). The instance is billed while idle.\n" +
			"- Trim initialisation: lazy-load, use a lighter framework, or compile ahead of time (GraalVM native image, .NET AOT).\n" +
			"- Serve the synchronous path from the always-on container half of a hybrid unit.",
		Sources: []string{
			"https://cloud.google.com/functions/1stgendocs/configuring/min-instances",
			"https://cloud.google.com/run/docs/configuring/min-instances",
			"https://cloud.google.com/run/docs/configuring/services/cpu (startup CPU boost)",
			"https://mikhail.io/serverless/coldstarts/big3/ (cold starts by language)",
		},
		Example: Example{
			Note: "A Spring Boot service that anyone may call scales to zero, with startup CPU boost off.",
			Plan: []ExampleResource{
				plantest.CloudRunService("google_cloud_run_v2_service.orders", map[string]any{
					"containers": []any{plantest.CloudRunContainer("europe-docker.pkg.dev/p/app/orders-java:1.4",
						map[string]any{"cpu": "1", "memory": "1Gi"}, map[string]any{"startup_cpu_boost": false})},
					"scaling": []any{map[string]any{"min_instance_count": 0, "max_instance_count": 10}},
				}, nil),
				{
					Address: "google_cloud_run_v2_service_iam_member.public",
					After: map[string]any{
						"location": "europe-west1",
						"member":   "allUsers",
						"role":     "roles/run.invoker",
					},
					Refs: map[string][]string{
						"name": {"google_cloud_run_v2_service.orders.name", "google_cloud_run_v2_service.orders"},
					},
				},
			},
		},
	},
	Options: func() any {
		return &GCPColdStartOptions{HeavyImagePatterns: []string{
			"java", "jdk", "jre", "jvm", "temurin", "corretto", "spring", "quarkus", "micronaut", "dotnet", "aspnet",
		}}
	},
	Check: checkGCPColdStartOnSyncPath,
}

func checkGCPColdStartOnSyncPath(pass *Pass) {
	opts := pass.Options.(*GCPColdStartOptions)
	waiting := serverless.SyncCallerLimits(pass.Graph, pass.Settings.Inputs())
	for _, w := range serverless.GCPWorkloads(pass.Graph) {
		path, related := w.SyncPath(pass.Graph, waiting[w.Instance])
		if path == "" {
			continue
		}
		heavy := gcpHeavyInit(w, opts.HeavyImagePatterns)
		if heavy == "" {
			continue
		}
		minimum, minAttr, ok := w.MinInstances()
		if !ok {
			continue
		}
		var reasons, fixes []string
		attr := minAttr
		if boost, boostAttr, known := w.StartupCPUBoost(); known && !boost {
			reasons = append(reasons, "startup CPU boost is off")
			fixes = append(fixes, "set startup_cpu_boost = true (billed only while instances start)")
			attr = boostAttr
		}
		if minimum == 0 {
			reasons = append([]string{"it scales to zero (no minimum instances)"}, reasons...)
			fixes = append(fixes, fmt.Sprintf("set %s to 1 (one instance billed while idle)", w.MinInstancesSetting()))
			attr = minAttr
		}
		if len(reasons) == 0 {
			continue
		}
		pass.Report(finding.Finding{
			Address:   w.Instance.Address,
			Attribute: attr,
			Related:   related,
			Message: fmt.Sprintf("%s with heavy initialisation (%s): %s, so requests after idle wait for a slow cold start",
				path, heavy, strings.Join(reasons, " and ")),
			Remediation: strings.Join(fixes, ", and ") + ", or serve this path from an always-on container",
		})
	}
}

// gcpHeavyEnv are environment variable names (or prefixes, ending in _) that only a JVM or .NET reads.
var gcpHeavyEnv = []string{"JAVA_TOOL_OPTIONS", "JAVA_OPTS", "JDK_JAVA_OPTIONS", "ASPNETCORE_", "DOTNET_"}

// gcpHeavyInit describes why a workload's initialisation is heavy ("runtime java17", "image
// \"gcr.io/p/api-jvm\""), or "" when the plan does not show that it is.
func gcpHeavyInit(w serverless.GCPWorkload, patterns []string) string {
	if !w.IsService() {
		if rt := w.Runtime(); platform.IsHeavyRuntime(rt) {
			return "runtime " + rt
		}
		return ""
	}
	for _, c := range w.Containers() {
		for _, attr := range []string{"image", "base_image_uri"} {
			image, _ := w.Instance.Get(c.Under(attr)...).String()
			for _, p := range patterns {
				if p != "" && strings.Contains(strings.ToLower(image), strings.ToLower(p)) {
					return fmt.Sprintf("%s %q", strings.ReplaceAll(attr, "_", " "), image)
				}
			}
		}
		env, _ := w.Instance.Get(c.Under("env")...).List()
		for i := range env {
			name, _ := w.Instance.Get(c.Under("env", i, "name")...).String()
			for _, h := range gcpHeavyEnv {
				if name == h || (strings.HasSuffix(h, "_") && strings.HasPrefix(name, h)) {
					return fmt.Sprintf("environment variable %s", name)
				}
			}
		}
	}
	return ""
}
