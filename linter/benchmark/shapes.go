package benchmark

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Scenario is a plan shape that real monorepos produce, generated at any size n: the scaling table
// of `make bench` lints each at n, 2n, 4n and 8n and checks that the time grows with the size.
type Scenario struct {
	Name string
	// What says what the shape is and which part of the linter it stresses.
	What string
	// Base is the n of the table's first row; Base*8 is the size the targets name.
	Base int
	// Write writes the plan for size n.
	Write func(w io.Writer, n int) error
}

// Scenarios lists every shape, in the order the table prints them.
func Scenarios() []Scenario {
	return []Scenario{
		{Name: "modules", Base: 1250, Write: ManyModules,
			What: "n module calls, each a Lambda function, SQS queue and mapping, REST integration, EventBridge rule, log group; full configuration per call"},
		{Name: "nesting", Base: 250, Write: DeepNesting,
			What: "n chains of 12 nested modules, a function at the bottom, a REST integration at the root reading it through 12 outputs"},
		{Name: "foreach-unknown", Base: 1000, Write: func(w io.Writer, n int) error { return ForEach(w, n, false, false) },
			What: "for_each function and REST integration with n keys; uri refers to aws_lambda_function.fn[each.key], unknown at create"},
		{Name: "foreach-known", Base: 1000, Write: func(w io.Writer, n int) error { return ForEach(w, n, true, false) },
			What: "the same with every value known (an update of deployed resources)"},
		{Name: "count-unknown", Base: 1000, Write: func(w io.Writer, n int) error { return ForEach(w, n, false, true) },
			What: "count with n instances; uri refers to aws_lambda_function.fn[count.index]"},
		{Name: "fan-out", Base: 500, Write: FanOut,
			What: "one Step Functions state machine invoking n functions"},
		{Name: "fan-in", Base: 1000, Write: FanIn,
			What: "one function invoked by n REST integrations and n SQS mappings"},
		{Name: "findings", Base: 1000, Write: ManyFindings,
			What: "n functions with several findings each"},
	}
}

// change is one resource instance of a generated plan.
type change struct {
	module    string // module instance address, "" for the root
	typ, name string
	key       string // the instance key as JSON: "\"k1\"", "3", or "" for none
	actions   string // JSON array; create when empty
	after     string
	unknown   string
}

func (c change) address() string {
	a := c.typ + "." + c.name
	if c.key != "" {
		a += "[" + c.key + "]"
	}
	if c.module != "" {
		a = c.module + "." + a
	}
	return a
}

// planWriter writes a plan in the order `terraform show -json` does: planned_values,
// resource_changes, configuration. changes is called twice (planned_values, resource_changes) so
// that nothing is held in memory however large the plan.
type planWriter struct {
	bw  *bufio.Writer
	err error
}

func (p *planWriter) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.bw, format, args...)
	}
}

func (p *planWriter) raw(s string) {
	if p.err == nil {
		_, p.err = p.bw.WriteString(s)
	}
}

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func writePlan(w io.Writer, changes func(emit func(change)), config func(p *planWriter)) error {
	p := &planWriter{bw: bufio.NewWriterSize(w, 1<<20)}
	p.raw(`{"format_version":"1.2","terraform_version":"1.9.8","planned_values":{"root_module":{"resources":[`)
	// Root resources first, then one child module entry per module instance, as Terraform does.
	first := true
	changes(func(c change) {
		if c.module != "" {
			return
		}
		if !first {
			p.raw(",")
		}
		first = false
		p.plannedValue(c)
	})
	p.raw(`],"child_modules":[`)
	first = true
	open := ""
	changes(func(c change) {
		if c.module == "" {
			return
		}
		if c.module != open {
			if open != "" {
				p.raw("]},")
			}
			open = c.module
			first = true
			p.printf(`{"address":%s,"resources":[`, jsonString(c.module))
		}
		if !first {
			p.raw(",")
		}
		first = false
		p.plannedValue(c)
	})
	if open != "" {
		p.raw("]}")
	}
	p.raw(`]}},"resource_changes":[`)
	first = true
	changes(func(c change) {
		if !first {
			p.raw(",")
		}
		first = false
		actions := c.actions
		if actions == "" {
			actions = `["create"]`
		}
		before := "null"
		if actions != `["create"]` {
			before = c.after
		}
		p.printf(`{"address":%s,`, jsonString(c.address()))
		if c.module != "" {
			p.printf(`"module_address":%s,`, jsonString(c.module))
		}
		p.printf(`"mode":"managed","type":%q,"name":%q,`, c.typ, c.name)
		if c.key != "" {
			p.printf(`"index":%s,`, c.key)
		}
		p.printf(`"provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":%s,"before":%s,"after":%s,"after_unknown":%s,"before_sensitive":%s,"after_sensitive":{}}}`,
			actions, before, c.after, c.unknown, map[bool]string{true: "false", false: "{}"}[before == "null"])
	})
	p.raw(`],"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},"root_module":`)
	config(p)
	p.raw("}}\n")
	if p.err != nil {
		return p.err
	}
	return p.bw.Flush()
}

func (p *planWriter) plannedValue(c change) {
	p.printf(`{"address":%s,"mode":"managed","type":%q,"name":%q,`, jsonString(c.address()), c.typ, c.name)
	if c.key != "" {
		p.printf(`"index":%s,`, c.key)
	}
	p.printf(`"provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,"values":%s,"sensitive_values":{}}`, c.after)
}

// configResource is one resource block of the configuration: expressions is the JSON object of
// its arguments; forEach and count are the references of those meta-arguments.
type configResource struct {
	typ, name, expressions string
	forEach, count         string
}

func (r configResource) json() string {
	s := fmt.Sprintf(`{"address":"%s.%s","mode":"managed","type":%q,"name":%q,"provider_config_key":"aws","expressions":%s,"schema_version":0`,
		r.typ, r.name, r.typ, r.name, r.expressions)
	if r.forEach != "" {
		s += `,"for_each_expression":{"references":` + r.forEach + `}`
	}
	if r.count != "" {
		s += `,"count_expression":{"references":` + r.count + `}`
	}
	return s + "}"
}

func resourcesJSON(rs ...configResource) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.json()
	}
	return "[" + strings.Join(parts, ",") + "]"
}

const account = "123456789012"

// lambdaAfter is a Lambda function's planned values with the attributes the AWS provider plans.
func lambdaAfter(name, runtime string, memory, timeout int, known bool) string {
	s := fmt.Sprintf(`{"architectures":["x86_64"],"code_signing_config_arn":null,"dead_letter_config":[],"description":"handles %[1]s",`+
		`"environment":[{"variables":{"LOG_LEVEL":"info","STAGE":"prod","TABLE":"%[1]s-table"}}],"ephemeral_storage":[{"size":512}],`+
		`"file_system_config":[],"filename":"build/%[1]s.zip","function_name":%[2]s,"handler":"app.handler","image_config":[],"image_uri":null,`+
		`"kms_key_arn":null,"layers":[],"logging_config":[{"log_format":"Text","log_group":"/aws/lambda/%[1]s"}],`+
		`"memory_size":%[3]d,"package_type":"Zip","publish":false,`+
		`"reserved_concurrent_executions":-1,"runtime":%[4]q,"s3_bucket":null,"s3_key":null,"s3_object_version":null,"skip_destroy":false,`+
		`"snap_start":[],"source_code_hash":"n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=","tags":{"service":"%[1]s","team":"platform"},`+
		`"timeout":%[5]d,"timeouts":null,"tracing_config":[{"mode":"PassThrough"}],"vpc_config":[]`,
		name, jsonString(name), memory, runtime, timeout)
	if known {
		arn := fmt.Sprintf("arn:aws:lambda:us-east-1:%s:function:%s", account, name)
		s += fmt.Sprintf(`,"arn":%q,"invoke_arn":"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/%s/invocations","qualified_arn":"%s:$LATEST","version":"$LATEST","role":"arn:aws:iam::%s:role/%s","last_modified":"2024-05-01T10:00:00.000+0000","source_code_size":1024`,
			arn, arn, arn, account, name)
	}
	return s + "}"
}

const lambdaUnknown = `{"architectures":[false],"arn":true,"code_sha256":true,"dead_letter_config":[],"environment":[{"variables":{}}],"ephemeral_storage":[{}],` +
	`"file_system_config":[],"id":true,"image_config":[],"invoke_arn":true,"last_modified":true,"layers":[],"logging_config":[{}],"qualified_arn":true,` +
	`"qualified_invoke_arn":true,"role":true,"signing_job_arn":true,"signing_profile_version_arn":true,"snap_start":[],"source_code_size":true,` +
	`"tags":{},"tags_all":{},"tracing_config":[{}],"version":true,"vpc_config":[]}`

const lambdaConfig = `{"environment":[{"variables":{"references":["var.name"]}}],"filename":{"constant_value":"build/app.zip"},` +
	`"function_name":{"references":["var.name"]},"handler":{"constant_value":"app.handler"},"memory_size":{"references":["var.memory"]},` +
	`"role":{"references":["aws_iam_role.fn.arn","aws_iam_role.fn"]},"runtime":{"constant_value":"python3.12"},` +
	`"tags":{"references":["var.name"]},"timeout":{"references":["var.timeout"]},"tracing_config":[{"mode":{"constant_value":"PassThrough"}}]}`

// ManyModules writes n module calls module.svc_<i>, each with a Lambda function, an SQS queue and
// its event source mapping, a REST API integration, an EventBridge rule and a log group, with the
// full configuration block per call (what `terraform show -json` writes for distinct calls).
// About 10 KB per call: n = 10,000 is a 100 MB plan.
func ManyModules(w io.Writer, n int) error {
	changes := func(emit func(change)) {
		for i := 0; i < n; i++ {
			mod := fmt.Sprintf("module.svc_%d", i)
			name := fmt.Sprintf("svc-%d-handler", i)
			timeout := []int{15, 25, 45, 60, 20, 10, 28, 120}[i%8]
			emit(change{module: mod, typ: "aws_lambda_function", name: "fn", after: lambdaAfter(name, "python3.12", 512, timeout, false), unknown: lambdaUnknown})
			emit(change{module: mod, typ: "aws_sqs_queue", name: "jobs",
				after:   fmt.Sprintf(`{"delay_seconds":0,"fifo_queue":false,"max_message_size":262144,"message_retention_seconds":345600,"name":"%s-jobs","name_prefix":null,"receive_wait_time_seconds":0,"redrive_allow_policy":null,"sqs_managed_sse_enabled":true,"tags":{"service":"%s"},"visibility_timeout_seconds":%d}`, name, name, []int{30, 360}[i%2]),
				unknown: `{"arn":true,"id":true,"policy":true,"redrive_policy":true,"tags":{},"tags_all":{},"url":true}`})
			emit(change{module: mod, typ: "aws_lambda_event_source_mapping", name: "jobs",
				after:   `{"batch_size":10,"destination_config":[],"enabled":true,"filter_criteria":[],"maximum_batching_window_in_seconds":null,"scaling_config":[],"starting_position":null,"tags":null}`,
				unknown: `{"arn":true,"destination_config":[],"event_source_arn":true,"function_arn":true,"function_name":true,"id":true,"last_modified":true,"last_processing_result":true,"state":true,"state_transition_reason":true,"uuid":true}`})
			emit(change{module: mod, typ: "aws_api_gateway_integration", name: "api",
				after:   `{"cache_key_parameters":null,"connection_type":"INTERNET","content_handling":null,"credentials":null,"http_method":"POST","integration_http_method":"POST","passthrough_behavior":"WHEN_NO_MATCH","request_parameters":null,"request_templates":null,"timeout_milliseconds":29000,"tls_config":[],"type":"AWS_PROXY"}`,
				unknown: `{"cache_namespace":true,"id":true,"resource_id":true,"rest_api_id":true,"tls_config":[],"uri":true}`})
			emit(change{module: mod, typ: "aws_cloudwatch_event_rule", name: "warm",
				after:   fmt.Sprintf(`{"description":"keeps %s warm","event_bus_name":"default","event_pattern":null,"force_destroy":false,"is_enabled":null,"name":"%s-warm","role_arn":null,"schedule_expression":"rate(%d minutes)","state":"ENABLED","tags":null}`, name, name, []int{5, 30}[i%2]),
				unknown: `{"arn":true,"id":true,"name_prefix":true,"tags_all":true}`})
			emit(change{module: mod, typ: "aws_cloudwatch_log_group", name: "logs",
				after:   fmt.Sprintf(`{"kms_key_id":null,"log_group_class":"STANDARD","name":"/aws/lambda/%s","retention_in_days":14,"skip_destroy":false,"tags":{"service":"%s"}}`, name, name),
				unknown: `{"arn":true,"id":true,"name_prefix":true,"tags":{},"tags_all":{}}`})
		}
	}
	module := `{"outputs":{"invoke_arn":{"expression":{"references":["aws_lambda_function.fn.invoke_arn","aws_lambda_function.fn"]}}},"resources":` + resourcesJSON(
		configResource{typ: "aws_lambda_function", name: "fn", expressions: lambdaConfig},
		configResource{typ: "aws_sqs_queue", name: "jobs", expressions: `{"name":{"references":["var.name"]},"tags":{"references":["var.name"]},"visibility_timeout_seconds":{"references":["var.visibility"]}}`},
		configResource{typ: "aws_lambda_event_source_mapping", name: "jobs", expressions: `{"batch_size":{"constant_value":10},"event_source_arn":{"references":["aws_sqs_queue.jobs.arn","aws_sqs_queue.jobs"]},"function_name":{"references":["aws_lambda_function.fn.arn","aws_lambda_function.fn"]}}`},
		configResource{typ: "aws_api_gateway_integration", name: "api", expressions: `{"http_method":{"constant_value":"POST"},"integration_http_method":{"constant_value":"POST"},"resource_id":{"references":["var.resource_id"]},"rest_api_id":{"references":["var.rest_api_id"]},"type":{"constant_value":"AWS_PROXY"},"uri":{"references":["aws_lambda_function.fn.invoke_arn","aws_lambda_function.fn"]}}`},
		configResource{typ: "aws_cloudwatch_event_rule", name: "warm", expressions: `{"description":{"references":["var.name"]},"name":{"references":["var.name"]},"schedule_expression":{"references":["var.warm_schedule"]}}`},
		configResource{typ: "aws_cloudwatch_log_group", name: "logs", expressions: `{"name":{"references":["var.name"]},"retention_in_days":{"constant_value":14},"tags":{"references":["var.name"]}}`},
	) + `,"variables":{"memory":{"default":512},"name":{},"resource_id":{},"rest_api_id":{},"timeout":{},"visibility":{"default":30},"warm_schedule":{"default":"rate(5 minutes)"}}}`
	config := func(p *planWriter) {
		p.raw(`{"module_calls":{`)
		for i := 0; i < n; i++ {
			if i > 0 {
				p.raw(",")
			}
			p.printf(`"svc_%d":{"source":"./modules/service","expressions":{"name":{"constant_value":"svc-%d-handler"},"rest_api_id":{"references":["aws_api_gateway_rest_api.main.id","aws_api_gateway_rest_api.main"]},"resource_id":{"references":["aws_api_gateway_resource.svc.id","aws_api_gateway_resource.svc"]},"timeout":{"references":["local.timeouts"]}},"module":%s}`, i, i, module)
		}
		p.raw(`}}`)
	}
	return writePlan(w, changes, config)
}

// nestingDepth is how many module levels DeepNesting puts above each function.
const nestingDepth = 12

// DeepNesting writes n chains module.c_<i>.module.l1...module.l11 with a Lambda function at the
// bottom whose timeout comes from the root through every level's variable, and a REST integration
// at the root whose uri reads the function's invoke_arn through every level's output.
func DeepNesting(w io.Writer, n int) error {
	chain := func(i int) string {
		parts := []string{fmt.Sprintf("module.c_%d", i)}
		for l := 1; l < nestingDepth; l++ {
			parts = append(parts, fmt.Sprintf("module.l%d", l))
		}
		return strings.Join(parts, ".")
	}
	changes := func(emit func(change)) {
		for i := 0; i < n; i++ {
			emit(change{typ: "aws_api_gateway_integration", name: fmt.Sprintf("api_%d", i),
				after:   `{"http_method":"POST","integration_http_method":"POST","timeout_milliseconds":29000,"type":"AWS_PROXY"}`,
				unknown: `{"id":true,"resource_id":true,"rest_api_id":true,"uri":true}`})
		}
		for i := 0; i < n; i++ {
			emit(change{module: chain(i), typ: "aws_lambda_function", name: "fn",
				after: lambdaAfter(fmt.Sprintf("deep-%d", i), "python3.12", 512, 30+i%60, false), unknown: lambdaUnknown})
		}
	}
	// The bottom module holds the function; every level above passes timeout down and invoke_arn up.
	level := `{"outputs":{"invoke_arn":{"expression":{"references":["aws_lambda_function.fn.invoke_arn","aws_lambda_function.fn"]}}},"resources":` +
		resourcesJSON(configResource{typ: "aws_lambda_function", name: "fn", expressions: lambdaConfig}) + `,"variables":{"name":{},"timeout":{},"memory":{"default":512}}}`
	for l := nestingDepth - 1; l >= 1; l-- {
		level = fmt.Sprintf(`{"module_calls":{"l%d":{"source":"./l%d","expressions":{"name":{"references":["var.name"]},"timeout":{"references":["var.timeout"]}},"module":%s}},"outputs":{"invoke_arn":{"expression":{"references":["module.l%d.invoke_arn","module.l%d"]}}},"variables":{"name":{},"timeout":{}}}`,
			l, l, level, l, l)
	}
	config := func(p *planWriter) {
		p.raw(`{"resources":[`)
		for i := 0; i < n; i++ {
			if i > 0 {
				p.raw(",")
			}
			p.raw(configResource{typ: "aws_api_gateway_integration", name: fmt.Sprintf("api_%d", i),
				expressions: fmt.Sprintf(`{"http_method":{"constant_value":"POST"},"type":{"constant_value":"AWS_PROXY"},"uri":{"references":["module.c_%d.invoke_arn","module.c_%d"]}}`, i, i)}.json())
		}
		p.raw(`],"module_calls":{`)
		for i := 0; i < n; i++ {
			if i > 0 {
				p.raw(",")
			}
			p.printf(`"c_%d":{"source":"./chain","expressions":{"name":{"constant_value":"deep-%d"},"timeout":{"constant_value":%d}},"module":%s}`, i, i, 30+i%60, level)
		}
		p.raw(`}}`)
	}
	return writePlan(w, changes, config)
}

// ForEach writes one Lambda function and one REST integration with n instances each (for_each
// keys, or count indices), the integration's uri referring to the function of the same key. When
// known is false the plan creates them and the uri is unknown, so the graph must match instances
// by key; when true it is an update of deployed resources whose values are all known.
func ForEach(w io.Writer, n int, known, count bool) error {
	key := func(i int) string {
		if count {
			return strconv.Itoa(i)
		}
		return fmt.Sprintf(`"k%d"`, i)
	}
	actions := ""
	if known {
		actions = `["update"]`
	}
	changes := func(emit func(change)) {
		for i := 0; i < n; i++ {
			emit(change{typ: "aws_lambda_function", name: "fn", key: key(i), actions: actions,
				after: lambdaAfter(fmt.Sprintf("each-%d", i), "python3.12", 512, []int{20, 45, 60, 25}[i%4], known), unknown: lambdaUnknown})
		}
		for i := 0; i < n; i++ {
			integ := change{typ: "aws_api_gateway_integration", name: "api", key: key(i), actions: actions,
				after:   `{"http_method":"POST","integration_http_method":"POST","timeout_milliseconds":29000,"type":"AWS_PROXY"}`,
				unknown: `{"id":true,"resource_id":true,"rest_api_id":true,"uri":true}`}
			if known {
				integ.after = fmt.Sprintf(`{"http_method":"POST","integration_http_method":"POST","timeout_milliseconds":29000,"type":"AWS_PROXY","id":"agi-%d","resource_id":"r%d","rest_api_id":"api1","uri":"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:%s:function:each-%d/invocations"}`, i, i, account, i)
				integ.unknown = `{}`
			}
			emit(integ)
		}
	}
	meta, index := configResource{forEach: `["var.functions"]`}, "each.key"
	if count {
		meta, index = configResource{count: `["var.function_count"]`}, "count.index"
	}
	fn, integ := meta, meta
	fn.typ, fn.name, fn.expressions = "aws_lambda_function", "fn", lambdaConfig
	integ.typ, integ.name = "aws_api_gateway_integration", "api"
	integ.expressions = fmt.Sprintf(`{"http_method":{"constant_value":"POST"},"type":{"constant_value":"AWS_PROXY"},"uri":{"references":["aws_lambda_function.fn","%s"]}}`, index)
	config := func(p *planWriter) {
		p.raw(`{"resources":` + resourcesJSON(fn, integ) + `,"variables":{"functions":{},"function_count":{},"name":{},"timeout":{},"memory":{}}}`)
	}
	return writePlan(w, changes, config)
}

// FanOut writes one EXPRESS Step Functions state machine whose known definition has a Task state
// per function, for n functions with known ARNs (an update of a deployed workflow).
func FanOut(w io.Writer, n int) error {
	var def strings.Builder
	def.WriteString(`{"StartAt":"s0","States":{`)
	for i := 0; i < n; i++ {
		if i > 0 {
			def.WriteString(",")
		}
		next := fmt.Sprintf(`"Next":"s%d"`, i+1)
		if i == n-1 {
			next = `"End":true`
		}
		fmt.Fprintf(&def, `"s%d":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:%s:function:step-%d","TimeoutSeconds":30,%s}`, i, account, i, next)
	}
	def.WriteString("}}")
	changes := func(emit func(change)) {
		emit(change{typ: "aws_sfn_state_machine", name: "flow", actions: `["update"]`,
			after:   fmt.Sprintf(`{"definition":%s,"name":"flow","type":"EXPRESS","role_arn":"arn:aws:iam::%s:role/flow","arn":"arn:aws:states:us-east-1:%s:stateMachine:flow"}`, jsonString(def.String()), account, account),
			unknown: `{}`})
		for i := 0; i < n; i++ {
			emit(change{typ: "aws_lambda_function", name: "step", key: fmt.Sprintf(`"s%d"`, i), actions: `["update"]`,
				after: lambdaAfter(fmt.Sprintf("step-%d", i), "python3.12", 512, []int{20, 60, 400}[i%3], true), unknown: `{}`})
		}
	}
	config := func(p *planWriter) {
		p.raw(`{"resources":` + resourcesJSON(
			configResource{typ: "aws_sfn_state_machine", name: "flow", expressions: `{"definition":{"references":["aws_lambda_function.step"]},"name":{"constant_value":"flow"},"type":{"constant_value":"EXPRESS"}}`},
			configResource{typ: "aws_lambda_function", name: "step", expressions: lambdaConfig, forEach: `["var.steps"]`},
		) + `}`)
	}
	return writePlan(w, changes, config)
}

// FanIn writes one Lambda function invoked by n REST integrations and n SQS queues through their
// event source mappings.
func FanIn(w io.Writer, n int) error {
	changes := func(emit func(change)) {
		emit(change{typ: "aws_lambda_function", name: "shared", after: lambdaAfter("shared", "python3.12", 1024, 60, false), unknown: lambdaUnknown})
		for i := 0; i < n; i++ {
			emit(change{typ: "aws_api_gateway_integration", name: "route", key: fmt.Sprintf(`"r%d"`, i),
				after:   `{"http_method":"POST","integration_http_method":"POST","timeout_milliseconds":29000,"type":"AWS_PROXY"}`,
				unknown: `{"id":true,"resource_id":true,"rest_api_id":true,"uri":true}`})
		}
		for i := 0; i < n; i++ {
			emit(change{typ: "aws_sqs_queue", name: "q", key: fmt.Sprintf(`"r%d"`, i),
				after: fmt.Sprintf(`{"name":"q-%d","visibility_timeout_seconds":30,"fifo_queue":false}`, i), unknown: `{"arn":true,"id":true,"url":true}`})
			emit(change{typ: "aws_lambda_event_source_mapping", name: "q", key: fmt.Sprintf(`"r%d"`, i),
				after: `{"batch_size":10,"enabled":true}`, unknown: `{"event_source_arn":true,"function_name":true,"uuid":true}`})
		}
	}
	config := func(p *planWriter) {
		p.raw(`{"resources":` + resourcesJSON(
			configResource{typ: "aws_lambda_function", name: "shared", expressions: lambdaConfig},
			configResource{typ: "aws_api_gateway_integration", name: "route", forEach: `["var.routes"]`,
				expressions: `{"type":{"constant_value":"AWS_PROXY"},"uri":{"references":["aws_lambda_function.shared.invoke_arn","aws_lambda_function.shared"]}}`},
			configResource{typ: "aws_sqs_queue", name: "q", forEach: `["var.routes"]`, expressions: `{"name":{"references":["each.key"]},"visibility_timeout_seconds":{"constant_value":30}}`},
			configResource{typ: "aws_lambda_event_source_mapping", name: "q", forEach: `["var.routes"]`,
				expressions: `{"event_source_arn":{"references":["aws_sqs_queue.q","each.key"]},"function_name":{"references":["aws_lambda_function.shared.arn","aws_lambda_function.shared"]}}`},
		) + `}`)
	}
	return writePlan(w, changes, config)
}

// ManyFindings writes n functions that each break several rules: a deprecated runtime, a timeout
// near the platform limit, a heavy runtime with little memory.
func ManyFindings(w io.Writer, n int) error {
	changes := func(emit func(change)) {
		for i := 0; i < n; i++ {
			emit(change{typ: "aws_lambda_function", name: "fn", key: fmt.Sprintf(`"f%d"`, i),
				after: lambdaAfter(fmt.Sprintf("old-%d", i), []string{"java8", "python3.7", "nodejs14.x", "dotnetcore3.1"}[i%4], 128, 900, false), unknown: lambdaUnknown})
		}
	}
	config := func(p *planWriter) {
		p.raw(`{"resources":` + resourcesJSON(configResource{typ: "aws_lambda_function", name: "fn", expressions: lambdaConfig, forEach: `["var.functions"]`}) + `}`)
	}
	return writePlan(w, changes, config)
}
