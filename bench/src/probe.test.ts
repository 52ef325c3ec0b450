import { startFakeOpenAI } from '@signalbox/testing/upstreams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from './probe.js';

type Upstream = Awaited<ReturnType<typeof startFakeOpenAI>>;
let upstream: Upstream;
beforeAll(async () => {
  upstream = await startFakeOpenAI({ fast: true });
});
afterAll(() => upstream.close());

const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-test' };

describe('probe', () => {
  it('accepts a completion and a stream that carry the expected text', async () => {
    const base = {
      url: upstream.url,
      path: '/v1/chat/completions',
      headers,
      expectText: 'Hello from the fast',
    };
    expect(await probe({ ...base, body: '{"model":"m"}', stream: false })).toMatchObject({ ok: true });
    expect(await probe({ ...base, body: '{"model":"m","stream":true}', stream: true })).toMatchObject({
      ok: true,
    });
  });

  it('says why an answer is not what the load run would count', async () => {
    const result = await probe({
      url: upstream.url,
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer wrong' },
      body: '{}',
      stream: false,
      expectText: 'x',
    });
    expect(result).toMatchObject({ ok: false, status: 401 });
    expect(result.problem).toContain('status 401');
  });
});
