import type { ChatRequest, ContentPart, Message, ProviderOptions, Tool } from '@signalbox/core';
import { estimatePrefixTokens, type StaticPrefix, staticPrefix } from './prompt-prefix.js';

/** Anthropic's `cache_control` value. */
export interface CacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

/** Options of {@link insertCacheMarkers}. */
export interface CacheMarkerOptions {
  /** Breakpoints allowed in one request, the client's own included; Anthropic allows 4. */
  maxBreakpoints?: number;
  /** The conversation breakpoint is only set when the prefix up to it has at least this many tokens (estimated); default 1024. */
  minPrefixTokens?: number;
  /** The marker; default `{type: 'ephemeral'}` (5 minutes). */
  cacheControl?: CacheControl;
}

/** Where a breakpoint was added. */
export type MarkerLocation = 'tools' | 'system' | 'conversation';

/** The request with markers, and what was done. */
export interface CacheMarkerResult {
  request: ChatRequest;
  added: MarkerLocation[];
  /** Breakpoints the client had set itself. */
  existing: number;
}

type Markable = { providerOptions?: ProviderOptions };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasMarker(holder: Markable): boolean {
  return isRecord(holder.providerOptions?.anthropic?.cache_control);
}

/** An OpenRouter-style `cache_control` an OpenAI-format client put on a part (it lands in `providerOptions.openai`). */
function openaiMarker(holder: Markable): Record<string, unknown> | undefined {
  const marker = holder.providerOptions?.openai?.cache_control;
  return isRecord(marker) ? marker : undefined;
}

function withMarker<T extends Markable>(holder: T, marker: Record<string, unknown>): T {
  const options = holder.providerOptions ?? {};
  return {
    ...holder,
    providerOptions: { ...options, anthropic: { ...options.anthropic, cache_control: marker } },
  };
}

function isRawBlock(part: ContentPart): boolean {
  return isRecord(part.type === 'refusal' ? undefined : part.providerOptions?.anthropic?.rawBlock);
}

/** Parts Anthropic lets carry `cache_control` (not thinking blocks, not opaque raw blocks, not empty text). */
function isMarkablePart(part: ContentPart): part is Exclude<ContentPart, { type: 'refusal' | 'reasoning' }> {
  if (part.type === 'reasoning' || part.type === 'refusal' || isRawBlock(part)) return false;
  return part.type !== 'text' || part.text !== '';
}

function toolHasMarker(tool: Tool): boolean {
  return tool.type === 'provider' ? isRecord(tool.raw.cache_control) : hasMarker(tool);
}

/** Copies OpenRouter-style markers of an OpenAI-format client to `providerOptions.anthropic`, so they take effect. */
function adoptClientMarkers(request: ChatRequest): ChatRequest {
  let changed = false;
  const adopt = <T extends Markable>(holder: T): T => {
    const marker = openaiMarker(holder);
    if (marker === undefined || hasMarker(holder)) return holder;
    changed = true;
    return withMarker(holder, marker);
  };
  const messages = request.messages.map((message) => {
    const content = (message.content as ContentPart[]).map((part) =>
      part.type === 'refusal' ? part : adopt(part),
    );
    return content.some((part, index) => part !== message.content[index])
      ? ({ ...message, content } as Message)
      : message;
  });
  const tools = request.tools?.map((tool) => (tool.type === 'function' ? adopt(tool) : tool));
  return changed ? { ...request, messages, ...(tools && { tools }) } : request;
}

function countMarkers(request: ChatRequest): number {
  let count = 0;
  for (const tool of request.tools ?? []) if (toolHasMarker(tool)) count += 1;
  for (const message of request.messages) {
    for (const part of message.content) if (part.type !== 'refusal' && hasMarker(part)) count += 1;
  }
  return count;
}

function replaceMessagePart(
  request: ChatRequest,
  messageIndex: number,
  partIndex: number,
  marker: Record<string, unknown>,
): ChatRequest {
  const messages = [...request.messages];
  const message = messages[messageIndex] as Message;
  const content = [...message.content] as ContentPart[];
  content[partIndex] = withMarker(content[partIndex] as Exclude<ContentPart, { type: 'refusal' }>, marker);
  messages[messageIndex] = { ...message, content } as Message;
  return { ...request, messages };
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index -= 1) if (test(items[index] as T)) return index;
  return -1;
}

function markTools(request: ChatRequest, marker: Record<string, unknown>): ChatRequest | undefined {
  const tools = request.tools ?? [];
  // The last tool Anthropic will see: a function, or one of its own provider tools.
  const index = lastIndex(tools, (tool) => tool.type === 'function' || tool.format === 'anthropic');
  const tool = tools[index];
  if (tool === undefined || toolHasMarker(tool)) return undefined;
  const marked = [...tools];
  marked[index] =
    tool.type === 'provider'
      ? { ...tool, raw: { ...tool.raw, cache_control: marker } }
      : withMarker(tool, marker);
  return { ...request, tools: marked };
}

function markSystem(request: ChatRequest, marker: Record<string, unknown>): ChatRequest | undefined {
  const messageIndex = lastIndex(
    request.messages,
    (message) => message.role === 'system' && message.content.some(isMarkablePart),
  );
  const message = request.messages[messageIndex];
  if (message === undefined) return undefined;
  const partIndex = lastIndex(message.content as ContentPart[], isMarkablePart);
  const part = message.content[partIndex];
  if (part === undefined || (part.type !== 'refusal' && hasMarker(part))) return undefined;
  return replaceMessagePart(request, messageIndex, partIndex, marker);
}

function markConversation(
  request: ChatRequest,
  prefix: StaticPrefix,
  marker: Record<string, unknown>,
  minPrefixTokens: number,
): ChatRequest | undefined {
  const messageIndex = prefix.lastEarlierIndex;
  const message = request.messages[messageIndex];
  if (message === undefined || estimatePrefixTokens(prefix) < minPrefixTokens) return undefined;
  const partIndex = lastIndex(message.content as ContentPart[], isMarkablePart);
  const part = message.content[partIndex];
  if (part === undefined || (part.type !== 'refusal' && hasMarker(part))) return undefined;
  return replaceMessagePart(request, messageIndex, partIndex, marker);
}

/**
 * Inserts Anthropic `cache_control` breakpoints at the end of the static prefix, as
 * `providerOptions.anthropic.cache_control` (which the Anthropic codec sends as is, and other
 * formats ignore): on the last tool, on the last system text part, and on the last part of the
 * last earlier turn when the prefix up to it is long enough to be cached. Never more than
 * `maxBreakpoints` in all, counting the client's own markers, which are left as they are
 * (OpenRouter-style markers of an OpenAI-format client are copied to `providerOptions.anthropic`).
 * Returns a new request; the given one is not changed.
 */
export function insertCacheMarkers(
  request: ChatRequest,
  options: CacheMarkerOptions = {},
): CacheMarkerResult {
  const maxBreakpoints = options.maxBreakpoints ?? 4;
  const marker: Record<string, unknown> = { ...(options.cacheControl ?? { type: 'ephemeral' }) };
  let current = adoptClientMarkers(request);
  const existing = countMarkers(current);
  const added: MarkerLocation[] = [];
  const prefix = staticPrefix(current);
  const steps: Array<[MarkerLocation, () => ChatRequest | undefined]> = [
    ['tools', () => markTools(current, marker)],
    ['system', () => markSystem(current, marker)],
    ['conversation', () => markConversation(current, prefix, marker, options.minPrefixTokens ?? 1024)],
  ];
  for (const [location, mark] of steps) {
    if (existing + added.length >= maxBreakpoints) break;
    const marked = mark();
    if (marked === undefined) continue;
    current = marked;
    added.push(location);
  }
  return { request: current, added, existing };
}
