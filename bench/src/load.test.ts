import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from './load.js';

let url = '';
const server = createServer((request, response) => {
  if (request.url === '/fail') response.writeHead(500).end();
  else response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('runLoad', () => {
  it('counts 2xx responses and their latency percentiles (no timing is asserted)', async () => {
    const result = await runLoad({ url, path: '/', method: 'GET', connections: 2, durationSeconds: 1 });
    expect(result.ok).toBeGreaterThan(0);
    expect(result.non2xx).toBe(0);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
    expect(result.latency.p99Ms).toBeGreaterThanOrEqual(result.latency.p50Ms);
  });

  it('counts other statuses apart, and honours a fixed rate', async () => {
    const result = await runLoad({
      url,
      path: '/fail',
      method: 'POST',
      body: '{}',
      connections: 2,
      durationSeconds: 1,
      overallRate: 20,
    });
    expect(result.ok).toBe(0);
    expect(result.non2xx).toBeGreaterThan(0);
    expect(result.non2xx).toBeLessThanOrEqual(40);
  });
});

describe('runLoad with several requests', () => {
  it('sends them in turn', async () => {
    const result = await runLoad({
      url,
      path: '/',
      requests: [
        { headers: {}, body: '{"a":1}' },
        { headers: {}, body: '{"b":2}' },
      ],
      connections: 1,
      durationSeconds: 1,
    });
    expect(result.ok).toBeGreaterThan(1);
  });
});
