import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from './app.js';

let url: string;
let close: () => void;
beforeAll(async () => {
  const server = createApp({ gatewayKeys: ['sk-sb-machine-key-0001'] }).app.listen(0, '127.0.0.1');
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

it('serves a signed-in user of the app without a gateway key', async () => {
  const login = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'alice' }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
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
