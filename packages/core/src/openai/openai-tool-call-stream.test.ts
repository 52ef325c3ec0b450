import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../spec/v1/stream-part.js';
import { OpenAIToolCallAssembler } from './openai-tool-call-stream.js';

function run(fragments: Array<Record<string, unknown>>): StreamPart[] {
  const assembler = new OpenAIToolCallAssembler();
  const parts: StreamPart[] = [];
  for (const fragment of fragments) parts.push(...assembler.fragment(fragment));
  parts.push(...assembler.endAll());
  return parts;
}

const start = (index: number, id: string) => ({
  index,
  id,
  type: 'function',
  function: { name: 'get_weather', arguments: '' },
});
const args = (index: number, text: string) => ({ index, function: { arguments: text } });

describe('OpenAIToolCallAssembler', () => {
  it('streams calls sent one after the other live, each ended when the next starts', () => {
    const assembler = new OpenAIToolCallAssembler();
    expect([
      ...assembler.fragment(start(0, 'call_a')),
      ...assembler.fragment(args(0, '{"city":"Paris"}')),
    ]).toEqual([
      { type: 'tool-input-start', id: 'call_a', toolName: 'get_weather' },
      { type: 'tool-input-delta', id: 'call_a', delta: '{"city":"Paris"}' },
    ]);
    expect(assembler.open).toBe(true);
    expect([...assembler.fragment(start(1, 'call_b'))]).toEqual([
      { type: 'tool-input-end', id: 'call_a' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'get_weather', input: '{"city":"Paris"}' },
      { type: 'tool-input-start', id: 'call_b', toolName: 'get_weather' },
    ]);
    expect([...assembler.endAll()]).toEqual([
      { type: 'tool-input-end', id: 'call_b' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'get_weather', input: '' },
    ]);
    expect(assembler.open).toBe(false);
  });

  it('loses no fragment when a server interleaves calls', () => {
    const parts = run([
      start(0, 'call_a'),
      args(0, '{"city": '),
      start(1, 'call_b'),
      args(1, '{"city": "Rome"}'),
      args(0, '"Paris"}'),
    ]);
    expect(parts).toEqual([
      { type: 'tool-input-start', id: 'call_a', toolName: 'get_weather' },
      { type: 'tool-input-delta', id: 'call_a', delta: '{"city": ' },
      { type: 'tool-input-delta', id: 'call_a', delta: '"Paris"}' },
      { type: 'tool-input-end', id: 'call_a' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'get_weather', input: '{"city": "Paris"}' },
      // The waiting call follows with its input so far in one delta.
      { type: 'tool-input-start', id: 'call_b', toolName: 'get_weather' },
      { type: 'tool-input-delta', id: 'call_b', delta: '{"city": "Rome"}' },
      { type: 'tool-input-end', id: 'call_b' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'get_weather', input: '{"city": "Rome"}' },
    ]);
  });

  it('ends incomplete calls at the end, in order, and takes whole calls in one fragment', () => {
    const parts = run([
      { ...start(0, 'call_a'), function: { name: 'f', arguments: '{"a":' } },
      { ...start(1, 'call_b'), function: { name: 'g', arguments: '{"b":2}' } },
    ]);
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'f', input: '{"a":' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'g', input: '{"b":2}' },
    ]);
    expect(parts.map((part) => part.type)).toEqual([
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
    ]);
  });

  it('generates an id when a server sends none, and ignores fragments of ended calls', () => {
    const parts = run([
      { index: 0, function: { name: 'f', arguments: '{}' } },
      start(1, 'call_b'),
      args(0, ' '),
    ]);
    const first = parts[0];
    expect(first).toMatchObject({ type: 'tool-input-start', toolName: 'f' });
    expect(first?.type === 'tool-input-start' && first.id).toMatch(/\S/);
    expect(parts.filter((part) => part.type === 'tool-input-delta')).toHaveLength(1);
  });
});
