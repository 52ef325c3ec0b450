import { describe, expect, it } from 'vitest';
import {
  decodeAnthropicAssistantBlock,
  decodeAnthropicDocumentBlock,
  decodeAnthropicImageBlock,
  decodeAnthropicRedactedThinkingBlock,
  decodeAnthropicThinkingBlock,
  decodeAnthropicToolResultBlock,
  decodeAnthropicUserBlock,
} from './decode-anthropic-content.js';

describe('decodeAnthropicImageBlock', () => {
  it('decodes base64, url and file sources, keeping cache_control', () => {
    expect(
      decodeAnthropicImageBlock({
        type: 'image',
        source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' },
        cache_control: { type: 'ephemeral' },
      }),
    ).toEqual({
      type: 'image',
      source: { type: 'base64', data: '/9j/4AAQ' },
      mediaType: 'image/jpeg',
      providerOptions: { anthropic: { cache_control: { type: 'ephemeral' } } },
    });
    expect(
      decodeAnthropicImageBlock({ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }),
    ).toEqual({
      type: 'image',
      source: { type: 'url', url: 'https://x/y.png' },
    });
    expect(decodeAnthropicImageBlock({ type: 'image', source: { type: 'file', file_id: 'file_1' } })).toEqual(
      {
        type: 'image',
        source: { type: 'file-id', fileId: 'file_1' },
      },
    );
  });
});

describe('decodeAnthropicDocumentBlock', () => {
  it('decodes PDF and text documents to file parts', () => {
    expect(
      decodeAnthropicDocumentBlock({
        type: 'document',
        source: { type: 'url', url: 'https://x/a.pdf' },
        context: 'c',
      }),
    ).toEqual({
      type: 'file',
      source: { type: 'url', url: 'https://x/a.pdf' },
      mediaType: 'application/pdf',
      providerOptions: { anthropic: { context: 'c' } },
    });
    expect(
      decodeAnthropicDocumentBlock({
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: 'The grass is green.' },
        title: 'Notes',
      }),
    ).toEqual({
      type: 'file',
      source: { type: 'text', text: 'The grass is green.' },
      mediaType: 'text/plain',
      filename: 'Notes',
    });
    expect(
      decodeAnthropicDocumentBlock({ type: 'document', source: { type: 'file', file_id: 'file_9' } }),
    ).toEqual({
      type: 'file',
      source: { type: 'file-id', fileId: 'file_9' },
      mediaType: 'application/pdf',
    });
  });

  it('decodes a content document to its text and keeps the original source', () => {
    const source = {
      type: 'content' as const,
      content: [
        { type: 'text', text: 'First chunk' },
        { type: 'text', text: 'Second chunk' },
      ],
    };
    expect(decodeAnthropicDocumentBlock({ type: 'document', source, citations: { enabled: true } })).toEqual({
      type: 'file',
      source: { type: 'text', text: 'First chunk\nSecond chunk' },
      mediaType: 'text/plain',
      providerOptions: { anthropic: { citations: { enabled: true }, source } },
    });
  });
});

describe('reasoning blocks', () => {
  it('keeps a signature, and treats an empty one as none', () => {
    expect(decodeAnthropicThinkingBlock({ type: 'thinking', thinking: 'hm', signature: 'sig' })).toEqual({
      type: 'reasoning',
      text: 'hm',
      signature: 'sig',
    });
    expect(decodeAnthropicThinkingBlock({ type: 'thinking', thinking: 'hm', signature: '' })).toEqual({
      type: 'reasoning',
      text: 'hm',
    });
    expect(decodeAnthropicRedactedThinkingBlock({ type: 'redacted_thinking', data: 'opaque' })).toEqual({
      type: 'reasoning',
      text: '',
      redactedData: 'opaque',
    });
  });
});

describe('decodeAnthropicToolResultBlock', () => {
  it('decodes rich content and keeps unmodelled blocks opaque', () => {
    const searchResult = { type: 'search_result', source: 'https://x', title: 'X', content: [] };
    expect(
      decodeAnthropicToolResultBlock({
        type: 'tool_result',
        tool_use_id: 't1',
        content: [
          { type: 'text', text: 'see image' },
          { type: 'image', source: { type: 'url', url: 'https://x/i.png' } },
          searchResult,
        ],
        is_error: false,
      }),
    ).toEqual({
      type: 'tool-result',
      toolCallId: 't1',
      output: [
        { type: 'text', text: 'see image' },
        { type: 'image', source: { type: 'url', url: 'https://x/i.png' } },
        { type: 'text', text: '', providerOptions: { anthropic: { rawBlock: searchResult } } },
      ],
      isError: false,
    });
  });
});

describe('role checks', () => {
  it('rejects model blocks in user messages and keeps them for responses', () => {
    expect(() =>
      decodeAnthropicUserBlock({ type: 'thinking', thinking: 'x' }, ['messages', 0, 'content', 1]),
    ).toThrow("messages.0.content.1.type: 'thinking' blocks are only allowed in assistant messages");
    const image = { type: 'image' as const, source: { type: 'url' as const, url: 'https://x' } };
    expect(() => decodeAnthropicAssistantBlock(image, ['messages', 1, 'content', 0])).toThrow(
      "messages.1.content.0.type: 'image' blocks are only allowed in user messages",
    );
    expect(decodeAnthropicAssistantBlock(image)).toEqual({
      type: 'text',
      text: '',
      providerOptions: { anthropic: { rawBlock: image } },
    });
  });
});
