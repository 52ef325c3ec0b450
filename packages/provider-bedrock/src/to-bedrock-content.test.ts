import type { Warning } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import {
  documentName,
  hasCacheMarker,
  parseToolInput,
  toBedrockAssistantBlocks,
  toBedrockToolResultBlocks,
  toBedrockUserBlocks,
} from './to-bedrock-content.js';

describe('to-bedrock-content', () => {
  it('names documents as Bedrock allows', () => {
    expect(documentName('Annual report (2024) v2.final.pdf', 1)).toBe('Annual report (2024) v2-final');
    expect(documentName('  a   b.txt', 1)).toBe('a b');
    expect(documentName(undefined, 3)).toBe('document-3');
    expect(documentName('.pdf', 4)).toBe('document-4');
  });

  it('parses tool input into an object', () => {
    expect(parseToolInput('{"a":1}')).toEqual({ a: 1 });
    expect(parseToolInput('')).toEqual({});
    expect(parseToolInput('[1]')).toBeUndefined();
    expect(parseToolInput('{oops')).toBeUndefined();
  });

  it('sends a tool call with input that is not an object as {}, with a warning', () => {
    const warnings: Warning[] = [];
    expect(
      toBedrockAssistantBlocks({ type: 'tool-call', toolCallId: 't', toolName: 'f', input: '"x"' }, warnings),
    ).toEqual([{ toolUse: { toolUseId: 't', name: 'f', input: {} } }]);
    expect(warnings).toEqual([expect.objectContaining({ feature: 'tool call input' })]);
  });

  it('sends rich tool results (text and images) and empty ones', () => {
    const warnings: Warning[] = [];
    const blocks = toBedrockToolResultBlocks(
      {
        type: 'tool-result',
        toolCallId: 't',
        output: [
          { type: 'text', text: 'chart:' },
          { type: 'image', source: { type: 'base64', data: 'AAAA' }, mediaType: 'image/gif' },
        ],
      },
      warnings,
    );
    expect(blocks).toEqual([
      {
        toolResult: {
          toolUseId: 't',
          content: [{ text: 'chart:' }, { image: { format: 'gif', source: { bytes: 'AAAA' } } }],
        },
      },
    ]);
    expect(toBedrockToolResultBlocks({ type: 'tool-result', toolCallId: 'u', output: '' }, warnings)).toEqual(
      [{ toolResult: { toolUseId: 'u', content: [] } }],
    );
  });

  it('warns about images of a type Bedrock does not take', () => {
    const warnings: Warning[] = [];
    const blocks = toBedrockUserBlocks(
      { type: 'image', source: { type: 'base64', data: 'AAAA' }, mediaType: 'image/tiff' },
      { next: 1 },
      warnings,
    );
    expect(blocks).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'image media type' })]);
  });

  it('recognises an Anthropic cache marker', () => {
    expect(hasCacheMarker({ anthropic: { cache_control: { type: 'ephemeral' } } })).toBe(true);
    expect(hasCacheMarker({ anthropic: {} })).toBe(false);
    expect(hasCacheMarker(undefined)).toBe(false);
  });
});
