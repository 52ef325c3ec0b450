import { describe, expect, it } from 'vitest';
import { openaiChatCompletionSchema } from './openai-chat-completion-schema.js';
import { readFixture } from './openai-test-utils.js';

describe('openaiChatCompletionSchema', () => {
  it('accepts both completion fixtures and keeps provider additions', () => {
    for (const name of ['openai-chat-completion.json', 'openai-chat-completion-tool-calls.json']) {
      const fixture = readFixture(name);
      expect(openaiChatCompletionSchema.parse(fixture)).toEqual(fixture);
    }
  });

  it('accepts OpenAI-compatible bodies without ids or usage', () => {
    expect(
      openaiChatCompletionSchema.safeParse({
        choices: [
          { message: { content: 'Hi', tool_calls: [{ function: { name: 'f' } }] }, finish_reason: 'stop' },
        ],
      }).success,
    ).toBe(true);
    expect(openaiChatCompletionSchema.safeParse({ id: 'x' }).success).toBe(false);
  });
});
