import { describe, expect, it } from 'vitest';
import type { Warning } from '../spec/v1/warning.js';
import {
  parseToolInput,
  toAnthropicToolResultBlock,
  toAnthropicUserBlock,
} from './encode-anthropic-content.js';

describe('toAnthropicUserBlock', () => {
  it('encodes images from base64, data URLs, URLs and files', () => {
    const warnings: Warning[] = [];
    expect(
      toAnthropicUserBlock({ type: 'image', source: { type: 'base64', data: 'iVBORw0KGgoAAA' } }, warnings),
    ).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgoAAA' },
    });
    expect(
      toAnthropicUserBlock(
        { type: 'image', source: { type: 'url', url: 'data:image/webp;base64,UklGRgAA' }, detail: 'high' },
        warnings,
      ),
    ).toEqual({ type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklGRgAA' } });
    expect(
      toAnthropicUserBlock({ type: 'image', source: { type: 'url', url: 'https://x/y.jpg' } }, warnings),
    ).toEqual({
      type: 'image',
      source: { type: 'url', url: 'https://x/y.jpg' },
    });
    expect(
      toAnthropicUserBlock({ type: 'image', source: { type: 'file-id', fileId: 'file_1' } }, warnings),
    ).toEqual({
      type: 'image',
      source: { type: 'file', file_id: 'file_1' },
    });
    expect(warnings).toEqual([]);
  });

  it('encodes PDF and text files as documents', () => {
    const warnings: Warning[] = [];
    expect(
      toAnthropicUserBlock(
        {
          type: 'file',
          source: { type: 'base64', data: 'JVBERi0x' },
          mediaType: 'application/pdf',
          filename: 'a.pdf',
        },
        warnings,
      ),
    ).toEqual({
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' },
      title: 'a.pdf',
    });
    expect(
      toAnthropicUserBlock(
        {
          type: 'file',
          source: { type: 'base64', data: Buffer.from('hello').toString('base64') },
          mediaType: 'text/plain',
        },
        warnings,
      ),
    ).toEqual({ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'hello' } });
    expect(
      toAnthropicUserBlock(
        { type: 'file', source: { type: 'url', url: 'https://x/a.pdf' }, mediaType: 'application/pdf' },
        warnings,
      ),
    ).toEqual({ type: 'document', source: { type: 'url', url: 'https://x/a.pdf' } });
    expect(warnings).toEqual([]);
  });

  it('sends a content document back with its original source', () => {
    const source = { type: 'content', content: [{ type: 'text', text: 'chunk' }] };
    expect(
      toAnthropicUserBlock(
        {
          type: 'file',
          source: { type: 'text', text: 'chunk' },
          mediaType: 'text/plain',
          providerOptions: { anthropic: { source, citations: { enabled: true } } },
        },
        [],
      ),
    ).toEqual({ type: 'document', source, citations: { enabled: true } });
  });

  it('drops files Anthropic cannot take, with a warning', () => {
    const warnings: Warning[] = [];
    expect(
      toAnthropicUserBlock(
        { type: 'file', source: { type: 'base64', data: 'AAAA' }, mediaType: 'audio/mpeg' },
        warnings,
      ),
    ).toBeUndefined();
    expect(
      toAnthropicUserBlock(
        { type: 'file', source: { type: 'base64', data: 'AAAA' }, mediaType: 'application/zip' },
        warnings,
      ),
    ).toBeUndefined();
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'audio input' }),
      expect.objectContaining({ type: 'unsupported', feature: 'file of type application/zip' }),
    ]);
  });
});

describe('toAnthropicToolResultBlock', () => {
  it('encodes rich output and the error flag', () => {
    expect(
      toAnthropicToolResultBlock(
        {
          type: 'tool-result',
          toolCallId: 't',
          output: [
            { type: 'text', text: 'chart:' },
            { type: 'image', source: { type: 'base64', data: '/9j/4AAQ' }, mediaType: 'image/jpeg' },
          ],
          isError: true,
        },
        [],
      ),
    ).toEqual({
      type: 'tool_result',
      tool_use_id: 't',
      content: [
        { type: 'text', text: 'chart:' },
        { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } },
      ],
      is_error: true,
    });
  });
});

describe('parseToolInput', () => {
  it('parses objects only', () => {
    expect(parseToolInput('')).toEqual({});
    expect(parseToolInput('{"a":1}')).toEqual({ a: 1 });
    expect(parseToolInput('[1]')).toBeUndefined();
    expect(parseToolInput('{"a":')).toBeUndefined();
  });
});
