import { describe, expect, it, vi } from 'vitest';
import { BatchQueue } from './batch-queue.js';

function silent() {
  return { warn: vi.fn() };
}

describe('BatchQueue', () => {
  it('sends full batches at once and the rest after the interval', async () => {
    const batches: number[][] = [];
    const queue = new BatchQueue<number>({
      name: 'test',
      batchSize: 3,
      flushIntervalMs: 20,
      send: async (batch) => {
        batches.push(batch);
      },
    });
    for (let index = 0; index < 7; index += 1) queue.push(index);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(batches.slice(0, 2)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(queue.stats()).toEqual({ queued: 0, sent: 7, dropped: 0, failedBatches: 0 });
  });

  it('drops a failed batch, counts it and warns once per interval', async () => {
    const logger = silent();
    const queue = new BatchQueue<number>({
      name: 'store',
      batchSize: 2,
      logger,
      send: async () => {
        throw new Error('connection refused');
      },
    });
    for (let index = 0; index < 6; index += 1) queue.push(index);
    await queue.flush();
    expect(queue.stats()).toEqual({ queued: 0, sent: 0, dropped: 6, failedBatches: 3 });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[0]).toContain('store: delivery failed');
    expect(logger.warn.mock.calls[0]?.[1]).toMatchObject({ error: 'connection refused' });
  });

  it('is bounded: beyond maxQueue new items are dropped, and push never waits', async () => {
    let release: () => void = () => {};
    const queue = new BatchQueue<number>({
      name: 'slow',
      batchSize: 1,
      maxQueue: 3,
      logger: silent(),
      send: () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    });
    const started = performance.now();
    for (let index = 0; index < 100; index += 1) queue.push(index);
    expect(performance.now() - started).toBeLessThan(50);
    expect(queue.stats().dropped).toBeGreaterThanOrEqual(96);
    release();
  });

  it('gives up on a send that hangs after sendTimeoutMs', async () => {
    const queue = new BatchQueue<number>({
      name: 'hanging',
      sendTimeoutMs: 20,
      logger: silent(),
      send: () => new Promise<void>(() => {}),
    });
    queue.push(1);
    await queue.flush();
    expect(queue.stats()).toMatchObject({ dropped: 1, failedBatches: 1 });
  });
});
