import { describe, expect, it } from 'vitest';
import type { Message } from '../spec/v1/message.js';
import type { Warning } from '../spec/v1/warning.js';
import { toOpenAIMessages } from './to-openai-messages.js';

describe('toOpenAIMessages', () => {
  it('converts a conversation from an Anthropic client', () => {
    const warnings: Warning[] = [];
    const messages: Message[] = [
      {
        role: 'system',
        content: [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: 'Be kind.' },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', data: 'iVBO' }, mediaType: 'image/png' },
          { type: 'file', source: { type: 'base64', data: 'JVBERi0=' }, mediaType: 'application/pdf' },
          { type: 'file', source: { type: 'text', text: 'plain document' }, mediaType: 'text/plain' },
          {
            type: 'file',
            source: { type: 'base64', data: 'aGVsbG8=' },
            mediaType: 'text/markdown',
            filename: 'a.md',
          },
          { type: 'file', source: { type: 'base64', data: 'UklGRg==' }, mediaType: 'audio/wav' },
          {
            type: 'file',
            source: { type: 'url', url: 'https://example.com/a.pdf' },
            mediaType: 'application/pdf',
          },
          { type: 'image', source: { type: 'file-id', fileId: 'file_1' } },
          { type: 'text', text: 'What is in these?' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Let me look.', signature: 'sig' },
          { type: 'text', text: 'Looking' },
          { type: 'text', text: ' now.' },
          { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'ocr', input: '{"page":1}' },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_1',
            output: [
              { type: 'text', text: 'Page one' },
              { type: 'image', source: { type: 'base64', data: 'iVBO' }, mediaType: 'image/png' },
              { type: 'text', text: 'Page two' },
            ],
            isError: false,
          },
          { type: 'tool-result', toolCallId: 'toolu_2', output: 'done' },
        ],
      },
      { role: 'assistant', content: [{ type: 'refusal', text: 'I cannot read that.' }] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'only thoughts' }] },
    ];
    expect(toOpenAIMessages(messages, warnings)).toEqual([
      {
        role: 'system',
        content: [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: 'Be kind.' },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO' } },
          {
            type: 'file',
            file: { filename: 'part-1.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
          },
          { type: 'text', text: 'plain document' },
          { type: 'text', text: 'hello' },
          { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          { type: 'text', text: 'What is in these?' },
        ],
      },
      {
        role: 'assistant',
        content: 'Looking now.',
        tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'ocr', arguments: '{"page":1}' } }],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'Page one\nPage two' },
      { role: 'tool', tool_call_id: 'toolu_2', content: 'done' },
      { role: 'assistant', content: null, refusal: 'I cannot read that.' },
      { role: 'assistant', content: '' },
    ]);
    expect(warnings).toEqual([
      { type: 'unsupported', feature: 'file source url', details: 'application/pdf' },
      { type: 'unsupported', feature: 'image source file-id' },
      { type: 'unsupported', feature: 'image in tool result', details: 'dropped' },
    ]);
  });

  it('re-emits the OpenAI wire fields a client sent', () => {
    const messages: Message[] = [
      {
        role: 'system',
        content: [{ type: 'text', text: 'Rules' }],
        providerOptions: { openai: { role: 'developer', name: 'ops' } },
      },
      {
        role: 'user',
        name: 'ada',
        content: [
          {
            type: 'text',
            text: 'Long doc',
            providerOptions: { openai: { cache_control: { type: 'ephemeral' } } },
          },
        ],
      },
      {
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
        providerOptions: { openai: { reasoning_details: [] } },
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'lookup', output: 'found' }],
        providerOptions: { openai: { role: 'function' } },
      },
    ];
    expect(toOpenAIMessages(messages, [])).toEqual([
      { role: 'developer', content: 'Rules', name: 'ops' },
      {
        role: 'user',
        name: 'ada',
        content: [{ type: 'text', text: 'Long doc', cache_control: { type: 'ephemeral' } }],
      },
      {
        role: 'assistant',
        content: null,
        function_call: { name: 'lookup', arguments: '{}' },
        reasoning_details: [],
      },
      { role: 'function', name: 'lookup', content: 'found' },
    ]);
  });
});
