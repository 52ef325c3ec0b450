import { describe, expect, it } from 'vitest';
import { startFakeServer } from './fake-server.js';
import { sendJson } from './http-send.js';

describe('startFakeServer', () => {
  it('records requests and counts them', async () => {
    const upstream = await startFakeServer(async (exchange) =>
      sendJson(exchange, 200, { path: exchange.path }),
    );
    expect(upstream.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(upstream.baseURL).toBe(`${upstream.url}/v1`);
    const response = await fetch(`${upstream.url}/v1/x?y=1`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'x-test': 'yes' },
    });
    expect(await response.json()).toEqual({ path: '/v1/x' });
    expect(upstream.requests).toEqual([
      {
        method: 'POST',
        path: '/v1/x?y=1',
        headers: expect.objectContaining({ 'x-test': 'yes' }),
        body: { a: 1 },
      },
    ]);
    expect(upstream.counters).toEqual({ requests: 1, aborted: 0, inFlight: 0 });
    upstream.reset();
    expect(upstream.requests).toEqual([]);
    expect(upstream.counters.requests).toBe(0);
    await upstream.close();
    await expect(fetch(upstream.url)).rejects.toThrow();
  });

  it('answers a handler failure with a 500', async () => {
    const upstream = await startFakeServer(async () => {
      throw new Error('boom');
    });
    const response = await fetch(upstream.url);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('boom');
    await upstream.close();
  });

  it('close() destroys hung sockets and resolves promptly', async () => {
    const upstream = await startFakeServer(
      (exchange) =>
        new Promise<void>((resolve) => exchange.signal.addEventListener('abort', () => resolve())),
    );
    const pending = fetch(upstream.url).catch((error: unknown) => error);
    while (upstream.counters.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const start = performance.now();
    await upstream.close();
    expect(performance.now() - start).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
    expect(upstream.counters.aborted).toBe(0);
    expect(upstream.counters.inFlight).toBe(0);
  });
});
