import { readFile } from 'node:fs/promises';
import { createHttpClient, sendRequest } from '@signalbox/provider-utils';
import { type FakeUpstream, sendJson, startFakeServer } from '@signalbox/testing/upstreams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleErrorHandler, googleStreamError } from './google-error.js';

const fixture = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

const replies = new Map<string, { status: number; body: unknown; headers?: Record<string, string> }>();
const client = createHttpClient();
let server: FakeUpstream;
const handler = createGoogleErrorHandler('google');

beforeAll(async () => {
  replies.set('/429', { status: 429, body: await fixture('google-error-429-retry-info.json') });
  replies.set('/429-header', {
    status: 429,
    body: await fixture('google-error-429-retry-info.json'),
    headers: { 'retry-after': '3' },
  });
  replies.set('/key', { status: 400, body: await fixture('google-error-api-key-invalid.json') });
  replies.set('/400', { status: 400, body: await fixture('google-error-400.json') });
  replies.set('/503', { status: 503, body: await fixture('vertex-error-503.json') });
  server = await startFakeServer(async (exchange) => {
    const reply = replies.get(exchange.path);
    if (reply) sendJson(exchange, reply.status, reply.body, reply.headers);
    else exchange.response.writeHead(500).end('<html>oops</html>');
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

async function errorFor(path: string) {
  return handler(
    await sendRequest({ client, url: `${server.url}${path}`, method: 'POST', provider: 'google' }),
  );
}

describe('createGoogleErrorHandler', () => {
  it('a 429 RESOURCE_EXHAUSTED is retryable, with the RetryInfo delay as retryAfter', async () => {
    const error = await errorFor('/429');
    expect(error).toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      code: 'RESOURCE_EXHAUSTED',
      isRetryable: true,
      retryAfter: 34,
      provider: 'google',
    });
    expect(error.message).toMatch(/exceeded your current quota/);
    expect(error.headers['retry-after']).toBe('34');
  });

  it('a Retry-After header wins over the body', async () => {
    expect((await errorFor('/429-header')).retryAfter).toBe(3);
  });

  it('a 400 INVALID_ARGUMENT keeps its status and message, not retryable', async () => {
    expect(await errorFor('/400')).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      code: 'INVALID_ARGUMENT',
      isRetryable: false,
      message: expect.stringContaining('contents is not specified'),
    });
  });

  it("Gemini's 400 API_KEY_INVALID is the operator's key: a 502 upstream_authentication_failed", async () => {
    const error = await errorFor('/key');
    expect(error).toMatchObject({
      status: 502,
      upstreamStatus: 400,
      code: 'upstream_authentication_failed',
      isRetryable: false,
    });
    expect(error.message).toMatch(/credentials were rejected/);
  });

  it("Vertex's array-wrapped 503 UNAVAILABLE is retryable", async () => {
    expect(await errorFor('/503')).toMatchObject({
      status: 503,
      code: 'UNAVAILABLE',
      isRetryable: true,
      message: 'The model is overloaded. Please try again later.',
    });
  });

  it('a body that is not JSON falls back to the status text', async () => {
    expect(await errorFor('/nothing')).toMatchObject({ status: 500, isRetryable: true });
  });
});

describe('googleStreamError', () => {
  it('maps an error event in a stream to a GatewayError with its status', async () => {
    const error = googleStreamError(await fixture('google-error-429-retry-info.json'), 'google');
    expect(error).toMatchObject({
      status: 429,
      isRetryable: true,
      retryAfter: 34,
      code: 'RESOURCE_EXHAUSTED',
    });
    expect(
      googleStreamError({ error: { message: 'Internal error', status: 'INTERNAL', code: 500 } }, 'g'),
    ).toMatchObject({
      status: 500,
      isRetryable: true,
    });
    expect(googleStreamError({ error: { message: 'odd' } }, 'g')).toMatchObject({
      status: 502,
      isRetryable: true,
    });
  });

  it('is undefined for anything that is not an error body', () => {
    expect(googleStreamError({ candidates: [] }, 'google')).toBeUndefined();
  });
});
