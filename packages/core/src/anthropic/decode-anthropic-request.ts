import type { ChatRequest, ReasoningOptions } from '../spec/v1/chat-request.js';
import type { TextPart, ToolResultPart, UserContentPart } from '../spec/v1/content-part.js';
import type { Message } from '../spec/v1/message.js';
import type { Tool, ToolChoice } from '../spec/v1/tool.js';
import { extrasAsOptions, pickExtras } from './anthropic-extras.js';
import { decodeAnthropicOutputFormat } from './anthropic-output-format.js';
import {
  type AnthropicCountTokensRequest,
  type AnthropicMessageParam,
  type AnthropicTool,
  type AnthropicToolChoice,
  anthropicCountTokensRequestSchema,
  anthropicMessagesRequestSchema,
} from './anthropic-request-schema.js';
import { anthropicInvalidRequest, anthropicValidationError } from './anthropic-validation-error.js';
import {
  decodeAnthropicAssistantBlock,
  decodeAnthropicTextBlock,
  decodeAnthropicToolResultBlock,
  decodeAnthropicUserBlock,
} from './decode-anthropic-content.js';

/** Top-level request fields mapped to the canonical model; the rest go to `source.extraFields`. */
const mappedRequestKeys = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'metadata',
  'stop_sequences',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'thinking',
]);
const messageKeys = new Set(['role', 'content']);
const customToolKeys = new Set(['type', 'name', 'description', 'input_schema']);

/**
 * Validates a `POST /v1/messages` body and decodes it into the canonical request. Throws a 400
 * `GatewayError` with Anthropic's wording, naming the field (`messages.1.role: Input should be
 * 'user' or 'assistant'`). Fields the canonical model does not map (`service_tier`, `container`,
 * `mcp_servers`, `context_management`, the hosted-gateway routing fields `models`, `fallbacks`,
 * `provider`, `providerOptions`, anything unknown) are kept verbatim in `source.extraFields`.
 * Structured outputs (`output_config.format` / `output_format` with a JSON schema) also become the
 * canonical `responseFormat`, so another provider is asked for JSON too.
 */
export function decodeAnthropicMessagesRequest(body: unknown): ChatRequest {
  const parsed = anthropicMessagesRequestSchema.safeParse(body);
  if (!parsed.success) throw anthropicValidationError(parsed.error, body);
  const wire = parsed.data;
  const request = decodeShared(wire);
  request.stream = wire.stream === true;
  request.maxOutputTokens = wire.max_tokens;
  if (wire.temperature !== undefined) request.temperature = wire.temperature;
  if (wire.top_p !== undefined) request.topP = wire.top_p;
  if (wire.top_k !== undefined) request.topK = wire.top_k;
  if (wire.stop_sequences !== undefined) request.stopSequences = wire.stop_sequences;
  if (typeof wire.metadata?.user_id === 'string') request.user = wire.metadata.user_id;
  return request;
}

/**
 * Validates a `POST /v1/messages/count_tokens` body and decodes it like a messages request
 * (`max_tokens` is not required; `stream` is false).
 */
export function decodeAnthropicCountTokensRequest(body: unknown): ChatRequest {
  const parsed = anthropicCountTokensRequestSchema.safeParse(body);
  if (!parsed.success) throw anthropicValidationError(parsed.error, body);
  const request = decodeShared(parsed.data);
  if (parsed.data.max_tokens !== undefined) request.maxOutputTokens = parsed.data.max_tokens;
  return request;
}

function decodeShared(wire: AnthropicCountTokensRequest): ChatRequest {
  if (wire.messages.length === 0)
    throw anthropicInvalidRequest(['messages'], 'at least one message is required');
  const extraFields: Record<string, unknown> = {};
  for (const key in wire) {
    if (!mappedRequestKeys.has(key) && wire[key] !== undefined) extraFields[key] = wire[key];
  }
  const messages: Message[] = [];
  if (typeof wire.system === 'string') {
    if (wire.system !== '') messages.push({ role: 'system', content: [{ type: 'text', text: wire.system }] });
  } else if (wire.system !== undefined && wire.system.length > 0) {
    messages.push({ role: 'system', content: wire.system.map(decodeAnthropicTextBlock) });
  }
  for (let index = 0; index < wire.messages.length; index++) {
    decodeMessage(wire.messages[index] as AnthropicMessageParam, index, messages);
  }
  const request: ChatRequest = {
    model: wire.model,
    messages,
    stream: false,
    source: { format: 'anthropic', extraFields, forwardHeaders: {} },
  };
  if (wire.tools !== undefined) request.tools = wire.tools.map(decodeTool);
  if (wire.tool_choice !== undefined) decodeToolChoice(wire.tool_choice, request);
  const thinking = wire.thinking;
  if (thinking !== undefined) {
    const reasoning = decodeThinking(thinking);
    if (reasoning === undefined) extraFields.thinking = thinking;
    else request.reasoning = reasoning;
  }
  const responseFormat = decodeAnthropicOutputFormat(extraFields);
  if (responseFormat !== undefined) request.responseFormat = responseFormat;
  return request;
}

function decodeMessage(message: AnthropicMessageParam, index: number, out: Message[]): void {
  const options = extrasAsOptions(pickExtras(message, messageKeys));
  const content = message.content;
  if (typeof content === 'string') {
    const text: TextPart = { type: 'text', text: content };
    out.push({ role: message.role, content: [text], ...options });
    return;
  }
  if (message.role === 'assistant') {
    out.push({
      role: 'assistant',
      content: content.map((block, position) =>
        decodeAnthropicAssistantBlock(block, ['messages', index, 'content', position]),
      ),
      ...options,
    });
    return;
  }
  let results: ToolResultPart[] | undefined;
  const rest: UserContentPart[] = [];
  for (let position = 0; position < content.length; position++) {
    const block = content[position]!;
    if (block.type === 'tool_result') {
      results ??= [];
      results.push(
        decodeAnthropicToolResultBlock(block as Parameters<typeof decodeAnthropicToolResultBlock>[0]),
      );
    } else {
      rest.push(decodeAnthropicUserBlock(block, ['messages', index, 'content', position]));
    }
  }
  if (results !== undefined) out.push({ role: 'tool', content: results, ...(rest.length === 0 && options) });
  if (rest.length > 0 || results === undefined) out.push({ role: 'user', content: rest, ...options });
}

function isCustomTool(tool: AnthropicTool): tool is Extract<AnthropicTool, { input_schema: unknown }> {
  return (tool.type === undefined || tool.type === 'custom') && 'input_schema' in tool;
}

function decodeTool(tool: AnthropicTool): Tool {
  if (isCustomTool(tool)) {
    return {
      type: 'function',
      name: tool.name,
      ...(tool.description !== undefined && { description: tool.description }),
      inputSchema: tool.input_schema,
      ...extrasAsOptions(pickExtras(tool, customToolKeys)),
    };
  }
  const name = typeof tool.name === 'string' ? tool.name : String(tool.type);
  return { type: 'provider', format: 'anthropic', name, raw: tool };
}

function decodeToolChoice(choice: AnthropicToolChoice, request: ChatRequest): void {
  let toolChoice: ToolChoice;
  switch (choice.type) {
    case 'auto':
      toolChoice = { type: 'auto' };
      break;
    case 'any':
      toolChoice = { type: 'required' };
      break;
    case 'tool':
      toolChoice = { type: 'tool', toolName: choice.name };
      break;
    case 'none':
      toolChoice = { type: 'none' };
      break;
  }
  request.toolChoice = toolChoice;
  if ('disable_parallel_tool_use' in choice && typeof choice.disable_parallel_tool_use === 'boolean') {
    request.parallelToolCalls = !choice.disable_parallel_tool_use;
  }
}

function decodeThinking(
  thinking: NonNullable<AnthropicCountTokensRequest['thinking']>,
): ReasoningOptions | undefined {
  if (thinking.type === 'enabled' && typeof thinking.budget_tokens === 'number') {
    return { enabled: true, budgetTokens: thinking.budget_tokens };
  }
  if (thinking.type === 'disabled') return { enabled: false };
  return undefined;
}
