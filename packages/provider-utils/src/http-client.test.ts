import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, resolveHttpClient } from './http-client.js';
import { sendRequest } from './http-request.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createHttpClient', () => {
  it('keeps connections alive between requests', async () => {
    server = await startTestServer((_request, response) => {
      response.end('ok');
    });
    const client = createHttpClient();
    for (let index = 0; index < 5; index += 1) {
      const response = await sendRequest({ client, url: server.url, provider: 'test' });
      expect(await response.body.text()).toBe('ok');
      // undici hands the socket back to the pool a tick after the body ends.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(server.connections).toBe(1);
    await client.close();
    await client.close();
  });

  it('uses a given dispatcher as is and does not close it', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('http://upstream.test').intercept({ path: '/ping' }).reply(200, 'pong');
    const client = createHttpClient({ dispatcher: agent });
    expect(client.dispatcher).toBe(agent);
    const response = await sendRequest({ client, url: 'http://upstream.test/ping', provider: 'test' });
    expect(await response.body.text()).toBe('pong');
    await client.close();
    await agent.close();
  });

  it('applies the headers timeout', async () => {
    server = await startTestServer(() => {
      // never answers
    });
    const client = createHttpClient({ headersTimeout: 100 });
    await expect(sendRequest({ client, url: server.url, provider: 'test' })).rejects.toMatchObject({
      status: 504,
      code: 'upstream_timeout',
    });
    await client.close();
  });

  it('resolves a shared client without owning it, or creates an own one', async () => {
    const shared = createHttpClient();
    let closed = false;
    const spy = {
      dispatcher: shared.dispatcher,
      close: async () => {
        closed = true;
      },
    };
    const resolved = resolveHttpClient({ httpClient: spy });
    expect(resolved.client).toBe(spy);
    await resolved.close();
    expect(closed).toBe(false);
    const own = resolveHttpClient({ timeouts: { connect: 1000 } });
    expect(own.client.dispatcher).not.toBe(shared.dispatcher);
    await own.close();
    await shared.close();
  });
});
