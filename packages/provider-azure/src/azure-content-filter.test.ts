import { readFileSync } from 'node:fs';
import { parseSse, type StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import completion from './__fixtures__/azure-chat-completion.json' with { type: 'json' };
import { azureFilterDecoders, isPromptFilterChunk, pickAzureFilterResults } from './azure-content-filter.js';

const decoders = azureFilterDecoders('azure');

describe('Azure content filter results', () => {
  it('are kept in providerMetadata.azure of a completion', () => {
    const result = decoders.decodeResponse(completion, []);
    expect(result.finishReason.unified).toBe('stop');
    expect(result.providerMetadata?.azure).toEqual({
      prompt_filter_results: completion.prompt_filter_results,
      content_filter_results: completion.choices[0]?.content_filter_results,
    });
  });

  it('are kept from a stream (the last non-empty ones), and a filtered stream ends with content-filter', async () => {
    const text = readFileSync(
      new URL('./__fixtures__/azure-chat-filtered.chunks.txt', import.meta.url),
      'utf8',
    );
    const parts: StreamPart[] = [];
    for await (const part of decoders.decodeStream(
      parseSse(
        (async function* () {
          yield text;
        })(),
      ),
      [],
    ))
      parts.push(part);
    expect(parts.find((part) => part.type === 'response-metadata')).toMatchObject({
      id: 'chatcmpl-AVvQ3xF4mBq8b7Yc2N1sTZk9pLwE1',
    });
    const finish = parts.at(-1);
    expect(finish?.type === 'finish' && finish.finishReason).toEqual({
      unified: 'content-filter',
      raw: 'content_filter',
    });
    expect(finish?.type === 'finish' && finish.providerMetadata?.azure?.content_filter_results).toMatchObject(
      {
        violence: { filtered: true, severity: 'high' },
      },
    );
    expect(finish?.type === 'finish' && finish.usage.inputTokens.total).toBe(14);
  });

  it('recognises the prompt-filter chunk and ignores empty results', () => {
    expect(isPromptFilterChunk({ choices: [], prompt_filter_results: [] })).toBe(true);
    expect(isPromptFilterChunk({ choices: [], usage: { prompt_tokens: 1 } })).toBe(false);
    expect(pickAzureFilterResults({ choices: [{ index: 0, content_filter_results: {} }] })).toEqual({});
  });
});
