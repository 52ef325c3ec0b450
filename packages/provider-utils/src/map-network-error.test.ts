import { GatewayError, UpstreamCallError } from '@signalbox/core';
import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { mapNetworkError } from './map-network-error.js';

const context = { provider: 'openai', url: 'https://api.openai.com/v1/chat/completions' };

function systemError(code: string): Error {
  return Object.assign(new Error(`${code} happened`), { code });
}

describe('mapNetworkError', () => {
  it('maps resets, closed sockets and DNS failures to a retryable 502', () => {
    for (const error of [
      systemError('ECONNRESET'),
      new errors.SocketError('other side closed'),
      systemError('ENOTFOUND'),
      new AggregateError([systemError('ECONNREFUSED')]),
    ]) {
      const mapped = mapNetworkError(error, context);
      expect(UpstreamCallError.isInstance(mapped)).toBe(true);
      const upstream = mapped as UpstreamCallError;
      expect(upstream).toMatchObject({
        status: 502,
        type: 'upstream_error',
        code: 'upstream_connection_error',
        isRetryable: true,
        upstreamStatus: undefined,
        provider: 'openai',
        url: context.url,
      });
      expect(upstream.message).toMatch(/^Request to openai failed: /);
      expect(upstream.message).not.toContain('api.openai.com');
      expect(upstream.cause).toBe(error);
    }
  });

  it('maps connect, headers and body timeouts to a retryable 504', () => {
    for (const error of [
      new errors.ConnectTimeoutError(),
      new errors.HeadersTimeoutError(),
      new errors.BodyTimeoutError(),
    ]) {
      expect(mapNetworkError(error, context)).toMatchObject({
        status: 504,
        type: 'timeout_error',
        code: 'upstream_timeout',
        isRetryable: true,
      });
    }
  });

  it('finds the code in a cause and treats unknown failures as 502', () => {
    const wrapped = new TypeError('fetch failed', { cause: systemError('ECONNRESET') });
    expect((mapNetworkError(wrapped, context) as Error).message).toContain('connection reset');
    expect(mapNetworkError(new Error('boom'), context)).toMatchObject({ status: 502, isRetryable: true });
  });

  it('returns the abort reason as is when the call was aborted', () => {
    const controller = new AbortController();
    const reason = new DOMException('client went away', 'AbortError');
    controller.abort(reason);
    expect(mapNetworkError(new errors.RequestAbortedError(), { ...context, signal: controller.signal })).toBe(
      reason,
    );
  });

  it('leaves gateway errors unchanged', () => {
    const error = new GatewayError('nope', { status: 400 });
    expect(mapNetworkError(error, context)).toBe(error);
  });
});
