import { describe, expect, it } from 'vitest';
import {
  argumentsFor,
  cohereChatResponse,
  cohereStreamEvents,
  decideReply,
  promptTokens,
  splitWords,
} from './fake-cohere-reply.js';
import type { FakeCohereRequest } from './fake-cohere-validate.js';

const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer' } },
      required: ['city'],
    },
  },
};

function request(text: string, overrides: Partial<FakeCohereRequest> = {}): FakeCohereRequest {
  return { model: 'm', messages: [{ role: 'user', content: text }], ...overrides };
}

describe('decideReply', () => {
  it('echoes the last user text, counting images', () => {
    expect(decideReply(request('hi'))).toEqual({ type: 'text', text: 'echo: hi', finishReason: 'COMPLETE' });
    const image = { type: 'image_url' as const, image_url: { url: 'data:image/png;base64,AAAA' } };
    const withImages = request('', {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'look' }, image, image] }],
    });
    expect(decideReply(withImages)).toMatchObject({ text: 'echo: look [2 images]' });
  });

  it('calls the first tool when the user asks about the weather, or tool_choice is REQUIRED', () => {
    expect(decideReply(request('What is the weather?', { tools: [weather] }))).toEqual({
      type: 'tool-call',
      plan: 'I will use get_weather to answer this.',
      toolName: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
    expect(decideReply(request('hello', { tools: [weather], tool_choice: 'REQUIRED' }))).toMatchObject({
      type: 'tool-call',
    });
    expect(decideReply(request('weather?', { tools: [weather], tool_choice: 'NONE' }))).toMatchObject({
      type: 'text',
    });
    expect(decideReply(request('weather?'))).toMatchObject({ type: 'text' });
  });

  it('answers tool results with their outputs', () => {
    const reply = decideReply(
      request('', {
        messages: [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'a', content: [{ type: 'text', text: 'Sunny' }] },
        ],
      }),
    );
    expect(reply).toEqual({ type: 'text', text: 'tool said: Sunny', finishReason: 'COMPLETE' });
  });

  it('applies stop sequences and max_tokens in words', () => {
    expect(decideReply(request('one two three', { stop_sequences: ['two'] }))).toEqual({
      type: 'text',
      text: 'echo: one ',
      finishReason: 'STOP_SEQUENCE',
    });
    expect(decideReply(request('one two three', { max_tokens: 2 }))).toEqual({
      type: 'text',
      text: 'echo: one',
      finishReason: 'MAX_TOKENS',
    });
  });
});

describe('the wire answers', () => {
  const text = { type: 'text' as const, text: 'echo: hi there', finishReason: 'COMPLETE' as const };
  const tool = {
    type: 'tool-call' as const,
    plan: 'I will.',
    toolName: 'get_weather',
    arguments: '{"city":"Paris"}',
  };
  const id = '00000000-fake-4000-8000-000000000007';

  it('builds the JSON answer', () => {
    expect(cohereChatResponse(text, id, 5)).toEqual({
      id,
      finish_reason: 'COMPLETE',
      message: { role: 'assistant', content: [{ type: 'text', text: 'echo: hi there' }] },
      usage: {
        billed_units: { input_tokens: 5, output_tokens: 3 },
        tokens: { input_tokens: 5, output_tokens: 3 },
        cached_tokens: 0,
      },
    });
    expect(cohereChatResponse(tool, id, 5)).toMatchObject({
      finish_reason: 'TOOL_CALL',
      message: {
        tool_plan: 'I will.',
        tool_calls: [{ id: 'get_weather_000000000007', type: 'function', function: { name: 'get_weather' } }],
      },
    });
  });

  it('builds the stream events in order, with their kinds', () => {
    const events = cohereStreamEvents(text, id, 5);
    expect(events.map((event) => `${event.kind}:${event.data.type}`)).toEqual([
      'meta:message-start',
      'meta:content-start',
      'content:content-delta',
      'content:content-delta',
      'content:content-delta',
      'meta:content-end',
      'final:message-end',
    ]);
    const toolEvents = cohereStreamEvents(tool, id, 5).map((event) => event.data.type);
    expect(toolEvents).toEqual([
      'message-start',
      'tool-plan-delta',
      'tool-plan-delta',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'message-end',
    ]);
  });
});

describe('helpers', () => {
  it('splits words losslessly, builds arguments from a schema, counts prompt tokens', () => {
    expect(splitWords(' a  b c ')).toEqual([' a', '  b', ' c', ' ']);
    expect(argumentsFor(weather.function.parameters)).toEqual({ city: 'Paris' });
    expect(argumentsFor({ properties: { n: { type: 'number' }, x: { type: 'string' } } })).toEqual({ n: 1 });
    expect(
      argumentsFor({
        required: ['mode', 'on'],
        properties: { mode: { enum: ['fast'] }, on: { type: 'boolean' } },
      }),
    ).toEqual({
      mode: 'fast',
      on: true,
    });
    expect(promptTokens(request('hi'))).toBe(
      Math.ceil(JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], tools: [] }).length / 4),
    );
  });
});
