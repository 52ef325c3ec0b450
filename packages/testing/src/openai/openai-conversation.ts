import { asArray, asString, canonicalJson, isRecord } from '../fake/json.js';
import type { Conversation, OfferedTool, ToolMode } from '../fake/reply.js';
import { estimateTokens } from '../fake/tokens.js';

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((part) => (isRecord(part) && part.type === 'text' ? (asString(part.text) ?? '') : ''))
    .filter((text) => text !== '')
    .join(' ');
}

function toolsOf(tools: unknown): OfferedTool[] {
  return asArray(tools).flatMap((tool): OfferedTool[] => {
    if (!isRecord(tool)) return [];
    const definition = isRecord(tool.function)
      ? tool.function
      : isRecord(tool.custom)
        ? tool.custom
        : undefined;
    const name = asString(definition?.name);
    return name === undefined ? [] : [{ name, inputSchema: definition?.parameters }];
  });
}

function toolModeOf(choice: unknown): ToolMode {
  if (choice === 'none' || choice === 'required') return choice;
  if (!isRecord(choice)) return 'auto';
  const named = isRecord(choice.function)
    ? choice.function
    : isRecord(choice.custom)
      ? choice.custom
      : undefined;
  const name = asString(named?.name);
  if (name !== undefined) return { name };
  if (isRecord(choice.allowed_tools) && choice.allowed_tools.mode === 'required') return 'required';
  return 'auto';
}

function stopOf(stop: unknown): string[] {
  if (typeof stop === 'string') return [stop];
  return asArray(stop).filter((item): item is string => typeof item === 'string');
}

/** What the fake model reads from a Chat Completions request body. */
export function openAIConversation(body: Record<string, unknown>): Conversation {
  const messages = asArray(body.messages).filter(isRecord);
  let toolResults: string[] | undefined;
  for (let index = messages.length - 1; index >= 0 && messages[index]?.role === 'tool'; index -= 1) {
    toolResults = [textOf(messages[index]?.content), ...(toolResults ?? [])];
  }
  const lastUser = messages.findLast((message) => message.role === 'user');
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  return {
    lastUserText: textOf(lastUser?.content),
    imageCount: asArray(lastUser?.content).filter((part) => isRecord(part) && part.type === 'image_url')
      .length,
    toolResults,
    tools: toolsOf(body.tools),
    toolMode: toolModeOf(body.tool_choice),
    stopSequences: stopOf(body.stop),
    maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
  };
}

/** Prompt tokens of a request: the canonical JSON of its messages and tools, 4 characters a token. */
export function openAIPromptTokens(body: Record<string, unknown>): number {
  return estimateTokens(canonicalJson({ messages: body.messages ?? [], tools: body.tools ?? [] }));
}
