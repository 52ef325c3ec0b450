import { GatewayError, type GenerateResult, UpstreamCallError } from '@signalbox/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFromJsonApi } from './generate-json.js';
import { createHttpClient } from './http-client.js';
import { createJsonErrorResponseHandler } from './json-error-response-handler.js';
import { startTestServer, type TestServer } from './test-server.js';
import { z } from 'zod';

let server: TestServer;
const client = createHttpClient();
const errorHandler = createJsonErrorResponseHandler({
  provider: 'acme',
  errorSchema: z.looseObject({ message: z.string() }),
  errorToMessage: (body) => body.message,
});

beforeAll(async () => {
  server = await startTestServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'x-request-id': 'req_123',
      'set-cookie': 'a=b',
    });
    response.end(JSON.stringify({ text: 'hi' }));
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

const api = () => ({ client, url: `${server.url}/generate`, body: {}, provider: 'acme', errorHandler });

function decoded(value: unknown): GenerateResult {
  return {
    content: [{ type: 'text', text: (value as { text: string }).text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: {}, outputTokens: {} },
    warnings: [],
    response: { id: 'gen_1', modelId: 'acme-1' },
  } as unknown as GenerateResult;
}

describe('generateFromJsonApi', () => {
  it('decodes the answer and adds the request id and headers under what the decoder set', async () => {
    const result = await generateFromJsonApi(api(), decoded, 'x-request-id');
    expect(result.content).toEqual([{ type: 'text', text: 'hi' }]);
    expect(result.response).toMatchObject({ id: 'gen_1', modelId: 'acme-1', requestId: 'req_123' });
    expect(result.response.headers?.['x-request-id']).toBe('req_123');
    expect(result.response.headers?.['set-cookie']).toBeUndefined();
  });

  it('turns a decode failure into a 502 upstream_invalid_response naming the provider', async () => {
    const failure = await generateFromJsonApi(
      api(),
      () => {
        throw new GatewayError('bad shape', { status: 502 });
      },
      'x-request-id',
    ).catch((error: unknown) => error);
    expect(UpstreamCallError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ status: 502, code: 'upstream_invalid_response' });
    expect((failure as Error).message).toContain('acme');
  });
});
