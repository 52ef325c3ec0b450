import { readFile } from 'node:fs/promises';
import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { fromGoogleResponse } from './from-google-response.js';

const fixture = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const options = { warnings: [], provider: 'google', modelId: 'gemini-2.5-flash' };

describe('fromGoogleResponse', () => {
  it('reads text, finish reason, usage and response info', async () => {
    const result = fromGoogleResponse(await fixture('google-text.json'), options);
    expect(result.content).toEqual([{ type: 'text', text: 'Hello! How can I help you today?' }]);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'STOP' });
    expect(result.usage.inputTokens).toEqual({ total: 5, noCache: 5, cacheRead: 0, cacheWrite: 0 });
    expect(result.usage.outputTokens).toEqual({ total: 33, text: 9, reasoning: 24 });
    expect(result.response).toEqual({ id: 'mMfHaN-yJMq7nvgPk4aM2A0', modelId: 'gemini-2.5-flash' });
    expect(result.providerMetadata).toBeUndefined();
  });

  it('reads thoughts and function calls, synthesising ids and keeping signatures', async () => {
    const result = fromGoogleResponse(await fixture('google-tool-call-thinking.json'), options);
    expect(result.content).toEqual([
      { type: 'reasoning', text: '**Checking the weather**\n\nThe user wants the weather in Paris.' },
      {
        type: 'tool-call',
        toolCallId: 'call_0',
        toolName: 'get_weather',
        input: '{"city":"Paris"}',
        providerOptions: {
          google: { thoughtSignature: 'CiQB0e2Kb6+0E2VUAgQ1mOQBnvYFZf4Hqsk3dYHbP1J2jdeHMCE=' },
        },
      },
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Rome"}' },
    ]);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'STOP' });
    expect(result.usage.inputTokens).toEqual({ total: 61, noCache: 29, cacheRead: 32, cacheWrite: 0 });
  });

  it('keeps an id the API gave', () => {
    const result = fromGoogleResponse(
      {
        candidates: [
          { content: { parts: [{ functionCall: { id: 'fc_9', name: 'f' } }] }, finishReason: 'STOP' },
        ],
      },
      options,
    );
    expect(result.content[0]).toMatchObject({ toolCallId: 'fc_9', input: '{}' });
  });

  it('a blocked prompt is a content-filter finish with no content', async () => {
    const result = fromGoogleResponse(await fixture('google-prompt-blocked.json'), options);
    expect(result.content).toEqual([]);
    expect(result.finishReason).toEqual({ unified: 'content-filter', raw: 'PROHIBITED_CONTENT' });
    expect(result.providerMetadata).toEqual({
      google: { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } },
    });
    expect(result.usage.outputTokens.total).toBe(0);
  });

  it('a SAFETY stop is a content-filter finish, the ratings in metadata', async () => {
    const result = fromGoogleResponse(await fixture('google-safety-stop.json'), {
      ...options,
      provider: 'vertex',
    });
    expect(result.finishReason).toEqual({ unified: 'content-filter', raw: 'SAFETY' });
    expect(result.providerMetadata?.vertex?.safetyRatings).toHaveLength(2);
  });

  it('puts logprobs in OpenAI shape and output with no canonical slot in metadata', () => {
    const result = fromGoogleResponse(
      {
        candidates: [
          {
            content: { parts: [{ text: 'a' }, { inlineData: { mimeType: 'image/png', data: 'AAAA' } }] },
            logprobsResult: { chosenCandidates: [{ token: 'a', logProbability: -1 }], topCandidates: [] },
          },
        ],
      },
      options,
    );
    expect(result.logprobs).toEqual({
      content: [{ token: 'a', logprob: -1, bytes: null, top_logprobs: [] }],
    });
    expect(result.providerMetadata?.google?.omittedParts).toEqual([
      { inlineData: { mimeType: 'image/png', bytes: 3 } },
    ]);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: undefined });
  });

  it('a body that is not an object is a 502', () => {
    expect(() => fromGoogleResponse('nope', options)).toThrow(GatewayError);
  });
});
