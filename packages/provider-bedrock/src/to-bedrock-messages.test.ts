import type { Message, Warning } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { toBedrockPrompt } from './to-bedrock-messages.js';

const cache = { anthropic: { cache_control: { type: 'ephemeral' } } };
const png = 'iVBORw0KGgo=';

function convert(messages: Message[]) {
  const warnings: Warning[] = [];
  return { ...toBedrockPrompt(messages, warnings), warnings };
}

describe('toBedrockPrompt', () => {
  it('moves system messages to system and keeps user and assistant turns', () => {
    const { system, messages, warnings } = convert([
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
      { role: 'system', content: [{ type: 'text', text: 'Now in French.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
    ]);
    expect(system).toEqual([{ text: 'Be brief.' }, { text: 'Now in French.' }]);
    expect(messages).toEqual([
      { role: 'user', content: [{ text: 'Hi' }] },
      { role: 'assistant', content: [{ text: 'Hello!' }] },
      { role: 'user', content: [{ text: 'Again' }] },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'compatibility', feature: 'system message inside the conversation' }),
    ]);
  });

  it('turns tool calls into toolUse and tool results into a user turn, results first', () => {
    const { messages } = convert([
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'tooluse_1', toolName: 'get_weather', input: '{"city":"Paris"}' },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'tooluse_1', output: 'Sunny', isError: true }],
      },
    ]);
    expect(messages).toEqual([
      { role: 'user', content: [{ text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } }],
      },
      {
        role: 'user',
        content: [
          { toolResult: { toolUseId: 'tooluse_1', content: [{ text: 'Sunny' }], status: 'error' } },
          { text: 'Thanks' },
        ],
      },
    ]);
  });

  it('sends images as bytes (data URLs too) or S3 locations, and warns about HTTP URLs', () => {
    const { messages, warnings } = convert([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', data: png }, mediaType: 'image/png' },
          { type: 'image', source: { type: 'url', url: `data:image/jpeg;base64,${png}` } },
          { type: 'image', source: { type: 'url', url: 's3://bucket/cat.webp' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
          { type: 'text', text: 'What are these?' },
        ],
      },
    ]);
    expect(messages[0]?.content).toEqual([
      { image: { format: 'png', source: { bytes: png } } },
      { image: { format: 'jpeg', source: { bytes: png } } },
      { image: { format: 'webp', source: { s3Location: { uri: 's3://bucket/cat.webp' } } } },
      { text: 'What are these?' },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'image url' })]);
  });

  it('sends documents with a Bedrock-safe name', () => {
    const { messages, warnings } = convert([
      {
        role: 'user',
        content: [
          {
            type: 'file',
            source: { type: 'base64', data: 'JVBERi0=' },
            mediaType: 'application/pdf',
            filename: 'Q3 report_final.pdf',
          },
          { type: 'file', source: { type: 'text', text: 'plain' }, mediaType: 'text/plain' },
          { type: 'file', source: { type: 'base64', data: 'AAAA' }, mediaType: 'audio/wav' },
        ],
      },
    ]);
    expect(messages[0]?.content).toEqual([
      { document: { format: 'pdf', name: 'Q3 report-final', source: { bytes: 'JVBERi0=' } } },
      {
        document: {
          format: 'txt',
          name: 'document-2',
          source: { bytes: Buffer.from('plain').toString('base64') },
        },
      },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'file' })]);
  });

  it('sends signed and redacted reasoning back, and warns about unsigned reasoning', () => {
    const { messages, warnings } = convert([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Thinking', signature: 'sig' },
          { type: 'reasoning', text: '', redactedData: 'opaque' },
          { type: 'reasoning', text: 'unsigned' },
          { type: 'text', text: 'Hello' },
        ],
      },
    ]);
    expect(messages[1]?.content).toEqual([
      { reasoningContent: { reasoningText: { text: 'Thinking', signature: 'sig' } } },
      { reasoningContent: { redactedContent: 'opaque' } },
      { text: 'Hello' },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ feature: 'reasoning' })]);
  });

  it('turns Anthropic cache_control markers into cache points', () => {
    const { system, messages } = convert([
      { role: 'system', content: [{ type: 'text', text: 'Long instructions', providerOptions: cache }] },
      { role: 'user', content: [{ type: 'text', text: 'A long document' }], providerOptions: cache },
      { role: 'assistant', content: [{ type: 'text', text: 'Noted' }] },
      { role: 'user', content: [{ type: 'text', text: 'Question', providerOptions: cache }] },
    ]);
    expect(system).toEqual([{ text: 'Long instructions' }, { cachePoint: { type: 'default' } }]);
    expect(messages[0]?.content).toEqual([{ text: 'A long document' }, { cachePoint: { type: 'default' } }]);
    expect(messages[2]?.content).toEqual([{ text: 'Question' }, { cachePoint: { type: 'default' } }]);
  });

  it('drops blank text and merges consecutive turns of the same role', () => {
    const { messages } = convert([
      { role: 'user', content: [{ type: 'text', text: 'One' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: '  ' },
          { type: 'text', text: 'Two' },
        ],
      },
    ]);
    expect(messages).toEqual([{ role: 'user', content: [{ text: 'One' }, { text: 'Two' }] }]);
  });
});
