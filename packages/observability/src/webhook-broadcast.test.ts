import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RequestLogRecord } from './log-record.js';
import { requestLog } from './request-log.js';
import { chat, testGateway } from './test-gateway.js';
import { logRecord } from './test-records.js';
import { webhookBroadcast } from './webhook-broadcast.js';
import { verifyWebhookSignature } from './webhook-signature.js';

const SECRET = 'webhook-secret-0123456789';
const quiet = { warn: vi.fn() };

interface Delivery {
  headers: IncomingMessage['headers'];
  body: string;
  verified: boolean;
  records: RequestLogRecord[];
}

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
});

/** A receiver answering with the given statuses in turn (then 200), recording what it got. */
async function receiver(statuses: number[] = []): Promise<{ url: string; deliveries: Delivery[] }> {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const signature = request.headers['x-signalbox-signature'];
      const timestamp = request.headers['x-signalbox-timestamp'];
      deliveries.push({
        headers: request.headers,
        body,
        verified: verifyWebhookSignature({
          body,
          signature: typeof signature === 'string' ? signature : undefined,
          timestamp: typeof timestamp === 'string' ? timestamp : undefined,
          secret: SECRET,
        }),
        records: (JSON.parse(body) as { data: RequestLogRecord[] }).data,
      });
      response.statusCode = statuses.shift() ?? 200;
      response.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, deliveries };
}

describe('webhookBroadcast', () => {
  it('POSTs signed batches of records, without I/O unless includeIo', async () => {
    const { url, deliveries } = await receiver();
    const hooks = webhookBroadcast({ urls: [url], secret: SECRET, batchSize: 2, logger: quiet });
    const io = {
      prompt: [{ role: 'user', content: 'secret prompt' }],
      completion: { text: 'secret answer' },
    };
    const records = [logRecord({ io }), logRecord(), logRecord()];
    for (const record of records) hooks.accept(record);
    await hooks.flush();
    expect(deliveries).toHaveLength(2);
    expect(deliveries.every((delivery) => delivery.verified)).toBe(true);
    expect(deliveries.flatMap((delivery) => delivery.records.map((record) => record.generationId))).toEqual(
      records.map((record) => record.generationId),
    );
    expect(deliveries[0]?.body).not.toContain('secret prompt');
    expect(deliveries[0]?.headers['content-type']).toBe('application/json');
    expect(deliveries[0]?.headers['x-signalbox-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(hooks.stats()[url]).toMatchObject({ sent: 3, dropped: 0 });
  });

  it('retries 5xx and 429 with backoff (same delivery id), and gives up on other 4xx', async () => {
    const flaky = await receiver([503, 429]);
    const hooks = webhookBroadcast({ urls: [flaky.url], secret: SECRET, backoffMs: 5, logger: quiet });
    hooks.accept(logRecord());
    await hooks.flush();
    expect(flaky.deliveries).toHaveLength(3);
    expect(new Set(flaky.deliveries.map((delivery) => delivery.headers['x-signalbox-delivery'])).size).toBe(
      1,
    );
    expect(hooks.stats()[flaky.url]).toMatchObject({ sent: 1, dropped: 0 });

    const refusing = await receiver([400]);
    const strict = webhookBroadcast({ urls: [refusing.url], secret: SECRET, backoffMs: 5, logger: quiet });
    strict.accept(logRecord());
    await strict.flush();
    expect(refusing.deliveries).toHaveLength(1);
    expect(strict.stats()[refusing.url]).toMatchObject({ sent: 0, dropped: 1, failedBatches: 1 });
  });

  it('drops (counted) after the retries when the receiver is down, without blocking anyone', async () => {
    const logger = { warn: vi.fn() };
    const url = 'http://127.0.0.1:9/unreachable';
    const hooks = webhookBroadcast({
      urls: [url],
      secret: SECRET,
      retries: 2,
      backoffMs: 1,
      logger,
      maxQueue: 5,
    });
    const started = performance.now();
    for (let index = 0; index < 10; index += 1) hooks.accept(logRecord());
    expect(performance.now() - started).toBeLessThan(50);
    await hooks.flush();
    expect(hooks.stats()[url]).toMatchObject({ sent: 0, dropped: 10 });
    expect(logger.warn).toHaveBeenCalled();
  });

  it('receives the records of real requests through requestLog', async () => {
    const { url, deliveries } = await receiver();
    const hooks = webhookBroadcast({ urls: [url], secret: SECRET, logger: quiet });
    const log = requestLog({ sinks: [hooks], logger: quiet });
    const gateway = testGateway([log]);
    await chat(gateway, { model: 'mock/echo' });
    await chat(gateway, { model: 'mock/echo', stream: true });
    await gateway.close();
    const received = deliveries.flatMap((delivery) => delivery.records);
    expect(received).toHaveLength(2);
    expect(received.map((record) => record.stream).sort()).toEqual([false, true]);
  });

  it('refuses bad options at construction', () => {
    expect(() => webhookBroadcast({ urls: [], secret: SECRET })).toThrow(TypeError);
    expect(() => webhookBroadcast({ urls: ['ftp://x'], secret: SECRET })).toThrow(TypeError);
    expect(() => webhookBroadcast({ urls: ['https://x.test'], secret: 'short' })).toThrow(/secret/);
  });
});
