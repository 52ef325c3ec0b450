import type { ChatRequest, ProviderCall, ReasoningOptions, Tool, ToolChoice, Warning } from '@signalbox/core';
import { readCohereChatOptions } from './cohere-chat-options.js';
import type { CohereChatRequest, CohereTool } from './cohere-wire-types.js';
import { toCohereMessages, warnOnce } from './to-cohere-messages.js';

/** Options of {@link toCohereRequest}. */
export interface ToCohereRequestOptions {
  /** Whether to ask for a stream; default `call.request.stream`. */
  stream?: boolean;
  /** The provider name, whose `providerOptions` entry holds Cohere-only fields; default `cohere`. */
  provider?: string;
}

/** Top-level fields of other formats that are gateway options, not model settings. */
const gatewayFields = new Set([
  'models',
  'provider',
  'providerOptions',
  'route',
  'transforms',
  'usage',
  'fallbacks',
]);

function toCohereTools(tools: Tool[], warnings: Warning[]): CohereTool[] {
  const result: CohereTool[] = [];
  for (const tool of tools) {
    if (tool.type === 'provider') {
      warnOnce(warnings, {
        type: 'unsupported',
        feature: `provider tool ${tool.name}`,
        details: `a tool of the ${tool.format} format`,
      });
      continue;
    }
    const fn: CohereTool['function'] = { name: tool.name, parameters: tool.inputSchema };
    if (tool.description !== undefined) fn.description = tool.description;
    result.push({ type: 'function', function: fn });
  }
  return result;
}

/** Cohere's `tool_choice` has no `AUTO` (the default) and cannot name a tool. */
function applyToolChoice(body: CohereChatRequest, choice: ToolChoice, warnings: Warning[]): void {
  if (choice.type === 'none') body.tool_choice = 'NONE';
  else if (choice.type === 'required') body.tool_choice = 'REQUIRED';
  else if (choice.type === 'tool') {
    const named = body.tools?.filter((tool) => tool.function.name === choice.toolName) ?? [];
    if (named.length > 0) body.tools = named;
    body.tool_choice = 'REQUIRED';
    warnings.push({
      type: 'compatibility',
      feature: 'toolChoice',
      details: `Cohere cannot name a tool: only '${choice.toolName}' was offered, with tool_choice REQUIRED`,
    });
  }
}

function toThinking(reasoning: ReasoningOptions, warnings: Warning[]): CohereChatRequest['thinking'] {
  if (reasoning.enabled === false || reasoning.effort === 'none') return { type: 'disabled' };
  if (reasoning.budgetTokens !== undefined) return { type: 'enabled', token_budget: reasoning.budgetTokens };
  if (reasoning.effort !== undefined) {
    warnings.push({
      type: 'compatibility',
      feature: 'reasoning.effort',
      details: `Cohere takes a token budget, not an effort: thinking was enabled with the model's default budget`,
    });
  }
  return { type: 'enabled' };
}

function unsupportedSettings(request: ChatRequest, warnings: Warning[]): void {
  const unsupported = (feature: string, details: string) =>
    warnings.push({ type: 'unsupported', feature, details });
  if (request.n !== undefined && request.n > 1) unsupported('n', 'Cohere answers one choice per request');
  if (request.parallelToolCalls === false)
    unsupported('parallelToolCalls', 'Cohere cannot be told to call one tool at a time');
  if (request.logprobs)
    unsupported('logprobs', 'not mapped by this adapter (set providerOptions.cohere.logprobs)');
  if (request.topLogprobs !== undefined)
    unsupported('topLogprobs', 'Cohere does not return alternative tokens');
  if (request.user !== undefined) unsupported('user', 'Cohere has no end-user field');
  if (request.metadata !== undefined) unsupported('metadata', 'Cohere has no request metadata');
  const extra = request.source?.extraFields ?? {};
  for (const field of Object.keys(extra)) {
    if (!gatewayFields.has(field))
      unsupported(field, `a ${request.source?.format} field Cohere has no equivalent for`);
  }
}

/**
 * Converts a provider call to a Cohere v2 Chat request body (`POST /v2/chat`):
 * `maxOutputTokens` -> `max_tokens`, `topP` -> `p`, `topK` -> `k`, `stopSequences` ->
 * `stop_sequences`, penalties, `seed`, JSON response format -> `json_object` (+ `json_schema`),
 * function tools, tool choice (`none` -> `NONE`, `required` -> `REQUIRED`), strict tools ->
 * `strict_tools`, reasoning -> `thinking`, text files -> `documents`, and the Cohere-only fields
 * of `providerOptions.cohere` (which win over mapped ones). Values are sent as given: Cohere
 * answers a 400 for one out of its range, the adapter never clamps.
 *
 * What Cohere cannot express becomes a warning: a named tool choice (sent as REQUIRED with only
 * that tool), `parallelToolCalls: false`, `n > 1`, logprobs, `user`, `metadata`, unmapped
 * fields of the client's own format, and the content `toCohereMessages` leaves out.
 */
export function toCohereRequest(
  call: ProviderCall,
  options: ToCohereRequestOptions = {},
): { body: CohereChatRequest; warnings: Warning[] } {
  const request = call.request;
  const warnings: Warning[] = [];
  const { messages, documents } = toCohereMessages(request.messages, warnings);
  const body: CohereChatRequest = { model: call.modelId, messages };
  if (options.stream ?? request.stream) body.stream = true;
  if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.p = request.topP;
  if (request.topK !== undefined) body.k = request.topK;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0)
    body.stop_sequences = request.stopSequences;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  const format = request.responseFormat;
  if (format?.type === 'json') {
    body.response_format =
      format.schema === undefined
        ? { type: 'json_object' }
        : { type: 'json_object', json_schema: format.schema };
  }
  if (request.tools !== undefined) {
    const tools = toCohereTools(request.tools, warnings);
    if (tools.length > 0) body.tools = tools;
    const strict = request.tools.filter((tool) => tool.type === 'function' && tool.strict).length;
    if (strict > 0) body.strict_tools = true;
    if (strict > 0 && strict < tools.length)
      warnings.push({
        type: 'compatibility',
        feature: 'tool strict',
        details: 'Cohere turns strict mode on for all tools at once (strict_tools)',
      });
  }
  if (request.toolChoice !== undefined && body.tools !== undefined)
    applyToolChoice(body, request.toolChoice, warnings);
  if (request.reasoning !== undefined) body.thinking = toThinking(request.reasoning, warnings);
  if (documents.length > 0) body.documents = documents;
  unsupportedSettings(request, warnings);
  Object.assign(body, readCohereChatOptions(request, options.provider ?? 'cohere'));
  return { body, warnings };
}
