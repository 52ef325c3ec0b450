import type { StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { AttemptAbort } from './attempt-abort.js';
import { type StreamWatcher, WatchedStream } from './watched-stream.js';

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 2, text: 2, reasoning: 0 },
};
const parts: StreamPart[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'hi' },
  { type: 'text-end', id: 't' },
  { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
];

/** A source that records whether it was told to stop; `hang` never answers its n-th read. */
function source(options: { hang?: number; fail?: number } = {}) {
  const state = { returned: false, reads: 0 };
  const iterable: AsyncIterable<StreamPart> = {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const index = state.reads;
        state.reads += 1;
        if (index === options.hang) return new Promise(() => {});
        if (index === options.fail) return Promise.reject(new Error('upstream broke'));
        const part = parts[index];
        return Promise.resolve(
          part ? { done: false, value: part } : ({ done: true, value: undefined } as const),
        );
      },
      return: async () => {
        state.returned = true;
        return { done: true, value: undefined } as const;
      },
    }),
  };
  return { iterable, state };
}

function watcher(abort?: AttemptAbort, signal = new AbortController().signal) {
  const events: string[] = [];
  const watch: StreamWatcher = {
    abort,
    signal: abort?.signal ?? signal,
    failure: (error) => new Error(`mapped: ${(error as Error).message}`),
    firstContent: () => events.push('first-content'),
    finished: (part) => events.push(`finish:${part.usage.outputTokens.total}`),
  };
  return { watch, events };
}

describe('WatchedStream', () => {
  it('passes every part through, reports the first content and the finish, and releases at the end', async () => {
    const abort = new AttemptAbort([]);
    const { iterable, state } = source();
    const { watch, events } = watcher(abort);
    const seen: string[] = [];
    for await (const part of new WatchedStream(iterable, watch)) seen.push(part.type);
    expect(seen).toEqual(parts.map((part) => part.type));
    expect(events).toEqual(['first-content', 'finish:2']);
    expect(abort.isArmed).toBe(false);
    expect(state.returned).toBe(false);
  });

  it('tells the source to stop when the consumer leaves early, and is done afterwards', async () => {
    const abort = new AttemptAbort([]);
    const { iterable, state } = source();
    const stream = new WatchedStream(iterable, watcher(abort).watch);
    for await (const part of stream) if (part.type === 'text-start') break;
    expect(state.returned).toBe(true);
    expect(abort.isArmed).toBe(false);
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('maps a failing read, then is done', async () => {
    const { iterable, state } = source({ fail: 1 });
    const stream = new WatchedStream(iterable, watcher().watch);
    await expect(stream.next()).resolves.toMatchObject({ done: false });
    await expect(stream.next()).rejects.toThrow('mapped: upstream broke');
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
    expect(state.returned).toBe(false);
  });

  it('races reads against the armed timers, and stops racing once disarmed', async () => {
    const armed = new AttemptAbort([]);
    armed.arm(5, () => new Error('slow'));
    const hung = new WatchedStream(source({ hang: 0 }).iterable, watcher(armed).watch);
    await expect(hung.next()).rejects.toThrow('mapped: slow');
    const disarmed = new AttemptAbort([]);
    disarmed.disarm();
    const stream = new WatchedStream(source().iterable, watcher(disarmed).watch);
    await expect(stream.next()).resolves.toMatchObject({ value: { type: 'stream-start' } });
  });

  it('rejects with the mapped error on throw()', async () => {
    const stream = new WatchedStream(source().iterable, watcher().watch);
    await expect(stream.throw(new Error('consumer'))).rejects.toThrow('mapped: consumer');
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
