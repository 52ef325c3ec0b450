import { describe, expect, it } from 'vitest';
import { decodeOpenAIMessage } from './decode-openai-messages.js';
import { type OpenAIChatMessage, openaiChatMessageSchema } from './openai-chat-request-schema.js';

function decode(message: unknown) {
  return decodeOpenAIMessage(openaiChatMessageSchema.parse(message) as OpenAIChatMessage);
}

describe('decodeOpenAIMessage', () => {
  it('decodes audio, raw base64 files and part extras', () => {
    expect(
      decode({
        role: 'user',
        content: [
          { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
          { type: 'file', file: { file_data: 'JVBERi0=', filename: 'report.pdf' } },
          { type: 'file', file: { file_data: 'JVBERi0=' } },
          { type: 'text', text: 'Summarize', cache_control: { type: 'ephemeral' } },
          {
            type: 'image_url',
            image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' },
            cache_control: { type: 'ephemeral' },
          },
        ],
      }),
    ).toEqual({
      role: 'user',
      content: [
        { type: 'file', source: { type: 'base64', data: 'SUQz' }, mediaType: 'audio/mpeg' },
        {
          type: 'file',
          source: { type: 'base64', data: 'JVBERi0=' },
          mediaType: 'application/pdf',
          filename: 'report.pdf',
        },
        { type: 'file', source: { type: 'base64', data: 'JVBERi0=' }, mediaType: 'application/pdf' },
        {
          type: 'text',
          text: 'Summarize',
          providerOptions: {
            openai: { cache_control: { type: 'ephemeral' } },
            anthropic: { cache_control: { type: 'ephemeral' } },
          },
        },
        {
          type: 'image',
          source: { type: 'base64', data: '/9j/4AAQ' },
          mediaType: 'image/jpeg',
          providerOptions: {
            openai: { cache_control: { type: 'ephemeral' } },
            anthropic: { cache_control: { type: 'ephemeral' } },
          },
        },
      ],
    });
  });

  it('decodes assistant content parts, refusals and reasoning_content', () => {
    expect(
      decode({
        role: 'assistant',
        reasoning_content: 'Thinking...',
        content: [
          { type: 'text', text: 'Part one. ' },
          { type: 'refusal', refusal: 'I cannot help with that.' },
        ],
        name: 'helper',
        reasoning_details: [{ type: 'reasoning.text', text: 'Thinking...' }],
      }),
    ).toEqual({
      role: 'assistant',
      name: 'helper',
      content: [
        { type: 'reasoning', text: 'Thinking...' },
        { type: 'text', text: 'Part one. ' },
        { type: 'refusal', text: 'I cannot help with that.' },
      ],
      providerOptions: { openai: { reasoning_details: [{ type: 'reasoning.text', text: 'Thinking...' }] } },
    });
    expect(decode({ role: 'assistant', content: '', refusal: 'No.' })).toEqual({
      role: 'assistant',
      content: [{ type: 'refusal', text: 'No.' }],
    });
  });

  it('decodes tool messages with text parts', () => {
    expect(decode({ role: 'tool', tool_call_id: 'call_9', content: [{ type: 'text', text: '42' }] })).toEqual(
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'call_9', output: [{ type: 'text', text: '42' }] }],
      },
    );
  });

  it('decodes the deprecated function calling as tool calls keyed by name', () => {
    expect(
      decode({ role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{}' } }),
    ).toEqual({
      role: 'assistant',
      content: [
        {
          type: 'tool-call',
          toolCallId: 'lookup',
          toolName: 'lookup',
          input: '{}',
          providerOptions: { openai: { legacyFunctionCall: true } },
        },
      ],
    });
    expect(decode({ role: 'function', name: 'lookup', content: 'found' })).toEqual({
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'lookup', output: 'found' }],
      providerOptions: { openai: { role: 'function' } },
    });
  });
});
