import { GatewayError, type StreamPart } from '@signalbox/core';
import { createHttpClient, sendRequest } from '@signalbox/provider-utils';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { bedrockStreamResult } from './bedrock-stream-result.js';
import { encodeEventStreamMessage } from './decode-event-stream.js';

const frames = [
  ['messageStart', { role: 'assistant' }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } }],
  ['contentBlockStop', { contentBlockIndex: 0 }],
  ['messageStop', { stopReason: 'end_turn' }],
  ['metadata', { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } }],
] as const;

let mode: 'stream' | 'json' = 'stream';
const server = createServer((_request, response) => {
  if (mode === 'json') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"not a stream"}');
    return;
  }
  response.writeHead(200, {
    'content-type': 'application/vnd.amazon.eventstream',
    'x-amzn-requestid': 'req-1',
  });
  for (const [type, payload] of frames)
    response.write(
      encodeEventStreamMessage({ ':event-type': type, ':message-type': 'event' }, JSON.stringify(payload)),
    );
  response.end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const client = createHttpClient();
afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

async function open() {
  const signal = new AbortController().signal;
  const response = await sendRequest({ client, url, provider: 'bedrock' });
  return bedrockStreamResult(response, { provider: 'bedrock', signal, warnings: [], modelId: 'm' });
}

describe('bedrockStreamResult', () => {
  it('decodes the event stream and adds the request id to response-metadata', async () => {
    mode = 'stream';
    const result = await open();
    expect(result.response?.requestId).toBe('req-1');
    const parts: StreamPart[] = [];
    for await (const part of result.stream) parts.push(part);
    expect(parts.find((part) => part.type === 'response-metadata')).toMatchObject({
      modelId: 'm',
      requestId: 'req-1',
    });
    expect(parts.at(-1)?.type).toBe('finish');
  });

  it('a JSON answer to a streaming request is a retryable 502', async () => {
    mode = 'json';
    const error = await open().catch((reason: unknown) => reason);
    expect(GatewayError.isInstance(error) && [error.status, error.isRetryable]).toEqual([502, true]);
  });
});
