import { afterAll, describe, expect, it } from 'vitest';
import { decodeEventStream } from './decode-event-stream.js';
import { FAKE_BEDROCK_CREDENTIALS, startFakeBedrock } from './fake-bedrock.js';
import { signBedrockRequest } from './sign-bedrock-request.js';

const upstream = await startFakeBedrock();
afterAll(() => upstream.close());

async function post(path: string, body: unknown, sign = true): Promise<Response> {
  const text = JSON.stringify(body);
  const url = `${upstream.url}${path}`;
  const headers = sign
    ? await signBedrockRequest(
        { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: text },
        { region: 'us-east-1', credentials: FAKE_BEDROCK_CREDENTIALS },
      )
    : { 'content-type': 'application/json' };
  return fetch(url, { method: 'POST', headers, body: text });
}

const hello = { messages: [{ role: 'user', content: [{ text: 'hi' }] }] };

describe('startFakeBedrock', () => {
  it('answers a signed Converse request', async () => {
    const response = await post('/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse', hello);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amzn-requestid')).toMatch(/fake/);
    expect(await response.json()).toMatchObject({
      output: { message: { content: [{ text: 'echo: hi' }] } },
      stopReason: 'end_turn',
    });
  });

  it('streams real event stream frames', async () => {
    const response = await post('/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream', hello);
    expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const types: string[] = [];
    for await (const message of decodeEventStream(
      (async function* () {
        yield bytes;
      })(),
    ))
      types.push(message.headers[':event-type'] ?? '');
    expect(types).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
  });

  it('answers an unsigned request 403 MissingAuthenticationToken, in the AWS error shape', async () => {
    const response = await post('/model/m/converse', hello, false);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^MissingAuthenticationTokenException:/);
    expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('answers fault directives with the AWS exception of the status', async () => {
    const response = await post(
      '/model/anthropic.claude-3-haiku-20240307-v1%3A0%3Astatus-429%3Aretry-after-2/converse',
      hello,
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^ThrottlingException:/);
  });

  it('validates bodies, and knows only its two operations', async () => {
    const invalid = await post('/model/m/converse', { messages: [], stream: true });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toMatch(/extraneous key \[stream\]/);
    const unknown = await post('/model/m/invoke', hello);
    expect(unknown.status).toBe(404);
  });

  it('records requests and resets', async () => {
    expect(upstream.requests.length).toBeGreaterThan(0);
    upstream.reset();
    expect(upstream.requests).toHaveLength(0);
  });
});
