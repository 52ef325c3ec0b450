import { describe, expect, it } from 'vitest';
import { anthropicConversation } from './anthropic-conversation.js';

describe('anthropicConversation', () => {
  it('merges consecutive user messages and skips an assistant prefill', () => {
    const conversation = anthropicConversation({
      max_tokens: 20,
      stop_sequences: ['STOP'],
      tool_choice: { type: 'any' },
      tools: [
        { name: 'get_weather', input_schema: { type: 'object' } },
        { type: 'web_search_20250305', name: 'web_search' },
      ],
      messages: [
        { role: 'user', content: 'hello' },
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'url', url: 'x' } },
            { type: 'text', text: 'there' },
          ],
        },
        { role: 'assistant', content: 'Sure:' },
      ],
    });
    expect(conversation).toEqual({
      lastUserText: 'hello there',
      imageCount: 1,
      toolResults: undefined,
      tools: [{ name: 'get_weather', inputSchema: { type: 'object' } }],
      toolMode: 'required',
      stopSequences: ['STOP'],
      maxTokens: 20,
    });
  });

  it('reads tool results as text', () => {
    const conversation = anthropicConversation({
      tool_choice: { type: 'tool', name: 'get_weather' },
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'get_weather', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't', content: 'sunny' },
            { type: 'tool_result', tool_use_id: 'u', content: [{ type: 'text', text: '21C' }] },
          ],
        },
      ],
    });
    expect(conversation).toMatchObject({ toolResults: ['sunny', '21C'], toolMode: { name: 'get_weather' } });
  });
});
