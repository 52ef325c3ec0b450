import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { assertEventStream } from './assert-event-stream.js';
import { createHttpClient } from './http-client.js';
import { sendRequest } from './http-request.js';

const agent = new MockAgent();
agent.disableNetConnect();
const client = createHttpClient({ dispatcher: agent });
afterAll(() => agent.close());

async function responseWith(contentType: string | undefined, body: string) {
  agent
    .get('https://upstream.test')
    .intercept({ path: '/stream' })
    .reply(200, body, contentType === undefined ? {} : { headers: { 'content-type': contentType } });
  return sendRequest({ client, url: 'https://upstream.test/stream', provider: 'compat' });
}

describe('assertEventStream', () => {
  it('accepts an event stream, or a response without a content type', async () => {
    await expect(
      assertEventStream(await responseWith('text/event-stream; charset=utf-8', 'data: x\n\n'), {
        provider: 'compat',
      }),
    ).resolves.toBeUndefined();
    await expect(
      assertEventStream(await responseWith(undefined, 'data: x\n\n'), { provider: 'compat' }),
    ).resolves.toBeUndefined();
  });

  it('turns a JSON error answered with a 200 into a retryable 502 with its message', async () => {
    const response = await responseWith('application/json', '{"error":{"message":"context too long"}}');
    await expect(assertEventStream(response, { provider: 'compat' })).rejects.toMatchObject({
      status: 502,
      isRetryable: true,
      message: 'compat stream failed: context too long',
      responseBody: '{"error":{"message":"context too long"}}',
    });
  });

  it('names the content type of another body', async () => {
    const response = await responseWith('text/html', '<html></html>');
    await expect(assertEventStream(response, { provider: 'compat' })).rejects.toThrow(
      'compat answered a streaming request with text/html instead of an event stream.',
    );
  });
});
