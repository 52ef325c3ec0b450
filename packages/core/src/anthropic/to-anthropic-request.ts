import type { ChatRequest, ReasoningOptions, ResponseFormat } from '../spec/v1/chat-request.js';
import type { ProviderCall } from '../spec/v1/provider-adapter.js';
import type { Warning } from '../spec/v1/warning.js';
import { withExtras } from './anthropic-extras.js';
import { hasNativeOutputFormat } from './anthropic-output-format.js';
import { lacksThinkingForToolLoop, toAnthropicPrompt } from './to-anthropic-messages.js';

/**
 * `max_tokens` sent to Anthropic when the client did not set one (an OpenAI client, say):
 * Anthropic requires the field. With thinking on, the default becomes `budget_tokens` + this,
 * so that the answer keeps room after the thinking budget.
 */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

/** Anthropic's smallest thinking budget. */
const MIN_THINKING_BUDGET = 1024;

/** Thinking budgets used for a reasoning effort (OpenAI `reasoning_effort`). */
const budgetByEffort: Record<string, number> = {
  minimal: 1024,
  low: 1024,
  medium: 4096,
  high: 16384,
  xhigh: 32768,
};

/** Hosted-gateway routing fields a client may send that never go to a provider. */
const gatewayOnlyKeys = new Set(['models', 'fallbacks', 'provider', 'providerOptions']);

/** The same for an OpenAI-format client (OpenRouter's `route`, `transforms`, `usage` too). */
const foreignGatewayOnlyKeys = new Set([...gatewayOnlyKeys, 'route', 'transforms', 'usage']);

/** Fields `POST /v1/messages/count_tokens` accepts. */
const countTokensKeys = [
  'model',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'thinking',
  'mcp_servers',
  'context_management',
];

/** Options of {@link toAnthropicMessagesRequest}. */
export interface ToAnthropicRequestOptions {
  /** `max_tokens` when the request has none; {@link DEFAULT_ANTHROPIC_MAX_TOKENS} by default. */
  defaultMaxTokens?: number;
}

/**
 * Builds the body of `POST /v1/messages` for a provider call, and the warnings about what could
 * not be honoured. `stream` is not set: the adapter adds `stream: true` for a streamed call.
 *
 * - `model` is `call.modelId`; messages and system prompts as described in `toAnthropicPrompt`.
 * - `max_tokens`: the request's, else `defaultMaxTokens` (+ the thinking budget when thinking is on).
 * - `responseFormat` json: Anthropic has no JSON mode here, so a system block instructs JSON output
 *   (matching the schema when there is one), with a 'compatibility' warning; not when an
 *   Anthropic client sent its own `output_config.format`, which passes through as sent.
 * - `reasoning`: a budget -> `thinking` enabled; an effort -> a budget (low 1024, medium 4096,
 *   high 16384) with a 'compatibility' warning; `enabled: false` -> disabled.
 * - `n` > 1, `seed`, presence/frequency penalties, logprobs, OpenAI `metadata`: 'unsupported' warnings.
 * - `temperature` above 1 is sent as is (never clamped) with a 'compatibility' warning.
 * - When the client spoke Anthropic (`source.format === 'anthropic'`), `source.extraFields` are
 *   merged into the body (mapped fields win; `models`, `fallbacks`, `provider`,
 *   `providerOptions` are dropped), so `context_management`, `service_tier`, `container`... pass.
 *   Another format's unmapped fields (OpenAI's `logit_bias`...) are not sent: an 'unsupported'
 *   warning each.
 */
export function toAnthropicMessagesRequest(
  call: ProviderCall,
  options: ToAnthropicRequestOptions = {},
): { body: Record<string, unknown>; warnings: Warning[] } {
  const request = call.request;
  const warnings: Warning[] = [];
  const prompt = toAnthropicPrompt(request.messages, warnings);
  if (request.responseFormat?.type === 'json' && !hasNativeOutputFormat(request)) {
    prompt.system.push({ type: 'text', text: jsonInstruction(request.responseFormat) });
    warnings.push({
      type: 'compatibility',
      feature: 'responseFormat',
      details:
        'Anthropic has no JSON response format; JSON output was requested in the system prompt instead.',
    });
  }
  let thinking = toThinking(request.reasoning, request.maxOutputTokens, warnings);
  if (thinking?.type === 'enabled' && lacksThinkingForToolLoop(prompt.messages)) {
    thinking = undefined;
    warnings.push({
      type: 'compatibility',
      feature: 'reasoning',
      details:
        'Thinking was not enabled: the last assistant turn has tool calls without the signed thinking block Anthropic requires.',
    });
  }
  const defaultMaxTokens = options.defaultMaxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS;
  const body: Record<string, unknown> = {
    model: call.modelId,
    max_tokens:
      request.maxOutputTokens ??
      (thinking?.type === 'enabled'
        ? (thinking.budget_tokens as number) + defaultMaxTokens
        : defaultMaxTokens),
  };
  if (prompt.system.length > 0) body.system = prompt.system;
  body.messages = prompt.messages;
  addSampling(request, body, warnings);
  addTools(request, body, warnings);
  if (thinking !== undefined) body.thinking = thinking;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  addUnsupportedWarnings(request, warnings);
  if (request.source?.format === 'anthropic') {
    const extra = request.source.extraFields;
    for (const key in extra) {
      if (!(key in body) && !gatewayOnlyKeys.has(key) && extra[key] !== undefined) body[key] = extra[key];
    }
  } else if (request.source !== undefined) {
    warnForeignFields(request.source.format, request.source.extraFields, warnings);
  }
  return { body, warnings };
}

/**
 * Warns about the top-level fields another format's client sent that the canonical model does not
 * map (OpenAI's `logit_bias`, `service_tier`, `store`...): Anthropic has no field for them, so
 * they are not sent, and that must not be silent.
 */
function warnForeignFields(format: string, extraFields: Record<string, unknown>, warnings: Warning[]): void {
  for (const key in extraFields) {
    if (extraFields[key] === undefined || foreignGatewayOnlyKeys.has(key)) continue;
    warnings.push({
      type: 'unsupported',
      feature: key,
      details: `a field of the ${format} request format that Anthropic has no equivalent for; not sent`,
    });
  }
}

/**
 * Builds the body of `POST /v1/messages/count_tokens` for a provider call: the messages request
 * restricted to the fields that endpoint accepts.
 */
export function toAnthropicCountTokensRequest(call: ProviderCall): {
  body: Record<string, unknown>;
  warnings: Warning[];
} {
  const { body, warnings } = toAnthropicMessagesRequest(call);
  const counted: Record<string, unknown> = {};
  for (const key of countTokensKeys) if (body[key] !== undefined) counted[key] = body[key];
  return { body: counted, warnings };
}

function addSampling(request: ChatRequest, body: Record<string, unknown>, warnings: Warning[]): void {
  if (request.temperature !== undefined) {
    body.temperature = request.temperature;
    if (request.temperature > 1) {
      warnings.push({
        type: 'compatibility',
        feature: 'temperature',
        details: `Anthropic accepts 0 to 1; ${request.temperature} was sent unchanged and may be rejected.`,
      });
    }
  }
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) {
    body.stop_sequences = request.stopSequences;
  }
}

function addTools(request: ChatRequest, body: Record<string, unknown>, warnings: Warning[]): void {
  const tools: Record<string, unknown>[] = [];
  let droppedStrict = false;
  for (const tool of request.tools ?? []) {
    if (tool.type === 'provider') {
      if (tool.format === 'anthropic') tools.push(tool.raw);
      else warnings.push({ type: 'unsupported', feature: `provider tool ${tool.name} (${tool.format})` });
      continue;
    }
    const wire: Record<string, unknown> = { name: tool.name };
    if (tool.description !== undefined) wire.description = tool.description;
    wire.input_schema = tool.inputSchema;
    tools.push(withExtras(wire, tool.providerOptions));
    if (tool.strict === true && !droppedStrict) {
      droppedStrict = true;
      warnings.push({
        type: 'unsupported',
        feature: 'strict tools',
        details: 'Tool input is not schema-enforced.',
      });
    }
  }
  if (tools.length === 0) return;
  body.tools = tools;
  const choice = request.toolChoice;
  let wire: Record<string, unknown> | undefined;
  switch (choice?.type) {
    case 'auto':
      wire = { type: 'auto' };
      break;
    case 'required':
      wire = { type: 'any' };
      break;
    case 'tool':
      wire = { type: 'tool', name: choice.toolName };
      break;
    case 'none':
      wire = { type: 'none' };
      break;
  }
  if (request.parallelToolCalls === false && wire?.type !== 'none') {
    wire ??= { type: 'auto' };
    wire.disable_parallel_tool_use = true;
  }
  if (wire !== undefined) body.tool_choice = wire;
}

function toThinking(
  reasoning: ReasoningOptions | undefined,
  maxOutputTokens: number | undefined,
  warnings: Warning[],
): Record<string, unknown> | undefined {
  if (reasoning === undefined) return undefined;
  if (reasoning.enabled === false) return { type: 'disabled' };
  if (reasoning.budgetTokens !== undefined) return { type: 'enabled', budget_tokens: reasoning.budgetTokens };
  if (reasoning.effort === 'none') return undefined;
  if (reasoning.effort === undefined && reasoning.enabled !== true) return undefined;
  let budget = budgetByEffort[reasoning.effort ?? 'low'] ?? MIN_THINKING_BUDGET;
  if (maxOutputTokens !== undefined && maxOutputTokens <= budget) {
    budget = Math.max(MIN_THINKING_BUDGET, Math.floor(maxOutputTokens / 2));
    if (budget >= maxOutputTokens) {
      warnings.push({
        type: 'compatibility',
        feature: 'reasoning',
        details: `max_tokens ${maxOutputTokens} leaves no room for Anthropic's smallest thinking budget (1024); thinking was not enabled.`,
      });
      return undefined;
    }
  }
  warnings.push({
    type: 'compatibility',
    feature: 'reasoning',
    details: `Anthropic takes a thinking budget, not an effort; sent as budget_tokens ${budget}.`,
  });
  return { type: 'enabled', budget_tokens: budget };
}

function jsonInstruction(format: Extract<ResponseFormat, { type: 'json' }>): string {
  const rules = 'Respond with a single valid JSON value and nothing else: no prose, no Markdown code fences.';
  if (format.schema === undefined) return rules;
  const label = format.name === undefined ? '' : ` "${format.name}"`;
  const about = format.description === undefined ? '' : ` (${format.description})`;
  return `${rules} The JSON must conform to this JSON Schema${label}${about}:\n${JSON.stringify(format.schema)}`;
}

function addUnsupportedWarnings(request: ChatRequest, warnings: Warning[]): void {
  if (request.n !== undefined && request.n > 1) {
    warnings.push({
      type: 'unsupported',
      feature: 'n',
      details: 'Anthropic returns one choice per request.',
    });
  }
  if (request.seed !== undefined) warnings.push({ type: 'unsupported', feature: 'seed' });
  if (request.presencePenalty !== undefined)
    warnings.push({ type: 'unsupported', feature: 'presencePenalty' });
  if (request.frequencyPenalty !== undefined)
    warnings.push({ type: 'unsupported', feature: 'frequencyPenalty' });
  if (request.logprobs === true || request.topLogprobs !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'logprobs' });
  }
  if (request.metadata !== undefined && Object.keys(request.metadata).length > 0) {
    warnings.push({
      type: 'unsupported',
      feature: 'metadata',
      details: 'Anthropic accepts only metadata.user_id.',
    });
  }
}
