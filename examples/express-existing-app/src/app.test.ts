import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from './app.js';

let url: string;
let close: () => void;
beforeAll(async () => {
  const server = createApp({
    gatewayKeys: ['sk-sb-machine-key-0001'],
    planLimits: { pro: { requestsPerMinute: 3 }, free: { requestsPerMinute: 1 } },
  }).app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

it('keeps the app routes and its own body parser working', async () => {
  const me = await fetch(`${url}/api/me`);
  expect(me.status).toBe(401);
  const login = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'alice' }),
  });
  expect(login.status).toBe(200);
});

async function signIn(username: string): Promise<string> {
  const login = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  return login.headers.get('set-cookie')?.split(';')[0] ?? '';
}

function chatAs(cookie: string): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock/echo', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

it('serves a signed-in user of the app without a gateway key', async () => {
  const cookie = await signIn('alice');
  const client = new OpenAI({
    apiKey: 'none',
    baseURL: `${url}/v1`,
    maxRetries: 0,
    defaultHeaders: { cookie },
  });
  const completion = await client.chat.completions.create({
    model: 'mock/echo',
    messages: [{ role: 'user', content: 'hi' }],
  });
  expect(completion.choices[0]?.message.content).toBe('echo: hi');
});

it('serves machines with a gateway key and refuses anonymous callers', async () => {
  const machine = new OpenAI({ apiKey: 'sk-sb-machine-key-0001', baseURL: `${url}/v1`, maxRetries: 0 });
  const completion = await machine.chat.completions.create({
    model: 'mock/echo',
    messages: [{ role: 'user', content: 'm' }],
  });
  expect(completion.choices[0]?.message.content).toBe('echo: m');
  const anonymous = new OpenAI({ apiKey: 'sk-sb-not-a-key-0000', baseURL: `${url}/v1`, maxRetries: 0 });
  await expect(anonymous.models.list()).rejects.toThrow(OpenAI.AuthenticationError);
});

it("limits each signed-in user by the app's plan, keyed by the user id", async () => {
  const bob = await signIn('bob'); // free plan: 1 request per minute
  const first = await chatAs(bob);
  expect(first.status).toBe(200);
  expect(first.headers.get('x-ratelimit-limit-requests')).toBe('1');
  expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  const second = await chatAs(bob);
  expect(second.status).toBe(429);
  expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(await second.json()).toMatchObject({
    error: { type: 'rate_limit_error', message: expect.stringContaining('user user_bob') },
  });
  // A new session of the same user shares the limit: the principal id is the key.
  expect((await chatAs(await signIn('bob'))).status).toBe(429);
  // Another user has a limit of their own; machine keys have none here.
  expect((await chatAs(await signIn('alice'))).headers.get('x-ratelimit-limit-requests')).toBe('3');
  const machine = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-sb-machine-key-0001', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'm' }] }),
  });
  expect(machine.status).toBe(200);
  expect(machine.headers.get('x-ratelimit-limit-requests')).toBeNull();
});
