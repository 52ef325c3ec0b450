import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as upstreams from './upstreams.js';

// The SSE writer and the request URL, for fakes of SSE formats other than OpenAI's and Anthropic's.
let server: upstreams.FakeUpstream;
const seen: string[] = [];

beforeAll(async () => {
  server = await upstreams.startFakeServer(async (exchange) => {
    seen.push(exchange.url);
    const writer = upstreams.openSse(
      exchange,
      upstreams.parseFaults(exchange.path.slice(1)).faults,
      {},
      'data: {\n\n',
    );
    await writer.write('data: {"n":1}\n\n', 'content');
    await writer.write('data: {"n":2,"last":true}\n\n', 'final');
    writer.end();
  });
});
afterAll(() => server.close());

describe('fake kit: SSE and URLs', () => {
  it('exports openSse and the JSON helpers', () => {
    for (const name of ['openSse', 'isRecord', 'asArray', 'asString'])
      expect(typeof (upstreams as Record<string, unknown>)[name]).toBe('function');
  });

  it('hands the handler the URL with its query string', async () => {
    const response = await fetch(`${server.url}/model?alt=sse`);
    expect(await response.text()).toBe('data: {"n":1}\n\ndata: {"n":2,"last":true}\n\n');
    expect(seen.at(-1)).toBe('/model?alt=sse');
  });

  it('leaves out the final frames on truncate', async () => {
    const response = await fetch(`${server.url}/model:truncate`);
    expect(await response.text()).toBe('data: {"n":1}\n\n');
  });
});
