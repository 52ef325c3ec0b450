import { describe, expect, it } from 'vitest';
import { openAIConversation, openAIPromptTokens } from './openai-conversation.js';

describe('openAIConversation', () => {
  it('reads the last user turn, tools, tool choice, stop and limits', () => {
    const body = {
      messages: [
        { role: 'user', content: 'old' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'x' } },
          ],
        },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      stop: 'END',
      max_completion_tokens: 7,
    };
    expect(openAIConversation(body)).toEqual({
      lastUserText: 'look',
      imageCount: 1,
      toolResults: undefined,
      tools: [{ name: 'get_weather', inputSchema: { type: 'object' } }],
      toolMode: { name: 'get_weather' },
      stopSequences: ['END'],
      maxTokens: 7,
    });
  });

  it('collects the trailing tool results', () => {
    const conversation = openAIConversation({
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', tool_calls: [] },
        { role: 'tool', tool_call_id: 'a', content: 'sunny' },
        { role: 'tool', tool_call_id: 'b', content: [{ type: 'text', text: '21C' }] },
      ],
      tool_choice: 'required',
    });
    expect(conversation).toMatchObject({
      toolResults: ['sunny', '21C'],
      toolMode: 'required',
      lastUserText: 'weather?',
    });
  });

  it('counts prompt tokens from the canonical JSON of messages and tools', () => {
    const tokens = openAIPromptTokens({ messages: [{ role: 'user', content: 'hi' }] });
    expect(tokens).toBe(Math.ceil('{"messages":[{"content":"hi","role":"user"}],"tools":[]}'.length / 4));
  });
});
