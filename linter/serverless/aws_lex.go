package serverless

import (
	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
	"github.com/hybridlint/terraform-provider-hybrid/linter/graph"
	"github.com/hybridlint/terraform-provider-hybrid/linter/plan"
)

// This file finds the Lambda functions that Amazon Lex V2 bots run as code hooks, and how long Lex
// waits for them to fulfill an intent.
//
// A Lex V2 bot runs one function per bot alias and locale, for every code hook of every intent
// (dialog and fulfillment). The function is set on the alias (awscc_lex_bot_alias; the AWS
// provider has no bot alias resource yet), the hooks on the intents (aws_lexv2models_intent, or the
// intents inline in an awscc_lex_bot). Lex waits 30 s for fulfillment unless an intent turns
// fulfillment updates on, which sets a timeout of its own. The dialog code hook has no documented
// limit, so only fulfillment is checked, and only when an intent of the alias's bot is known to
// enable its fulfillment code hook.

// LexFulfillmentRule is the timing rule that reports a function outlasting Lex V2 fulfillment.
const LexFulfillmentRule = "aws_lambda_timeout_exceeds_lex_fulfillment"

// LexCodeHook is a function a Lex V2 bot alias runs for fulfillment, with the time Lex waits.
type LexCodeHook struct {
	Alias      *graph.Instance
	Invocation graph.Invocation
	// LimitSeconds is the longest any fulfillment-enabled intent of the bot waits: the 30 s
	// default, or the timeout of an intent with fulfillment updates. A function timeout above it
	// outlasts every intent's fulfillment.
	LimitSeconds int
	// Intents are the intents that enable fulfillment, or whose fulfillment updates set the limit.
	Intents []*graph.Instance
}

// lexBotAliasTypes are the resource types of a Lex V2 bot alias.
var lexBotAliasTypes = []string{"awscc_lex_bot_alias"}

// LexFulfillmentHooks returns every function a Lex V2 bot alias of the plan runs, when the plan
// shows an intent of its bot that fulfills through the function and the time Lex waits for it.
func LexFulfillmentHooks(g *graph.Graph) []LexCodeHook {
	var out []LexCodeHook
	for _, typ := range lexBotAliasTypes {
		for _, alias := range g.ByType(typ) {
			if alias.Deleted() {
				continue
			}
			limit, intents, ok := lexFulfillmentLimit(g, alias)
			if !ok {
				continue
			}
			for _, inv := range lexCodeHookFunctions(g, alias) {
				out = append(out, LexCodeHook{Alias: alias, Invocation: inv, LimitSeconds: limit, Intents: intents})
			}
		}
	}
	return out
}

// LexFulfillmentCallers is the CallerFinder of Lex V2 fulfillment.
func LexFulfillmentCallers(g *graph.Graph, _ Inputs) []CallerLimit {
	var out []CallerLimit
	for _, h := range LexFulfillmentHooks(g) {
		out = append(out, CallerLimit{Function: h.Invocation.Function, Caller: h.Alias, Via: AliasAddress(h.Invocation),
			LimitMillis: h.LimitSeconds * 1000, Label: "Lex V2 fulfillment limit", Rule: LexFulfillmentRule,
			Synchronous: true, Qualifier: versionReached(g, h.Invocation)})
	}
	return out
}

// lexCodeHookFunctions resolves the functions of an alias's locale settings: by the known ARN of
// each enabled locale, or, when every locale is enabled, through the references of the settings.
func lexCodeHookFunctions(g *graph.Graph, alias *graph.Instance) []graph.Invocation {
	const settings = "bot_alias_locale_settings"
	locales, ok := alias.Get(settings).List()
	if !ok {
		return nil
	}
	var out []graph.Invocation
	seen := map[*graph.Instance]bool{}
	add := func(invs []graph.Invocation) {
		for _, inv := range invs {
			if !seen[inv.Function] {
				seen[inv.Function] = true
				out = append(out, inv)
			}
		}
	}
	allEnabled := true
	for i := range locales {
		enabled, known := alias.Get(settings, i, "bot_alias_locale_setting", "enabled").Bool()
		if !known || !enabled {
			allEnabled = false
			continue
		}
		arn := alias.Get(settings, i, "bot_alias_locale_setting", "code_hook_specification", "lambda_code_hook", "lambda_arn")
		if s, ok := arn.String(); ok {
			add(g.FunctionsByValue(s))
		}
	}
	if allEnabled {
		// The settings are one expression in configuration: its references name the functions of
		// all locales together, each of them a code hook of an enabled locale.
		add(g.ReferencedFunctions(alias, settings))
	}
	return out
}

// lexFulfillmentLimit finds the intents of the alias's bot and the longest time Lex waits for
// their fulfillment. ok is false when no intent of the plan is known to fulfill through the code
// hook, or when an intent's fulfillment timeout is unknown.
func lexFulfillmentLimit(g *graph.Graph, alias *graph.Instance) (limit int, intents []*graph.Instance, ok bool) {
	bots := map[*graph.Instance]bool{}
	var botOrder []*graph.Instance
	for _, e := range g.Targets(alias, "bot_id") {
		if !bots[e.To] {
			bots[e.To] = true
			botOrder = append(botOrder, e.To)
		}
	}
	botID, _ := alias.Get("bot_id").String()
	enabled := false
	consider := func(intent *graph.Instance, base []any, lists bool) bool {
		on, set, known := lexIntentFulfillment(intent, base, lists)
		if !known {
			return false
		}
		if on || set > platform.LexV2FulfillmentDefaultTimeoutSeconds {
			intents = appendInstance(intents, intent)
		}
		enabled = enabled || on
		limit = max(limit, set)
		return true
	}
	for _, intent := range g.ByType("aws_lexv2models_intent") {
		if intent.Deleted() || !lexSameBot(g, intent, bots, botID) {
			continue
		}
		if !consider(intent, nil, true) {
			return 0, nil, false
		}
	}
	for _, bot := range botOrder {
		if bot.Type != "awscc_lex_bot" || bot.Deleted() {
			continue
		}
		locales, _ := bot.Get("bot_locales").List()
		for i := range locales {
			list, _ := bot.Get("bot_locales", i, "intents").List()
			for j := range list {
				if !consider(bot, []any{"bot_locales", i, "intents", j}, false) {
					return 0, nil, false
				}
			}
		}
	}
	if !enabled {
		return 0, nil, false
	}
	return limit, intents, true
}

// lexSameBot reports whether an intent belongs to the bot an alias names: both reference the same
// bot resource, or both hold the same known bot id.
func lexSameBot(g *graph.Graph, intent *graph.Instance, bots map[*graph.Instance]bool, botID string) bool {
	for _, e := range g.Targets(intent, "bot_id") {
		if bots[e.To] {
			return true
		}
	}
	id, ok := intent.Get("bot_id").String()
	return ok && botID != "" && id == botID
}

// lexIntentFulfillment reads an intent's fulfillment code hook at base: whether it is certainly
// on, and how long Lex waits for it (the 30 s default, or the timeout of active fulfillment
// updates). The AWS provider writes the hook's blocks as lists of one (lists), awscc as objects.
// known is false when the wait cannot be told.
func lexIntentFulfillment(intent *graph.Instance, base []any, lists bool) (on bool, limit int, known bool) {
	path := func(names ...string) []any {
		p := append([]any{}, base...)
		for i, n := range names {
			p = append(p, n)
			if lists && i < len(names)-1 {
				p = append(p, 0)
			}
		}
		return p
	}
	on, _ = intent.Get(path("fulfillment_code_hook", "enabled")...).Bool()
	active := intent.Get(path("fulfillment_code_hook", "fulfillment_updates_specification", "active")...)
	switch {
	case active.State == plan.Null || active.State == plan.Absent:
		return on, platform.LexV2FulfillmentDefaultTimeoutSeconds, true
	case !active.Known():
		return on, 0, false
	}
	if updates, _ := active.Bool(); !updates {
		return on, platform.LexV2FulfillmentDefaultTimeoutSeconds, true
	}
	t, ok := intent.Get(path("fulfillment_code_hook", "fulfillment_updates_specification", "timeout_in_seconds")...).PositiveInt()
	return on, t, ok
}

func appendInstance(list []*graph.Instance, inst *graph.Instance) []*graph.Instance {
	for _, x := range list {
		if x == inst {
			return list
		}
	}
	return append(list, inst)
}
