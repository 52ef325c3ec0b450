import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { metricsHandler } from './metrics-handler.js';
import { type NodeHandler, toKoa } from './node-handler.js';
import { prometheusMetrics } from './prometheus-metrics.js';
import { logRecord } from './test-records.js';

const ADMIN = 'admin-key-0123456789abcdef';
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: NodeHandler): Promise<string> {
  server = createServer((request, response) => {
    void handler(request, response, () => {
      response.statusCode = 404;
      response.end('passed');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('metricsHandler', () => {
  it('serves the exposition with the admin key only', async () => {
    const metrics = prometheusMetrics();
    metrics.accept(logRecord());
    const url = await serve(metricsHandler(metrics, { adminKey: ADMIN }));
    const denied = await fetch(`${url}/metrics`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toContain('Bearer');
    expect(
      (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer sk-sb-gateway-key-000000' } }))
        .status,
    ).toBe(401);
    const allowed = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toContain('text/plain');
    expect(await allowed.text()).toContain(
      'signalbox_requests_total{model="mock/echo",provider="mock",status="200"} 1',
    );
    expect(
      (await fetch(`${url}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } }))
        .status,
    ).toBe(405);
    expect(await (await fetch(`${url}/other`)).text()).toBe('passed');
  });

  it('works in Koa through toKoa (the handler answers, or Koa goes on)', async () => {
    const handler = metricsHandler(prometheusMetrics());
    const koa = toKoa(handler);
    server = createServer((request, response) => {
      const context = { req: request, res: response, respond: true };
      void koa(context, async () => {
        response.statusCode = 404;
        response.end('koa next');
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${url}/`)).status).toBe(200);
    expect(await (await fetch(`${url}/elsewhere`)).text()).toBe('koa next');
  });
});
