import type { Message, Warning } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { toCohereMessages, warnOnce } from './to-cohere-messages.js';

function convert(messages: Message[]) {
  const warnings: Warning[] = [];
  return { ...toCohereMessages(messages, warnings), warnings };
}

describe('toCohereMessages', () => {
  it('keeps system, user and assistant text, a single text as a string', () => {
    const { messages, warnings } = convert([
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
      {
        role: 'system',
        content: [
          { type: 'text', text: 'One.' },
          { type: 'text', text: 'Two.' },
        ],
      },
    ]);
    expect(messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      {
        role: 'system',
        content: [
          { type: 'text', text: 'One.' },
          { type: 'text', text: 'Two.' },
        ],
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('sends images as image_url items: base64 as a data URL, detail kept', () => {
    const { messages } = convert([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare' },
          { type: 'image', source: { type: 'base64', data: 'AAAA' }, mediaType: 'image/jpeg', detail: 'low' },
          { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
        ],
      },
    ]);
    expect(messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare' },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AAAA', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
        ],
      },
    ]);
  });

  it('moves text files to documents and leaves PDFs, audio and file ids out with warnings', () => {
    const { messages, documents, warnings } = convert([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Summarize' },
          {
            type: 'file',
            source: { type: 'text', text: 'Notes' },
            mediaType: 'text/plain',
            filename: 'notes.txt',
          },
          {
            type: 'file',
            source: { type: 'base64', data: Buffer.from('{"a":1}').toString('base64') },
            mediaType: 'application/json',
          },
          { type: 'file', source: { type: 'base64', data: 'JVBERi0=' }, mediaType: 'application/pdf' },
          { type: 'file', source: { type: 'base64', data: 'UklGRg==' }, mediaType: 'audio/wav' },
          { type: 'image', source: { type: 'file-id', fileId: 'file_1' } },
        ],
      },
    ]);
    expect(messages).toEqual([{ role: 'user', content: 'Summarize' }]);
    expect(documents).toEqual([
      { data: { text: 'Notes', title: 'notes.txt' } },
      { data: { text: '{"a":1}' } },
    ]);
    expect(warnings.map((warning) => 'feature' in warning && warning.feature)).toEqual([
      'file application/pdf',
      'file audio/wav',
      'image source file-id',
    ]);
  });

  it('sends tool calls with their text as the tool plan, and each tool result as a tool message', () => {
    const { messages, warnings } = convert([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'I should check.' },
          { type: 'text', text: 'Checking the weather.' },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Paris"}' },
          { type: 'tool-call', toolCallId: 'call_2', toolName: 'get_time', input: '' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'call_1', output: 'Sunny' },
          {
            type: 'tool-result',
            toolCallId: 'call_2',
            output: [{ type: 'text', text: '12:00' }],
            isError: true,
          },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'call_3', toolName: 'get_time', input: '{}' }],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_3',
            output: [{ type: 'image', source: { type: 'base64', data: 'AAAA' }, mediaType: 'image/png' }],
          },
        ],
      },
    ]);
    expect(messages).toEqual([
      {
        role: 'assistant',
        tool_plan: 'Checking the weather.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
      { role: 'tool', tool_call_id: 'call_2', content: '12:00' },
      {
        role: 'assistant',
        tool_calls: [{ id: 'call_3', type: 'function', function: { name: 'get_time', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'call_3', content: '' },
    ]);
    expect(warnings.map((warning) => 'feature' in warning && warning.feature)).toEqual([
      'reasoning',
      'tool-result isError',
      'image in tool result',
    ]);
  });

  it('warns once that message names are not sent', () => {
    const { messages, warnings } = convert([
      { role: 'user', name: 'alice', content: [{ type: 'text', text: 'a' }] },
      { role: 'user', name: 'bob', content: [{ type: 'text', text: 'b' }] },
    ]);
    expect(messages).toEqual([
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
    ]);
    expect(warnings).toEqual([
      { type: 'unsupported', feature: 'message name', details: 'Cohere messages have no name' },
    ]);
  });
});

describe('warnOnce', () => {
  it('adds a warning once per feature, and every other warning', () => {
    const warnings: Warning[] = [];
    warnOnce(warnings, { type: 'unsupported', feature: 'x' });
    warnOnce(warnings, { type: 'compatibility', feature: 'x' });
    warnOnce(warnings, { type: 'other', message: 'm' });
    warnOnce(warnings, { type: 'other', message: 'm' });
    expect(warnings).toHaveLength(3);
  });
});
