import { describe, expect, it } from 'vitest';
import { openaiChatRequestSchema } from './openai-chat-request-schema.js';
import { readFixture } from './openai-test-utils.js';

describe('openaiChatRequestSchema', () => {
  it('accepts the request fixture and keeps unknown fields at every level', () => {
    const fixture = readFixture('openai-chat-request.json');
    expect(openaiChatRequestSchema.parse(fixture)).toEqual(fixture);
  });

  it('accepts null for optional fields, as clients send them', () => {
    const result = openaiChatRequestSchema.safeParse({
      model: 'm',
      messages: [{ role: 'assistant', content: null, tool_calls: null, refusal: null }],
      stop: null,
      temperature: null,
      response_format: null,
      tool_choice: null,
    });
    expect(result.success).toBe(true);
  });

  it('rejects unknown content part types and roles', () => {
    expect(
      openaiChatRequestSchema.safeParse({
        model: 'm',
        messages: [{ role: 'user', content: [{ type: 'video' }] }],
      }).success,
    ).toBe(false);
    expect(
      openaiChatRequestSchema.safeParse({ model: 'm', messages: [{ role: 'bot', content: 'x' }] }).success,
    ).toBe(false);
  });
});
