import type { ChatRequest, ResponseFormat } from '../spec/v1/chat-request.js';
import type { Tool, ToolChoice } from '../spec/v1/tool.js';
import { decodeOpenAIMessage } from './decode-openai-messages.js';
import {
  type OpenAIResponseFormat,
  type OpenAITool,
  type OpenAIToolChoice,
  openaiChatRequestSchema,
} from './openai-chat-request-schema.js';
import { collectExtras, partProviderOptions } from './openai-provider-options.js';
import { openaiValidationError } from './openai-validation-error.js';

/** Top-level fields mapped onto the canonical request; everything else goes to `source.extraFields`. */
const mappedKeys = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'top_k',
  'n',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'stop',
  'logprobs',
  'top_logprobs',
  'user',
  'metadata',
  'reasoning_effort',
  'response_format',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
]);
const functionToolKeys = new Set(['type', 'function']);
const streamOptionKeys = new Set(['include_usage']);
const emptyObjectSchema: Record<string, unknown> = { type: 'object', properties: {} };

function decodeTool(tool: OpenAITool): Tool {
  if (tool.type !== 'function') {
    return { type: 'provider', format: 'openai', name: tool.custom.name, raw: tool };
  }
  const fn = tool.function;
  const decoded: Tool = { type: 'function', name: fn.name, inputSchema: fn.parameters ?? emptyObjectSchema };
  if (fn.description != null) decoded.description = fn.description;
  if (fn.strict != null) decoded.strict = fn.strict;
  const providerOptions = partProviderOptions(collectExtras(tool, functionToolKeys));
  if (providerOptions) decoded.providerOptions = providerOptions;
  return decoded;
}

/** The canonical tool choice, or `undefined` for the objects it cannot express (kept verbatim). */
function decodeToolChoice(choice: OpenAIToolChoice): ToolChoice | undefined {
  if (typeof choice === 'string') return { type: choice };
  if (choice.type === 'function' && 'function' in choice)
    return { type: 'tool', toolName: choice.function.name };
  return undefined;
}

function decodeResponseFormat(format: OpenAIResponseFormat): ResponseFormat {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const spec = format.json_schema;
      const decoded: ResponseFormat = { type: 'json', name: spec.name };
      if (spec.schema != null) decoded.schema = spec.schema;
      if (spec.description != null) decoded.description = spec.description;
      if (spec.strict != null) decoded.strict = spec.strict;
      return decoded;
    }
  }
}

/**
 * Validates an OpenAI Chat Completions request body and decodes it into the canonical request.
 * Throws a 400 `GatewayError` naming the field at fault (`param` = `messages[1].role`).
 *
 * Fields the canonical model has no slot for are kept: per message and part in
 * `providerOptions.openai`, top-level ones (`logit_bias`, `store`, and the hosted-gateway routing
 * options `models`, `provider`, `providerOptions`) verbatim in `source.extraFields`.
 */
export function decodeOpenAIChatRequest(body: unknown): ChatRequest {
  const parsed = openaiChatRequestSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) throw openaiValidationError(parsed.error.issues);
  const wire = parsed.data;

  const request: ChatRequest = {
    model: wire.model,
    messages: wire.messages.map(decodeOpenAIMessage),
    stream: wire.stream ?? false,
  };
  const extraFields = collectExtras(wire, mappedKeys) ?? {};

  const streamOptions = wire.stream_options;
  if (streamOptions) {
    if (streamOptions.include_usage != null) request.includeUsage = streamOptions.include_usage;
    const otherOptions = collectExtras(streamOptions, streamOptionKeys);
    if (otherOptions) extraFields.stream_options = streamOptions;
  }

  const maxTokensField =
    wire.max_completion_tokens != null
      ? 'max_completion_tokens'
      : wire.max_tokens != null
        ? 'max_tokens'
        : undefined;
  if (maxTokensField !== undefined) {
    request.maxOutputTokens = wire[maxTokensField] ?? undefined;
    request.providerOptions = { openai: { maxTokensField } };
  }
  if (wire.temperature != null) request.temperature = wire.temperature;
  if (wire.top_p != null) request.topP = wire.top_p;
  if (wire.top_k != null) request.topK = wire.top_k;
  if (wire.presence_penalty != null) request.presencePenalty = wire.presence_penalty;
  if (wire.frequency_penalty != null) request.frequencyPenalty = wire.frequency_penalty;
  if (wire.stop != null) request.stopSequences = typeof wire.stop === 'string' ? [wire.stop] : wire.stop;
  if (wire.seed != null) request.seed = wire.seed;
  if (wire.n != null) request.n = wire.n;
  if (wire.response_format != null) request.responseFormat = decodeResponseFormat(wire.response_format);
  if (wire.tools != null) request.tools = wire.tools.map(decodeTool);
  if (wire.tool_choice != null) {
    const toolChoice = decodeToolChoice(wire.tool_choice);
    if (toolChoice) request.toolChoice = toolChoice;
    else extraFields.tool_choice = wire.tool_choice;
  }
  if (wire.parallel_tool_calls != null) request.parallelToolCalls = wire.parallel_tool_calls;
  if (wire.reasoning_effort != null) request.reasoning = { effort: wire.reasoning_effort };
  if (wire.logprobs != null) request.logprobs = wire.logprobs;
  if (wire.top_logprobs != null) request.topLogprobs = wire.top_logprobs;
  if (wire.user != null) request.user = wire.user;
  if (wire.metadata != null) request.metadata = wire.metadata;

  request.source = { format: 'openai', extraFields, forwardHeaders: {} };
  return request;
}
