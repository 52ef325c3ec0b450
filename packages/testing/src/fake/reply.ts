import { isRecord } from './json.js';
import { splitWords } from './tokens.js';

/** A tool offered in the request, in a provider-neutral shape. */
export interface OfferedTool {
  name: string;
  /** JSON Schema of the input. */
  inputSchema: unknown;
}

/** How the model may use tools: as the request's `tool_choice` says. */
export type ToolMode = 'auto' | 'none' | 'required' | { name: string };

/** What the fake model reads from a request, whichever API it came through. */
export interface Conversation {
  /** Text of the last user message (text parts joined with a space). */
  lastUserText: string;
  /** Images in the last user message. */
  imageCount: number;
  /** The tool outputs when the conversation ends with tool results, else undefined. */
  toolResults: string[] | undefined;
  tools: OfferedTool[];
  toolMode: ToolMode;
  stopSequences: string[];
  /** Output limit in tokens (words), if the request set one. */
  maxTokens: number | undefined;
}

/** The fake model's deterministic answer. */
export type Reply =
  | { type: 'text'; text: string; finish: 'stop' | 'length' | 'stop-sequence'; stopSequence?: string }
  | { type: 'tool-call'; toolName: string; input: Record<string, unknown> };

function valueFor(schema: unknown): unknown {
  const type = isRecord(schema) ? schema.type : undefined;
  if (isRecord(schema) && Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (type) {
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return argumentsFromSchema(schema);
    default:
      return 'Paris';
  }
}

/**
 * Arguments for a tool call built from its JSON Schema: every required property gets a value of
 * its type, strings `"Paris"` (so a weather tool gets `{"city":"Paris"}`). With no required
 * property, the first property is filled.
 */
export function argumentsFromSchema(schema: unknown): Record<string, unknown> {
  if (!isRecord(schema)) return {};
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((name): name is string => typeof name === 'string')
    : Object.keys(properties).slice(0, 1);
  const input: Record<string, unknown> = {};
  for (const name of required) input[name] = valueFor(properties[name]);
  return input;
}

function pickTool(conversation: Conversation): OfferedTool | undefined {
  const { tools, toolMode, lastUserText } = conversation;
  if (tools.length === 0 || toolMode === 'none') return undefined;
  if (typeof toolMode === 'object') return tools.find((tool) => tool.name === toolMode.name) ?? tools[0];
  const called = lastUserText.match(/^call\s+([\w-]+)/i)?.[1];
  const asked = toolMode === 'required' || called !== undefined || /\bweather\b/i.test(lastUserText);
  if (!asked) return undefined;
  return tools.find((tool) => tool.name === called) ?? tools[0];
}

/** Cuts the text at the first stop sequence, then at `maxTokens` words. */
export function limitText(text: string, conversation: Conversation): Reply {
  let cut = text;
  let stopSequence: string | undefined;
  let at = Number.POSITIVE_INFINITY;
  for (const sequence of conversation.stopSequences) {
    const index = sequence === '' ? -1 : cut.indexOf(sequence);
    if (index >= 0 && index < at) {
      at = index;
      stopSequence = sequence;
    }
  }
  if (stopSequence !== undefined) cut = cut.slice(0, at);
  const words = splitWords(cut);
  const max = conversation.maxTokens;
  if (max !== undefined && words.filter((word) => word.trim() !== '').length > max) {
    return { type: 'text', text: words.slice(0, max).join(''), finish: 'length' };
  }
  return stopSequence === undefined
    ? { type: 'text', text: cut, finish: 'stop' }
    : { type: 'text', text: cut, finish: 'stop-sequence', stopSequence };
}

/**
 * The fake model: `tool said: <output>` after tool results; a call to the first tool (or the one
 * named by `call <name>` or `tool_choice`) when tools are offered and the user asks ("weather",
 * "call ...", or a required tool choice); otherwise `echo: <last user text>`, with
 * ` [n image(s)]` when the message had images. Stop sequences and the token limit apply to text.
 */
export function decideReply(conversation: Conversation): Reply {
  if (conversation.toolResults !== undefined) {
    return limitText(`tool said: ${conversation.toolResults.join(', ')}`, conversation);
  }
  const tool = pickTool(conversation);
  if (tool) return { type: 'tool-call', toolName: tool.name, input: argumentsFromSchema(tool.inputSchema) };
  const images = conversation.imageCount;
  const suffix = images > 0 ? ` [${images} image${images > 1 ? 's' : ''}]` : '';
  return limitText(`echo: ${conversation.lastUserText}${suffix}`, conversation);
}
