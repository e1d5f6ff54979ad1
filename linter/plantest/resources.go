package plantest

import "strings"

// Resources as the providers plan them, shared by the rule tests and the rules' documentation
// examples: the attributes a create plans, the ones known only after apply, and references as
// Terraform records them.

// LambdaFunction is an aws_lambda_function as a create plans it: version and ARNs known after
// apply. extra adds or replaces planned values.
func LambdaFunction(addr, runtime string, extra map[string]any) Resource {
	after := map[string]any{
		"function_name": FunctionName(addr), "runtime": runtime, "handler": "app.handler", "memory_size": 1024,
		"timeout": 10, "package_type": "Zip", "publish": false, "snap_start": []any{},
		"file_system_config": []any{}, "ephemeral_storage": []any{map[string]any{"size": 512}},
	}
	for k, v := range extra {
		after[k] = v
	}
	return Resource{Address: addr, After: after,
		Unknown:  []string{"arn", "invoke_arn", "qualified_arn", "qualified_invoke_arn", "version", "source_code_size"},
		Defaults: []string{"package_type", "ephemeral_storage", "snap_start", "file_system_config"}}
}

// FunctionName derives a function name from an address: module.api.aws_lambda_function.fn[0] -> fn-0.
func FunctionName(addr string) string {
	parts := strings.Split(addr, ".")
	return strings.NewReplacer("[", "-", "]", "", `"`, "").Replace(parts[len(parts)-1])
}

// Refs are the references of an expression reading attr of a resource.
func Refs(addr, attr string) []string { return []string{addr + "." + attr, addr} }

// LambdaAlias is an alias named "live" on the function's current version.
func LambdaAlias(addr, fnAddr string) Resource {
	return Resource{Address: addr, After: map[string]any{"name": "live", "function_name": FunctionName(fnAddr)},
		Unknown: []string{"function_version", "arn", "invoke_arn"},
		Refs: map[string][]string{"function_name": Refs(fnAddr, "function_name"),
			"function_version": Refs(fnAddr, "version")}}
}

// ProvisionedConcurrency is provisioned concurrency (2 environments) on an alias (qualifier = alias.name).
func ProvisionedConcurrency(addr, fnAddr, aliasAddr string) Resource {
	return Resource{Address: addr,
		After: map[string]any{"function_name": FunctionName(fnAddr), "qualifier": "live", "provisioned_concurrent_executions": 2,
			"skip_destroy": false},
		Refs: map[string][]string{"function_name": Refs(fnAddr, "function_name"), "qualifier": Refs(aliasAddr, "name")}}
}

// EventRule is an EventBridge rule on a schedule expression; extra sets name, description, tags.
func EventRule(addr, expr string, extra map[string]any) Resource {
	after := map[string]any{"schedule_expression": expr, "event_bus_name": "default", "state": "ENABLED",
		"description": nil, "tags": nil, "name": FunctionName(addr)}
	for k, v := range extra {
		after[k] = v
	}
	return Resource{Address: addr, After: after, Unknown: []string{"arn", "id"}}
}

// EventTarget points an EventBridge rule at arnRefs with an input payload ("" for none).
func EventTarget(addr, ruleAddr, input string, arnRefs ...string) Resource {
	after := map[string]any{"input": nil, "target_id": FunctionName(addr)}
	if input != "" {
		after["input"] = input
	}
	return Resource{Address: addr, After: after, Unknown: []string{"arn", "rule"},
		Refs: map[string][]string{"rule": Refs(ruleAddr, "name"), "arn": arnRefs}}
}

// AzureServicePlan is an azurerm_service_plan with a SKU.
func AzureServicePlan(addr, sku string) Resource {
	return Resource{Address: addr, After: map[string]any{
		"name": "plan", "location": "westeurope", "resource_group_name": "rg", "os_type": "Linux", "sku_name": sku},
		Unknown: []string{"id"}}
}

// AzureFlexApp is an azurerm_function_app_flex_consumption on planAddr; overrides set runtime,
// memory and always_ready (a nil value removes an attribute).
func AzureFlexApp(addr, planAddr string, overrides map[string]any) Resource {
	return Resource{Address: addr, After: Merge(map[string]any{
		"name": "flex", "location": "westeurope", "resource_group_name": "rg",
		"runtime_name": "java", "runtime_version": "17", "instance_memory_in_mb": 2048,
		"maximum_instance_count": 100, "always_ready": []any{}, "site_config": []any{map[string]any{}},
		"storage_container_type": "blobContainer",
	}, overrides), Unknown: []string{"service_plan_id"}, Refs: map[string][]string{"service_plan_id": Refs(planAddr, "id")}}
}

// Merge returns base with overrides applied; a nil override removes the key.
func Merge(base, overrides map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range overrides {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// AzureLinuxFunctionApp is an azurerm_linux_function_app on planAddr. stack is its
// application_stack, settings its app_settings (nil for none), site overrides site_config.
func AzureLinuxFunctionApp(addr, planAddr string, stack, settings, site map[string]any) Resource {
	after := map[string]any{
		"name": "app", "location": "westeurope", "resource_group_name": "rg", "functions_extension_version": "~4",
		"storage_account_name": "appstorage",
		"site_config": []any{Merge(map[string]any{
			"always_on":         false,
			"application_stack": []any{Merge(map[string]any{"use_dotnet_isolated_runtime": false}, stack)},
		}, site)},
	}
	if settings != nil {
		after["app_settings"] = settings
	}
	return Resource{Address: addr, After: after, Unknown: []string{"service_plan_id"},
		Refs: map[string][]string{"service_plan_id": Refs(planAddr, "id")}}
}

// CloudFunction2 is a 2nd gen google_cloudfunctions2_function, HTTP-triggered in Python; service
// overrides service_config, overrides the top-level attributes.
func CloudFunction2(addr string, service, overrides map[string]any) Resource {
	return Resource{Address: addr, After: Merge(map[string]any{
		"name":         "fn",
		"location":     "europe-west1",
		"build_config": []any{map[string]any{"runtime": "python312", "entry_point": "handler"}},
		"service_config": []any{Merge(map[string]any{
			"timeout_seconds": 60, "available_memory": "256M", "available_cpu": "0.1666",
			"max_instance_request_concurrency": 1, "min_instance_count": 0, "max_instance_count": 100,
		}, service)},
		"event_trigger": []any{},
	}, overrides)}
}

// CloudRunContainer is a Cloud Run v2 container with the given limits and resource settings.
func CloudRunContainer(image string, limits map[string]any, resources map[string]any) map[string]any {
	return map[string]any{
		"image":     image,
		"resources": []any{Merge(map[string]any{"limits": limits, "cpu_idle": true, "startup_cpu_boost": true}, resources)},
	}
}

// CloudRunService is a google_cloud_run_v2_service; template overrides the template block.
func CloudRunService(addr string, template, overrides map[string]any) Resource {
	return Resource{Address: addr, After: Merge(map[string]any{
		"name":     "api",
		"location": "europe-west1",
		"ingress":  "INGRESS_TRAFFIC_ALL",
		"template": []any{Merge(map[string]any{
			"timeout":                          "300s",
			"max_instance_request_concurrency": 80,
			"containers": []any{CloudRunContainer("europe-docker.pkg.dev/p/app/api:1",
				map[string]any{"cpu": "1", "memory": "512Mi"}, nil)},
			"scaling": []any{map[string]any{"min_instance_count": 0, "max_instance_count": 10}},
		}, template)},
	}, overrides)}
}
