import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '../anthropic/anthropic-server.js';
import type { FakeUpstream } from './fake-upstream.js';
import { notJsonBody } from './http-send.js';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeAnthropic();
});
afterAll(() => upstream.close());

function post(model: string) {
  return fetch(`${upstream.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model, max_tokens: 50, messages: [{ role: 'user', content: 'hello there' }] }),
  });
}

describe('body faults on non-streamed answers', () => {
  it('bad-json answers 200 with a body that is not JSON', async () => {
    const response = await post('claude-haiku-4-5:bad-json');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(notJsonBody);
  });

  it('drop sends part of the body, then destroys the socket', async () => {
    const response = await post('claude-haiku-4-5:drop-0');
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('truncate ends the body cleanly halfway', async () => {
    const response = await post('claude-haiku-4-5:truncate');
    const text = await response.text();
    expect(text.startsWith('{"id":"msg_')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });
});
