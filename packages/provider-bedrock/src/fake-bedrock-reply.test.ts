import { describe, expect, it } from 'vitest';
import {
  answerConverse,
  bedrockConversation,
  cachedPrefix,
  converseResponse,
  converseStreamEvents,
} from './fake-bedrock-reply.js';

const weather = {
  toolSpec: {
    name: 'get_weather',
    inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
};

describe('fake Bedrock model', () => {
  it('reads the conversation from a Converse body', () => {
    const conversation = bedrockConversation({
      messages: [{ role: 'user', content: [{ text: 'Hi' }, { image: {} }, { text: 'there' }] }],
      toolConfig: { tools: [weather], toolChoice: { any: {} } },
      inferenceConfig: { maxTokens: 5, stopSequences: ['x'] },
    });
    expect(conversation).toMatchObject({
      lastUserText: 'Hi there',
      imageCount: 1,
      toolMode: 'required',
      maxTokens: 5,
      stopSequences: ['x'],
    });
    expect(conversation.tools[0]?.name).toBe('get_weather');
  });

  it('echoes text, with end_turn and usage', () => {
    const answer = answerConverse(
      { messages: [{ role: 'user', content: [{ text: 'Hello there' }] }] },
      1,
      new Set(),
    );
    expect(converseResponse(answer)).toMatchObject({
      output: { message: { role: 'assistant', content: [{ text: 'echo: Hello there' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 3, outputTokens: 3, totalTokens: 6 },
    });
  });

  it('calls a tool and streams its input in pieces', () => {
    const answer = answerConverse(
      {
        messages: [{ role: 'user', content: [{ text: 'weather in Paris?' }] }],
        toolConfig: { tools: [weather] },
      },
      2,
      new Set(),
    );
    expect(answer.stopReason).toBe('tool_use');
    const events = converseStreamEvents(answer);
    expect(events.map((event) => event.eventType)).toEqual([
      'messageStart',
      'contentBlockStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
  });

  it('knows the cached prefix of a request', () => {
    expect(cachedPrefix({ messages: [{ role: 'user', content: [{ text: 'a' }] }] })).toBeUndefined();
    expect(
      cachedPrefix({
        system: [{ text: 'S' }, { cachePoint: { type: 'default' } }],
        messages: [{ role: 'user', content: [{ text: 'a' }] }],
      }),
    ).toBe('{"text":"S"}');
  });
});
