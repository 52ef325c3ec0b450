import { describe, expect, it } from 'vitest';
import { argumentsFromSchema, type Conversation, decideReply } from './reply.js';

const weatherTool = {
  name: 'get_weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function conversation(overrides: Partial<Conversation>): Conversation {
  return {
    lastUserText: 'hello there',
    imageCount: 0,
    toolResults: undefined,
    tools: [],
    toolMode: 'auto',
    stopSequences: [],
    maxTokens: undefined,
    ...overrides,
  };
}

describe('decideReply', () => {
  it('echoes the last user text, counting images', () => {
    expect(decideReply(conversation({}))).toEqual({
      type: 'text',
      text: 'echo: hello there',
      finish: 'stop',
    });
    expect(decideReply(conversation({ imageCount: 1 }))).toMatchObject({
      text: 'echo: hello there [1 image]',
    });
    expect(decideReply(conversation({ imageCount: 2 }))).toMatchObject({
      text: 'echo: hello there [2 images]',
    });
  });

  it('calls a tool when asked about the weather or to call one', () => {
    const tools = [weatherTool, { name: 'other', inputSchema: { type: 'object' } }];
    expect(decideReply(conversation({ tools, lastUserText: 'What is the weather in Paris?' }))).toEqual({
      type: 'tool-call',
      toolName: 'get_weather',
      input: { city: 'Paris' },
    });
    expect(decideReply(conversation({ tools, lastUserText: 'call other now' }))).toMatchObject({
      toolName: 'other',
    });
    expect(decideReply(conversation({ tools, toolMode: 'required' }))).toMatchObject({
      toolName: 'get_weather',
    });
    expect(decideReply(conversation({ tools, toolMode: { name: 'other' } }))).toMatchObject({
      toolName: 'other',
    });
    expect(decideReply(conversation({ tools, toolMode: 'none', lastUserText: 'weather?' }))).toMatchObject({
      type: 'text',
    });
    expect(decideReply(conversation({ lastUserText: 'weather?' }))).toMatchObject({ type: 'text' });
  });

  it('answers tool results', () => {
    expect(decideReply(conversation({ toolResults: ['sunny', '21C'] }))).toMatchObject({
      text: 'tool said: sunny, 21C',
    });
  });

  it('honours stop sequences and the token limit', () => {
    expect(decideReply(conversation({ stopSequences: ['there', 'hello'] }))).toEqual({
      type: 'text',
      text: 'echo: ',
      finish: 'stop-sequence',
      stopSequence: 'hello',
    });
    expect(decideReply(conversation({ maxTokens: 2 }))).toEqual({
      type: 'text',
      text: 'echo: hello',
      finish: 'length',
    });
    expect(decideReply(conversation({ maxTokens: 3 }))).toMatchObject({ finish: 'stop' });
  });
});

describe('argumentsFromSchema', () => {
  it('fills required properties by type', () => {
    expect(
      argumentsFromSchema({
        type: 'object',
        properties: {
          city: { type: 'string' },
          days: { type: 'integer' },
          unit: { type: 'string', enum: ['c', 'f'] },
          where: { type: 'object', properties: { lat: { type: 'number' } }, required: ['lat'] },
        },
        required: ['city', 'days', 'unit', 'where'],
      }),
    ).toEqual({ city: 'Paris', days: 1, unit: 'c', where: { lat: 1 } });
    expect(argumentsFromSchema({ type: 'object', properties: { q: { type: 'string' } } })).toEqual({
      q: 'Paris',
    });
    expect(argumentsFromSchema(undefined)).toEqual({});
  });
});
