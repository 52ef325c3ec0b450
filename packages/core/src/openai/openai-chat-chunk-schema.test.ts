import { describe, expect, it } from 'vitest';
import { openaiChatChunkSchema } from './openai-chat-chunk-schema.js';
import { readChunks } from './openai-test-utils.js';

describe('openaiChatChunkSchema', () => {
  it('accepts every chunk of the stream fixtures, usage and error chunks included', () => {
    for (const name of [
      'openai-chat-stream.chunks.txt',
      'openai-chat-stream-tool-calls.chunks.txt',
      'deepseek-chat-stream-reasoning.chunks.txt',
      'openrouter-chat-stream-error.chunks.txt',
    ]) {
      for (const chunk of readChunks(name)) expect(openaiChatChunkSchema.parse(chunk)).toEqual(chunk);
    }
  });

  it('rejects a tool call fragment without an index', () => {
    const chunk = { choices: [{ index: 0, delta: { tool_calls: [{ function: { arguments: '{}' } }] } }] };
    expect(openaiChatChunkSchema.safeParse(chunk).success).toBe(false);
  });
});
