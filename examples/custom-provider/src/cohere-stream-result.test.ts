import { GatewayError } from '@signalbox/core';
import { createHttpClient, postJson } from '@signalbox/provider-utils';
import { collectStream, streamProblems, textOf } from '@signalbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohereStreamResult } from './cohere-stream-result.js';
import { type FakeCohere, startFakeCohere } from './fake-cohere.js';

let upstream: FakeCohere;
const client = createHttpClient();
const warnings = [{ type: 'other' as const, message: 'from the request' }];

beforeAll(async () => {
  upstream = await startFakeCohere();
});
afterAll(async () => {
  await client.close();
  await upstream.close();
});

function post(stream: boolean) {
  return postJson({
    client,
    url: `${upstream.url}/v2/chat`,
    headers: { authorization: 'Bearer co-test' },
    body: { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'hi' }], stream },
    provider: 'cohere',
  });
}

function options() {
  return { provider: 'cohere', signal: new AbortController().signal, warnings, modelId: 'command-a-03-2025' };
}

describe('cohereStreamResult', () => {
  it('decodes the stream, adds the request id, and reuses the socket once the stream is complete', async () => {
    const connections = upstream.connections;
    for (let round = 0; round < 2; round += 1) {
      const result = await cohereStreamResult(await post(true), options());
      expect(result.response?.requestId).toMatch(/^fake-trace-/);
      const parts = await collectStream(result.stream);
      expect(streamProblems(parts)).toEqual([]);
      expect(parts[0]).toEqual({ type: 'stream-start', warnings });
      expect(parts[1]).toMatchObject({ type: 'response-metadata', requestId: result.response?.requestId });
      expect(textOf(parts)).toBe('echo: hi');
      // The rest of the body is drained in the background; then the socket is back in the pool.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(upstream.connections - connections).toBeLessThanOrEqual(1);
  });

  it('rejects a 2xx answer that is not an event stream with a retryable 502', async () => {
    const error = await cohereStreamResult(await post(false), options()).catch((caught: unknown) => caught);
    expect(GatewayError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 502, isRetryable: true, code: 'upstream_invalid_response' });
  });
});
