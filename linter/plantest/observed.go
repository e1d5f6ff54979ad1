package plantest

// ObservedPlan is the plan the --metrics fixtures (linter/metrics/testdata) describe: Lambda
// functions with an alias, in a module with for_each, with a custom log group and with a name
// known only after apply; a 1st and a 2nd gen Google function, and a Cloud Run service that a
// module with for_each deploys in two regions; an Azure function app in a module with for_each,
// whose id the plan knows; and a name ("reports") two clouds share.
func ObservedPlan() *Builder {
	fresh := LambdaFunction("aws_lambda_function.fresh", "python3.12", nil)
	fresh.Unknown = append(fresh.Unknown, "function_name")
	app := AzureLinuxFunctionApp(`module.apps["orders"].azurerm_linux_function_app.app`, `module.apps["orders"].azurerm_service_plan.plan`,
		map[string]any{"python_version": "3.11"}, nil, nil)
	app.After["name"] = "orders-func"
	// Inside the module, configuration names the plan by its local address.
	app.Refs = map[string][]string{"service_plan_id": Refs("azurerm_service_plan.plan", "id")}
	app.After["id"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop/providers/Microsoft.Web/sites/orders-func"
	alias := LambdaAlias("aws_lambda_alias.live", "aws_lambda_function.orders")
	alias.After["function_name"] = "orders-api"
	return New().Module(ModuleCall{Path: "module.workers", Source: "./workers", ForEach: true},
		ModuleCall{Path: "module.web", Source: "./web", ForEach: true},
		ModuleCall{Path: "module.apps", Source: "./apps", ForEach: true}).Add(
		LambdaFunction("aws_lambda_function.orders", "python3.12", map[string]any{"function_name": "orders-api", "timeout": 30}),
		alias,
		LambdaFunction(`module.workers["eu"].aws_lambda_function.worker`, "nodejs20.x", map[string]any{"function_name": "worker-eu", "memory_size": 512, "timeout": 60}),
		LambdaFunction(`module.workers["us"].aws_lambda_function.worker`, "nodejs20.x", map[string]any{"function_name": "worker-us", "memory_size": 512, "timeout": 60}),
		fresh,
		LambdaFunction("aws_lambda_function.billing", "python3.12", map[string]any{"function_name": "billing",
			"logging_config": []any{map[string]any{"log_group": "/custom/billing", "log_format": "Text"}}}),
		LambdaFunction("aws_lambda_function.reports", "python3.12", map[string]any{"function_name": "reports"}),
		Resource{Address: "google_cloudfunctions_function.thumbnails", After: map[string]any{
			"name": "thumbnails", "project": "shop-prod", "region": "europe-west1", "runtime": "python312",
			"available_memory_mb": 256, "timeout": 60, "trigger_http": true}},
		Resource{Address: "google_cloudfunctions_function.reports", After: map[string]any{
			"name": "reports", "project": "shop-prod", "region": "us-central1", "runtime": "python312",
			"available_memory_mb": 256, "timeout": 60, "trigger_http": true}},
		CloudFunction2("google_cloudfunctions2_function.api", nil, map[string]any{"name": "api-v2", "project": "shop-prod"}),
		CloudRunService(`module.web["eu"].google_cloud_run_v2_service.svc`, nil, map[string]any{"name": "web", "project": "shop-prod"}),
		CloudRunService(`module.web["us"].google_cloud_run_v2_service.svc`, nil, map[string]any{"name": "web", "project": "shop-prod", "location": "us-central1"}),
		AzureServicePlan(`module.apps["orders"].azurerm_service_plan.plan`, "Y1"),
		app,
	)
}
