import type { ChatRequest, Message, Tool } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { insertCacheMarkers } from './cache-markers.js';

const MARK = { type: 'ephemeral' };
const long = 'x'.repeat(5000);
const text = (
  role: 'system' | 'user' | 'assistant',
  value: string,
  providerOptions?: Record<string, Record<string, unknown>>,
): Message =>
  ({
    role,
    content: [{ type: 'text', text: value, ...(providerOptions && { providerOptions }) }],
  }) as Message;
const weather: Tool = { type: 'function', name: 'weather', inputSchema: { type: 'object' } };
const search: Tool = { type: 'function', name: 'search', inputSchema: { type: 'object' } };

function request(messages: Message[], tools?: Tool[]): ChatRequest {
  return { model: 'anthropic/claude', stream: false, messages, ...(tools && { tools }) };
}

function markerOf(holder: unknown): unknown {
  return (holder as { providerOptions?: { anthropic?: { cache_control?: unknown } } }).providerOptions
    ?.anthropic?.cache_control;
}

function countMarkers(value: ChatRequest): number {
  let count = 0;
  for (const tool of value.tools ?? [])
    if (markerOf(tool) ?? (tool.type === 'provider' ? tool.raw.cache_control : undefined)) count += 1;
  for (const message of value.messages) for (const part of message.content) if (markerOf(part)) count += 1;
  return count;
}

describe('insertCacheMarkers', () => {
  it('marks the last tool, the last system part and the last part of the last earlier turn', () => {
    const original = request(
      [
        text('system', 'one'),
        text('system', 'two'),
        text('user', long),
        text('assistant', 'answer'),
        text('user', 'next question'),
      ],
      [weather, search],
    );
    const snapshot = structuredClone(original);
    const { request: marked, added, existing } = insertCacheMarkers(original);
    expect(added).toEqual(['tools', 'system', 'conversation']);
    expect(existing).toBe(0);
    expect(markerOf(marked.tools?.[1])).toEqual(MARK);
    expect(markerOf(marked.tools?.[0])).toBeUndefined();
    expect(markerOf(marked.messages[1]?.content[0])).toEqual(MARK);
    expect(markerOf(marked.messages[0]?.content[0])).toBeUndefined();
    expect(markerOf(marked.messages[3]?.content[0])).toEqual(MARK);
    expect(markerOf(marked.messages[4]?.content[0])).toBeUndefined();
    expect(original).toEqual(snapshot);
  });

  it('skips the conversation breakpoint when the prefix is short', () => {
    const { added } = insertCacheMarkers(
      request([text('system', 'short'), text('user', 'a'), text('assistant', 'b'), text('user', 'c')]),
    );
    expect(added).toEqual(['system']);
  });

  it('never exceeds 4 breakpoints counting the client markers, which stay as they were', () => {
    const client = { anthropic: { cache_control: { type: 'ephemeral', ttl: '1h' } } };
    const original = request(
      [
        text('system', 'rules'),
        text('user', long, client),
        text('assistant', 'b', client),
        text('user', 'c', client),
        text('assistant', 'd'),
        text('user', 'e'),
      ],
      [weather],
    );
    const { request: marked, added, existing } = insertCacheMarkers(original);
    expect(existing).toBe(3);
    expect(added).toEqual(['tools']);
    expect(countMarkers(marked)).toBe(4);
    expect(markerOf(marked.messages[1]?.content[0])).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(insertCacheMarkers(marked).added).toEqual([]);
  });

  it('does not add a marker where the client put one', () => {
    const client = { anthropic: { cache_control: { type: 'ephemeral' } } };
    const { added } = insertCacheMarkers(request([text('system', 'rules', client), text('user', 'q')]));
    expect(added).toEqual([]);
  });

  it('adopts OpenRouter-style markers an OpenAI-format client sent and counts them', () => {
    const openai = { openai: { cache_control: { type: 'ephemeral' } } };
    const { request: marked, existing } = insertCacheMarkers(
      request([text('system', 'rules', openai), text('user', 'q')]),
    );
    expect(existing).toBe(1);
    expect(markerOf(marked.messages[0]?.content[0])).toEqual({ type: 'ephemeral' });
  });

  it('marks an Anthropic provider tool in its raw form, and skips tools other providers own', () => {
    const server: Tool = {
      type: 'provider',
      format: 'anthropic',
      name: 'web_search',
      raw: { type: 'web_search_20250305', name: 'web_search' },
    };
    const foreign: Tool = {
      type: 'provider',
      format: 'openai',
      name: 'file_search',
      raw: { type: 'file_search' },
    };
    const { request: marked } = insertCacheMarkers(request([text('user', 'q')], [weather, server, foreign]));
    expect(marked.tools?.[1]).toMatchObject({ raw: { cache_control: MARK } });
    expect(marked.tools?.[2]).toEqual(foreign);
  });

  it('marks the last markable part of a turn (not a thinking block), and honours ttl and maxBreakpoints', () => {
    const assistant: Message = {
      role: 'assistant',
      content: [
        { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: '{}' },
        { type: 'reasoning', text: 'hmm', signature: 's' },
      ],
    };
    const messages = [
      text('user', long),
      assistant,
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', output: 'sun' }] } as Message,
    ];
    const { request: marked } = insertCacheMarkers(request(messages), {
      cacheControl: { type: 'ephemeral', ttl: '1h' },
    });
    expect(markerOf(marked.messages[1]?.content[0])).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(markerOf(marked.messages[1]?.content[1])).toBeUndefined();
    expect(
      insertCacheMarkers(request([text('system', 'a'), text('user', 'b')], [weather]), { maxBreakpoints: 1 })
        .added,
    ).toEqual(['tools']);
  });
});
