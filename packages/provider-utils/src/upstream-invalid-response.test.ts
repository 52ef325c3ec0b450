import { GatewayError, UpstreamCallError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import type { HttpResponse, ResponseBody } from './http-request.js';
import { upstreamInvalidResponse } from './upstream-invalid-response.js';

const response: HttpResponse = {
  status: 200,
  statusText: 'OK',
  headers: { 'x-request-id': 'req_1' },
  body: {} as ResponseBody,
  url: 'https://api.openai.com/v1/chat/completions',
};

describe('upstreamInvalidResponse', () => {
  it("attributes a codec's 502 to the provider", () => {
    const codecError = new GatewayError('Upstream returned an invalid chat completion: no choices', {
      status: 502,
      type: 'upstream_error',
    });
    const error = upstreamInvalidResponse(codecError, {
      provider: 'openai',
      response,
      body: { choices: [] },
    });
    expect(UpstreamCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'openai: Upstream returned an invalid chat completion: no choices',
      status: 502,
      code: 'upstream_invalid_response',
      upstreamStatus: 200,
      isRetryable: true,
      provider: 'openai',
      responseBody: '{"choices":[]}',
      cause: codecError,
    });
  });

  it('returns other errors unchanged', () => {
    const upstream = new UpstreamCallError('x', { upstreamStatus: 500, url: 'u', provider: 'p' });
    const plain = new Error('bug');
    expect(upstreamInvalidResponse(upstream, { provider: 'p', response, body: {} })).toBe(upstream);
    expect(upstreamInvalidResponse(plain, { provider: 'p', response, body: {} })).toBe(plain);
  });
});
