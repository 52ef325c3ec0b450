import type { ChatRequest, ReasoningOptions, ResponseFormat } from '../spec/v1/chat-request.js';
import type { ProviderCall } from '../spec/v1/provider-adapter.js';
import type { Tool, ToolChoice } from '../spec/v1/tool.js';
import type { Warning } from '../spec/v1/warning.js';
import { assignOpenAIExtras } from './openai-provider-options.js';
import { toOpenAIMessages } from './to-openai-messages.js';

/** Options of {@link toOpenAIChatRequest}. */
export interface ToOpenAIChatRequestOptions {
  /**
   * The field that carries the output token limit. Default: the one the client used
   * (`providerOptions.openai.maxTokensField`), else `max_tokens` (what OpenAI-compatible servers
   * accept; OpenAI's reasoning models need `max_completion_tokens`).
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Whether to ask for a stream; default `call.request.stream`. */
  stream?: boolean;
}

/**
 * Hosted-gateway options read by the gateway from `extraFields`, never sent upstream: routing
 * (`models`, `provider`, `providerOptions`, `route`, `transforms`) and OpenRouter's usage
 * accounting switch (`usage: {include: true}`; the gateway reports usage itself, and OpenAI
 * rejects the field).
 */
const gatewayOnlyKeys = new Set(['models', 'provider', 'providerOptions', 'route', 'transforms', 'usage']);

/** Hosted-gateway routing fields of an Anthropic-format request (`fallbacks` is Vercel's). */
const foreignGatewayOnlyKeys = new Set([...gatewayOnlyKeys, 'fallbacks']);

/** OpenAI's limit on `stop` (OpenAI-compatible servers may take more). */
export const OPENAI_MAX_STOP_SEQUENCES = 4;

/**
 * Warns about the top-level fields another format's client sent that the canonical model does not
 * map (Anthropic's `context_management`, `container`, `service_tier`...): OpenAI has no field for
 * them, so they are not sent, and that must not be silent. Anthropic's `output_format` and an
 * `output_config` holding only `format` are mapped (to `response_format`) and not reported.
 */
function warnForeignFields(request: ChatRequest, warnings: Warning[]): void {
  const source = request.source;
  if (source === undefined || source.format === 'openai') return;
  for (const key of Object.keys(source.extraFields)) {
    const value = source.extraFields[key];
    if (value === undefined || foreignGatewayOnlyKeys.has(key)) continue;
    if (key === 'output_format' && request.responseFormat !== undefined) continue;
    if (key === 'output_config' && request.responseFormat !== undefined && onlyFormat(value)) continue;
    warnings.push({
      type: 'unsupported',
      feature: key,
      details: `a field of the ${source.format} request format that OpenAI has no equivalent for; not sent`,
    });
  }
}

function onlyFormat(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).every((key) => key === 'format');
}

function toOpenAIStop(request: ChatRequest, stop: string[], warnings: Warning[]): string[] {
  // An OpenAI client's own list goes as sent: the upstream (maybe not OpenAI itself) decides.
  if (stop.length <= OPENAI_MAX_STOP_SEQUENCES || request.source?.format === 'openai') return stop;
  const dropped = stop.slice(OPENAI_MAX_STOP_SEQUENCES).map((sequence) => JSON.stringify(sequence));
  warnings.push({
    type: 'compatibility',
    feature: 'stopSequences',
    details: `OpenAI accepts at most ${OPENAI_MAX_STOP_SEQUENCES} stop sequences; not sent: ${dropped.join(', ')}`,
  });
  return stop.slice(0, OPENAI_MAX_STOP_SEQUENCES);
}

function toOpenAITool(tool: Tool, warnings: Warning[]): Record<string, unknown> | undefined {
  if (tool.type === 'provider') {
    if (tool.format === 'openai') return tool.raw;
    warnings.push({
      type: 'unsupported',
      feature: `provider tool ${tool.name}`,
      details: `a tool of the ${tool.format} format`,
    });
    return undefined;
  }
  const fn: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) fn.description = tool.description;
  fn.parameters = tool.inputSchema;
  if (tool.strict !== undefined) fn.strict = tool.strict;
  return assignOpenAIExtras({ type: 'function', function: fn }, tool.providerOptions);
}

function toOpenAIToolChoice(choice: ToolChoice): unknown {
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.toolName } } : choice.type;
}

function toOpenAIResponseFormat(format: ResponseFormat): Record<string, unknown> {
  if (format.type === 'text') return { type: 'text' };
  if (format.schema === undefined) return { type: 'json_object' };
  const spec: Record<string, unknown> = { name: format.name ?? 'response' };
  if (format.description !== undefined) spec.description = format.description;
  spec.schema = format.schema;
  if (format.strict !== undefined) spec.strict = format.strict;
  return { type: 'json_schema', json_schema: spec };
}

function toReasoningEffort(reasoning: ReasoningOptions | undefined, warnings: Warning[]): string | undefined {
  if (reasoning === undefined || reasoning.enabled === false) return undefined;
  if (reasoning.effort !== undefined) return reasoning.effort;
  const budget = reasoning.budgetTokens;
  if (budget === undefined) return undefined;
  const effort = budget <= 2048 ? 'low' : budget <= 8192 ? 'medium' : 'high';
  warnings.push({
    type: 'compatibility',
    feature: 'reasoning.budgetTokens',
    details: `a budget of ${budget} tokens was sent as reasoning_effort "${effort}"`,
  });
  return effort;
}

function maxTokensFieldOf(
  request: ChatRequest,
  override: ToOpenAIChatRequestOptions['maxTokensField'],
): string {
  if (override) return override;
  const field = request.providerOptions?.openai?.maxTokensField;
  return field === 'max_completion_tokens' || field === 'max_tokens' ? field : 'max_tokens';
}

/**
 * Converts a provider call to an OpenAI Chat Completions request body. Streams always ask for
 * the usage chunk (`stream_options.include_usage`), so cost is never lost. Settings OpenAI has no
 * field for (`topK`, other formats' provider tools, images in tool results) are dropped with an
 * `unsupported` warning; an Anthropic-style reasoning budget becomes `reasoning_effort` with a
 * `compatibility` warning. Top-level fields of another format's client that the canonical model
 * does not map (Anthropic's `context_management`...) are not sent, each with an `unsupported`
 * warning; more than 4 stop sequences from such a client are cut to OpenAI's 4, with a
 * `compatibility` warning.
 *
 * When the client spoke OpenAI too (`request.source.format === 'openai'`), the top-level fields
 * the canonical model does not know (`logit_bias`, `store`, ...) are passed through, minus the
 * gateway's own routing options; mapped fields win.
 */
export function toOpenAIChatRequest(
  call: ProviderCall,
  options: ToOpenAIChatRequestOptions = {},
): { body: Record<string, unknown>; warnings: Warning[] } {
  const request = call.request;
  const warnings: Warning[] = [];
  const stream = options.stream ?? request.stream;
  const source = request.source?.format === 'openai' ? request.source.extraFields : undefined;

  const body: Record<string, unknown> = {
    model: call.modelId,
    messages: toOpenAIMessages(request.messages, warnings),
  };
  if (stream) {
    body.stream = true;
    const extraStreamOptions = source?.stream_options;
    body.stream_options =
      typeof extraStreamOptions === 'object' && extraStreamOptions !== null
        ? { ...extraStreamOptions, include_usage: true }
        : { include_usage: true };
  }
  if (request.maxOutputTokens !== undefined)
    body[maxTokensFieldOf(request, options.maxTokensField)] = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) warnings.push({ type: 'unsupported', feature: 'topK' });
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0)
    body.stop = toOpenAIStop(request, request.stopSequences, warnings);
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.n !== undefined) body.n = request.n;
  if (request.responseFormat !== undefined)
    body.response_format = toOpenAIResponseFormat(request.responseFormat);
  if (request.tools !== undefined) {
    const tools: unknown[] = [];
    for (const tool of request.tools) {
      const converted = toOpenAITool(tool, warnings);
      if (converted) tools.push(converted);
    }
    if (tools.length > 0) body.tools = tools;
  }
  if (request.toolChoice !== undefined && body.tools !== undefined) {
    body.tool_choice = toOpenAIToolChoice(request.toolChoice);
  }
  if (request.parallelToolCalls !== undefined && body.tools !== undefined) {
    body.parallel_tool_calls = request.parallelToolCalls;
  }
  const effort = toReasoningEffort(request.reasoning, warnings);
  if (effort !== undefined) body.reasoning_effort = effort;
  if (request.logprobs !== undefined) body.logprobs = request.logprobs;
  if (request.topLogprobs !== undefined) body.top_logprobs = request.topLogprobs;
  if (request.user !== undefined) body.user = request.user;
  if (request.metadata !== undefined) {
    // OpenAI rejects `metadata` unless `store` is enabled: only an OpenAI client's own choice is passed on.
    if (source) body.metadata = request.metadata;
    else
      warnings.push({
        type: 'unsupported',
        feature: 'metadata',
        details: 'OpenAI accepts it only with store: true',
      });
  }

  warnForeignFields(request, warnings);
  if (source) {
    for (const key of Object.keys(source)) {
      if (key in body || gatewayOnlyKeys.has(key)) continue;
      if (key === 'stream_options' && !stream) continue;
      body[key] = source[key];
    }
  }
  return { body, warnings };
}
