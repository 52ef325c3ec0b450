import {
  createGateway,
  defineMiddleware,
  type Gateway,
  type GatewayHttpResponse,
  type GatewayMiddleware,
  type Principal,
} from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';

/** A test principal: sets `ctx.principal` from the `x-test-key` header (`alpha`, `beta`...). */
export function fakeAuth(projects: Record<string, string> = {}): GatewayMiddleware {
  return defineMiddleware('fakeAuth', async (context, next) => {
    const key = context.http.headers['x-test-key'];
    if (key) {
      const principal: Principal = { id: `key_${key}`, kind: 'key', keyPrefix: `sk-sb-${key}` };
      const project = projects[key];
      if (project) principal.projectId = project;
      context.principal = principal;
    }
    await next();
  });
}

/** A gateway on the mock provider with the given middlewares (aliases `second` -> `mock/second`). */
export function testGateway(use: GatewayMiddleware[]): Gateway {
  return createGateway({ providers: [createMockProvider()], models: { second: 'mock/second' }, use });
}

/** Posts a chat completion through `gateway.handle`; reads a stream to its end. */
export async function chat(
  gateway: Gateway,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ response: GatewayHttpResponse; text: string }> {
  const response = await gateway.handle({
    method: 'POST',
    path: '/chat/completions',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'Hello world' }], ...body }),
    signal: new AbortController().signal,
  });
  let text = '';
  if (response.body.type === 'sse') for await (const event of response.body.events) text += event;
  else if (response.body.type === 'json') text = JSON.stringify(response.body.value);
  return { response, text };
}

/** A GET through `gateway.handle`. */
export function get(gateway: Gateway, path: string, headers: Record<string, string> = {}) {
  const url = new URL(path, 'http://gateway.test');
  return gateway.handle({
    method: 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: undefined,
    signal: new AbortController().signal,
  });
}
