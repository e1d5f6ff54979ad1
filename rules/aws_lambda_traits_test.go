package rules_test

import "github.com/hybridlint/terraform-provider-hybrid/linter/plantest"

// Fixtures shared by the cold-start and keep-warm rule tests: resources with the attributes the AWS
// provider plans for them, references as Terraform records them.

// coldFn is a function as a create plans it: version and ARNs known after apply.
func coldFn(addr, runtime string, extra map[string]any) plantest.Resource {
	return plantest.LambdaFunction(addr, runtime, extra)
}

// fnName derives a function name from an address: module.api.aws_lambda_function.fn[0] -> fn-0.
func fnName(addr string) string { return plantest.FunctionName(addr) }

// snapStart is the snap_start block as planned with apply_on = "PublishedVersions".
func snapStart() []any {
	return []any{map[string]any{"apply_on": "PublishedVersions", "optimization_status": "On"}}
}

// fnRefs are the references of an expression reading attr of a resource.
func fnRefs(addr, attr string) []string { return plantest.Refs(addr, attr) }

// liveAlias is an alias named "live" on the function's current version.
func liveAlias(addr, fnAddr string) plantest.Resource { return plantest.LambdaAlias(addr, fnAddr) }

// provisionedOn is provisioned concurrency on an alias (qualifier = alias.name).
func provisionedOn(addr, fnAddr, aliasAddr string) plantest.Resource {
	return plantest.ProvisionedConcurrency(addr, fnAddr, aliasAddr)
}

// functionURL is a function URL, on an alias when aliasAddr is set.
func functionURL(addr, fnAddr, aliasAddr string) plantest.Resource {
	r := plantest.Resource{Address: addr, After: map[string]any{"authorization_type": "NONE", "invoke_mode": "BUFFERED",
		"function_name": fnName(fnAddr), "qualifier": nil},
		Unknown: []string{"function_url", "url_id"},
		Refs:    map[string][]string{"function_name": fnRefs(fnAddr, "function_name")}}
	if aliasAddr != "" {
		r.After["qualifier"] = "live"
		r.Refs["qualifier"] = fnRefs(aliasAddr, "name")
	}
	return r
}

// eventRule is an EventBridge rule on a schedule expression; extra sets name, description, tags.
func eventRule(addr, expr string, extra map[string]any) plantest.Resource {
	return plantest.EventRule(addr, expr, extra)
}

// eventTarget points rule at arnRefs with an input payload ("" for none).
func eventTarget(addr, ruleAddr, input string, arnRefs ...string) plantest.Resource {
	return plantest.EventTarget(addr, ruleAddr, input, arnRefs...)
}

// schedulerSchedule is an EventBridge Scheduler schedule invoking arnRefs; flexibleMinutes 0 is
// flexible_time_window { mode = "OFF" }.
func schedulerSchedule(addr, expr, input string, flexibleMinutes int, arnRefs ...string) plantest.Resource {
	window := map[string]any{"mode": "OFF", "maximum_window_in_minutes": nil}
	if flexibleMinutes > 0 {
		window = map[string]any{"mode": "FLEXIBLE", "maximum_window_in_minutes": flexibleMinutes}
	}
	return plantest.Resource{Address: addr,
		After: map[string]any{"name": fnName(addr), "schedule_expression": expr, "state": "ENABLED",
			"flexible_time_window": []any{window},
			"target":               []any{map[string]any{"input": input, "role_arn": "arn:aws:iam::123456789012:role/scheduler"}}},
		Unknown: []string{"arn"},
		Refs:    map[string][]string{"target.0.arn": arnRefs}}
}
