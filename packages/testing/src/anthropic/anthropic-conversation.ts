import { asArray, asString, isRecord } from '../fake/json.js';
import type { Conversation, OfferedTool, ToolMode } from '../fake/reply.js';

function blocksOf(content: unknown): Record<string, unknown>[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return asArray(content).filter(isRecord);
}

function textOf(blocks: Record<string, unknown>[]): string {
  return blocks
    .filter((block) => block.type === 'text')
    .map((block) => asString(block.text) ?? '')
    .filter((text) => text !== '')
    .join(' ');
}

function toolModeOf(choice: unknown): ToolMode {
  if (!isRecord(choice)) return 'auto';
  if (choice.type === 'none') return 'none';
  if (choice.type === 'any') return 'required';
  if (choice.type === 'tool' && typeof choice.name === 'string') return { name: choice.name };
  return 'auto';
}

function toolsOf(tools: unknown): OfferedTool[] {
  return asArray(tools).flatMap((tool): OfferedTool[] =>
    isRecord(tool) && typeof tool.name === 'string' && tool.input_schema !== undefined
      ? [{ name: tool.name, inputSchema: tool.input_schema }]
      : [],
  );
}

/**
 * What the fake model reads from a Messages request body. Consecutive user messages count as one
 * turn (the real API merges them); a final assistant message is a prefill and is skipped.
 */
export function anthropicConversation(body: Record<string, unknown>): Conversation {
  const messages = asArray(body.messages).filter(isRecord);
  let end = messages.length;
  while (end > 0 && messages[end - 1]?.role === 'assistant') end -= 1;
  let start = end;
  while (start > 0 && messages[start - 1]?.role === 'user') start -= 1;
  const turn = messages.slice(start, end).flatMap((message) => blocksOf(message.content));
  const results = turn.filter((block) => block.type === 'tool_result');
  return {
    lastUserText: textOf(turn),
    imageCount: turn.filter((block) => block.type === 'image').length,
    toolResults:
      results.length > 0 && end === messages.length
        ? results.map((block) =>
            typeof block.content === 'string' ? block.content : textOf(blocksOf(block.content)),
          )
        : undefined,
    tools: toolsOf(body.tools),
    toolMode: toolModeOf(body.tool_choice),
    stopSequences: asArray(body.stop_sequences).filter((item): item is string => typeof item === 'string'),
    maxTokens: typeof body.max_tokens === 'number' ? body.max_tokens : undefined,
  };
}
