package rules_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/plantest"
	"github.com/hybridlint/terraform-provider-hybrid/rules"
)

func TestLambdaSnapStartMisconfigured(t *testing.T) {
	const fn = "aws_lambda_function.api"
	snap := func(runtime string, extra map[string]any) plantest.Resource {
		after := map[string]any{"publish": true, "snap_start": snapStart()}
		for k, v := range extra {
			after[k] = v
		}
		return coldFn(fn, runtime, after)
	}
	tests := []struct {
		name string
		plan *plantest.Builder
		want []string
	}{
		{
			name: "supported runtime, published, nothing in the way",
			plan: plantest.New().Add(snap("java21", nil)),
			want: []string{},
		},
		{
			name: "python 3.12 and .NET 8 are supported",
			plan: plantest.New().Add(snap("python3.12", nil), coldFn("aws_lambda_function.net", "dotnet8",
				map[string]any{"publish": true, "snap_start": snapStart()})),
			want: []string{},
		},
		{
			name: "unsupported runtime",
			plan: plantest.New().Add(snap("nodejs22.x", nil)),
			want: []string{"error aws_lambda_function.api: snap_start is set on runtime nodejs22.x, which SnapStart does not support " +
				"(Java 11 and later, Python 3.12 and later, .NET 8 and later (managed runtimes, .zip packages))"},
		},
		{
			name: "python 3.11 is too old",
			plan: plantest.New().Add(snap("python3.11", nil)),
			want: []string{"error aws_lambda_function.api: snap_start is set on runtime python3.11, which SnapStart does not support " +
				"(Java 11 and later, Python 3.12 and later, .NET 8 and later (managed runtimes, .zip packages))"},
		},
		{
			name: "apply_on None is off",
			plan: plantest.New().Add(coldFn(fn, "nodejs22.x", map[string]any{"snap_start": []any{map[string]any{"apply_on": "None"}}})),
			want: []string{},
		},
		{
			name: "EFS and large ephemeral storage",
			plan: plantest.New().Add(snap("java21", map[string]any{
				"file_system_config": []any{map[string]any{"arn": "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1", "local_mount_path": "/mnt/data"}},
				"ephemeral_storage":  []any{map[string]any{"size": 2048}}})),
			want: []string{
				"error aws_lambda_function.api: snap_start is set with an Amazon EFS file system, which SnapStart does not support",
				"error aws_lambda_function.api: snap_start is set with ephemeral storage of 2048 MB (above 512 MB), which SnapStart does not support",
			},
		},
		{
			name: "ephemeral storage known after apply is silent",
			plan: plantest.New().Add(func() plantest.Resource {
				r := snap("java21", nil)
				delete(r.After, "ephemeral_storage")
				r.Unknown = append(r.Unknown, "ephemeral_storage")
				return r
			}()),
			want: []string{},
		},
		{
			name: "container image",
			plan: plantest.New().Add(snap("", map[string]any{"package_type": "Image", "runtime": nil})),
			want: []string{"error aws_lambda_function.api: snap_start is set with a container image package, which SnapStart does not support"},
		},
		{
			name: "provisioned concurrency through an alias in a module",
			plan: plantest.New().
				Module(plantest.ModuleCall{Path: "module.fn", Source: "./fn",
					Outputs: map[string][]string{"function_name": fnRefs("aws_lambda_function.this", "function_name")}}).
				Add(coldFn("module.fn.aws_lambda_function.this", "java21", map[string]any{"publish": true, "snap_start": snapStart()}),
					plantest.Resource{Address: "aws_lambda_provisioned_concurrency_config.api",
						After: map[string]any{"function_name": "this", "qualifier": "3", "provisioned_concurrent_executions": 5},
						Refs:  map[string][]string{"function_name": {"module.fn.function_name", "module.fn"}}}),
			want: []string{"error module.fn.aws_lambda_function.this: snap_start is set with provisioned concurrency " +
				"(aws_lambda_provisioned_concurrency_config.api), which SnapStart does not support"},
		},
		{
			name: "publish = false is a warning",
			plan: plantest.New().Add(coldFn(fn, "java21", map[string]any{"snap_start": snapStart()})),
			want: []string{"warning aws_lambda_function.api: snap_start is set but publish = false: no version is published, so no snapshot is ever taken"},
		},
		{
			name: "publish known after apply is silent",
			plan: plantest.New().Add(func() plantest.Resource {
				r := coldFn(fn, "java21", map[string]any{"snap_start": snapStart()})
				r.Unknown = append(r.Unknown, "publish")
				r.Refs = map[string][]string{"publish": {"var.publish"}}
				return r
			}()),
			want: []string{},
		},
		{
			name: "snap_start known after apply is silent",
			plan: plantest.New().Add(func() plantest.Resource {
				r := coldFn(fn, "nodejs22.x", nil)
				r.Unknown = append(r.Unknown, "snap_start")
				return r
			}()),
			want: []string{},
		},
		{
			name: "sensitive runtime is silent",
			plan: plantest.New().Add(func() plantest.Resource {
				r := snap("nodejs22.x", nil)
				r.Sensitive = []string{"runtime"}
				return r
			}()),
			want: []string{},
		},
		{
			name: "for_each instances are reported one by one",
			plan: plantest.New().Add(
				coldFn(`aws_lambda_function.svc["a"]`, "nodejs22.x", map[string]any{"publish": true, "snap_start": snapStart()}),
				coldFn(`aws_lambda_function.svc["b"]`, "java21", map[string]any{"publish": true, "snap_start": snapStart()})),
			want: []string{`error aws_lambda_function.svc["a"]: snap_start is set on runtime nodejs22.x, which SnapStart does not support ` +
				"(Java 11 and later, Python 3.12 and later, .NET 8 and later (managed runtimes, .zip packages))"},
		},
		{
			name: "a deleted function is silent",
			plan: plantest.New().Add(func() plantest.Resource {
				r := coldFn(fn, "nodejs22.x", map[string]any{"snap_start": snapStart()})
				r.Actions, r.Unknown = []string{"delete"}, nil
				return r
			}()),
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, summaries(run(t, rules.LambdaSnapStartMisconfigured, tt.plan)))
		})
	}
}
