import { asArray, asString, isRecord } from '../fake/json.js';
import { validationIssues } from '../fake/validation-issues.js';
import { type AnthropicErrorBody, anthropicError, anthropicIssueError } from './anthropic-errors.js';
import {
  anthropicCountTokensRequestSchema,
  anthropicCustomToolSchema,
  anthropicMessagesRequestSchema,
  anthropicServerToolSchema,
} from './anthropic-schemas.js';

const invalid = (message: string) => anthropicError('invalid_request_error', message);

interface Located {
  block: Record<string, unknown>;
  message: number;
  index: number;
}

interface Turn {
  role: unknown;
  first: number;
  blocks: Located[];
}

function blocksOf(content: unknown): Record<string, unknown>[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return asArray(content).filter(isRecord);
}

/** Consecutive turns of the same role, merged as the real API merges them. */
function turnsOf(messages: Record<string, unknown>[]): Turn[] {
  const turns: Turn[] = [];
  for (const [position, message] of messages.entries()) {
    const blocks = blocksOf(message.content).map((block, index) => ({ block, message: position, index }));
    const last = turns.at(-1);
    if (last && last.role === message.role) last.blocks.push(...blocks);
    else turns.push({ role: message.role, first: position, blocks });
  }
  return turns;
}

const assistantOnly = new Set([
  'tool_use',
  'thinking',
  'redacted_thinking',
  'server_tool_use',
  'web_search_tool_result',
]);
const userOnly = new Set(['tool_result', 'image', 'document', 'search_result']);

function checkMessages(messages: Record<string, unknown>[]): AnthropicErrorBody | undefined {
  if (messages[0]?.role !== 'user') return invalid('messages: first message must use the "user" role');
  for (const [position, message] of messages.entries()) {
    const blocks = blocksOf(message.content);
    if (blocks.length === 0 && !(position === messages.length - 1 && message.role === 'assistant')) {
      return invalid(
        `messages.${position}: all messages must have non-empty content except for the optional final assistant message`,
      );
    }
    for (const [index, block] of blocks.entries()) {
      if (block.type === 'text' && block.text === '')
        return invalid('messages: text content blocks must be non-empty');
      const type = String(block.type);
      if (
        (message.role === 'user' && assistantOnly.has(type)) ||
        (message.role === 'assistant' && userOnly.has(type))
      ) {
        return invalid(
          `messages.${position}.content.${index}: \`${type}\` blocks are not allowed in \`${String(message.role)}\` messages`,
        );
      }
    }
  }
  const turns = turnsOf(messages);
  for (const [position, turn] of turns.entries()) {
    const previous = turns[position - 1];
    const offered = new Set(
      (previous?.role === 'assistant' ? previous.blocks : [])
        .filter(({ block }) => block.type === 'tool_use')
        .map(({ block }) => asString(block.id) ?? ''),
    );
    if (turn.role === 'user') {
      let other = false;
      for (const { block, message, index } of turn.blocks) {
        if (block.type !== 'tool_result') {
          other = true;
          continue;
        }
        const id = asString(block.tool_use_id) ?? '';
        if (!offered.has(id)) {
          return invalid(
            `messages.${message}.content.${index}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
        if (other) {
          return invalid(
            `messages.${message}.content.${index}: \`tool_result\` blocks must come first in the user message content, before any other content.`,
          );
        }
      }
    }
    if (turn.role === 'assistant') {
      const next = turns[position + 1];
      const answered = new Set(
        (next?.blocks ?? [])
          .filter(({ block }) => block.type === 'tool_result')
          .map(({ block }) => block.tool_use_id),
      );
      const missing = turn.blocks
        .filter(({ block }) => block.type === 'tool_use' && !answered.has(block.id))
        .map(({ block }) => String(block.id));
      if (missing.length > 0) {
        return invalid(
          `messages.${next?.first ?? messages.length}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
    }
  }
  return undefined;
}

/** Counts `cache_control` breakpoints in tools, system and messages (tool result content included). */
export function countCacheBreakpoints(body: Record<string, unknown>): number {
  const marked = (value: unknown) =>
    isRecord(value) && value.cache_control !== undefined && value.cache_control !== null;
  let count = asArray(body.tools).filter(marked).length + asArray(body.system).filter(marked).length;
  for (const message of asArray(body.messages)) {
    for (const block of isRecord(message) ? asArray(message.content) : []) {
      if (marked(block)) count += 1;
      if (isRecord(block)) count += asArray(block.content).filter(marked).length;
    }
  }
  return count;
}

function checkTools(body: Record<string, unknown>): AnthropicErrorBody | undefined {
  const tools = asArray(body.tools).filter(isRecord);
  for (const [index, tool] of tools.entries()) {
    const custom = tool.type === undefined || tool.type === null || tool.type === 'custom';
    const [issue] = validationIssues(custom ? anthropicCustomToolSchema : anthropicServerToolSchema, tool, [
      'tools',
      index,
    ]);
    if (issue) return anthropicIssueError(issue);
  }
  const names = tools.map((tool) => tool.name);
  if (new Set(names).size !== names.length) return invalid('tools: Tool names must be unique.');
  if (body.tool_choice !== undefined && tools.length === 0) {
    return invalid('tool_choice: tool_choice may only be specified while providing tools.');
  }
  return undefined;
}

/**
 * Validates a Messages (or count_tokens) request body the way the real API does and returns the
 * error body of the first problem found, or undefined when the request is valid.
 */
export function validateAnthropicRequest(
  body: unknown,
  endpoint: 'messages' | 'count_tokens' = 'messages',
): AnthropicErrorBody | undefined {
  if (!isRecord(body)) return invalid('Input should be a valid dictionary or object to extract fields from');
  if (Array.isArray(body.messages) && body.messages.length === 0) {
    return invalid('messages: at least one message is required');
  }
  const schema = endpoint === 'messages' ? anthropicMessagesRequestSchema : anthropicCountTokensRequestSchema;
  const [issue] = validationIssues(schema, body);
  if (issue) return anthropicIssueError(issue);
  const tools = checkTools(body);
  if (tools) return tools;
  const breakpoints = countCacheBreakpoints(body);
  if (breakpoints > 4) {
    return invalid(`A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints}.`);
  }
  const thinking = body.thinking;
  if (
    endpoint === 'messages' &&
    isRecord(thinking) &&
    thinking.type === 'enabled' &&
    Number(thinking.budget_tokens) >= Number(body.max_tokens)
  ) {
    return invalid(
      '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    );
  }
  return checkMessages(asArray(body.messages).filter(isRecord));
}
