package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func runtimeLambda(addr, runtime string, memory any) plantest.Resource {
	r := plantest.Resource{Address: addr, After: map[string]any{"function_name": "fn", "runtime": runtime, "timeout": 30}}
	if memory != nil {
		r.After["memory_size"] = memory
	}
	return r
}

func TestLambdaHeavyRuntimeLowMemory(t *testing.T) {
	tests := []struct {
		name    string
		plan    *plantest.Builder
		options any
		want    []string
	}{
		{
			name: "java with 256 MB",
			plan: plantest.New().Add(runtimeLambda("aws_lambda_function.api", "java21", 256)),
			want: []string{"warning aws_lambda_function.api: runtime java21 with memory_size 256 MB is below 512 MB: the JVM starts on 0.14 vCPU"},
		},
		{
			name: ".NET at the 128 MB default, written or not",
			plan: plantest.New().Add(runtimeLambda("aws_lambda_function.a", "dotnet8", 128), runtimeLambda("aws_lambda_function.b", "dotnet8", nil)),
			want: []string{
				"warning aws_lambda_function.a: runtime dotnet8 with memory_size 128 MB is below 512 MB: the .NET runtime starts on 0.07 vCPU",
				"warning aws_lambda_function.b: runtime dotnet8 with memory_size 128 MB is below 512 MB: the .NET runtime starts on 0.07 vCPU",
			},
		},
		{
			name: "java at 512 MB is enough",
			plan: plantest.New().Add(runtimeLambda("aws_lambda_function.api", "java17", 512)),
			want: []string{},
		},
		{
			name: "light runtimes are not concerned",
			plan: plantest.New().Add(runtimeLambda("aws_lambda_function.a", "python3.12", 128), runtimeLambda("aws_lambda_function.b", "nodejs22.x", 128),
				runtimeLambda("aws_lambda_function.c", "provided.al2023", 128)),
			want: []string{},
		},
		{
			name:    "a higher floor from the options",
			plan:    plantest.New().Add(runtimeLambda("aws_lambda_function.api", "java21", 768)),
			options: &rules.HeavyRuntimeLowMemoryOptions{MinMemoryMB: 1024},
			want:    []string{"warning aws_lambda_function.api: runtime java21 with memory_size 768 MB is below 1024 MB: the JVM starts on 0.43 vCPU"},
		},
		{
			name: "an unknown runtime or memory is silent",
			plan: plantest.New().Add(
				plantest.Resource{Address: "aws_lambda_function.a", After: map[string]any{"function_name": "a", "memory_size": 128}, Unknown: []string{"runtime"}},
				plantest.Resource{Address: "aws_lambda_function.b", After: map[string]any{"function_name": "b", "runtime": "java21"}, Unknown: []string{"memory_size"}}),
			want: []string{},
		},
		{
			name: "a sensitive runtime is silent",
			plan: plantest.New().Add(func() plantest.Resource {
				r := runtimeLambda("aws_lambda_function.api", "java21", 256)
				r.Sensitive = []string{"runtime"}
				return r
			}()),
			want: []string{},
		},
		{
			name: "a container image has no runtime to judge",
			plan: plantest.New().Add(plantest.Resource{Address: "aws_lambda_function.img", After: map[string]any{
				"function_name": "img", "package_type": "Image", "runtime": "", "memory_size": 128}}),
			want: []string{},
		},
		{
			name: "a function the plan deletes",
			plan: plantest.New().Add(func() plantest.Resource {
				r := runtimeLambda("aws_lambda_function.api", "java21", 256)
				r.Actions = []string{"delete"}
				return r
			}()),
			want: []string{},
		},
		{
			name: "for_each instances in a module",
			plan: plantest.New().Module(plantest.ModuleCall{Path: "module.svc", Source: "./svc", ForEach: true}).
				Add(runtimeLambda(`module.svc["orders"].aws_lambda_function.this`, "java11", 384)),
			want: []string{`warning module.svc["orders"].aws_lambda_function.this: runtime java11 with memory_size 384 MB is below 512 MB: the JVM starts on 0.22 vCPU`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(runWith(t, rules.LambdaHeavyRuntimeLowMemory, tt.plan, tt.options)))
		})
	}
}
