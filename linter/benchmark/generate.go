// Package benchmark generates large, realistic plans and measures the whole lint on them: load,
// graph, every rule, JSON report. `make bench` runs it.
package benchmark

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Shape says how big a generated plan is: Modules module blocks, each instantiated InstancesPer
// times with for_each, each instance holding ResourcesPer resources.
type Shape struct {
	Modules      int
	InstancesPer int
	ResourcesPer int
	// PolicyBytes pads each filler resource with an IAM policy document of about this size, the
	// way real plans carry large JSON strings.
	PolicyBytes int
}

// Instances is the number of resource instances a shape produces.
func (s Shape) Instances() int { return s.Modules * s.InstancesPer * s.ResourcesPer }

// Write writes a plan in the shape `terraform show -json` produces: planned_values,
// resource_changes (create actions with after, after_unknown, sensitive markers) and
// configuration with one module block per module and for_each instances. Each module instance
// has an HTTP API and an SQS queue in front of a Lambda function, so rules have real work to do.
func Write(w io.Writer, s Shape) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	policy := strings.Repeat(`{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket/*\"},`, max(1, s.PolicyBytes/100))
	policy = `{\"Version\":\"2012-10-17\",\"Statement\":[` + strings.TrimSuffix(policy, ",") + `]}`

	type res struct {
		typ, name string
		after     string
		unknown   string
		config    string
	}
	resources := func(m, k int) []res {
		key := fmt.Sprintf("k%d", k)
		fnName := fmt.Sprintf("svc%03d-%s-handler", m, key)
		timeout := 10 + (m*7+k*13)%80
		out := []res{
			{"aws_lambda_function", "handler",
				fmt.Sprintf(`{"function_name":%q,"runtime":"python3.12","handler":"app.handler","memory_size":%d,"timeout":%d,"publish":false,"package_type":"Zip","architectures":["x86_64"],"environment":[{"variables":{"TABLE":"orders","STAGE":"prod"}}],"tags":{"service":"svc%03d"},"ephemeral_storage":[{"size":512}]}`, fnName, 256<<(k%3), timeout, m),
				`{"arn":true,"invoke_arn":true,"qualified_arn":true,"version":true,"role":true,"environment":[{"variables":{}}],"tags":{},"ephemeral_storage":[{}],"architectures":[false]}`,
				`{"function_name":{"references":["var.name"]},"runtime":{"constant_value":"python3.12"},"handler":{"constant_value":"app.handler"},"memory_size":{"references":["var.memory"]},"timeout":{"references":["var.timeout"]},"role":{"references":["aws_iam_role.fn.arn","aws_iam_role.fn"]}}`},
			{"aws_apigatewayv2_api", "http", `{"name":"api","protocol_type":"HTTP"}`, `{"id":true,"api_endpoint":true,"execution_arn":true}`,
				`{"name":{"constant_value":"api"},"protocol_type":{"constant_value":"HTTP"}}`},
			{"aws_apigatewayv2_integration", "http", `{"integration_type":"AWS_PROXY","payload_format_version":"2.0"}`, `{"id":true,"api_id":true,"integration_uri":true,"timeout_milliseconds":true}`,
				`{"api_id":{"references":["aws_apigatewayv2_api.http.id","aws_apigatewayv2_api.http"]},"integration_type":{"constant_value":"AWS_PROXY"},"integration_uri":{"references":["aws_lambda_function.handler.invoke_arn","aws_lambda_function.handler"]}}`},
			{"aws_sqs_queue", "jobs", fmt.Sprintf(`{"name":"%s-jobs","visibility_timeout_seconds":%d,"message_retention_seconds":345600}`, fnName, 30+(k%3)*300), `{"arn":true,"id":true,"url":true}`,
				`{"name":{"references":["var.name"]},"visibility_timeout_seconds":{"references":["var.visibility"]}}`},
			{"aws_lambda_event_source_mapping", "jobs", `{"batch_size":10,"enabled":true}`, `{"event_source_arn":true,"function_name":true,"uuid":true}`,
				`{"event_source_arn":{"references":["aws_sqs_queue.jobs.arn","aws_sqs_queue.jobs"]},"function_name":{"references":["aws_lambda_function.handler.arn","aws_lambda_function.handler"]}}`},
			{"aws_iam_role", "fn", fmt.Sprintf(`{"name":"%s-role","assume_role_policy":"%s"}`, fnName, policy), `{"arn":true,"id":true}`,
				`{"name":{"references":["var.name"]},"assume_role_policy":{"references":["data.aws_iam_policy_document.assume.json","data.aws_iam_policy_document.assume"]}}`},
		}
		for i := len(out); i < s.ResourcesPer; i++ {
			switch i % 3 {
			case 0:
				out = append(out, res{"aws_iam_role_policy", fmt.Sprintf("p%d", i), fmt.Sprintf(`{"name":"%s-p%d","policy":"%s"}`, fnName, i, policy), `{"id":true,"role":true}`,
					`{"policy":{"constant_value":"..."},"role":{"references":["aws_iam_role.fn.id","aws_iam_role.fn"]}}`})
			case 1:
				out = append(out, res{"aws_cloudwatch_log_group", fmt.Sprintf("l%d", i), fmt.Sprintf(`{"name":"/aws/%s/%d","retention_in_days":30,"tags":{"service":"svc%03d"}}`, fnName, i, m), `{"arn":true,"id":true}`,
					`{"name":{"references":["var.name"]},"retention_in_days":{"constant_value":30}}`})
			default:
				out = append(out, res{"aws_s3_bucket_object", fmt.Sprintf("o%d", i), fmt.Sprintf(`{"bucket":"assets","key":"%s/%d.json","content":"%s"}`, fnName, i, policy), `{"etag":true,"id":true}`,
					`{"bucket":{"constant_value":"assets"},"key":{"references":["var.name"]},"content":{"constant_value":"..."}}`})
			}
		}
		return out
	}

	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p(`{"format_version":"1.2","terraform_version":"1.9.8","planned_values":{"root_module":{"child_modules":[`)
	first := true
	for m := 0; m < s.Modules; m++ {
		for k := 0; k < s.InstancesPer; k++ {
			if !first {
				p(",")
			}
			first = false
			mod := fmt.Sprintf(`module.svc%03d[\"k%d\"]`, m, k)
			p(`{"address":"%s","resources":[`, mod)
			for i, r := range resources(m, k) {
				if i > 0 {
					p(",")
				}
				p(`{"address":"%s.%s.%s","mode":"managed","type":"%s","name":"%s","provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,"values":%s,"sensitive_values":{}}`, mod, r.typ, r.name, r.typ, r.name, r.after)
			}
			p("]}")
		}
	}
	p(`]}},"resource_changes":[`)
	first = true
	for m := 0; m < s.Modules; m++ {
		for k := 0; k < s.InstancesPer; k++ {
			mod := fmt.Sprintf(`module.svc%03d[\"k%d\"]`, m, k)
			for _, r := range resources(m, k) {
				if !first {
					p(",")
				}
				first = false
				p(`{"address":"%s.%s.%s","module_address":"%s","mode":"managed","type":"%s","name":"%s","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":%s,"after_unknown":%s,"before_sensitive":false,"after_sensitive":{}}}`,
					mod, r.typ, r.name, mod, r.typ, r.name, r.after, r.unknown)
			}
		}
	}
	p(`],"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},"root_module":{"module_calls":{`)
	for m := 0; m < s.Modules; m++ {
		if m > 0 {
			p(",")
		}
		p(`"svc%03d":{"source":"./modules/service","for_each_expression":{"references":["local.regions"]},"expressions":{"name":{"references":["each.key"]},"timeout":{"constant_value":30}},"module":{"resources":[`, m)
		for i, r := range resources(m, 0) {
			if i > 0 {
				p(",")
			}
			p(`{"address":"%s.%s","mode":"managed","type":"%s","name":"%s","provider_config_key":"aws","expressions":%s,"schema_version":0}`, r.typ, r.name, r.typ, r.name, r.config)
		}
		p(`],"variables":{"name":{},"timeout":{},"memory":{},"visibility":{}}}}`)
	}
	p(`}}}}`)
	if err := bw.Flush(); err != nil {
		return err
	}
	return nil
}

// Valid reports whether data is well-formed JSON; the generator's own test uses it.
func Valid(data []byte) bool { return json.Valid(data) }
