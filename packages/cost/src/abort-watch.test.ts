import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortWatch, type WatchedRequest } from './abort-watch.js';

function request(signal: AbortSignal): WatchedRequest & { expired: number } {
  return {
    signal,
    abortedAt: undefined,
    expired: 0,
    expire() {
      this.expired += 1;
    },
  };
}

describe('AbortWatch', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks an eighth of the grace period, 5 ms to 125 ms', () => {
    expect(new AbortWatch(1000).intervalMs).toBe(125);
    expect(new AbortWatch(5000).intervalMs).toBe(125);
    expect(new AbortWatch(80).intervalMs).toBe(10);
    expect(new AbortWatch(0).intervalMs).toBe(5);
  });

  it('expires an aborted request once, the grace period after it saw the abort', () => {
    const watch = new AbortWatch(1000);
    const controller = new AbortController();
    const watched = request(controller.signal);
    watch.watch(watched);
    vi.advanceTimersByTime(5000);
    expect(watched.expired).toBe(0); // not aborted: never expires
    controller.abort();
    vi.advanceTimersByTime(125); // the next check sees the abort
    expect(watched.abortedAt).toBe(Date.now());
    vi.advanceTimersByTime(875);
    expect(watched.expired).toBe(0);
    vi.advanceTimersByTime(125);
    expect(watched.expired).toBe(1);
    expect(watch.size).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(watched.expired).toBe(1);
  });

  it('a request aborted before it is watched counts from the watch', () => {
    const watch = new AbortWatch(100);
    const watched = request(AbortSignal.abort());
    watch.watch(watched);
    expect(watched.abortedAt).toBe(Date.now());
    vi.advanceTimersByTime(99);
    expect(watched.expired).toBe(0);
    vi.advanceTimersByTime(13);
    expect(watched.expired).toBe(1);
  });

  it('never expires a request that ended (unwatched) first, and stops its timer when idle', () => {
    const watch = new AbortWatch(100);
    const controller = new AbortController();
    const ended = request(controller.signal);
    const other = request(new AbortController().signal);
    watch.watch(ended);
    watch.watch(other);
    expect(vi.getTimerCount()).toBe(1); // one timer for all
    controller.abort();
    watch.unwatch(ended);
    watch.unwatch(other);
    vi.advanceTimersByTime(1000);
    expect(ended.expired).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    watch.watch(other);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('one failing expiry does not stop the others', () => {
    const watch = new AbortWatch(10);
    const failing = {
      ...request(AbortSignal.abort()),
      expire: () => {
        throw new Error('no');
      },
    };
    const watched = request(AbortSignal.abort());
    watch.watch(failing);
    watch.watch(watched);
    vi.advanceTimersByTime(20);
    expect(watched.expired).toBe(1);
    expect(watch.size).toBe(0);
  });
});
