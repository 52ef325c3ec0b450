import { defineMiddleware, type GatewayMiddleware } from '@signalbox/core';
import { describe, expect, it, vi } from 'vitest';
import type { LogStore } from './log-store.js';
import { MemoryLogStore } from './memory-log-store.js';
import type { RecordSink } from './record-sink.js';
import { requestLog } from './request-log.js';
import { chat, fakeAuth, testGateway } from './test-gateway.js';
import type { RequestLogRecord } from './log-record.js';

const quiet = { warn: vi.fn() };

async function only(store: MemoryLogStore): Promise<RequestLogRecord> {
  const { records } = await store.list();
  expect(records).toHaveLength(1);
  return records[0] as RequestLogRecord;
}

describe('requestLog', () => {
  it('writes one record per request with principal, model, provider, attempts, tokens and timings', async () => {
    const store = new MemoryLogStore();
    const log = requestLog({ store, logger: quiet });
    const gateway = testGateway([fakeAuth({ alpha: 'proj_a' }), log]);
    const { response } = await chat(
      gateway,
      { model: 'mock/echo', user: 'u-1', metadata: { run: '7' } },
      { 'x-test-key': 'alpha' },
    );
    expect(response.status).toBe(200);
    await log.flush();
    const record = await only(store);
    expect(record).toMatchObject({
      generationId: response.headers['x-signalbox-generation-id'],
      endpoint: 'chat.completions',
      principalId: 'key_alpha',
      projectId: 'proj_a',
      keyPrefix: 'sk-sb-alpha',
      requestedModel: 'mock/echo',
      model: 'mock/echo',
      provider: 'mock',
      status: 200,
      error: null,
      finishReason: 'stop',
      stream: false,
      aborted: false,
      cacheStatus: null,
      cost: null,
      user: 'u-1',
      metadata: { run: '7' },
      io: null,
      attempts: [{ provider: 'mock', success: true, status: 200 }],
    });
    expect(record.tokens.input).toBeGreaterThan(0);
    expect(record.tokens.output).toBe(3);
    expect(record.latencyMs).toBeGreaterThanOrEqual(0);
    expect(record.ttftMs).not.toBeNull();
  });

  it('logs streams when they end, with the finish reason and the first-token time', async () => {
    const store = new MemoryLogStore();
    const log = requestLog({ store, logger: quiet });
    const gateway = testGateway([log]);
    const { text } = await chat(gateway, { model: 'mock/echo', stream: true });
    expect(text).toContain('[DONE]');
    await log.flush();
    const record = await only(store);
    expect(record).toMatchObject({ stream: true, finishReason: 'stop', status: 200, principalId: null });
    expect(record.ttftMs).not.toBeNull();
    expect(record.tokens.output).toBe(3);
  });

  it('logs a failed request with its status and error message', async () => {
    const store = new MemoryLogStore();
    const log = requestLog({ store, logger: quiet });
    const gateway = testGateway([log]);
    const { response } = await chat(gateway, { model: 'mock/echo:status-503' });
    expect(response.status).toBe(503);
    await log.flush();
    const record = await only(store);
    expect(record.status).toBe(503);
    expect(record.error).toEqual(expect.any(String));
    expect(record.errorType).toBe('overloaded_error');
    expect(record.ttftMs).toBeNull();
    expect(record.attempts[0]).toMatchObject({ success: false, status: 503 });
  });

  it('keeps I/O out unless captureIo turns it on (gateway, project or key), with redaction', async () => {
    const store = new MemoryLogStore();
    const off = requestLog({ store, logger: quiet });
    await chat(testGateway([off]), { model: 'mock/echo' });
    await off.flush();
    expect(JSON.stringify((await store.list()).records)).not.toContain('Hello world');

    const perProject = new MemoryLogStore();
    const scoped = requestLog({
      store: perProject,
      logger: quiet,
      captureIo: { projects: ['proj_io'] },
      redact: (io) => ({
        ...io,
        prompt: io.prompt.map((message) => ({
          ...message,
          content: message.content.replace('world', '[redacted]'),
        })),
      }),
    });
    const gateway = testGateway([fakeAuth({ alpha: 'proj_io', beta: 'proj_other' }), scoped]);
    await chat(gateway, { model: 'mock/echo' }, { 'x-test-key': 'alpha' });
    await chat(gateway, { model: 'mock/echo', stream: true }, { 'x-test-key': 'alpha' });
    await chat(gateway, { model: 'mock/echo' }, { 'x-test-key': 'beta' });
    await scoped.flush();
    const records = (await perProject.list()).records;
    const captured = records.filter((record) => record.io !== null);
    expect(captured).toHaveLength(2);
    for (const record of captured) {
      expect(record.io).toEqual({
        prompt: [{ role: 'user', content: 'Hello [redacted]' }],
        completion: { text: 'echo: Hello world' },
      });
    }
    expect(records.find((record) => record.principalId === 'key_beta')?.io).toBeNull();
  });

  it('captures per key by prefix, and a failing redact hook keeps no I/O', async () => {
    const store = new MemoryLogStore();
    const logger = { warn: vi.fn() };
    const log = requestLog({
      store,
      logger,
      captureIo: { keys: ['sk-sb-alpha'] },
      redact: () => {
        throw new Error('boom');
      },
    });
    const gateway = testGateway([fakeAuth(), log]);
    const { response } = await chat(gateway, { model: 'mock/echo' }, { 'x-test-key': 'alpha' });
    expect(response.status).toBe(200);
    await log.flush();
    expect((await only(store)).io).toBeNull();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('redact'), expect.anything());
  });

  it('sees the cost set by a later onDone hook and an answer given by an inner middleware', async () => {
    const store = new MemoryLogStore();
    const log = requestLog({ store, logger: quiet });
    const costing: GatewayMiddleware = defineMiddleware('cost', async (context, next) => {
      await next();
      context.onDone.push(() => {
        context.cost = {
          total: '0.5',
          market: '0.5',
          inference: '0.5',
          input: '0.2',
          output: '0.3',
          isByok: false,
          estimated: false,
        };
      });
    });
    const cache: GatewayMiddleware = defineMiddleware('cache', async (context, next) => {
      if (context.http.headers['x-hit'] === 'true') {
        context.cacheStatus = 'HIT';
        context.response = { status: 200, headers: {}, body: { type: 'json', value: { cached: true } } };
        return;
      }
      await next();
    });
    const gateway = testGateway([log, costing, cache]);
    await chat(gateway, { model: 'mock/echo' });
    await chat(gateway, { model: 'mock/echo' }, { 'x-hit': 'true' });
    await log.flush();
    const { records } = await store.list();
    expect(records.map((record) => record.cost?.total).sort()).toEqual(['0.5', '0.5']);
    expect(records.map((record) => record.cacheStatus).sort()).toEqual(['HIT', null]);
  });

  it('never fails or slows a request when the store throws or hangs; drops are counted and warned', async () => {
    const logger = { warn: vi.fn() };
    const throwing: LogStore = {
      write: async () => {
        throw new Error('database is down');
      },
      get: async () => undefined,
      list: async () => ({ records: [], nextCursor: null }),
      usage: async () => {
        throw new Error('down');
      },
    };
    const log = requestLog({ store: throwing, logger });
    const gateway = testGateway([log]);
    for (let index = 0; index < 5; index += 1) {
      expect((await chat(gateway, { model: 'mock/echo' })).response.status).toBe(200);
    }
    await log.flush();
    expect(log.stats()).toMatchObject({ dropped: 5, sent: 0 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('dropped'),
      expect.objectContaining({ error: 'database is down' }),
    );

    const hanging = requestLog({
      store: { ...throwing, write: () => new Promise<void>(() => {}) },
      logger: quiet,
      queue: { batchSize: 1, maxQueue: 2 },
    });
    const slowGateway = testGateway([hanging]);
    const started = performance.now();
    for (let index = 0; index < 20; index += 1) await chat(slowGateway, { model: 'mock/echo' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(hanging.stats().dropped).toBeGreaterThan(0);
  });

  it('hands every record to the sinks; a throwing sink is skipped with a warning', async () => {
    const received: RequestLogRecord[] = [];
    const logger = { warn: vi.fn() };
    const sinks: RecordSink[] = [
      {
        name: 'broken',
        accept: () => {
          throw new Error('nope');
        },
      },
      { name: 'list', accept: (record) => received.push(record) },
    ];
    const gateway = testGateway([requestLog({ sinks, logger })]);
    expect((await chat(gateway, { model: 'mock/echo' })).response.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('broken'), expect.anything());
  });

  it('refuses invalid options at construction', () => {
    expect(() => requestLog({ adminKey: 'short' })).toThrow(/adminKey/);
    expect(() => requestLog({ maxIoCharacters: -1 })).toThrow(TypeError);
  });

  it('flushes the queue on gateway.close()', async () => {
    const store = new MemoryLogStore();
    const log = requestLog({ store, logger: quiet, queue: { flushIntervalMs: 60_000 } });
    const gateway = testGateway([log]);
    await chat(gateway, { model: 'mock/echo' });
    expect(store.size).toBe(0);
    await gateway.close();
    expect(store.size).toBe(1);
  });
});
