import type { FakeUpstream } from '@signalbox/testing';
import { expect } from 'vitest';
import type { Driver, Mode, ToolSpec } from './matrix-clients.js';

/** Everything one matrix cell runs against. */
export interface Cell {
  /** The client, against the gateway with the right operator keys. */
  driver: Driver;
  /** The same client against a gateway whose upstreams answer with two parallel tool calls. */
  parallelDriver: Driver;
  /** The same client against a gateway whose operator keys the upstreams reject. */
  brokenDriver: Driver;
  /** The gateway model id (`openai/gpt-4o-mini`). */
  model: string;
  /** The provider format behind the model. */
  target: 'openai' | 'anthropic';
  mode: Mode;
  /** The fake upstream of the target provider. */
  upstream: FakeUpstream;
}

/** The tool the fakes call when the user mentions the weather. */
export const weatherTool: ToolSpec = {
  name: 'get_weather',
  description: 'Current weather for a city',
  schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/** An image URL the upstreams get as is. */
export const IMAGE_URL = 'https://example.com/cat.png';
/** A user text of 40 words: long streams. */
export const LONG_TEXT = Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ');

/** The finish reason each client format uses for each way a turn ends. */
export const FINISH = {
  openai: { stop: 'stop', length: 'length', tool: 'tool_calls' },
  anthropic: { stop: 'end_turn', length: 'max_tokens', tool: 'tool_use' },
} as const;

/** Words in a text: the fakes' output tokens. */
export function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Asserts an object and returns it as a record. */
export function record(value: unknown): Record<string, unknown> {
  expect(value).toBeTypeOf('object');
  return value as Record<string, unknown>;
}

/** The last request body the target upstream received. */
export function lastUpstreamBody(cell: Cell): Record<string, unknown> {
  return record(cell.upstream.requests.at(-1)?.body);
}

/** Content blocks, tool calls and tool messages of the last upstream request, flattened. */
export function upstreamBlocks(cell: Cell): Array<Record<string, unknown>> {
  const messages = lastUpstreamBody(cell).messages as Array<Record<string, unknown>>;
  const out: Array<Record<string, unknown>> = [];
  for (const message of messages) {
    if (Array.isArray(message.content)) out.push(...(message.content as Array<Record<string, unknown>>));
    if (Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls as Array<Record<string, unknown>>)
        out.push({ ...call, type: 'tool_call' });
    }
    if (message.role === 'tool') out.push({ type: 'tool_message', tool_call_id: message.tool_call_id });
  }
  return out;
}

/** The tool-call ids and the ids the results answer, as the upstream received them. */
export function upstreamToolIds(cell: Cell): { calls: string[]; results: string[] } {
  const blocks = upstreamBlocks(cell);
  if (cell.target === 'openai') {
    return {
      calls: blocks.filter((block) => block.type === 'tool_call').map((block) => String(block.id)),
      results: blocks
        .filter((block) => block.type === 'tool_message')
        .map((block) => String(block.tool_call_id)),
    };
  }
  return {
    calls: blocks.filter((block) => block.type === 'tool_use').map((block) => String(block.id)),
    results: blocks.filter((block) => block.type === 'tool_result').map((block) => String(block.tool_use_id)),
  };
}
