import type { ChatRequest, FunctionTool, ProviderCall, ResponseFormat, Warning } from '@signalbox/core';
import { parseBedrockRequestOptions } from './bedrock-request-options.js';
import type {
  BedrockConverseRequest,
  BedrockInferenceConfig,
  BedrockTool,
  BedrockToolChoice,
} from './bedrock-wire-types.js';
import { CACHE_POINT, hasCacheMarker } from './to-bedrock-content.js';
import { toBedrockPrompt } from './to-bedrock-messages.js';
import { toBedrockThinking } from './to-bedrock-thinking.js';

/** Hosted-gateway routing fields a client may send that never go to a provider. */
const gatewayOnlyKeys = new Set([
  'models',
  'fallbacks',
  'provider',
  'providerOptions',
  'route',
  'transforms',
  'usage',
]);

/**
 * Whether a Bedrock model id names an Anthropic model (`anthropic.claude-...`, an inference
 * profile `us.anthropic.claude-...`, or an ARN of one): those take `thinking`, `top_k` and
 * `anthropic_beta` in `additionalModelRequestFields`.
 */
export function isAnthropicModel(modelId: string): boolean {
  return /(^|[./:])anthropic\./.test(modelId);
}

function toToolConfig(request: ChatRequest, warnings: Warning[]): BedrockConverseRequest['toolConfig'] {
  const tools: BedrockTool[] = [];
  for (const tool of request.tools ?? []) {
    if (tool.type !== 'function') {
      warnings.push({
        type: 'unsupported',
        feature: 'provider tool',
        details: `The ${tool.format} tool '${tool.name}' has no Converse equivalent; it was not sent.`,
      });
      continue;
    }
    tools.push(toToolSpec(tool));
    if (hasCacheMarker(tool.providerOptions)) tools.push(CACHE_POINT);
  }
  if (tools.length === 0) return undefined;
  const choice = request.toolChoice;
  let toolChoice: BedrockToolChoice | undefined;
  if (choice?.type === 'auto') toolChoice = { auto: {} };
  else if (choice?.type === 'required') toolChoice = { any: {} };
  else if (choice?.type === 'tool') toolChoice = { tool: { name: choice.toolName } };
  if (request.parallelToolCalls === false)
    warnings.push({
      type: 'unsupported',
      feature: 'parallelToolCalls',
      details: 'Converse cannot turn off parallel tool calls.',
    });
  return toolChoice === undefined ? { tools } : { tools, toolChoice };
}

function toToolSpec(tool: FunctionTool): BedrockTool {
  return {
    toolSpec: {
      name: tool.name,
      ...(tool.description !== undefined && { description: tool.description }),
      inputSchema: { json: tool.inputSchema },
    },
  };
}

function hasToolBlocks(body: BedrockConverseRequest): boolean {
  return body.messages.some((message) =>
    message.content.some((block) => 'toolUse' in block || 'toolResult' in block),
  );
}

function jsonInstruction(format: Extract<ResponseFormat, { type: 'json' }>): string {
  const rules = 'Respond with a single valid JSON value and nothing else: no prose, no Markdown code fences.';
  if (format.schema === undefined) return rules;
  const label = format.name === undefined ? '' : ` "${format.name}"`;
  const about = format.description === undefined ? '' : ` (${format.description})`;
  return `${rules} The JSON must conform to this JSON Schema${label}${about}:\n${JSON.stringify(format.schema)}`;
}

function warnUnsupported(request: ChatRequest, anthropic: boolean, warnings: Warning[]): void {
  const unsupported: Array<[boolean, string]> = [
    [request.n !== undefined && request.n > 1, 'n'],
    [request.seed !== undefined, 'seed'],
    [request.presencePenalty !== undefined, 'presencePenalty'],
    [request.frequencyPenalty !== undefined, 'frequencyPenalty'],
    [request.logprobs === true || request.topLogprobs !== undefined, 'logprobs'],
    [request.user !== undefined, 'user'],
    [request.topK !== undefined && !anthropic, 'topK'],
  ];
  for (const [present, feature] of unsupported) if (present) warnings.push({ type: 'unsupported', feature });
  for (const key in request.source?.extraFields ?? {}) {
    if (gatewayOnlyKeys.has(key) || request.source?.extraFields[key] === undefined) continue;
    warnings.push({
      type: 'unsupported',
      feature: key,
      details: `The ${request.source?.format} field '${key}' has no Converse equivalent; it was not sent.`,
    });
  }
}

/**
 * Builds the body of `POST /model/{modelId}/converse` (and `/converse-stream`, same body) for a
 * provider call, and the warnings about what could not be honoured:
 *
 * - `messages` and `system` from `toBedrockPrompt`; `inferenceConfig` from `maxOutputTokens`,
 *   `temperature`, `topP`, `stopSequences` (never clamped, never defaulted);
 * - tools as `toolConfig.tools[].toolSpec`, tool choice auto -> `auto`, required -> `any`, a named
 *   tool -> `tool`; `none` leaves the tools out (kept, with a warning, when the conversation has
 *   tool blocks, which Converse only accepts with a `toolConfig`);
 * - Anthropic models: `topK` -> `top_k`, reasoning -> `thinking` (an effort becomes a budget), an
 *   Anthropic client's `anthropic-beta` header -> `anthropic_beta`, all in
 *   `additionalModelRequestFields`; other models get 'unsupported' warnings for them;
 * - JSON response format: a system instruction, with a 'compatibility' warning;
 * - `metadata` -> `requestMetadata`; `n`, `seed`, penalties, logprobs, `user` and the client's
 *   unmapped wire fields: 'unsupported' warnings;
 * - `providerOptions.bedrock` (guardrails, performance, extra model fields...) merged last.
 */
export function toBedrockConverseRequest(call: ProviderCall): {
  body: BedrockConverseRequest;
  warnings: Warning[];
} {
  const request = call.request;
  const warnings: Warning[] = [];
  const anthropic = isAnthropicModel(call.modelId);
  const prompt = toBedrockPrompt(request.messages, warnings);
  if (request.responseFormat?.type === 'json') {
    prompt.system.push({ text: jsonInstruction(request.responseFormat) });
    warnings.push({
      type: 'compatibility',
      feature: 'responseFormat',
      details:
        'Converse has no JSON response format; JSON output was requested in the system prompt instead.',
    });
  }
  const body: BedrockConverseRequest = { messages: prompt.messages };
  if (prompt.system.length > 0) body.system = prompt.system;

  const inference: BedrockInferenceConfig = {};
  if (request.maxOutputTokens !== undefined) inference.maxTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) inference.temperature = request.temperature;
  if (request.topP !== undefined) inference.topP = request.topP;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0)
    inference.stopSequences = request.stopSequences;

  const additional: Record<string, unknown> = {};
  if (anthropic) {
    if (request.topK !== undefined) additional.top_k = request.topK;
    const thinking = toBedrockThinking(request.reasoning, request.maxOutputTokens, warnings);
    if (thinking !== undefined) {
      additional.thinking = thinking;
      if (thinking.type === 'enabled' && inference.maxTokens === undefined)
        inference.maxTokens = thinking.budget_tokens + 4096;
    }
    const beta =
      request.source?.format === 'anthropic' ? request.source.forwardHeaders['anthropic-beta'] : undefined;
    if (beta)
      additional.anthropic_beta = beta
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
  } else if (
    request.reasoning !== undefined &&
    request.reasoning.effort !== 'none' &&
    request.reasoning.enabled !== false
  ) {
    warnings.push({
      type: 'unsupported',
      feature: 'reasoning',
      details:
        'Reasoning settings are only mapped for Anthropic models on Bedrock; set them in providerOptions.bedrock.additionalModelRequestFields.',
    });
  }
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;

  const toolConfig = request.toolChoice?.type === 'none' ? undefined : toToolConfig(request, warnings);
  if (toolConfig !== undefined) body.toolConfig = toolConfig;
  else if (request.toolChoice?.type === 'none' && request.tools?.length && hasToolBlocks(body)) {
    body.toolConfig = toToolConfig({ ...request, toolChoice: { type: 'auto' } }, warnings);
    warnings.push({
      type: 'compatibility',
      feature: 'toolChoice',
      details:
        "Converse has no tool choice 'none' and needs the tools when the conversation has tool calls; they were offered with 'auto'.",
    });
  }
  if (request.metadata !== undefined && Object.keys(request.metadata).length > 0)
    body.requestMetadata = { ...request.metadata };
  warnUnsupported(request, anthropic, warnings);

  const options = parseBedrockRequestOptions(request.providerOptions?.bedrock);
  if (options !== undefined) {
    const { additionalModelRequestFields, requestMetadata, ...rest } = options;
    Object.assign(additional, additionalModelRequestFields);
    if (requestMetadata !== undefined) body.requestMetadata = { ...body.requestMetadata, ...requestMetadata };
    Object.assign(body, rest);
  }
  if (Object.keys(additional).length > 0) body.additionalModelRequestFields = additional;
  return { body, warnings };
}
