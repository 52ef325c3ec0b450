import type { GenerateResult, StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import {
  isCacheEntry,
  jsonBytes,
  partForHit,
  resultForHit,
  storablePart,
  storableResult,
  zeroUsage,
} from './cache-entry.js';

const usage = {
  inputTokens: { total: 10, noCache: 4, cacheRead: 6, cacheWrite: 0 },
  outputTokens: { total: 3, text: 3, reasoning: undefined },
};
const result: GenerateResult = {
  content: [{ type: 'text', text: 'hello' }],
  finishReason: { unified: 'stop', raw: 'end_turn' },
  usage,
  warnings: [],
  response: {
    id: 'msg_1',
    requestId: 'req_1',
    headers: { 'x-a': 'b' },
    modelId: 'claude',
    extra: { system_fingerprint: 'fp' },
  },
  providerMetadata: {
    anthropic: { usage: { cache_creation: { ephemeral_5m_input_tokens: 6 } }, stop_sequence: null },
  },
};

describe('cache entries', () => {
  it('stores results and parts without the upstream response id, request id and headers', () => {
    expect(storableResult(result).response).toEqual({
      modelId: 'claude',
      extra: { system_fingerprint: 'fp' },
    });
    expect(storablePart({ type: 'response-metadata', id: 'x', requestId: 'y', modelId: 'm' })).toEqual({
      type: 'response-metadata',
      modelId: 'm',
    });
    const delta: StreamPart = { type: 'text-delta', id: 't', delta: 'a' };
    expect(storablePart(delta)).toBe(delta);
  });

  it('serves hits with 0 usage everywhere (Anthropic usage extras too) and no response id', () => {
    const hit = resultForHit(result);
    expect(hit.usage).toEqual(zeroUsage());
    expect(hit.response.id).toBeUndefined();
    expect(hit.providerMetadata).toEqual({ anthropic: { stop_sequence: null } });
    expect(result.usage).toBe(usage);
    const finish = partForHit({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage });
    expect(finish).toMatchObject({ type: 'finish', usage: zeroUsage() });
  });

  it('measures JSON bytes and recognises entries read back from a store', () => {
    expect(jsonBytes({ a: 'é' })).toBe(10);
    expect(jsonBytes({ big: 1n })).toBe(Number.POSITIVE_INFINITY);
    const entry = {
      version: 1,
      kind: 'result',
      result,
      generationId: 'gen_1',
      createdAt: 1,
      expiresAt: 2,
      bytes: 3,
    };
    expect(isCacheEntry(JSON.parse(JSON.stringify(entry)))).toBe(true);
    expect(isCacheEntry({ ...entry, version: 2 })).toBe(false);
    expect(isCacheEntry({ ...entry, kind: 'stream' })).toBe(false);
    expect(isCacheEntry('nope')).toBe(false);
  });
});
