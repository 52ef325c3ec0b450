import type { StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import type { HttpResponse, ResponseBody } from './http-request.js';
import { upstreamResponseInfo, withResponseInfo } from './upstream-response-info.js';

const response: HttpResponse = {
  status: 200,
  statusText: 'OK',
  url: 'https://api.openai.com/v1/chat/completions',
  body: {} as ResponseBody,
  headers: {
    'x-request-id': 'req_1',
    'openai-processing-ms': '12',
    connection: 'keep-alive',
    'set-cookie': '__cf_bm=1',
  },
};

describe('upstreamResponseInfo', () => {
  it('reads the request id header and keeps end-to-end headers only', () => {
    expect(upstreamResponseInfo(response, 'X-Request-Id')).toEqual({
      requestId: 'req_1',
      headers: { 'x-request-id': 'req_1', 'openai-processing-ms': '12' },
    });
    expect(upstreamResponseInfo(response, 'request-id').requestId).toBeUndefined();
  });
});

describe('withResponseInfo', () => {
  it('adds the info to response-metadata parts without overriding the codec', async () => {
    const parts: StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: 'chatcmpl-1', modelId: 'gpt-4o-mini', requestId: undefined },
      { type: 'text-delta', id: 't', delta: 'hi' },
    ];
    const seen: StreamPart[] = [];
    for await (const part of withResponseInfo(
      (async function* () {
        yield* parts;
      })(),
      { requestId: 'req_1', modelId: 'ignored' },
    )) {
      seen.push(part);
    }
    expect(seen[1]).toEqual({
      type: 'response-metadata',
      id: 'chatcmpl-1',
      modelId: 'gpt-4o-mini',
      requestId: 'req_1',
    });
    expect(seen[0]).toBe(parts[0]);
    expect(seen[2]).toBe(parts[2]);
  });
});
