import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryLogStore } from '@signalbox/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboard } from './dashboard.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

const ADMIN = 'admin-key-0123456789abcdef';
const store = new MemoryLogStore();
let server: Server;
let url: string;

beforeAll(async () => {
  await store.write([
    {
      generationId: 'gen_dash_1',
      time: new Date(Date.now() - 60_000).toISOString(),
      endpoint: 'chat.completions',
      principalId: 'key_a',
      projectId: 'proj_a',
      keyPrefix: 'sk-sb-a',
      requestedModel: 'mock/echo',
      model: 'mock/echo',
      provider: 'mock',
      providerModelId: 'echo',
      responseId: null,
      attempts: [],
      status: 200,
      error: null,
      errorType: null,
      finishReason: 'stop',
      tokens: { input: 5, output: 2, noCache: 5, cacheRead: 0, cacheWrite: 0, reasoning: null },
      cost: null,
      latencyMs: 10,
      ttftMs: 8,
      cacheStatus: null,
      stream: false,
      aborted: false,
      routing: null,
      user: null,
      metadata: null,
      io: null,
    },
  ]);
  const board = dashboard({ logStore: store, adminKey: ADMIN, signInThrottle: { maxFailures: 3 } });
  server = createServer((request, response) => {
    if (!request.url?.startsWith('/dashboard')) {
      response.statusCode = 404;
      response.end('app 404');
      return;
    }
    void board(request, response, () => {
      response.statusCode = 418;
      response.end('passed on');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function signIn(key = ADMIN, headers: Record<string, string> = {}) {
  return fetch(`${url}/dashboard/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ key }).toString(),
  });
}

function sessionCookie(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('dashboard', () => {
  it('shows the sign-in form to strangers, with a strict CSP', async () => {
    expect((await fetch(`${url}/dashboard`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    const response = await fetch(`${url}/dashboard`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const html = await response.text();
    expect(html).toContain('action="/dashboard/sign-in"');
    expect(html).not.toContain('chart-spend');
  });

  it('serves its assets locally, with ETags', async () => {
    const chart = await fetch(`${url}/dashboard/assets/chart.umd.min.js`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toContain('javascript');
    const etag = chart.headers.get('etag') ?? '';
    expect(
      (await fetch(`${url}/dashboard/assets/chart.umd.min.js`, { headers: { 'if-none-match': etag } }))
        .status,
    ).toBe(304);
    expect((await fetch(`${url}/dashboard/assets/styles.css`)).headers.get('content-type')).toContain(
      'text/css',
    );
    expect((await fetch(`${url}/dashboard/assets/../package.json`)).status).not.toBe(200);
    expect((await fetch(`${url}/dashboard/assets/missing.js`)).status).toBe(418);
  });

  it('signs in with the admin key only, into an HttpOnly SameSite=Strict cookie without the key', async () => {
    expect((await signIn('sk-sb-some-gateway-key-0001')).status).toBe(401);
    const response = await signIn();
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboard/');
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^signalbox_dashboard=[^;]+; Path=\/dashboard; Max-Age=43200; HttpOnly; SameSite=Strict$/,
    );
    expect(setCookie).not.toContain(ADMIN);
    const page = await fetch(`${url}/dashboard/`, { headers: { cookie: sessionCookie(response) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="chart-spend"');
  });

  it('serves the JSON API to a session or the admin key as a bearer token, nobody else', async () => {
    const cookie = sessionCookie(await signIn());
    const usage = await fetch(`${url}/dashboard/api/usage?groupBy=model`, { headers: { cookie } });
    expect(usage.status).toBe(200);
    expect(await usage.json()).toMatchObject({ object: 'usage', total: { requests: 1 } });
    const logs = await fetch(`${url}/dashboard/api/logs`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(await logs.json()).toMatchObject({
      object: 'list',
      data: [{ generationId: 'gen_dash_1' }],
      next_cursor: null,
    });
    const one = await fetch(`${url}/dashboard/api/logs/gen_dash_1`, { headers: { cookie } });
    expect(await one.json()).toMatchObject({ generationId: 'gen_dash_1' });
    expect((await fetch(`${url}/dashboard/api/logs/gen_nope`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${url}/dashboard/api/logs`)).status).toBe(401);
    expect(
      (await fetch(`${url}/dashboard/api/logs`, { headers: { authorization: 'Bearer sk-sb-gateway' } }))
        .status,
    ).toBe(401);
    expect(
      (await fetch(`${url}/dashboard/api/logs`, { headers: { cookie, authorization: 'Bearer wrong' } }))
        .status,
    ).toBe(401);
    expect(
      (await fetch(`${url}/dashboard/api/logs`, { headers: { cookie: 'signalbox_dashboard=1.2.3' } })).status,
    ).toBe(401);
    const bad = await fetch(`${url}/dashboard/api/usage?bucket=week`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { param: 'bucket' } });
  });

  it('refuses cross-site form posts', async () => {
    expect((await signIn(ADMIN, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await signIn(ADMIN, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await signIn(ADMIN, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await signIn(ADMIN, { origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect((await signIn(ADMIN, { origin: url })).status).toBe(303);
  });

  it('signs out: the cookie is cleared and the token no longer works', async () => {
    const cookie = sessionCookie(await signIn());
    const response = await fetch(`${url}/dashboard/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await fetch(`${url}/dashboard/api/logs`, { headers: { cookie } })).status).toBe(401);
  });

  it('throttles repeated failed sign-ins', async () => {
    // A success clears the count; the limit is 3.
    for (const key of ['wrong-key-number-one', 'wrong-key-number-two', 'wrong-key-number-three']) {
      expect((await signIn(key)).status).toBe(401);
    }
    const blocked = await signIn();
    expect(blocked.status).toBe(429);
  });

  it('answers 405 to other methods and passes unknown paths on', async () => {
    expect((await fetch(`${url}/dashboard/api/logs`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${url}/dashboard/elsewhere`)).status).toBe(418);
  });

  it('refuses bad options at start-up', () => {
    expect(() => dashboard({ logStore: store, adminKey: 'short' })).toThrow(TypeError);
  });
});
